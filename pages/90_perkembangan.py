"""Perkembangan: every innovation followed across the stored versions; moves, per OPD, stalled, history."""

import streamlit as st

from lebak_dash.analysis.progress import STATUSES, filter_ids, history, search_timeline, timeline_frame
from lebak_dash.charts.progress import history_figure
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_int
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.progress import (
    current_settings,
    get_timeline,
    get_versions,
    get_view,
    matching_rule,
    model_picker,
    need_versions,
    progress_table,
    stalled_controls,
    status_labels,
    table_height,
    version_pickers,
)
from lebak_dash.views.chart_text import chart_text, summary_only
from lebak_dash.views.perkembangan import progress_charts

ctx = setup("perkembangan")
lang = ctx.lang
st.caption(t("prog.intro", lang))
versions = get_versions()

if len(versions) < 2:
    need_versions(versions, lang)
    matching_rule(lang, expanded=True)
else:
    timeline = get_timeline(versions)
    settings = current_settings(timeline)
    view = get_view(timeline, ctx.filters, settings, ctx.reference)
    charts = progress_charts(view, lang)
    first, last = timeline.versions[0], timeline.versions[-1]
    st.caption(
        t(
            "prog.versions_caption",
            lang,
            count=len(timeline.versions),
            first=f"{first.label} ({fmt_date(first.uploaded_at, lang)})",
            last=f"{last.label} ({fmt_date(last.uploaded_at, lang)})",
        )
    )
    matching_rule(lang)
    model_picker(timeline, lang)
    model = view.model

    st.header(t("prog.section.versions", lang))
    show_chart(charts.versions_figure, "prog_versions", data=chart_text(charts.versions_figure, view.counts, lang))

    st.header(t("prog.section.compare", lang))
    version_pickers(timeline, lang)
    comparison = view.comparison
    chosen_a, chosen_b = settings.resolved(timeline)
    if chosen_a == chosen_b:
        st.info(t("prog.compare.same", lang))
    elif timeline.column(chosen_a) > timeline.column(chosen_b):
        st.caption(t("prog.compare.reversed", lang, a=comparison.a.label, b=comparison.b.label))
    statuses = [s for s in STATUSES if s != "kosong" or comparison.count(s)]  # "no stage" only when some are
    for column, status in zip(st.columns(len(statuses)), statuses, strict=True):
        with column:
            st.metric(
                t(f"prog.status.{status}", lang),
                fmt_int(comparison.count(status), lang),
                help=t(f"prog.status.{status}_help", lang),
                border=True,
            )
    show_chart(charts.sankey_figure, "prog_sankey", data=summary_only(charts.sankey_figure))  # listed below
    shown = st.multiselect(
        t("prog.changes.show", lang),
        list(STATUSES),
        default=["naik", "turun", "baru", "hilang", "kosong"],
        format_func=lambda s: t(f"prog.status.{s}", lang),
        key="prog_status",
    )
    changes = comparison.table[comparison.table["status"].isin(shown)].drop(columns=["id"])
    st.markdown(f"**{t('prog.changes', lang, n=fmt_int(len(changes), lang))}**")
    progress_table(status_labels(changes, lang), lang, key="prog_changes", height=table_height(len(changes), 420))

    st.header(t("prog.section.opd", lang))
    show_chart(charts.opd_figure, "prog_opd", data=summary_only(charts.opd_figure))  # table below
    with st.expander(t("prog.per_opd_table", lang)):
        per_opd = comparison.per_opd.reset_index()
        progress_table(per_opd, lang, key="prog_per_opd", height=table_height(len(per_opd)))

    st.header(t("prog.section.stalled", lang))
    stalled_controls(timeline, lang)
    rule = view.settings.stalled
    if rule.rule == "bulan" and any(v.uploaded_at is None for v in timeline.versions):
        st.warning(t("prog.stalled.no_dates", lang))
    st.caption(charts.rule_text)
    show_chart(charts.stalled_figure, "prog_stalled", data=chart_text(charts.stalled_figure, view.stalled_matrix, lang))
    stalled = view.stalled.drop(columns=["id"])
    st.markdown(f"**{t('prog.stalled.list', lang, n=fmt_int(len(stalled), lang))}**")
    if stalled.empty:
        st.success(t("prog.stalled.none", lang))
    else:
        progress_table(stalled, lang, key="prog_stalled_table", height=table_height(len(stalled)))

    st.header(t("prog.section.history", lang))
    mask = filter_ids(timeline, ctx.filters)
    table = timeline_frame(timeline, mask, model)
    query = st.text_input(t("prog.history.search", lang), key="prog_q")
    found = search_timeline(table, query)
    if found.empty:
        st.info(t("prog.history.none", lang))
    else:
        ids = [int(i) for i in found.index[:500]]
        names = {i: f"{table.at[i, 'nama']} · {table.at[i, 'opd']}" for i in ids}
        if st.session_state.get("prog_pick") not in ids:
            st.session_state["prog_pick"] = ids[0]
        chosen = st.selectbox(t("prog.history.pick", lang), ids, format_func=names.__getitem__, key="prog_pick")
        figure = history_figure(history(timeline, chosen, model), lang=lang)
        show_chart(figure, "prog_history", data=summary_only(figure))  # the table below lists it
    st.markdown(f"**{t('prog.history.table', lang, n=fmt_int(len(found), lang))}**")
    progress_table(found, lang, key="prog_timeline", height=table_height(len(found)))
