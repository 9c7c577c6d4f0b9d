"""Streamlit side of the progress area: the cached timeline, the page's settings, its widgets and tables.

The timeline of every stored version is built once per set of versions (keyed on their numbers,
file hashes and the OPD list in use) and shared by every session (``st.cache_resource``: never
mutate it). The page's settings (which two versions, the stalled rule) live in the session as one
frozen :class:`~lebak_dash.views.perkembangan.ProgressSettings`, like the filters: widgets are views of it,
re-seeded on every run (widget state does not survive a page change) and written back by their
``on_change`` callbacks; the briefing page reads the same settings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any, Literal

import pandas as pd
import streamlit as st

from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.progress import STATUSES, Timeline, VersionData, track
from lebak_dash.analysis.stalled import BASES, RULES
from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import fmt_date, fmt_int
from lebak_dash.records.reference import Reference
from lebak_dash.store import Store, Version
from lebak_dash.ui.data import get_store
from lebak_dash.views.labels import column_label
from lebak_dash.views.perkembangan import ProgressSettings, ProgressView, progress_view

SETTINGS_KEY = "_lebak_progress_settings"
#: Widget key of each setting.
WIDGETS: dict[str, str] = {
    "a": "prog_a",
    "b": "prog_b",
    "rule": "prog_rule",
    "versions": "prog_n",
    "months": "prog_m",
    "basis": "prog_basis",
    "include_display": "prog_display",
    "model": "prog_model",
}


# ------------------------------------------------------------------------------------------ data
def get_versions() -> list[Version]:
    """Return the store's versions (one small SQLite read)."""
    return get_store().versions()


@st.cache_resource(show_spinner=False, max_entries=2)
def _timeline(key: str, _store: Store, _versions: tuple[Version, ...], _reference: int | None) -> Timeline:
    # `key` names the versions' content and the OPD list; the rest is passed, not hashed.
    data = [
        VersionData(
            v.number,
            _store.load(v.number, reference_version=_reference or 0, with_issues=False).records,
            v.uploaded_at,
            v.filename,
        )
        for v in _versions
    ]
    return track(data)


def get_timeline(versions: Sequence[Version]) -> Timeline:
    """Return the timeline of `versions`, built once per set of versions and OPD list."""
    store = get_store()
    state = store.active_state()
    key = "|".join(f"{v.number}:{v.sha256}" for v in versions) + f"|{state.reference_key}|s{state.stage_map}"
    return _timeline(key, store, tuple(versions), state.reference_version)


@st.cache_resource(show_spinner=False, max_entries=16)
def _view(
    key: str, _timeline: Timeline, _filters: Filters, _settings: ProgressSettings, _reference: Reference
) -> ProgressView:
    # `key` names the timeline, the filters and the settings; a rerun for another widget (the
    # history search) reuses the view instead of comparing 100,000 innovations again.
    return progress_view(_timeline, _filters, _settings, _reference)


def get_view(timeline: Timeline, filters: Filters, settings: ProgressSettings, reference: Reference) -> ProgressView:
    """Return :func:`lebak_dash.views.perkembangan.progress_view`, computed once per timeline, filters and settings."""
    key = f"{timeline.numbers}:{id(timeline)}|{filters!r}|{settings!r}|{id(reference)}"
    return _view(key, timeline, filters, settings, reference)


# -------------------------------------------------------------------------------------- settings
def peek_settings() -> ProgressSettings:
    """Return the session's progress settings (defaults before the page has run)."""
    value = st.session_state.get(SETTINGS_KEY)
    return value if isinstance(value, ProgressSettings) else ProgressSettings()


def _set(settings: ProgressSettings) -> None:
    st.session_state[SETTINGS_KEY] = settings


def _on_change(name: str) -> None:
    """Write one widget's new value into the session's settings (runs before the page)."""
    value = st.session_state.get(WIDGETS[name])
    current = peek_settings()
    change: dict[str, Any]
    if name in ("a", "b"):
        change = {name: int(value) if value is not None else None}
        _set(dataclasses.replace(current, **change))
        return
    if name == "model":
        _set(dataclasses.replace(current, model=value))
        return
    if name in ("versions", "months") and value is None:
        return
    change = {name: value}
    rule = dataclasses.replace(current.stalled, **change)
    _set(dataclasses.replace(current, stalled=rule))


def current_settings(timeline: Timeline) -> ProgressSettings:
    """Return the session's settings with both versions resolved, and seed the widgets with them."""
    settings = peek_settings()
    a, b = settings.resolved(timeline)
    settings = dataclasses.replace(settings, a=a, b=b, model=settings.resolved_model(timeline))
    _set(settings)
    ss = st.session_state
    ss[WIDGETS["a"]], ss[WIDGETS["b"]] = a, b
    ss[WIDGETS["model"]] = settings.model
    rule = settings.stalled
    ss[WIDGETS["rule"]] = rule.rule
    ss[WIDGETS["versions"]] = min(rule.versions, max(2, len(timeline.versions)))
    ss[WIDGETS["months"]] = rule.months
    ss[WIDGETS["basis"]] = rule.basis
    ss[WIDGETS["include_display"]] = rule.include_display
    return settings


