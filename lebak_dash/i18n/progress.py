"""Strings of the progress area."""

STRINGS: dict[str, dict[str, str]] = {}
