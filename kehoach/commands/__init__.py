"""One module per command of `kehoach` (see `kehoach/cli.py`)."""
