"""YAML scenario files -> validated, immutable `core.model.Scenario` values."""
