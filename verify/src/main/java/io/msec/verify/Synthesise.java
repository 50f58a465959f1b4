package io.msec.verify;

import io.msec.verify.internal.fsp.Ast.ControllerDef;
import io.msec.verify.internal.fsp.Ast.ControllerSpec;
import io.msec.verify.internal.fsp.Ast.LabelSet;
import io.msec.verify.internal.fsp.Definitions;
import io.msec.verify.internal.game.Synthesis;
import io.msec.verify.internal.lts.Exploration;
import io.msec.verify.internal.lts.Explorer;
import io.msec.verify.internal.lts.Product;
import java.time.Duration;
import java.util.Set;

/** Resolves a controller declaration or goal and runs synthesis on the composed arena. */
final class Synthesise {
  private Synthesise() {}

  static SynthesisResult run(FspModel model, String name, String plant, Explorer.Options opts) {
    long start = System.nanoTime();
    Definitions defs = model.definitions();
    ControllerDef def = defs.controllers().get(name);
    String goal = def != null ? def.spec() : name;
    String target = def != null ? def.plant() : plant;
    ControllerSpec spec = defs.specs().get(goal);
    if (spec == null) {
      throw new VerifyException(
          "unknown-process", "no controller or controllerSpec named '" + name + "'");
    }
    if (target == null) {
      target = model.defaultProcess();
    }
    Product arena = model.compiler().productWith(target, spec.safety());
    Exploration e = Explorer.explore(arena, opts);
    Lts lts = e.toLts();
    Set<String> controllable = names(defs, spec.controllable());
    Synthesis.Outcome o =
        Synthesis.run(
            lts,
            def != null ? def.name() : goal,
            controllable,
            names(defs, spec.liveness()),
            names(defs, spec.assumption()),
            names(defs, spec.reach()));
    return new SynthesisResult(
        def != null ? def.name() : goal,
        o.realisable(),
        o.controller(),
        controllable,
        o.counterPlay(),
        lts.stateCount(),
        lts.transitionCount(),
        o.winningStates(),
        Duration.ofNanos(System.nanoTime() - start));
  }

  private static Set<String> names(Definitions defs, LabelSet set) {
    return set == null ? Set.of() : Set.copyOf(defs.names(set));
  }
}
