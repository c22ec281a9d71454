"""Bedside monitor for the generic view: numbers, waveforms, warning words, sedation scale.

A flat capnography trace is how an oesophageal intubation is recognised, so the EtCO2 channel
is drawn flat whenever the value is 0 (and shows "NO CO2"), or when a monitor is on but no
EtCO2 is given (no line attached: "--"). Abnormal values carry a word (LOW / HIGH) as well as
a colour. Thresholds follow NEWS2-style adult cut-offs unless `age_group` is "child".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pygame

from game.ui.kit.theme import Theme
from game.ui.procedures._kit import (
    Colour,
    first_text,
    flag,
    has,
    lines_height,
    measure,
    minor_px,
    num,
    pick,
    t,
    tag,
    text,
)
from game.ui.procedures._labels import spot

VITALS = ("hr", "spo2", "rr", "etco2", "bp")
SEDATION = ("minimal", "moderate", "deep", "general")


def sedation_word(level: str, short: bool = False) -> str:
    """A step of the sedation continuum in the player's language (or its usual short form)."""
    if short:
        return {"minimal": t("min"), "moderate": t("mod"), "deep": t("deep"),
                "general": t("GA")}[level]
    return {"minimal": t("minimal"), "moderate": t("moderate"), "deep": t("deep"),
            "general": t("general")}[level]


TRACE = {"hr": (90, 220, 120), "spo2": (90, 200, 235), "etco2": (240, 210, 80),
         "rr": (235, 235, 235), "bp": (236, 140, 130)}
RANGES = {"adult": {"hr": (50, 110), "spo2": (94, 101), "rr": (10, 24), "sys": (101, 179)},
          "child": {"hr": (60, 140), "spo2": (94, 101), "rr": (15, 32), "sys": (81, 160)}}


@dataclass(frozen=True)
class Reading:
    name: str
    value: str
    warning: str          # "" when in range
    key: str


def shows_monitor(state: Mapping) -> bool:
    return flag(state, "monitor") or any(has(state, k) for k in VITALS)


def _band(value: float, lo: float, hi: float) -> str:
    return t("LOW") if value < lo else t("HIGH") if value > hi else ""


def readings(state: Mapping) -> list[Reading]:
    """Each vital as text plus a warning word; absent vitals show as '--'."""
    r = RANGES[pick(state, "age_group", ("adult", "child"), "adult")]
    out = []
    for key, name in (("hr", t("HR")), ("spo2", t("SpO2 %")), ("rr", t("RR"))):
        if has(state, key):
            v = num(state, key, 0)
            out.append(Reading(name, f"{v:.0f}", _band(v, *r[key]), key))
        else:
            out.append(Reading(name, "--", "", key))
    out.append(_etco2(state))
    out.append(_bp(state, r["sys"]))
    return out


def _etco2(state: Mapping) -> Reading:
    if not has(state, "etco2"):
        return Reading(t("EtCO2"), "--", "", "etco2")
    v = num(state, "etco2", 0)
    if v <= 0:
        return Reading(t("EtCO2"), "0", t("NO CO2"), "etco2")
    unit, lo, hi = ("mmHg", 35, 45) if v > 15 else ("kPa", 4.5, 6.0)
    shown = f"{v:.0f}" if unit == "mmHg" else t("{kpa:.1f}", kpa=v)  # a decimal comma in German
    return Reading(t("EtCO2 {unit}", unit=unit), shown, _band(v, lo, hi), "etco2")


def _bp(state: Mapping, sys_range: tuple[float, float]) -> Reading:
    if not has(state, "bp"):
        return Reading(t("BP"), "--", "", "bp")
    raw = str(state["bp"]).strip()
    try:
        systolic = float(raw.split("/")[0])
    except ValueError:
        return Reading(t("BP"), raw[:9], "", "bp")
    return Reading(t("BP"), raw[:9], _band(systolic, *sys_range), "bp")


# ----------------------------------------------------------------------------- waveforms
ECG_BEAT = ((0.0, 0.0), (0.08, 0.0), (0.12, 0.12), (0.16, 0.0), (0.22, 0.0), (0.24, -0.1),
            (0.27, 1.0), (0.30, -0.25), (0.33, 0.0), (0.45, 0.0), (0.52, 0.25), (0.6, 0.0))


