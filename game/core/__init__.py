"""The pure, deterministic simulation core: no pygame, no YAML, no file I/O."""
