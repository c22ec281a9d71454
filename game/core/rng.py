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


def draw_uniform(state: RngState) -> tuple[float, RngState]:
    """One uniform draw in [0, 1) and the generator state after it."""
    gen = generator_from(state)
    value = float(gen.random())
    return value, rng_state(gen)


def pick(weights: list[float], u: float) -> int:
    """Index chosen by inverse-CDF sampling of `weights` with the uniform draw `u`."""
    total = sum(weights)
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w / total
        if u < acc:
            return i
    return max(i for i, w in enumerate(weights) if w > 0)
