"""Every user-facing string: both languages, the same placeholders; every key the code asks for exists."""

from __future__ import annotations

import re
import string

import pytest

from lebak_dash.i18n import STRINGS, t

from .conftest import ROOT


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_with_the_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == {"id", "en"} and entry["id"].strip() and entry["en"].strip()
    fields = [{f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f} for lang in ("id", "en")]
    assert fields[0] == fields[1], key


def test_every_key_the_dashboard_asks_for_exists():
    sources = [*ROOT.joinpath("pages").glob("*.py"), ROOT / "app.py", *ROOT.joinpath("lebak_dash").rglob("*.py")]
    used = set()
    for path in sources:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[A-Za-z_.\-]+)["']""", path.read_text()))
    missing = sorted(k for k in used if k not in STRINGS)
    assert missing == []


@pytest.mark.parametrize(
    ("key", "params", "expected"),
    [
        ("daftar.count", {"n": "1"}, "1 innovation shown"),
        ("daftar.count", {"n": "21"}, "21 innovations shown"),
        ("daftar.count", {"n": "2.001"}, "2.001 innovations shown"),
        ("daftar.count", {"n": "0"}, "0 innovations shown"),
        ("filter.count", {"n": "1", "total": "1"}, "1 of 1 innovation"),
        ("filter.count", {"n": "1", "total": "480"}, "1 of 480 innovations"),
    ],
)
def test_english_counts_agree_with_one(key, params, expected):
    assert t(key, "en", **params) == expected


def test_indonesian_counts_are_left_as_written():
    assert t("daftar.count", "id", n="1") == "1 inovasi ditampilkan"
