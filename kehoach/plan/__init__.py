"""The plan: typed model, YAML read with positions, YAML written, units registry."""
