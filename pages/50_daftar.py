"""Daftar Inovasi: the filtered innovations, searchable and sortable, one in detail, and downloads."""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.ui.page import setup
from lebak_dash.ui.widgets import download_buttons, innovation_detail, records_table
from lebak_dash.views.daftar import daftar_view

ctx = setup("daftar")
lang = ctx.lang

query = st.text_input(t("daftar.search", lang), key="daftar_q", placeholder=t("daftar.search_placeholder", lang))
view = daftar_view(ctx.selection, query, lang, ctx.prepared.haystack)
found = view.records
st.caption(view.count)
download_buttons(found, ctx.dataset.extra_columns, lang, stem=f"inovasi_{ctx.dataset.reference.region.slug}")

event = records_table(
    found, ctx.dataset.extra_columns, lang, key="daftar_table", selectable=True, table=ctx.prepared.table
)
rows = list(event.selection.rows) if event is not None else []
st.header(t("daftar.detail", lang))
if rows and rows[0] < len(found):
    innovation_detail(found.iloc[rows[0]], ctx.dataset.extra_columns, lang, key="daftar_detail")
else:
    st.caption(t("daftar.pick_hint", lang))
