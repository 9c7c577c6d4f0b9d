"""Showing user text safely: never as HTML, never as live Markdown.

Innovation names, descriptions, OPD names as written, OPD kinds and file names come from
uploaded workbooks and lists. Streamlit renders Markdown (links, images that fetch a URL,
``:color[...]`` directives) in ``st.markdown``, ``st.caption``, alerts, titles, metric values and
widget labels. User text therefore goes through ``st.text`` / ``st.dataframe``, or through
:func:`escape_markdown` when it must sit inside one of our Markdown strings (a heading, a
caption); a store error quoting names goes through :func:`error_text`. This module is the one
Markdown escape of the app; the one HTML escape (for Plotly's labels, titles and hover, and for
our HTML) is :func:`lebak_dash.charts.style.html_text`. ``tests/test_escaping.py`` shows every
page hostile text and checks that none of it becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Protocol

import streamlit as st

from lebak_dash.i18n import DETAIL_PREFIX, STRINGS, t

# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping all of
# them turns links, images, emphasis, HTML tags, directives (":red[...]") and math ("$") into
# plain characters.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'^%@/,;?])")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")
_WORD_JOINER = "\u2060"
# An escaped character ("\\:", "\\@", "\\.") preceded by what makes GFM start an autolink.
_AUTOLINK_BREAKS = re.compile(r"(?<=[A-Za-z0-9])\\[:@]|(?i:(?<=ww)w\\\.)")


def escape_markdown(text: object) -> str:
    """Return `text` with every Markdown-significant character escaped, on one line.

    Parameters
    ----------
    text : object
        User text (converted with ``str``; None becomes an empty string).

    Returns
    -------
    str
        Text that Streamlit's Markdown shows literally: no link, image, HTML, emphasis,
        heading, list, directive or formula.

    Examples
    --------
    >>> escape_markdown("[klik](x) **x**")
    '\\\\[klik\\\\]\\\\(x\\\\) \\\\*\\\\*x\\\\*\\\\*'
    >>> escape_markdown("https://a.id") == "https\\u2060\\\\:\\\\/\\\\/a\\\\.id"
    True
    """
    if text is None:
        return ""
    flat = _LINE_BREAKS.sub(" ", str(text))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    # GFM's autolinks ("https://...", "www.x", "a@b.id") survive backslash escapes; an invisible
    # word joiner after the colon, inside "www" and before "@" breaks them.
    return _AUTOLINK_BREAKS.sub(lambda m: m.group(0)[:-2] + _WORD_JOINER + m.group(0)[-2:], escaped)


def show_text(text: object, *, key: str | None = None) -> None:
    """Show user text as plain text (no Markdown, no HTML), keeping its line breaks."""
    del key  # st.text has no key; the argument keeps call sites uniform
    st.text("" if text is None else str(text))


def heading(text: object, level: int = 3) -> None:
    """Show user text as a heading (escaped, so only the heading itself is Markdown)."""
    st.markdown("#" * max(1, min(level, 6)) + " " + escape_markdown(text))


class _Message(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def params(self) -> Mapping[str, object]: ...


def error_text(error: _Message, lang: str) -> str:
    r"""Return a store error's message for Markdown: every text parameter escaped (it may quote names).

    Examples
    --------
    >>> from lebak_dash.store import StoreError
    >>> error = StoreError("store.reference_invalid", reason="detail.ref_duplicate_name", name="[a](b)", what="OPD")
    >>> "[a](b)" in error.message("en"), r"\[a\]\(b\)" in error_text(error, "en")
    (True, True)
    """
    details = {
        n: v for n, v in error.params.items() if isinstance(v, str) and v.startswith(DETAIL_PREFIX) and v in STRINGS
    }
    escaped = {n: escape_markdown(v) if isinstance(v, str) else v for n, v in error.params.items() if n not in details}
    # A ``detail.*`` parameter is a message of its own with the same parameters (as :func:`render` does).
    return t(error.key, lang, **escaped, **{n: t(v, lang, **escaped) for n, v in details.items()})
