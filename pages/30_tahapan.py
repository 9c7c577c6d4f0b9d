"""Tahapan: counts per stage of each model the data holds (5D, IID), what each stage means, stage by
year, one stage's innovations."""

import streamlit as st

from lebak_dash.charts.style import stage_label
from lebak_dash.i18n import t
from lebak_dash.ui.data import cached_view
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import records_table, stage_legend
from lebak_dash.views.chart_text import chart_text
from lebak_dash.views.tahapan import stage_list, tahapan_view

ctx = setup("tahapan")
lang, flt = ctx.lang, ctx.filters
view = cached_view(tahapan_view, ctx.selection, lang)

for bars in view.bars:
    show_chart(bars.figure, bars.key, "tahapan", ctx, chart_text(bars.figure, bars.funnel, lang))

st.header(t("tahapan.meaning", lang))
for bars in view.bars:
    stage_legend(bars.funnel, lang)

show_chart(view.years.figure, "stage_years", "tahun", ctx, chart_text(view.years.figure, view.years.table, lang))

choices = list(view.choices)
if st.session_state.get("tahapan_pick") not in choices:
    chosen = [s for s in flt.tahapan if s in choices]
    st.session_state["tahapan_pick"] = chosen[0] if chosen else ("Delivery" if "Delivery" in choices else choices[0])
stage = st.selectbox(t("tahapan.pick", lang), choices, key="tahapan_pick", format_func=lambda s: stage_label(s, lang))
listed = stage_list(ctx.selection, stage, lang)
st.header(listed.title)
records_table(
    listed.records, ctx.dataset.extra_columns, lang, key="tahapan_table", selectable=False, table=ctx.prepared.table
)