def model_picker(timeline: Timeline, lang: str) -> None:
    """Draw the choice of the stages followed (5D or IID), when the versions hold both."""
    if len(timeline.models) < 2:
        return
    st.radio(
        t("prog.model", lang),
        list(timeline.models),
        format_func=lambda m: t(f"prog.model.{m}", lang),
        key=WIDGETS["model"],
        on_change=_on_change,
        args=("model",),
        horizontal=True,
        help=t("prog.model_help", lang),
    )


def version_pickers(timeline: Timeline, lang: str) -> None:
    """Draw the two version choosers (older, newer)."""
    numbers = list(timeline.numbers)

    def label(number: int) -> str:
        info = timeline.info(number)
        when = f" · {fmt_date(info.uploaded_at, lang)}" if info.uploaded_at else ""
        return f"{info.label}{when} · {fmt_int(info.count, lang)}"

    left, right = st.columns(2)
    for column, name in ((left, "a"), (right, "b")):
        with column:
            st.selectbox(
                t(f"prog.compare.{name}", lang),
                numbers,
                format_func=label,
                key=WIDGETS[name],
                on_change=_on_change,
                args=(name,),
            )


def stalled_controls(timeline: Timeline, lang: str) -> None:
    """Draw the stalled rule's settings: rule, N, M, where months start, Display or not."""
    settings = peek_settings()
    rule = settings.stalled
    last = "" if settings.model in (None, "5d") else f"_{settings.model}"
    cols = st.columns([3, 2, 3, 3])
    with cols[0]:
        st.radio(
            t("prog.stalled.rule", lang),
            list(RULES),
            format_func=lambda r: t(f"prog.stalled.rule.{r}", lang),
            key=WIDGETS["rule"],
            on_change=_on_change,
            args=("rule",),
        )
    with cols[1]:
        if rule.rule == "versi":
            st.number_input(
                t("prog.stalled.n", lang),
                min_value=2,
                max_value=max(2, len(timeline.versions)),
                step=1,
                key=WIDGETS["versions"],
                on_change=_on_change,
                args=("versions",),
            )
        else:
            st.number_input(
                t("prog.stalled.m", lang),
                min_value=1,
                max_value=240,
                step=1,
                key=WIDGETS["months"],
                on_change=_on_change,
                args=("months",),
            )
    with cols[2]:
        if rule.rule == "bulan":
            st.radio(
                t("prog.stalled.basis", lang),
                list(BASES),
                format_func=lambda b: t(f"prog.stalled.basis.{b}", lang),
                key=WIDGETS["basis"],
                on_change=_on_change,
                args=("basis",),
                horizontal=True,
            )
    with cols[3]:
        st.toggle(
            t(f"prog.stalled.display{last}", lang),
            key=WIDGETS["include_display"],
            help=t(f"prog.stalled.display_help{last}", lang),
            on_change=_on_change,
            args=("include_display",),
        )


# ---------------------------------------------------------------------------------------- notices
def need_versions(versions: Sequence[Version], lang: str) -> None:
    """Explain what the page will show and how to get there (fewer than two versions stored)."""
    st.info(t("prog.need.title", lang), icon="ℹ️")
    if not versions:
        st.markdown(t("prog.need.none", lang))
    else:
        only = versions[0]
        label = f"v{only.number} ({fmt_date(only.uploaded_at, lang)}, {fmt_int(only.records, lang)})"
        st.markdown(t("prog.need.one", lang, version=label))
    st.markdown(t("prog.need.what", lang))
    st.markdown(t("prog.need.how", lang))


def matching_rule(lang: str, *, expanded: bool = False) -> None:
    """Explain how an innovation is recognised across versions (our own text, no user text)."""
    with st.expander(t("prog.rule.header", lang), expanded=expanded):
        st.markdown(t("prog.rule.text", lang))


# ----------------------------------------------------------------------------------------- tables
def status_labels(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return `frame` with its ``status`` column in words."""
    if "status" not in frame.columns:
        return frame
    return frame.assign(status=frame["status"].map(lambda s: t(f"prog.status.{s}", lang) if s in STATUSES else s))


def progress_table(frame: pd.DataFrame, lang: str, *, key: str, height: int | Literal["auto"] = "auto") -> None:
    """Show a progress table (changes, per OPD, stalled, timeline) with translated headers."""
    frame = frame.copy()
    flags = [c for c in frame.columns if pd.api.types.is_bool_dtype(frame[c])]
    for column in frame.columns:
        values = frame[column]
        if column != "sejak" and column not in flags and not pd.api.types.is_numeric_dtype(values):
            # Blank cells, not "None" (a stage is missing where the version does not hold the innovation).
            frame[column] = values.astype(object).where(values.notna(), "")
    config: dict[str, Any] = {}
    for column in frame.columns:
        label = column_label(str(column), lang)
        if column == "sejak":
            config[column] = st.column_config.DateColumn(label, format="DD/MM/YYYY")
        elif column in flags:
            config[column] = st.column_config.CheckboxColumn(label)
        elif pd.api.types.is_numeric_dtype(frame[column]) and column not in ("kode",):
            config[column] = st.column_config.NumberColumn(label, format="%d")
        else:
            config[column] = st.column_config.TextColumn(label)
    st.dataframe(frame, key=key, hide_index=True, column_config=config, width="stretch", height=height)


def table_height(rows: int, cap: int = 560) -> int:
    """Return a table height that shows `rows` rows up to `cap` pixels."""
    return min(cap, 38 + 35 * max(1, rows))
