"""Unduh Briefing: the current view (filters, progress settings) as an offline HTML report or a PowerPoint deck."""

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.ui.briefing import download_buttons, get_briefing
from lebak_dash.ui.page import setup
from lebak_dash.ui.progress import get_timeline, get_versions, peek_settings

ctx = setup("briefing")
lang = ctx.lang
st.markdown(t("briefing.intro", lang))

versions = get_versions()
timeline = get_timeline(versions) if len(versions) >= 2 else None
briefing = get_briefing(ctx.dataset, ctx.filters, lang, timeline, peek_settings())
download_buttons(briefing, lang, ctx.dataset.version, ctx.dataset.reference.region.slug)

if briefing.progress is not None:
    comparison = briefing.progress.comparison
    st.caption(t("briefing.progress_included", lang, a=comparison.a.label, b=comparison.b.label))
else:
    st.caption(t("briefing.progress_missing", lang))

findings = briefing.findings()
st.header(t("briefing.contents", lang, count=len(findings)))
st.dataframe(
    findings,
    key="briefing_findings",
    hide_index=True,
    width="stretch",
    height=38 + 35 * len(findings),
    column_config={
        "bagian": st.column_config.TextColumn(t("briefing.col.section", lang), width="small"),
        "temuan": st.column_config.TextColumn(t("briefing.col.finding", lang), width="large"),
    },
)
