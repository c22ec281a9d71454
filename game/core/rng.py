"""The only source of randomness: one numpy Generator per session, its state kept *in* the
session state so that a state value alone determines every future draw."""

from __future__ import annotations

import numpy as np

RngState = tuple[int, int, int, int]


def initial_rng_state(seed: int) -> RngState:
    return rng_state(np.random.Generator(np.random.PCG64(seed)))


def rng_state(gen: np.random.Generator) -> RngState:
    st = gen.bit_generator.state
    return (int(st["state"]["state"]), int(st["state"]["inc"]), int(st["has_uint32"]),
            int(st["uinteger"]))


def generator_from(state: RngState) -> np.random.Generator:
    bit_gen = np.random.PCG64()
    bit_gen.state = {
        "bit_generator": "PCG64",
        "state": {"state": state[0], "inc": state[1]},
        "has_uint32": state[2],
        "uinteger": state[3],
    }
    return np.random.Generator(bit_gen)


_MULTIPLIER = 0x2360ED051FC65DA44385DF649FCCF645
"""PCG64's 128-bit LCG multiplier (numpy's PCG_DEFAULT_MULTIPLIER_128)."""
_MASK128, _MASK64 = (1 << 128) - 1, (1 << 64) - 1


def draw_uniform(state: RngState) -> tuple[float, RngState]:
    """One uniform draw in [0, 1) and the generator state after it: exactly what
    `generator_from(state).random()` gives (numpy's PCG64 step: advance the 128-bit LCG,
    XSL-RR output, its top 53 bits), computed without building a numpy generator for one
    number, which cost 0.15-0.2 ms in the frame a chance node resolves in (issue 17).
    `tests/core/test_rng_draw.py` checks it against numpy's own generator."""
    advanced = (state[0] * _MULTIPLIER + state[1]) & _MASK128
    rot = advanced >> 122
    folded = ((advanced >> 64) ^ advanced) & _MASK64
    out = ((folded >> rot) | (folded << (-rot & 63))) & _MASK64
    return (out >> 11) * (1.0 / 9007199254740992.0), (advanced, state[1], state[2], state[3])


def pick(weights: list[float], u: float) -> int:
    """Index chosen by inverse-CDF sampling of `weights` with the uniform draw `u`."""
    total = sum(weights)
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w / total
        if u < acc:
            return i
    return max(i for i, w in enumerate(weights) if w > 0)
