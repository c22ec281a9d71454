"""Safety Net: a supervision decision trainer.

Importing the package has no side effects (no pygame, no I/O); see docs/ for the design.
"""

__version__ = "0.1.0"
