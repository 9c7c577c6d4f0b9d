"""Panduan Data: the user-facing contract (columns, rules, limits), generated from the importer's rules."""

import streamlit as st

from lebak_dash.config import Limits
from lebak_dash.exports.guide import build_guide
from lebak_dash.i18n import t
from lebak_dash.ui.datapage import active_reference, data_setup, template_download
from lebak_dash.ui.router import page_file
from lebak_dash.ui.text import escape_markdown

ctx = data_setup("panduan")
lang = ctx.lang
reference = active_reference(ctx)
guide = build_guide(lang, reference, Limits.from_env())

st.write(t("panduan.intro", lang))
left, right = st.columns([1, 2], vertical_alignment="center")
with left:
    template_download(reference, lang, key="guide_template")
with right:
    st.page_link(page_file("template"), label=t("templat.link", lang), icon="📄")

st.header(t("panduan.columns", lang))
# A static table (wraps, every row shown). st.table renders Markdown, so each cell is escaped.
columns = guide.columns.drop(columns=["key"]).rename(columns=guide.labels)
st.table(columns.map(escape_markdown).rename(columns=escape_markdown), hide_index=True)

st.header(t("panduan.rules", lang))
for title, text in guide.sections:
    # Our own text, but it quotes reference names (an uploaded OPD list): shown literally.
    st.markdown("### " + escape_markdown(title))
    for paragraph in text.split("\n"):
        if paragraph.strip():
            st.markdown(escape_markdown(paragraph))
