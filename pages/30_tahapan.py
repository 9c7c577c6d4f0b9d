"""Tahapan 5D: counts in 5D order, what each stage means, stage by year, one stage's innovations."""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.records.schema import STAGES
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import records_table, stage_legend
from lebak_dash.views.tahapan import stage_list, tahapan_view

ctx = setup("tahapan")
lang, flt = ctx.lang, ctx.filters
view = tahapan_view(ctx.selection, lang)

show_chart(view.bars_figure, "stage_bars", "tahapan", ctx)

st.subheader(t("tahapan.meaning", lang))
stage_legend(view.funnel, lang)

show_chart(view.years.figure, "stage_years", "tahun", ctx)

if st.session_state.get("tahapan_pick") not in STAGES:
    st.session_state["tahapan_pick"] = flt.tahapan[0] if flt.tahapan else "Delivery"
stage = st.selectbox(t("tahapan.pick", lang), list(STAGES), key="tahapan_pick")
chosen = stage_list(ctx.selection, stage, lang)
st.subheader(chosen.title)
records_table(
    chosen.records, ctx.dataset.extra_columns, lang, key="tahapan_table", selectable=False, table=ctx.prepared.table
)
