"""Perkembangan: every innovation followed across the stored versions; moves, per OPD, stalled, history."""

import streamlit as st

from lebak_dash import progress, progress_charts
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_int
from lebak_dash.progress import STATUSES
from lebak_dash.ui.page import setup, show_chart
from lebak_dash.ui.progress import (
    current_settings,
    get_timeline,
    get_versions,
    get_view,
    matching_rule,
    need_versions,
    progress_table,
    stalled_controls,
    status_labels,
    table_height,
    version_pickers,
)

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

    st.subheader(t("prog.section.versions", lang))
    show_chart(progress_charts.stage_versions_figure(view.counts, timeline.versions, lang=lang), "prog_versions")

    st.subheader(t("prog.section.compare", lang))
    version_pickers(timeline, lang)
    comparison = view.comparison
    if settings.a == settings.b:
        st.info(t("prog.compare.same", lang))
    elif timeline.column(settings.a) > timeline.column(settings.b):  # type: ignore[arg-type]
        st.caption(t("prog.compare.reversed", lang, a=comparison.a.label, b=comparison.b.label))
    for column, status in zip(st.columns(len(STATUSES)), STATUSES, strict=True):
        with column:
            st.metric(
                t(f"prog.status.{status}", lang),
                fmt_int(comparison.count(status), lang),
                help=t(f"prog.status.{status}_help", lang),
                border=True,
            )
    show_chart(progress_charts.movement_sankey_figure(comparison, lang=lang), "prog_sankey")
    shown = st.multiselect(
        t("prog.changes.show", lang),
        list(STATUSES),
        default=["naik", "turun", "baru", "hilang"],
        format_func=lambda s: t(f"prog.status.{s}", lang),
        key="prog_status",
    )
    changes = comparison.table[comparison.table["status"].isin(shown)].drop(columns=["id"])
    st.markdown(f"**{t('prog.changes', lang, n=fmt_int(len(changes), lang))}**")
    progress_table(status_labels(changes, lang), lang, key="prog_changes", height=table_height(len(changes), 420))

    st.subheader(t("prog.section.opd", lang))
    show_chart(progress_charts.opd_movement_figure(comparison.per_opd, lang=lang), "prog_opd")
    with st.expander(t("prog.per_opd_table", lang)):
        per_opd = comparison.per_opd.reset_index()
        progress_table(per_opd, lang, key="prog_per_opd", height=table_height(len(per_opd)))

    st.subheader(t("prog.section.stalled", lang))
    stalled_controls(timeline, lang)
    rule = view.settings.stalled
    if rule.rule == "bulan" and any(v.uploaded_at is None for v in timeline.versions):
        st.warning(t("prog.stalled.no_dates", lang))
    st.caption(progress_charts.stalled_rule_text(view, lang))
    short = progress_charts.stalled_rule_text(view, lang, short=True)
    figure = progress_charts.stalled_figure(view.stalled_matrix, view.stalled, rule_text=short, lang=lang)
    show_chart(figure, "prog_stalled")
    stalled = view.stalled.drop(columns=["id"])
    st.markdown(f"**{t('prog.stalled.list', lang, n=fmt_int(len(stalled), lang))}**")
    if stalled.empty:
        st.success(t("prog.stalled.none", lang))
    else:
        progress_table(stalled, lang, key="prog_stalled_table", height=table_height(len(stalled)))

    st.subheader(t("prog.section.history", lang))
    mask = progress.filter_ids(timeline, ctx.filters)
    table = progress.timeline_frame(timeline, mask)
    query = st.text_input(t("prog.history.search", lang), key="prog_q")
    found = progress.search_timeline(table, query)
    if found.empty:
        st.info(t("prog.history.none", lang))
    else:
        ids = [int(i) for i in found.index[:500]]
        names = {i: f"{table.at[i, 'nama']} · {table.at[i, 'opd']}" for i in ids}
        if st.session_state.get("prog_pick") not in ids:
            st.session_state["prog_pick"] = ids[0]
        chosen = st.selectbox(t("prog.history.pick", lang), ids, format_func=names.__getitem__, key="prog_pick")
        show_chart(progress_charts.history_figure(progress.history(timeline, chosen), lang=lang), "prog_history")
    st.markdown(f"**{t('prog.history.table', lang, n=fmt_int(len(found), lang))}**")
    progress_table(found, lang, key="prog_timeline", height=table_height(len(found)))
