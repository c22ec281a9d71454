"""Pure scoring model: harm scales, learning gain, safety rules, exact solver, Monte Carlo."""
