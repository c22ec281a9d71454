"""Entrustment rating step (O-SCORE) before the outcome."""
