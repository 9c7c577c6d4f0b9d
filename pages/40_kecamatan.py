"""Kecamatan: the 28 (zeros included), kabupaten-wide and not-stated apart, an offline map, kecamatan x stage."""

import streamlit as st

from lebak_dash import analysis, charts
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_int
from lebak_dash.records.schema import KABUPATEN_WIDE, NOT_STATED
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.widgets import caption_escaped, name_table

ctx = setup("kecamatan")
lang, flt = ctx.lang, ctx.filters

view = ctx.view("kecamatan")
matrix = analysis.kecamatan_stage_matrix(view, ctx.reference, ctx.kecamatan_long)
wide, unstated = int(matrix.loc[KABUPATEN_WIDE, "jumlah"]), int(matrix.loc[NOT_STATED, "jumlah"])

left, right = st.columns(2)
with left:
    st.metric(t("kecamatan.wide", lang), fmt_int(wide, lang), help=t("kecamatan.wide_help", lang), border=True)
with right:
    st.metric(
        t("kecamatan.unstated", lang), fmt_int(unstated, lang), help=t("kecamatan.unstated_help", lang), border=True
    )
unknown = matrix.index[matrix["baris"] == "tidak_dikenal"].tolist()
if unknown:
    caption_escaped("kecamatan.unknown", lang, names=", ".join(unknown))

frame = analysis.kecamatan_map_frame(view, ctx.reference, ctx.kecamatan_long)
figure = charts.kecamatan_map_figure(frame, lang=lang, selected=flt.kecamatan, kabupaten_wide=wide, height=640)
show_chart(figure, "kec_map", "kecamatan", ctx)
show_chart(charts.kecamatan_stage_figure(matrix, lang=lang, selected=flt.kecamatan), "kec_bars", "kecamatan")

st.subheader(t("kecamatan.table", lang))
table = matrix.drop(columns=["baris"]).reset_index()
name_table(table, lang, key="kec_table", height=min(1100, 38 + 35 * len(table)))
