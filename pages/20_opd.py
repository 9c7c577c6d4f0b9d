"""OPD: every OPD (zeros included) stacked by stage, the OPD x stage heat map, one OPD's profile."""

import streamlit as st

from lebak_dash import analysis, charts
from lebak_dash.i18n import t
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import records_table

ctx = setup("opd")
lang, flt = ctx.lang, ctx.filters

sort_col, kind_col, zero_col = st.columns(3)
with sort_col:
    sort = st.radio(
        t("opd.sort", lang),
        ["jumlah", "nama"],
        format_func=lambda key: t(f"opd.sort.{key}", lang),
        key="opd_sort",
        horizontal=True,
    )
with kind_col:
    by_kind = st.toggle(t("opd.by_kind", lang), value=True, key="opd_by_kind")
with zero_col:
    zeros = st.toggle(t("opd.zeros", lang), value=True, key="opd_zeros")

view = ctx.view("opd")
full = analysis.opd_stage_matrix(view, ctx.reference, sort=sort, by_kind=by_kind)
matrix = full if zeros else full[full["jumlah"] > 0]
# The title counts every OPD of the list, also when the zero rows are hidden.
title = charts.opd_count_title(full, lang)
show_chart(
    charts.opd_stage_figure(matrix, lang=lang, selected=flt.opd, by_kind=by_kind, title=title), "opd_bars", "opd", ctx
)

st.subheader(t("opd.heatmap", lang))
heat = analysis.opd_stage_matrix(ctx.records, ctx.reference, include_zero=False, sort=sort, by_kind=by_kind)
show_chart(charts.opd_heatmap_figure(heat, lang=lang), "opd_heatmap")

st.subheader(t("opd.profile", lang))
options = list(ctx.options.opd)
default = flt.opd[0] if flt.opd else (str(matrix.index[0]) if len(matrix) else options[0])
if st.session_state.get("opd_pick") not in options:
    st.session_state["opd_pick"] = default
chosen = st.selectbox(t("opd.pick", lang), options, key="opd_pick")
st.caption(t("opd.profile_kind", lang, kind=ctx.options.kinds.get(chosen, analysis.OTHER_KIND)))
own = view[view["opd"].astype(object).to_numpy() == chosen]
if own.empty:
    st.info(t("opd.profile_none", lang))
else:
    left, right = st.columns(2)
    with left:
        show_chart(charts.stage_bar_figure(analysis.stage_funnel(own), lang=lang), "opd_profile_stages")
    with right:
        show_chart(charts.year_stage_figure(analysis.per_year_stage(own), lang=lang), "opd_profile_years")
    st.markdown(f"**{t('opd.profile_list', lang)}**")
    records_table(
        own, ctx.dataset.extra_columns, lang, key="opd_profile_table", selectable=False, table=ctx.prepared.table
    )
