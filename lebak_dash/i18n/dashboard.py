"""Strings of the dashboard area."""

STRINGS: dict[str, dict[str, str]] = {}