def ecg(surface: pygame.Surface, box: pygame.Rect, rate_per_min: float, time_s: float,
        colour: Colour, seconds: float = 4.0) -> None:
    """ECG built beat by beat from a template, so the QRS spike never falls between samples."""
    base = box.bottom - 3 - (box.h - 6) * 0.2
    amp = (box.h - 6) * 0.8
    if rate_per_min <= 0:
        pygame.draw.line(surface, colour, (box.x, base), (box.right, base), 2)
        return
    period = 60.0 / rate_per_min
    squeeze = min(1.0, period / 0.65)
    start = time_s - seconds
    first = math.floor(start / period)
    pts: list[tuple[float, float]] = []
    for beat in range(first, first + int(seconds / period) + 2):
        t0 = beat * period
        for dt, v in ECG_BEAT:
            x = box.x + (t0 + dt * squeeze - start) / seconds * box.w
            if box.x <= x <= box.right:
                pts.append((x, base - amp * v))
    if len(pts) > 1:
        pygame.draw.lines(surface, colour, False, pts, 2)


def _pleth(t: float) -> float:
    return math.exp(-((t - 0.3) / 0.12) ** 2) + 0.35 * math.exp(-((t - 0.62) / 0.08) ** 2)


def _capno(t: float) -> float:
    """Square-ish capnogram: expiratory upstroke, sloping plateau, inspiratory downstroke."""
    if t < 0.1 or t > 0.68:
        return 0.0
    if t < 0.16:
        return (t - 0.1) / 0.06 * 0.85
    if t > 0.62:
        return (0.68 - t) / 0.06 * 0.95
    return 0.85 + 0.1 * (t - 0.16) / 0.46


def trace(surface: pygame.Surface, box: pygame.Rect, shape: Callable[[float], float],
          rate_per_min: float, time_s: float, colour: Colour, height: float = 1.0,
          seconds: float = 4.0) -> None:
    """A scrolling waveform; flat when rate or height is zero."""
    base = box.bottom - 3
    amp = (box.h - 6) * max(0.0, min(1.0, height))
    if rate_per_min <= 0 or amp < 1:
        pygame.draw.line(surface, colour, (box.x, base), (box.right, base), 2)
        return
    period = 60.0 / rate_per_min
    step = 3
    pts = []
    for x in range(box.x, box.right + 1, step):
        at = time_s - (box.right - x) / box.w * seconds
        pts.append((x, base - amp * shape((at / period) % 1.0)))
    pygame.draw.lines(surface, colour, False, pts, 2)


def waveform(surface: pygame.Surface, key: str, box: pygame.Rect, rate: float,
             time_s: float, height: float) -> None:
    """ECG, pleth or capnogram; capnography sweeps slower (12 s) as on real monitors."""
    window = max(2.0, box.w / 50)
    if key == "hr":
        ecg(surface, box, rate, time_s, TRACE[key], window)
    elif key == "spo2":
        trace(surface, box, _pleth, rate, time_s, TRACE[key], height, window)
    else:
        trace(surface, box, _capno, rate, time_s, TRACE[key], height, seconds=12.0)


def capno_height(state: Mapping) -> float:
    """Trace height from EtCO2 (flat if absent or 0), scaled to a normal ~5.3 kPa / 40 mmHg."""
    if not has(state, "etco2"):
        return 0.0
    v = num(state, "etco2", 0)
    normal = 40.0 if v > 15 else 5.3
    return max(0.0, min(1.0, v / normal * 0.8))


