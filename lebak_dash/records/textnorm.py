"""Text normalisation used to match what people type against known names.

Workbooks are typed by hand: ``Dinkes``, ``DINAS  KESEHATAN``, ``Dinas Kesehatan:`` and
``Dinas\u00a0Kesehatan`` must all meet the same key. Two keys are used:

* :func:`spaced_key` keeps word boundaries (needed to split on the word ``dan``);
* :func:`compact_key` drops every non-alphanumeric character, so spacing and punctuation
  never matter (``Rangkas Bitung`` == ``Rangkasbitung``, ``Pol. PP`` == ``Pol PP``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

#: A cell holding only this means "nothing here" (IID writes it for every empty field).
EMPTY_MARK = "-"
# Zero-width characters survive NFKC and are invisible in Excel; drop them outright.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_NON_ALNUM = re.compile(r"[\W_]+", re.UNICODE)


def clean_text(value: str) -> str:
    """Return `value` with Unicode normalised, invisible characters removed and spaces collapsed.

    Parameters
    ----------
    value : str
        Text as read from a cell.

    Returns
    -------
    str
        NFKC-normalised text (non-breaking spaces become plain spaces), without zero-width
        characters, with runs of whitespace collapsed to one space and no surrounding space.

    Examples
    --------
    >>> clean_text("  Dinas\\u00a0 Kesehatan\\u200b ")
    'Dinas Kesehatan'
    """
    if value.isascii():  # NFKC and the zero-width table change nothing in ASCII
        return " ".join(value.split())
    text = unicodedata.normalize("NFKC", value).translate(_ZERO_WIDTH)
    return " ".join(text.split())


# The same cleaning as clean_text, as Arrow kernels for whole columns (RE2 syntax). The class lists
# what Python's str.split() treats as whitespace; NFKC has already turned NBSP into a space.
_ZERO_WIDTH_RE = r"[\x{200b}\x{200c}\x{200d}\x{2060}\x{feff}\x{ad}]"
_LINE_SPACE_CLASS = (
    r"\t\x{0b}\f \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
_SPACE_CLASS = _LINE_SPACE_CLASS + r"\n\r"
_CSV_GUARD_RE = r"^'([=+\-@\t\r])"


def clean_text_column(values: pd.Series, *, multiline: bool = False) -> pd.Series:
    """Apply :func:`clean_text` to a whole column with Arrow kernels; blank becomes missing.

    A cell holding only :data:`EMPTY_MARK` (``-``) is missing too. Also undoes :func:`neutralise_csv`.
    With `multiline`, line breaks are kept (descriptions) and only the spaces within and around each
    line are collapsed.

    Parameters
    ----------
    values : pandas.Series
        Text (missing allowed).
    multiline : bool

    Returns
    -------
    pandas.Series
        Arrow-backed strings, missing where the text is blank.
    """
    array = pa.array(values.astype("str").array, type=pa.large_string(), from_pandas=True)
    array = pc.replace_substring_regex(array, _CSV_GUARD_RE, r"\1")
    array = pc.utf8_normalize(array, "NFKC")
    array = pc.replace_substring_regex(array, _ZERO_WIDTH_RE, "")
    if multiline:
        array = pc.replace_substring_regex(array, r"\r\n?", "\n")
        array = pc.replace_substring_regex(array, f"[{_LINE_SPACE_CLASS}]+", " ")
        array = pc.replace_substring_regex(array, r" ?\n ?", "\n")
        array = pc.utf8_trim(array, "\n ")
    else:
        array = pc.replace_substring_regex(array, f"[{_SPACE_CLASS}]+", " ")
        array = pc.utf8_trim(array, " ")
    empty = pc.or_(pc.equal(array, ""), pc.equal(array, EMPTY_MARK))
    array = pc.if_else(empty, pa.scalar(None, pa.large_string()), array)
    return pd.Series(array, index=values.index, dtype="str")


def compact_column(values: pd.Series) -> pd.Series:
    """Return :func:`compact_key` of a whole column of cleaned text, with Arrow kernels (missing stays missing).

    Examples
    --------
    >>> compact_column(pd.Series(["Dinas  Kesehatan.", None, "RSUD-dr. Adjidarmo"])).tolist()
    ['dinaskesehatan', nan, 'rsuddradjidarmo']
    """
    array = pa.array(values.astype("str").array, type=pa.large_string(), from_pandas=True)
    array = pc.utf8_lower(array)
    array = pc.replace_substring_regex(array, r"[^\p{L}\p{N}]+", "")
    return pd.Series(array, index=values.index, dtype="str")


@lru_cache(maxsize=65536)
def spaced_key(value: str) -> str:
    """Return a case- and punctuation-insensitive key that keeps word boundaries.

    Examples
    --------
    >>> spaced_key("Nama  Inovasi:")
    'nama inovasi'
    >>> spaced_key("Se-Kabupaten Lebak")
    'se kabupaten lebak'
    """
    return " ".join(_NON_ALNUM.sub(" ", clean_text(value).casefold()).split())


@lru_cache(maxsize=65536)
def compact_key(value: str) -> str:
    """Return a key that ignores case, spacing and punctuation entirely.

    Examples
    --------
    >>> compact_key("Rangkas Bitung")
    'rangkasbitung'
    >>> compact_key("Pol. PP")
    'polpp'
    """
    return _NON_ALNUM.sub("", clean_text(value).casefold())


#: First characters that make a spreadsheet treat text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_GUARD = "'"


def neutralise_csv(text: str) -> str:
    """Return `text` with a leading apostrophe when it could start a formula (CSV injection).

    Examples
    --------
    >>> neutralise_csv("=HYPERLINK(1)"), neutralise_csv("Maja")
    ("'=HYPERLINK(1)", 'Maja')
    """
    return CSV_GUARD + text if text.startswith(FORMULA_TRIGGERS) else text
