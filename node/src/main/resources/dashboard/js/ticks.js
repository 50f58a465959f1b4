// Round axis steps: 1, 2 or 5 times a power of ten, and calendar-friendly steps for time.

/** About `count` round values covering [min, max]. */
export function niceTicks(min, max, count) {
  if (!(max > min)) {
    return [min];
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const ticks = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) {
    ticks.push(Number(v.toFixed(10)));
  }
  return ticks;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TIME_STEPS = [
  MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE,
  HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR,
  DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY,
];

/** About `count` instants (ms since the epoch) on round UTC boundaries within [from, to]. */
export function timeTicks(from, to, count) {
  const raw = (to - from) / Math.max(1, count);
  const step = TIME_STEPS.find((s) => s >= raw) || TIME_STEPS[TIME_STEPS.length - 1];
  const ticks = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    ticks.push(t);
  }
  return { ticks, step };
}

/**
 * The label of a time tick: the time of day, with the date at midnight, on the first tick (`dated`)
 * or alone on a span of days.
 */
export function timeLabel(t, step, dated = false) {
  const iso = new Date(t).toISOString();
  const day = iso.slice(5, 10);
  const clock = iso.slice(11, 16);
  if (step >= DAY) {
    return day;
  }
  return clock === "00:00" || dated ? `${day} ${clock}` : clock;
}
