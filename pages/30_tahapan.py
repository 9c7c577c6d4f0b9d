"""Tahapan 5D: counts in 5D order, what each stage means, stage by year, one stage's innovations."""

import streamlit as st

from lebak_dash import analysis, charts
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.schema import STAGES
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import records_table, stage_legend

ctx = setup("tahapan")
lang, flt = ctx.lang, ctx.filters

funnel = analysis.stage_funnel(ctx.view("tahapan"))
show_chart(charts.stage_bar_figure(funnel, lang=lang, selected=flt.tahapan), "stage_bars", "tahapan", ctx)

st.subheader(t("tahapan.meaning", lang))
stage_legend(funnel, lang)

years = analysis.per_year_stage(ctx.view("tahun"), ctx.options.years)
chosen_years = range(flt.tahun[0], flt.tahun[1] + 1) if flt.tahun else ()
show_chart(charts.year_stage_figure(years, lang=lang, selected=chosen_years), "stage_years", "tahun", ctx)

view = ctx.view("tahapan")
if st.session_state.get("tahapan_pick") not in STAGES:
    st.session_state["tahapan_pick"] = flt.tahapan[0] if flt.tahapan else "Delivery"
stage = st.selectbox(t("tahapan.pick", lang), list(STAGES), key="tahapan_pick")
in_stage = view[view["tahapan"].astype(object).to_numpy() == stage]
st.subheader(t("tahapan.list", lang, stage=stage, n=fmt_int(len(in_stage), lang)))
records_table(
    in_stage, ctx.dataset.extra_columns, lang, key="tahapan_table", selectable=False, table=ctx.prepared.table
)
