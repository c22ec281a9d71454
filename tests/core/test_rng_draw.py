"""`core.rng.draw_uniform` is numpy's PCG64 `random()`, draw for draw: same value, same state
after it, from any state (seeded, part-used 32-bit buffers, states after long runs)."""

from __future__ import annotations

import numpy as np

from game.core.rng import draw_uniform, generator_from, initial_rng_state, rng_state


def numpy_draw(state):
    gen = generator_from(state)
    return float(gen.random()), rng_state(gen)


def test_every_draw_equals_numpys_own_generator():
    for seed in (0, 1, 7, 2**31 - 1, 2**63 + 5, 10**30):
        state = initial_rng_state(seed)
        for _ in range(300):
            ours = draw_uniform(state)
            assert ours == numpy_draw(state), seed
            assert 0.0 <= ours[0] < 1.0
            state = ours[1]


def test_a_state_with_a_buffered_32_bit_half_is_kept_as_numpy_keeps_it():
    gen = np.random.Generator(np.random.PCG64(11))
    gen.integers(0, 2**32, dtype=np.uint32)  # leaves half a 64-bit output buffered
    state = rng_state(gen)
    assert state[2] == 1
    for _ in range(50):
        ours = draw_uniform(state)
        assert ours == numpy_draw(state)
        state = ours[1]


def test_random_states_from_the_whole_range():
    pick = np.random.Generator(np.random.PCG64(3))
    for _ in range(500):
        state = (int(pick.integers(0, 2**63)) << 65 | int(pick.integers(0, 2**63)),
                 int(pick.integers(0, 2**63)) << 1 | 1, 0, 0)
        assert draw_uniform(state) == numpy_draw(state)
