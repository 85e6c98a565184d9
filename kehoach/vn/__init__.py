"""The written forms of the official format, each defined once with its writer and parser."""
