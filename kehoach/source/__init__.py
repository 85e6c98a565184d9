"""Reading YAML with the position of every value, and checking it against a typed model:
the layer under the data files (`rules/`) and the plans (`plan/`)."""