# ----------------------------------------------------------------------------- sedation
def sedation_scale(surface: pygame.Surface, box: pygame.Rect, level: str, theme: Theme,
                   px: int) -> None:
    """Four labelled steps of the ASA continuum with the current one marked and named; the
    steps' words use the usual short forms when the full ones do not fit a step."""
    p = theme.palette
    title_h = lines_height(theme, px, 1, bold=True)
    text(surface, t("Sedation: {level}", level=sedation_word(level)),
         pygame.Rect(box.x, box.y, box.w, title_h), theme,
         p.warn if level in ("deep", "general") else p.text, px, bold=True, align="left")
    bar = pygame.Rect(box.x, box.y + title_h + 2, box.w, max(10, box.h - title_h - 4))
    seg = bar.w / len(SEDATION)
    small = minor_px(theme, px)
    full = all(measure(sedation_word(w), round(seg) - 6, theme, small, True) is not None
               for w in SEDATION)
    for i, word in enumerate(SEDATION):
        cell = pygame.Rect(round(bar.x + i * seg) + 1, bar.y, round(seg) - 2, bar.h)
        current = word == level
        fill = (p.warn if i >= 2 else p.accent) if current else p.panel
        pygame.draw.rect(surface, fill, cell, border_radius=6)
        pygame.draw.rect(surface, p.muted, cell, 1, border_radius=6)
        ink = (20, 20, 20) if current else p.muted
        text(surface, sedation_word(word, short=not full), cell.inflate(-4, -2), theme, ink, small,
             bold=current)


# ----------------------------------------------------------------------------- the screen
def monitor_need(theme: Theme, px: int) -> int:
    """The least height the monitor can show its five numbers in (one line each, in rows)."""
    return 4 * (lines_height(theme, px + 2, 1, True) + 4) + lines_height(theme, px, 1) + 14


def draw_monitor(surface: pygame.Surface, box: pygame.Rect, state: Mapping, theme: Theme,
                 px: int, time_s: float) -> None:
    """Traces with numbers when a monitor is on; an observations card when monitor is false."""
    p = theme.palette
    live = flag(state, "monitor", True)
    pygame.draw.rect(surface, (10, 14, 18), box, border_radius=10)
    pygame.draw.rect(surface, p.muted, box, 2, border_radius=10)
    inner = box.inflate(-12, -10)
    small = minor_px(theme, px)
    title_h = lines_height(theme, small, 1)
    body = pygame.Rect(inner.x, inner.y + title_h + 2, inner.w, inner.h - title_h - 2)
    values = {r.key: r for r in readings(state)}
    if live:
        _live(surface, body, values, state, theme, px, time_s)
    else:
        _card(surface, body, list(values.values()), theme, px)
    titles = (t("Monitor"),) if live else (t("Observations (no monitor on)"),
                                           t("Observations"))
    first_text(surface, titles, [pygame.Rect(inner.x, inner.y, inner.w, title_h)], theme,
               p.muted, small, align="left")


