"""`python -m game` behaves exactly like the `safetynet` console script."""

import sys

from game.cli import main

sys.exit(main())
