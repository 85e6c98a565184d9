"""The domain rules: every data file under `kehoach/data/` as a typed object."""
