"""Referensi's stage map: which 5D stage each IID stage stands for, when editors want one funnel.

Everyone sees whether a map is in use and its history; editors set a new one (one choice per IID
stage, "—" to leave a stage unmapped) or switch it off. The store versions and audits every change
(:meth:`lebak_dash.store.Store.set_stage_map`, :meth:`~lebak_dash.store.Store.stage_map_off`);
the dashboard's data re-keys by itself, and derived stages are marked wherever they are shown.
Both buttons carry the map the editor saw, so a change made meanwhile by someone else is refused.
"""

from __future__ import annotations

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.records.schema import IID_STAGES, STAGES
from lebak_dash.records.stagemap import StageMapError, stage_map_from_dict
from lebak_dash.store import StageMapVersion, StoreError
from lebak_dash.ui.access import editor_for_action
from lebak_dash.ui.data import get_store
from lebak_dash.ui.datapage import DataContext, say_later, table
from lebak_dash.ui.text import escape_markdown
from lebak_dash.views import data_tables

OUTCOME_KEY = "_lebak_stage_map_outcome"
NOTE_WIDGET = "stagemap_note"


def _widget(iid: str) -> str:
    return "stagemap_" + iid.lower().replace(" ", "_")


def _on_set(expected: int, lang: str) -> None:
    editor = editor_for_action(lang)
    if editor is None:
        return
    chosen = {iid: st.session_state.get(_widget(iid)) for iid in IID_STAGES}
    try:
        stage_map = stage_map_from_dict({iid: stage for iid, stage in chosen.items() if stage})
        version = get_store().set_stage_map(
            stage_map, by=editor, note=str(st.session_state.get(NOTE_WIDGET) or ""), expected=expected
        )
    except (StageMapError, StoreError) as exc:  # a store's message may quote user text: escaped
        say_later(OUTCOME_KEY, "error", escape_markdown(exc.message(lang)))
        return
    st.session_state[NOTE_WIDGET] = ""
    say_later(OUTCOME_KEY, "success", t("stagemap.applied", lang, number=version.number))


def _on_off(expected: int, lang: str) -> None:
    editor = editor_for_action(lang)
    if editor is None:
        return
    try:
        get_store().stage_map_off(by=editor, expected=expected)
    except StoreError as exc:
        say_later(OUTCOME_KEY, "error", escape_markdown(exc.message(lang)))
        return
    say_later(OUTCOME_KEY, "success", t("stagemap.switched_off", lang))


def _editor_controls(active: StageMapVersion | None, lang: str) -> None:
    current = active.stage_map.as_dict() if active is not None else {}
    options = ["", *STAGES]
    columns = st.columns(len(IID_STAGES))
    for column, iid in zip(columns, IID_STAGES, strict=True):
        with column:
            st.selectbox(
                t("stagemap.pick", lang, stage=iid),
                options,
                index=options.index(current.get(iid, "")),
                format_func=lambda s: s or "—",
                key=_widget(iid),
            )
    st.text_input(t("unggah.note", lang), key=NOTE_WIDGET, max_chars=1000)
    expected = active.number if active is not None else 0
    left, right = st.columns([3, 1])
    with left:
        st.button(
            t("stagemap.set", lang),
            key="stagemap_set",
            type="primary",
            on_click=_on_set,
            args=(expected, lang),
            width="stretch",
        )
    with right:
        st.button(
            t("stagemap.off", lang),
            key="stagemap_off",
            on_click=_on_off,
            args=(expected, lang),
            disabled=active is None,
            width="stretch",
        )


def stage_map_section(ctx: DataContext, editor: str | None) -> None:
    """Referensi's stage-map part: the map in use and its history; for an editor, set it or switch it off."""
    lang = ctx.lang
    st.header(t("stagemap.title", lang))
    message = st.session_state.pop(OUTCOME_KEY, None)
    if message:
        kind, text, _links = message
        (st.success if kind == "success" else st.error)(text)
    try:
        versions = ctx.store.stage_map_versions()
    except StoreError as exc:
        st.error(escape_markdown(exc.message(lang)))
        return
    active = next((v for v in versions if v.active), None)
    st.caption(t("stagemap.help", lang))
    if active is None:
        st.info(t("stagemap.off_now", lang))
    else:
        st.success(t("stagemap.on_now", lang, number=active.number))
        table(data_tables.stage_map_table(active, lang), key="stagemap_active")
    if versions:
        with st.expander(t("stagemap.history", lang, n=len(versions))):
            table(data_tables.stage_map_versions_frame(versions, lang), key="stagemap_versions")
    if editor is not None:
        _editor_controls(active, lang)
