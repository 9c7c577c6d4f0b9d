"""Excel column letters and positions (``A`` is 0, ``AB`` is 27)."""

from __future__ import annotations


def column_letter(index: int) -> str:
    """Return the Excel letter of a 0-based column position.

    Examples
    --------
    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """Return the 0-based position of an Excel column letter (``b"AB"`` -> 27)."""
    text = letters.decode() if isinstance(letters, bytes) else letters
    value = 0
    for ch in text:
        value = value * 26 + ord(ch) - 64
    return value - 1
