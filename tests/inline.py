"""A tiny vignette written inline, so core tests do not depend on the shipped library."""

from __future__ import annotations

from game.content.loader import load_scenario_text

TINY_YAML = """\
schema_version: 1
id: tiny
title: Tiny
summary: A two-decision test vignette.
category: technical
specialty: Test
setting: Test bench
supervision: direct
minutes: 1
attempt_limits: {tries: 2}
patient: {name: Test Patient (fictional), age: 40, summary: Fictional.}
trainees:
  - {id: junior, name: J, level: PGY1, summary: s, confidence: 0.8, competence: 0.3}
  - {id: senior, name: S, level: PGY4, summary: s, confidence: 0.4, competence: 0.7}
  - id: unknown
    name: U
    level: locum
    summary: s
    confidence: 0.6
    competence: [{value: 0.3, p: 0.5}, {value: 0.7, p: 0.5}]
objectives: [Test]
sources:
  teach: {citation: "Teaching assumption for tests"}
start: intro
nodes:
  intro:
    kind: beat
    text: Intro.
    duration: 2
    next: d1
  d1:
    kind: decision
    cue: Mistake imminent.
    window: 5
    learning_value: 4
    assumption: test
    options:
      - {id: watch, level: watch, label: Watch, next: c1}
      - {id: probe, level: probe, label: Ask, next: c_probe}
      - {id: cue, level: cue, label: Cue, next: d2}
      - {id: takeover, level: takeover, label: Take over, next: end_ok}
  c_probe:
    kind: chance
    assumption: test
    outcomes:
      - {id: sees, p: {low: 0.2, high: 0.9}, learning: 2, next: d2}
      - {id: misses, p: {low: 0.8, high: 0.1}, next: c1}
  c1:
    kind: chance
    assumption: test
    outcomes:
      - {id: err, p: {low: 0.7, high: 0.3}, harm: [minor-2], experienced_error: true,
         attempts: [tries], learning: 2, next: d2}
      - {id: fine, p: {low: 0.3, high: 0.7}, attempts: [tries], next: d2}
  d2:
    kind: decision
    cue: Second mistake imminent.
    window: 4
    learning_value: 3
    assumption: test
    options:
      - {id: watch, level: watch, label: Watch, next: c2}
      - {id: cue, level: cue, label: Cue, next: end_ok}
  c2:
    kind: chance
    assumption: test
    outcomes:
      - {id: bad, p: {low: 0.6, high: 0.05}, harm: [minor-3], next: end_bad}
      - {id: good, p: {low: 0.4, high: 0.95}, learning: 4, next: end_ok}
  end_ok: {kind: end, title: Fine, text: All well.}
  end_bad: {kind: end, title: Bad, text: Harm.}
"""


def load_text(text: str, name: str = "tiny.yaml"):
    return load_scenario_text(text.encode("utf-8"), name)
