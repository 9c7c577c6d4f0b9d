"""Ringkasan: where Lebak's innovation stands, at a glance."""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.ui.data import cached_view
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import completeness_panel, kpi_cards, static_table
from lebak_dash.views.chart_text import chart_text
from lebak_dash.views.ringkasan import ringkasan_view

ctx = setup("ringkasan")
lang = ctx.lang
view = cached_view(ringkasan_view, ctx.selection, lang)

kpi_cards(view.cards)
st.caption(t("cross.hint", lang))

left, right = st.columns(2)
with left:
    for stage in view.stages:
        show_chart(stage.figure, stage.key, "tahapan", ctx, chart_text(stage.figure, stage.funnel, lang))
with right:
    show_chart(view.years.figure, "years", "tahun", ctx, chart_text(view.years.figure, view.years.table, lang))

show_chart(view.leading_figure, "leading", "opd", ctx, chart_text(view.leading_figure, view.leading, lang))
if view.urusan is not None:
    show_chart(view.urusan.figure, "urusan", "urusan", ctx, chart_text(view.urusan.figure, view.urusan.table, lang))
if view.maturity is not None:
    show_chart(view.maturity.figure, "maturity", data=chart_text(view.maturity.figure, view.maturity.table, lang))

completeness_panel(view.gaps, lang)

left, right = st.columns(2)
with left:
    st.header(view.no_opd_title)
    if view.no_opd.empty:
        st.success(t("ringkasan.all_opd", lang))
    else:
        static_table(view.no_opd, lang)
with right:
    st.header(view.no_kec_title)
    if view.no_kec.empty:
        st.success(t("ringkasan.all_kec", lang))
    else:
        static_table(view.no_kec, lang)
