"""The command line: ``python -m lebak_dash --help``."""
