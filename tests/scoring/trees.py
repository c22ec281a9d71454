"""Small v2 vignettes built directly from the content model, and hypothesis strategies for
generated ones, so scoring tests do not depend on the YAML loader or the shipped library."""

from __future__ import annotations

import hashlib

from hypothesis import strategies as st

from game.core.model import (
    Chance,
    CompetenceLevel,
    Curve,
    Decision,
    Effects,
    End,
    Level,
    Option,
    Outcome,
    Patient,
    Scenario,
    TraineeProfile,
    WindowTiming,
)

LADDER_SHARE = {Level.WATCH: 0.0, Level.PROBE: 0.3, Level.CUE: 0.6, Level.GUIDE: 0.8,
                Level.TAKEOVER: 1.0}
"""How much of the risk each rung prevents in generated trees (higher rungs prevent more)."""


def profile(pid: str, levels: list[tuple[float, float]], confidence: float = 0.5):
    return TraineeProfile(pid, pid, "test", "test", confidence,
                          tuple(CompetenceLevel(v, p) for v, p in levels))


PROFILES = (profile("low", [(0.3, 1.0)]), profile("high", [(0.8, 1.0)]),
            profile("unknown", [(0.3, 0.5), (0.8, 0.5)]))


def scenario(nodes: list, start: str, difficulty: float = 0.6, supervision: str = "direct",
             trainees=PROFILES, limits=None) -> Scenario:
    return Scenario(
        id="gen", title="Generated", summary="s", category="technical", specialty="t",
        setting="t", supervision=supervision, minutes=1, difficulty=difficulty,
        procedure_view="generic", patient=Patient("P (fictional)", "40", "s"),
        trainees=tuple(trainees), objectives=("o",), debrief_prompts=(), sources={},
        attempt_limits=limits or {}, start=start, nodes={n.id: n for n in nodes},
        content_sha256=hashlib.sha256(repr((nodes, start, difficulty, supervision, trainees,
                                            limits)).encode()).hexdigest())
    # a real content hash: caches keyed by it (solve_cached) must not mix generated trees


def risky_step(i: int, rungs: tuple[Level, ...], q_low: float, q_high: float, grade: str,
               l0: float, nxt: str, timing: WindowTiming | None = None,
               window: int = 30, experienced: bool = True) -> list:
    """Decision i: each rung leads to a chance node where the mistake happens with
    probability (1 - share(rung)) * q(c), q falling from q_low to q_high with competence."""
    nodes = []
    options = []
    for r in rungs:
        keep = 1 - LADDER_SHARE[r]
        cid = f"c{i}_{r.value}"
        nodes.append(Chance(cid, "chance", outcomes=(
            Outcome("bad", keep * q_low, keep * q_high, nxt, "bad",
                    Effects(harm=(grade,), experienced_error=experienced)),
            Outcome("good", 1 - keep * q_low, 1 - keep * q_high, nxt, "good"))))
        options.append(Option(r.value, r, r.value, "", cid))
    nodes.append(Decision(f"d{i}", "decision", window_ticks=window, learning_value=l0,
                          options=tuple(options), default=rungs[0].value, timing=timing))
    return nodes


def end(eid: str = "end", feedback: str = "structured") -> End:
    return End(eid, "end", title=eid, feedback=feedback)


rungs = st.lists(st.sampled_from(list(Level)), min_size=2, max_size=4, unique=True).map(
    lambda rs: tuple(sorted(rs, key=lambda r: r.rank)))
GRADES = ("minor-2", "CD-I", "ClassIntra-II", "CD-II", "delay-30min")


@st.composite
def chains(draw, max_len: int = 3):
    """A chain of independent risky steps (rungs prevent more the higher they are)."""
    n = draw(st.integers(1, max_len))
    nodes: list = [end()]
    for i in reversed(range(n)):
        q_low = draw(st.floats(0.2, 0.9))
        q_high = draw(st.floats(0.0, q_low))
        nodes += risky_step(i, draw(rungs), q_low, q_high, draw(st.sampled_from(GRADES)),
                            draw(st.floats(1, 12)), f"d{i + 1}" if i + 1 < n else "end")
    return scenario(nodes, "d0", difficulty=draw(st.floats(0.1, 0.9)))


def window_timing(sc_early: float, sc_total: float, err_early: float, err_total: float,
                  seconds: float, on_sc: str, on_err: str) -> WindowTiming:
    """Self-correction front-loaded, the mistake back-loaded: both rise with time."""
    mid = seconds / 3
    return WindowTiming(Curve(((0.0, 0.0), (mid, sc_early), (seconds, sc_total))),
                        Curve(((0.0, 0.0), (mid, err_early), (seconds, err_total))),
                        on_sc, on_err, assumption="generated")


def timed_window(sc_early=0.25, sc_total=0.35, err_early=0.01, err_total=0.6, l0=8.0,
                 grade="CD-II", seconds=12.0, extra_option: Level | None = None) -> Scenario:
    """One timed decision: stepping in (cue) ends well; the trainee may self-correct
    (full learning) or make the mistake (harm, an experienced error), debriefed."""
    timing = window_timing(sc_early, sc_total, err_early, err_total, seconds, "end_sc",
                           "c_err")
    options = [Option("watch", Level.WATCH, "Watch", "", "c_err",
                      Effects(experienced_error=True)),
               Option("cue", Level.CUE, "Cue", "", "end_ok"),
               Option("takeover", Level.TAKEOVER, "Take over", "", "end_ok")]
    if extra_option is not None:
        options.insert(1, Option(extra_option.value, extra_option, "x", "", "end_ok"))
    nodes = [
        Decision("d", "decision", window_ticks=round(seconds * 10), learning_value=l0,
                 options=tuple(options), timing=timing),
        Chance("c_err", "chance", outcomes=(
            Outcome("harmed", 0.7, 0.4, "end_bad", "harm", Effects(harm=(grade,))),
            Outcome("caught", 0.3, 0.6, "end_bad", "caught", Effects(harm=("minor-1",))))),
        end("end_sc"), end("end_ok"), end("end_bad")]
    return scenario(nodes, "d")
