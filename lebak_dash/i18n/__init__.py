"""Every user-facing string, in Bahasa Indonesia (default) and English.

Strings live in per-area tables (``i18n/importer.py``, ``i18n/ui.py``...) that are merged here;
code asks for them with :func:`t`. A key missing in English falls back to Indonesian, a key
missing everywhere raises ``KeyError`` (a test checks that both languages cover every key).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Literal

from lebak_dash.i18n import dashboard as _dashboard
from lebak_dash.i18n import importer as _importer
from lebak_dash.i18n import presentation as _presentation
from lebak_dash.i18n import progress as _progress
from lebak_dash.i18n import store as _store
from lebak_dash.i18n import ui as _ui

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"

_TABLES: tuple[Mapping[str, Mapping[str, str]], ...] = (
    _importer.STRINGS,
    _ui.STRINGS,
    _dashboard.STRINGS,
    _store.STRINGS,
    _presentation.STRINGS,
    _progress.STRINGS,
)


def _merge() -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for table in _TABLES:
        overlap = merged.keys() & table.keys()
        if overlap:
            raise RuntimeError(f"duplicate string keys: {sorted(overlap)}")
        merged.update(table)
    return merged


STRINGS: dict[str, Mapping[str, str]] = _merge()

# English counts: the tables say "{n} innovations", which reads wrong for one. Indonesian nouns do
# not change with number, so only English needs this.
_EN_SINGULAR = {
    "innovations": "innovation", "agencies": "agency", "districts": "district", "versions": "version",
    "rows": "row", "sheets": "sheet", "months": "month", "findings": "finding", "seconds": "second",
    "characters": "character", "cells": "cell", "columns": "column", "OPDs": "OPD",
}  # fmt: skip
_ONE_THING = re.compile(r"(?<![\d.,])\b1 (" + "|".join(_EN_SINGULAR) + r")\b")


def _singular_after_one(text: str) -> str:
    """Turn "1 innovations" into "1 innovation" (not "21 innovations" or "2.001 rows")."""
    return _ONE_THING.sub(lambda m: "1 " + _EN_SINGULAR[m.group(1)], text)


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """Return the string `key` in `lang`, formatted with `params`.

    Parameters
    ----------
    key : str
        String identifier, e.g. ``"err.stage_unknown"``.
    lang : {"id", "en"}
        Language; English falls back to Indonesian where a translation is missing.
    **params
        Values for the ``{placeholders}`` of the string.

    Examples
    --------
    >>> t("col.tahapan")
    'Tahapan 5D'
    """
    entry = STRINGS[key]
    template = entry.get(lang) or entry["id"]
    if not params:
        return template
    text = template.format(**params)
    return _singular_after_one(text) if lang == "en" else text
