// Builds HTML and SVG elements without innerHTML, so no value from the node is
// ever parsed as markup.

const SVG_NS = "http://www.w3.org/2000/svg";

function fill(element, attrs, children) {
  for (const [key, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (key === "class") {
      element.setAttribute("class", v);
    } else if (key === "text") {
      element.textContent = v;
    } else if (key.startsWith("on")) {
      element.addEventListener(key.slice(2), v);
    } else {
      element.setAttribute(key, v === true ? "" : String(v));
    }
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

/** An HTML element: h("td", {class: "num"}, "42"). */
export function h(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/** An SVG element: s("circle", {cx: 1, cy: 2, r: 3}). */
export function s(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** Replaces the children of `parent`. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return fill(parent, {}, children);
}
