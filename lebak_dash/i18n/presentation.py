"""Strings of the presentation area."""

STRINGS: dict[str, dict[str, str]] = {}
