"""Every user-facing string, in Bahasa Indonesia (default) and English.

Strings live in per-area tables (``i18n/importer.py``, ``i18n/ui.py``...) that are merged here;
code asks for them with :func:`t`. A key missing in English falls back to Indonesian, a key
missing everywhere raises ``KeyError`` (a test checks that both languages cover every key with
the same placeholders).

A string that counts something holds its English plural forms, and the caller passes the
number as ``count`` (Indonesian nouns do not change with number)::

    "daftar.count": {
        "id": "{count:,} inovasi ditampilkan",
        "en": {"one": "{count:,} innovation shown", "other": "{count:,} innovations shown"},
    }
    t("daftar.count", lang, count=len(found))

A string with a second counted noun takes it as a parameter made from a ``count.*`` string
(``t("count.agencies", lang, count=n)``).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal

from lebak_dash.i18n import boundaries as _boundaries
from lebak_dash.i18n import dashboard as _dashboard
from lebak_dash.i18n import importer as _importer
from lebak_dash.i18n import mapping as _mapping
from lebak_dash.i18n import presentation as _presentation
from lebak_dash.i18n import progress as _progress
from lebak_dash.i18n import region as _region
from lebak_dash.i18n import security as _security
from lebak_dash.i18n import store as _store
from lebak_dash.i18n import ui as _ui

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"
#: The forms of a counted text, chosen by ``count``: ``one`` when it is 1, ``other`` otherwise.
PLURAL_FORMS = ("one", "other")
#: Keys of strings that stand for a value inside another message (see :func:`render`).
DETAIL_PREFIX = "detail."

#: A text in one language: a template, or its plural forms (``{"one": ..., "other": ...}``).
Text = str | Mapping[str, str]
Entry = Mapping[str, Text]

_TABLES: tuple[Mapping[str, Entry], ...] = (
    _importer.STRINGS,
    _ui.STRINGS,
    _dashboard.STRINGS,
    _store.STRINGS,
    _presentation.STRINGS,
    _progress.STRINGS,
    _security.STRINGS,
    _mapping.STRINGS,
    _boundaries.STRINGS,
    _region.STRINGS,
)


def _merge() -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for table in _TABLES:
        overlap = merged.keys() & table.keys()
        if overlap:
            raise RuntimeError(f"duplicate string keys: {sorted(overlap)}")
        merged.update(table)
    return merged


STRINGS: dict[str, Entry] = _merge()


def is_counted(entry: Entry) -> bool:
    """Return whether a string table entry has plural forms (in any language)."""
    return any(not isinstance(text, str) for text in entry.values())


class _IndonesianNumbers(string.Formatter):
    """Formats numbers with a format spec the Indonesian way: ``{n:,}`` gives 1.234, ``{x:g}`` 0,5."""

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if format_spec and isinstance(value, (int, float)) and not isinstance(value, bool):
            return text.translate(_SWAP_SEPARATORS)
        return text


_SWAP_SEPARATORS = str.maketrans(",.", ".,")
_ID_FORMATTER = _IndonesianNumbers()


@lru_cache(maxsize=4096)
def _has_spec(template: str) -> bool:
    return any(spec for _text, name, spec, _conv in string.Formatter().parse(template) if name is not None)


#: The active region's words, filled into ``{region}`` (``Kabupaten Lebak``), ``{region_kind}``
#: (``Kabupaten``) and ``{kind}`` (``kabupaten``) when the caller gives none: one process serves
#: one store, whose region :meth:`lebak_dash.store.Store.region` sets here (:func:`use_region`).
#: The default is the shipped region (``data/reference/region.json``).
_REGION_WORDS: dict[str, str] = {"region": "Kabupaten Lebak", "region_kind": "Kabupaten", "kind": "kabupaten"}
_REGION_MARKS = ("{region", "{kind")


def use_region(full_name: str, kind: str) -> None:
    """Write the region's words (``{region}``, ``{region_kind}``, ``{kind}``) with `full_name` and `kind` from now on.

    Examples
    --------
    >>> use_region("Kota Serang", "Kota"); t("p.scope.all")
    'Seluruh Kota Serang'
    >>> use_region("Kabupaten Lebak", "Kabupaten"); t("p.scope.all")
    'Seluruh Kabupaten Lebak'
    """
    _REGION_WORDS.update(region=full_name, region_kind=kind, kind=kind.lower())


def region_words() -> dict[str, str]:
    """Return the active region's words (a copy): ``region``, ``region_kind``, ``kind``."""
    return dict(_REGION_WORDS)


def t(key: str, lang: str = DEFAULT_LANG, /, *, count: object = None, **params: object) -> str:
    """Return the string `key` in `lang`, formatted with `params`.

    Parameters
    ----------
    key : str
        String identifier, e.g. ``"err.stage_unknown"``.
    lang : {"id", "en"}
        Language; English falls back to Indonesian where a translation is missing.
    count : int or float, optional
        The number a counted entry counts (required for one): it picks the plural form
        (``one`` for 1, ``other`` otherwise) and fills ``{count}``. Other entries may take
        ``count`` as a plain value.
    **params
        Values for the ``{placeholders}`` of the string. A number placeholder with a format
        spec (``{count:,}``, ``{seconds:g}``) is written with Indonesian separators in
        Indonesian (``1.234``, ``0,5``) and English ones in English (``1,234``, ``0.5``).

    Raises
    ------
    TypeError
        When a counted entry is asked for without a numeric `count`.

    Examples
    --------
    >>> t("col.tahapan")
    'Tahapan 5D'
    >>> t("daftar.count", "en", count=1), t("daftar.count", "en", count=1234)
    ('1 innovation shown', '1,234 innovations shown')
    >>> t("daftar.count", "id", count=1234)
    '1.234 inovasi ditampilkan'
    """
    entry = STRINGS[key]
    text = entry.get(lang) or entry["id"]
    if count is not None:
        params["count"] = count
    if not isinstance(text, str) or is_counted(entry):
        if not isinstance(count, (int, float)) or isinstance(count, bool):
            raise TypeError(f"string {key!r} counts something: call t({key!r}, lang, count=<number>, ...)")
        if not isinstance(text, str):
            text = text["one" if count == 1 else "other"]
    if any(mark in text for mark in _REGION_MARKS):
        params = {**_REGION_WORDS, **params}
    if not params:
        return text
    if lang == "id" and _has_spec(text):
        return _ID_FORMATTER.format(text, **params)
    return text.format(**params)


def render(key: str, lang: str, params: Mapping[str, object]) -> str:
    """Return a stored message (a key and its parameters, as an issue keeps them) in `lang`.

    A parameter whose value is the key of a ``detail.*`` string (the reader's ``detail``, what
    a rejected file turned out to be) is itself rendered in `lang`, with the same parameters.

    Examples
    --------
    >>> render("file.unknown_format", "en", {"detail": "detail.pdf"})[:56]
    'This file is not a recognised spreadsheet (PDF document)'
    """
    values = dict(params)
    for name, value in params.items():
        if isinstance(value, str) and value.startswith(DETAIL_PREFIX) and value in STRINGS:
            values[name] = t(value, lang, **params)
    return t(key, lang, **values)
