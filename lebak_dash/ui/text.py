"""Showing user text safely: never as HTML, never as live Markdown.

Innovation names, descriptions, OPD names as written and file names come from uploaded
workbooks. Streamlit renders Markdown (links, images that fetch a URL, ``:color[...]``
directives) in ``st.markdown``, ``st.caption``, titles and widget labels. User text therefore
goes through ``st.text`` / ``st.dataframe``, or through :func:`escape_markdown` when it must sit
inside one of our Markdown strings (a heading, a caption).
"""

from __future__ import annotations

import re

import streamlit as st

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


def heading(text: object, level: int = 4) -> None:
    """Show user text as a heading (escaped, so only the heading itself is Markdown)."""
    st.markdown("#" * max(1, min(level, 6)) + " " + escape_markdown(text))
