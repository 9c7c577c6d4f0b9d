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
    >>> escape_markdown("[klik](javascript:alert(1)) **x**")
    '\\\\[klik\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\) \\\\*\\\\*x\\\\*\\\\*'
    """
    if text is None:
        return ""
    flat = _LINE_BREAKS.sub(" ", str(text))
    # "www.example.com" becomes a link through GFM's autolink; escaping the dots stops that too.
    return _MARKDOWN_SPECIAL.sub(r"\\\1", flat)


def show_text(text: object, *, key: str | None = None) -> None:
    """Show user text as plain text (no Markdown, no HTML), keeping its line breaks."""
    del key  # st.text has no key; the argument keeps call sites uniform
    st.text("" if text is None else str(text))


def heading(text: object, level: int = 4) -> None:
    """Show user text as a heading (escaped, so only the heading itself is Markdown)."""
    st.markdown("#" * max(1, min(level, 6)) + " " + escape_markdown(text))
