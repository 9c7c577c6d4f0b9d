"""Strings of the store area."""

STRINGS: dict[str, dict[str, str]] = {}
