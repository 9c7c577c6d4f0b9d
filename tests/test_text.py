"""User text in Markdown strings: escaped so that nothing in it is markup or a link."""

from __future__ import annotations

import re

import pytest

from lebak_dash.ui.text import escape_markdown

WJ = "\u2060"
#: A Markdown-significant character not preceded by a backslash (the params hold no backslash).
UNESCAPED = re.compile(r"(?<!\\)[\[\]()<>*_`$!:@#|~=]")
#: What GFM turns into a link even when escaped: a scheme, "www." or an e-mail address.
AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto)\\?:|www\\?\.|[a-z0-9]\\?@")


@pytest.mark.parametrize(
    "text",
    [
        "[klik](http://evil.example)",
        "![x](http://evil.example/a.png)",
        "<img src=x onerror=alert(1)>",
        "**tebal** _miring_ `kode`",
        ":red[merah] $x^2$",
        "https://evil.example/x",
        "lihat www.evil.example",
        "surat ke a@evil.example",
        "# Judul\n- butir | kolom",
    ],
)
def test_nothing_stays_markup_or_a_link(text):
    escaped = escape_markdown(text)
    assert not UNESCAPED.search(escaped), escaped
    assert not AUTOLINK.search(escaped), escaped
    assert "\n" not in escaped
    # What a reader sees is the text itself (escapes and word joiners are invisible).
    assert re.sub(r"\\(.)", r"\1", escaped).replace(WJ, "") == text.replace("\n", " ")


def test_plain_words_are_unchanged():
    assert escape_markdown("Dinas Kesehatan") == "Dinas Kesehatan"
    assert escape_markdown(None) == ""
