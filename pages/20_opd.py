"""OPD: every OPD (zeros included) stacked by stage, the OPD x stage heat map, one OPD's profile."""

import streamlit as st

from lebak_dash.charts.style import gap_label
from lebak_dash.i18n import t
from lebak_dash.ui.data import cached_view
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.share import narrow_screen
from lebak_dash.ui.widgets import caption_escaped, records_table
from lebak_dash.views.chart_text import chart_text
from lebak_dash.views.opd import SORTS, opd_profile, opd_view
from lebak_dash.views.screen import DESK, PHONE

ctx = setup("opd")
lang = ctx.lang

sort_col, kind_col, zero_col = st.columns(3)
with sort_col:
    sort = st.radio(
        t("opd.sort", lang),
        list(SORTS),
        format_func=lambda key: t(f"opd.sort.{key}", lang),
        key="opd_sort",
        horizontal=True,
    )
with kind_col:
    by_kind = st.toggle(t("opd.by_kind", lang), value=True, key="opd_by_kind")
with zero_col:
    zeros = st.toggle(t("opd.zeros", lang), value=True, key="opd_zeros")

# On a phone the kinds keep their order without their label column: the bars keep the width.
screen = PHONE if narrow_screen() else DESK
view = cached_view(opd_view, ctx.selection, lang, screen=screen, sort=sort, by_kind=by_kind, zeros=zeros)
show_chart(view.bars_figure, "opd_bars", "opd", ctx, chart_text(view.bars_figure, view.shown, lang))

st.header(t("opd.heatmap", lang))
show_chart(view.heat_figure, "opd_heatmap", data=chart_text(view.heat_figure, view.heat, lang))

st.header(t("opd.profile", lang))
options = list(ctx.options.opd)
if st.session_state.get("opd_pick") not in options:
    st.session_state["opd_pick"] = view.first_opd or options[0]
chosen = st.selectbox(t("opd.pick", lang), options, key="opd_pick", format_func=lambda n: gap_label(n, lang))
profile = opd_profile(ctx.selection, chosen, ctx.options.kinds, lang)
caption_escaped("opd.profile_kind", lang, kind=profile.kind_name)  # the kind is user text (OPD list)
if not profile.stage_figures or profile.years_figure is None:
    st.info(t("opd.profile_none", lang))
else:
    left, right = st.columns(2)
    with left:
        for number, (figure, funnel) in enumerate(zip(profile.stage_figures, profile.stage_frames, strict=True)):
            show_chart(figure, f"opd_profile_stages{number or ''}", data=chart_text(figure, funnel, lang))
    with right:
        years = chart_text(profile.years_figure, profile.years_frame, lang)
        show_chart(profile.years_figure, "opd_profile_years", data=years)
    st.markdown(f"**{t('opd.profile_list', lang)}**")
    records_table(
        profile.records,
        ctx.dataset.extra_columns,
        lang,
        key="opd_profile_table",
        selectable=False,
        table=ctx.prepared.table,
    )
