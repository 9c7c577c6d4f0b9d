"""Ringkasan: where Lebak's innovation stands, at a glance."""

import streamlit as st

from lebak_dash import analysis, charts
from lebak_dash.i18n import t
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import kpi_cards, static_table

ctx = setup("ringkasan")
lang, flt = ctx.lang, ctx.filters

kpi_cards(analysis.kpis(ctx.records, ctx.reference, ctx.kecamatan_long), lang)
st.caption(t("cross.hint", lang))

left, right = st.columns(2)
with left:
    funnel = analysis.stage_funnel(ctx.view("tahapan"))
    show_chart(charts.stage_funnel_figure(funnel, lang=lang, selected=flt.tahapan), "funnel", "tahapan", ctx)
with right:
    years = analysis.per_year_stage(ctx.view("tahun"), ctx.options.years)
    figure = charts.year_stage_figure(
        years, lang=lang, selected=range(flt.tahun[0], flt.tahun[1] + 1) if flt.tahun else ()
    )
    show_chart(figure, "years", "tahun", ctx)

leading = analysis.leading_opds(ctx.view("opd"), ctx.reference, n=10)
show_chart(charts.leading_opd_figure(leading, lang=lang, selected=flt.opd), "leading", "opd", ctx)

no_opd = analysis.opds_without_innovation(ctx.view("opd"), ctx.reference)
no_kec = analysis.kecamatan_without_innovation(ctx.view("kecamatan"), ctx.reference, ctx.kecamatan_long)
left, right = st.columns(2)
with left:
    st.subheader(t("ringkasan.no_opd", lang, n=len(no_opd)))
    if no_opd.empty:
        st.success(t("ringkasan.all_opd", lang))
    else:
        static_table(no_opd.rename(columns={"jenis": "kind"}), lang)
with right:
    st.subheader(t("ringkasan.no_kec", lang, n=len(no_kec)))
    if no_kec.empty:
        st.success(t("ringkasan.all_kec", lang))
    else:
        static_table(no_kec.rename(columns={"kode": "kode_kecamatan"}), lang)