def _live(surface: pygame.Surface, body: pygame.Rect, values: dict[str, Reading],
          state: Mapping, theme: Theme, px: int, time_s: float) -> None:
    """Three traces with their numbers, RR and BP below; the numbers are placed first."""
    bottom_h = 2 * px + 12 if body.h > 8 * px else lines_height(theme, px + 2, 1, True) + 4
    row_h = max(1, (body.h - bottom_h) // 3)
    rates = {"hr": num(state, "hr", 0) if has(state, "hr") else 0,
             "spo2": num(state, "hr", 0) if has(state, "spo2") else 0,
             "etco2": num(state, "rr", 12) if has(state, "etco2") else 0}
    need = max(_worded_width(values[k], theme, px) for k in ("hr", "spo2", "etco2"))
    for i, key in enumerate(("hr", "spo2", "etco2")):
        row = pygame.Rect(body.x, body.y + i * row_h, body.w, max(1, row_h - 4))
        # the numbers and their warning words before the traces: a trace narrower than
        # 40 px says nothing and gives its room to the words
        split = min(int(row.w * (0.55 if row.w > 240 else 0.36)), row.w - need)
        split = split if split >= 40 else 0
        height = capno_height(state) if key == "etco2" else 0.9
        wave = pygame.Rect(row.x, row.y + 4, max(1, split - 8), max(1, row.h - 8))
        _number(surface, pygame.Rect(row.x + split, row.y, row.w - split, row.h), values[key],
                theme, px, spare=wave if split else None)
        if split:
            waveform(surface, key, wave, rates[key], time_s, height)
    low = pygame.Rect(body.x, body.bottom - bottom_h, body.w, bottom_h)
    half = low.w // 2
    _number(surface, pygame.Rect(low.x, low.y, half - 4, low.h), values["rr"], theme, px)
    _number(surface, pygame.Rect(low.x + half, low.y, low.w - half, low.h), values["bp"],
            theme, px)


def _card(surface: pygame.Surface, body: pygame.Rect, values: list[Reading], theme: Theme,
          px: int) -> None:
    rows = (len(values) + 1) // 2
    cell_h = body.h // rows
    for i, reading in enumerate(values):
        col, row = i % 2, i // 2
        w = body.w // 2
        _number(surface, pygame.Rect(body.x + col * w, body.y + row * cell_h, w - 4,
                                     cell_h - 4), reading, theme, px)


def _number(surface: pygame.Surface, cell: pygame.Rect, reading: Reading, theme: Theme,
            px: int, spare: pygame.Rect | None = None) -> None:
    """The name above a big value, or name and value on one line when the cell is short (a
    value never wraps: it takes a smaller display size, never below the labels'); then the
    warning word beside them, over `spare` (the trace's corner) or wherever it fits."""
    colour = TRACE.get(reading.key, theme.palette.text)
    value_colour = theme.palette.warn if reading.warning else colour
    if _name_and_value(surface, cell, reading, theme, px, colour, value_colour) == "worded":
        return
    if not reading.warning:
        return
    for place, at in ((cell, cell.topright), (spare, spare.topright if spare else None),
                      (cell, cell.bottomright)):
        if place is not None and at is not None and \
                tag(surface, reading.warning, at, theme, (20, 20, 20), theme.palette.warn,
                    minor_px(theme, px), place,
                    where="topright" if at != cell.bottomright else "bottomright"):
            return


def words_width(state: Mapping, theme: Theme, px: int) -> int:
    """The width the monitor's numbers column needs (each trace's number and warning word
    on one line, at the label size), plus its border."""
    values = {r.key: r for r in readings(state)}
    return max(_worded_width(values[k], theme, px) for k in ("hr", "spo2", "etco2")) + 12


def _worded_width(reading: Reading, theme: Theme, px: int) -> int:
    """Width of the reading on one line with its warning word, at the label size."""
    words = f"{reading.name.split()[0]} {reading.value} {reading.warning}".strip()
    got = measure(words, 10**4, theme, px, True)
    return (got[0] if got else 0) + 4


def _name_and_value(surface: pygame.Surface, cell: pygame.Rect, reading: Reading,
                    theme: Theme, px: int, colour: Colour, value_colour: Colour) -> str:
    """"big" (name above the value), "line" (on one line), "worded" (one line with the
    warning word: no tag needed) or "" (nothing fitted)."""
    name_px = minor_px(theme, px, 3)
    name_box = pygame.Rect(cell.x, cell.y, cell.w, lines_height(theme, name_px, 1))
    under = pygame.Rect(cell.x, name_box.bottom, cell.w, cell.bottom - name_box.bottom)
    for value_px in (px + 12, px + 2, px):
        name = spot(reading.name, name_box, theme, name_px, align="left")
        value = spot(reading.value, under, theme, value_px, True, align="left")
        if name and value and not name.colliderect(value) and under.h > 0:
            text(surface, reading.name, name_box, theme, colour, name_px, align="left")
            text(surface, reading.value, under, theme, value_colour, value_px, True, "left")
            return "big"
    words = f"{reading.name.split()[0]} {reading.value}"
    line = pygame.Rect(cell.x, cell.y, cell.w, lines_height(theme, px + 2, 1, True))
    tries = [(f"{words} {reading.warning}", "worded")] if reading.warning else []
    for wording, kind in [*tries, (words, "line")]:
        for value_px in (px + 2, px):
            if text(surface, wording, line.clip(cell), theme, value_colour, value_px, True,
                    "left"):
                return kind
    return ""


def vitals_line(surface: pygame.Surface, box: pygame.Rect, state: Mapping, theme: Theme,
                px: int) -> None:
    """The readings in words, for a picture too small for the monitor: every reading, or
    only the abnormal ones when all of them do not fit whole."""
    values = readings(state)
    full = " · ".join(f"{r.name.split()[0]} {r.value}" + (f" {r.warning}" if r.warning else "")
                      for r in values if r.value != "--")
    alarms = " · ".join(f"{r.name.split()[0]} {r.value} {r.warning}" for r in values
                        if r.warning)
    colour = theme.palette.warn if alarms else theme.palette.text
    first_text(surface, tuple(w for w in (full, alarms) if w), [box], theme, colour, px,
               bold=True, align="left")
