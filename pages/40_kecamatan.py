"""Kecamatan: every kecamatan (zeros included), region-wide and not-stated apart, an offline map, kecamatan x stage."""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.ui.data import cached_view
from lebak_dash.ui.maps import map_names_style
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import caption_escaped, name_table
from lebak_dash.views.chart_text import chart_text
from lebak_dash.views.kecamatan import kecamatan_view

ctx = setup("kecamatan")
lang = ctx.lang
view = cached_view(kecamatan_view, ctx.selection, lang)

left, right = st.columns(2)
with left:
    st.metric(t("kecamatan.wide", lang), fmt_int(view.wide, lang), help=t("kecamatan.wide_help", lang), border=True)
with right:
    st.metric(
        t("kecamatan.unstated", lang),
        fmt_int(view.unstated, lang),
        help=t("kecamatan.unstated_help", lang),
        border=True,
    )
if view.unknown:
    caption_escaped("kecamatan.unknown", lang, names=", ".join(view.unknown))

if view.map_figure is not None:
    map_names_style("kec_map")
    show_chart(view.map_figure, "kec_map", "kecamatan", ctx, chart_text(view.map_figure, view.map_frame, lang))
else:
    st.info(view.map_hint, icon=":material/map:")
bar_rows = view.matrix[view.matrix["baris"].isin(["kecamatan", "tidak_dikenal"])]  # the rows the bars draw
show_chart(view.bars_figure, "kec_bars", "kecamatan", data=chart_text(view.bars_figure, bar_rows, lang))

st.header(t("kecamatan.table", lang))
name_table(view.table, lang, key="kec_table", height=min(1100, 38 + 35 * len(view.table)))
