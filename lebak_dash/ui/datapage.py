"""What every page of the Data section does first, and the pieces its pages share.

A Data page reads as ``ctx = data_setup("unggah")`` (legacy-pages escape, language, viewer gate,
sidebar with the language switch and the editor's logout, title, last message), then its own
section from :mod:`lebak_dash.ui.upload`, :mod:`lebak_dash.ui.history` or
:mod:`lebak_dash.ui.reflists`. The importer's report and the diff of an upload are drawn here,
because an OPD-list upload shows the same diff.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st

from lebak_dash.exports.template import template_xlsx
from lebak_dash.i18n import DEFAULT_LANG, LANGS, t
from lebak_dash.i18n.formatting import fmt_datetime, fmt_int
from lebak_dash.records.diff import Diff
from lebak_dash.records.reference import Reference, load_reference
from lebak_dash.store import Candidate, Store, StoreError
from lebak_dash.ui import state
from lebak_dash.ui.access import editor_status, require_viewer, show_access_message
from lebak_dash.ui.data import get_store
from lebak_dash.ui.router import leave_legacy_pages_mode, page_file
from lebak_dash.ui.text import error_text, escape_markdown
from lebak_dash.views import data_tables

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MIMES = {
    "xlsx": XLSX_MIME,
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "xls": "application/vnd.ms-excel",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
}
#: The template's file name; ``{region}`` is :attr:`lebak_dash.records.region.Region.slug`.
TEMPLATE_FILENAME = "templat_inovasi_{region}.xlsx"
LANG_WIDGET = "f_lang"  # the same key as the dashboard's switch: one language per session


@dataclass(frozen=True)
class DataContext:
    """What a Data page works with after :func:`data_setup`.

    Attributes
    ----------
    lang : str
    store : Store
    """

    lang: str
    store: Store


def new_token() -> str:
    """Return a one-shot token: a pending change can be applied once, whatever the clicks."""
    return secrets.token_urlsafe(16)


def _on_lang() -> None:
    state.set_lang(str(st.session_state.get(LANG_WIDGET) or ""))


def _sidebar(lang: str) -> None:
    st.session_state[LANG_WIDGET] = lang
    with st.sidebar:
        st.radio(
            t("filter.lang", lang),
            options=list(LANGS),
            format_func=lambda code: t(f"label.lang.{code}", lang),
            key=LANG_WIDGET,
            horizontal=True,
            on_change=_on_lang,
        )
        editor_status(lang)


def _sync_lang_param(lang: str) -> None:
    """Keep only the language in the URL of a Data page (the dashboard's filters are not its own)."""
    if lang != DEFAULT_LANG:
        if st.query_params.get_all(state.LANG_PARAM) != [lang]:
            st.query_params[state.LANG_PARAM] = lang
    elif state.LANG_PARAM in st.query_params:
        del st.query_params[state.LANG_PARAM]


def data_setup(page: str) -> DataContext:
    """Prepare a Data page: viewer gate, sidebar, title and the message left by a callback.

    Parameters
    ----------
    page : str
        Page key (``unggah``, ``riwayat``, ``templat``, ``referensi``, ``panduan``): its title
        is the string ``<page>.title``.
    """
    leave_legacy_pages_mode()
    lang = state.current_lang()
    require_viewer(lang)
    store = get_store()
    _sidebar(lang)
    _sync_lang_param(lang)
    st.title(t(f"{page}.title", lang))
    show_access_message(lang)
    return DataContext(lang=lang, store=store)


# ---------------------------------------------------------------------------------- pieces
def active_reference(ctx: DataContext) -> Reference:
    """Return the active reference tables (the bundled ones, with a message, when the store fails)."""
    try:
        return ctx.store.reference()
    except StoreError as exc:
        st.error(error_text(exc, ctx.lang))
        return load_reference()


@dataclass(frozen=True)
class Applied:
    """What a change did, for its success message: the text and page links (``page:label-key``)."""

    message: str
    links: tuple[str, ...] = ()


def say_later(key: str, kind: str, text: str, *, links: tuple[str, ...] = ()) -> None:
    """Keep a message (and page links) under `key` for the next run (callbacks cannot draw)."""
    st.session_state[key] = (kind, text, links)


def show_later(key: str, lang: str) -> None:
    """Show (once) the message kept under `key` by :func:`say_later`."""
    message = st.session_state.pop(key, None)
    if not message:
        return
    kind, text, links = message
    {"error": st.error, "success": st.success, "warning": st.warning}.get(kind, st.info)(text)
    for link in links:
        page, label = link.split(":", 1)
        st.page_link(page_file(page), label=t(label, lang))


def active_caption(store: Store, lang: str) -> None:
    """Say which version the dashboard shows now (file names are user text: escaped)."""
    try:
        version = store.active()
    except StoreError as exc:
        st.error(error_text(exc, lang))
        return
    if version is None:
        st.caption(t("active.sample", lang))
        return
    st.caption(
        t(
            "active.version",
            lang,
            version=version.number,
            filename=escape_markdown(version.filename),
            count=version.records,
            at=fmt_datetime(version.uploaded_at, lang),
            by=escape_markdown(version.uploaded_by),
        )
    )


def download(
    label: str,
    data: Callable[[], bytes],
    file_name: str,
    mime: str,
    key: str,
    *,
    kind: Literal["primary", "secondary"] = "secondary",
    icon: str | None = None,
) -> None:
    """A download button whose bytes are made only when clicked (no rerun on click)."""
    st.download_button(
        label, data=data, file_name=file_name, mime=mime, key=key, on_click="ignore", type=kind, icon=icon
    )


def template_download(reference: Reference, lang: str, key: str) -> None:
    """The template download (built from the active OPD list when clicked)."""
    download(
        t("templat.download", lang),
        lambda: template_xlsx(reference, lang),
        TEMPLATE_FILENAME.format(region=reference.region.slug),
        XLSX_MIME,
        key,
        kind="primary",
        icon="📄",
    )


def table(frame: pd.DataFrame, key: str | None = None) -> None:
    """Show a table of the Data pages (every cell as text, never Markdown; gaps as empty cells)."""
    st.dataframe(data_tables.blank_missing(frame), hide_index=True, width="stretch", key=key)


# ---------------------------------------------------------------------- report and diff
def show_report(candidate: Candidate, reference: Reference, lang: str) -> None:
    """Draw the importer's report of a checked upload.

    Records, rejected rows (sheet, Excel row, column, reason), warnings, unknown OPD names with
    the nearest known names, sheets read and skipped.
    """
    result = candidate.result
    counts = data_tables.report_counts(result)
    st.header(t("unggah.report", lang))
    if not result.ok:
        st.error(t("unggah.rejected", lang))
    elif counts["records"] == 0:
        st.warning(t("unggah.no_records", lang))
    else:
        sheets = ", ".join(s.name for s in result.sheets)
        st.success(t("unggah.accepted", lang, count=counts["records"], sheets=escape_markdown(sheets)))
    if candidate.duplicate_of:
        st.info(t("unggah.duplicate", lang, numbers=", ".join(str(n) for n in candidate.duplicate_of)))
    cells = st.columns(4)
    for cell, (key, value) in zip(
        cells,
        (("records", counts["records"]), ("rejected", counts["rejected"]), ("warnings", counts["warnings"])),
        strict=False,
    ):
        cell.metric(t(f"unggah.metric.{key}", lang), fmt_int(value, lang))
    cells[3].metric(t("unggah.metric.sheets", lang), fmt_int(counts["sheets"], lang))
    _show_counts(candidate, lang)

    errors = data_tables.issues_table(result, lang, errors=True)
    st.markdown("### " + t("unggah.errors", lang, n=fmt_int(len(errors), lang)))
    if len(errors):
        table(errors, key="report_errors")
    else:
        st.caption(t("unggah.errors_none", lang))

    unknown = data_tables.unknown_opd_table(result.records, reference, lang)
    if len(unknown):
        st.markdown("### " + t("unggah.unknown_opd", lang, n=fmt_int(len(unknown), lang)))
        st.caption(t("unggah.unknown_opd_help", lang))
        table(unknown, key="report_unknown_opd")

    warnings = data_tables.issues_table(result, lang, errors=False)
    if len(warnings):
        with st.expander(t("unggah.warnings", lang, n=fmt_int(len(warnings), lang)), expanded=len(warnings) <= 10):
            table(warnings, key="report_warnings")

    if result.sheets or result.skipped_sheets:
        with st.expander(t("unggah.sheets", lang)):
            if result.sheets:
                table(data_tables.sheets_table(result, lang), key="report_sheets")
            if result.skipped_sheets:
                st.markdown("**" + t("unggah.skipped", lang, n=len(result.skipped_sheets)) + "**")
                table(data_tables.skipped_table(result, lang), key="report_skipped")


def _show_counts(candidate: Candidate, lang: str) -> None:
    """Draw what the file holds: per 5D stage, per IID stage, per OPD, per urusan (only what there is)."""
    result = candidate.result
    tables = data_tables.count_tables(result, lang)
    if not tables:
        return
    st.markdown("### " + t("unggah.counts", lang))
    rows = [result.data_rows, len(result.records), result.rejected_rows, result.duplicate_rows, result.skipped_rows]
    st.caption(
        t(
            "unggah.rows_accounted",
            lang,
            count=rows[0],
            records=rows[1],
            rejected=rows[2],
            duplicate=rows[3],
            skipped=rows[4],
        )
    )
    if candidate.stage_map is not None:
        st.caption(t("unggah.stage_map_applied", lang, number=candidate.stage_map))
    columns = st.columns(len(tables))
    for column, (key, frame) in zip(columns, tables.items(), strict=True):
        with column:
            table(frame, key=f"report_{key}")


def show_diff(diff: Diff, base_version: int | None, lang: str, *, title: str | None = None) -> None:
    """Draw what applying a change does to the active data: numbers, per OPD, and the lists."""
    st.header(title or t("unggah.diff", lang))
    if base_version is None:
        st.caption(t("unggah.diff_first", lang))
    else:
        st.caption(t("unggah.diff_against", lang, version=base_version))
    summary = diff.summary()
    cells = st.columns(7)
    delta = summary["sesudah"] - summary["sebelum"]
    cells[0].metric(
        t("dv.metric.total", lang),
        fmt_int(summary["sesudah"], lang),
        delta=t("dv.metric.total_delta", lang, delta=f"{delta:+d}", before=fmt_int(summary["sebelum"], lang)),
        delta_color="off",
    )
    for cell, key in zip(
        cells[1:], ("baru", "dihapus", "naik_tahap", "turun_tahap", "pindah_opd", "diubah"), strict=True
    ):
        cell.metric(t(f"dv.{key}", lang), fmt_int(summary[key], lang))
    if diff.is_empty:
        st.info(t("dv.nothing", lang))
        return
    per_opd = data_tables.diff_per_opd_table(diff, lang)
    st.markdown("### " + t("dv.per_opd", lang))
    if len(per_opd):
        table(per_opd, key="diff_per_opd")
    else:
        st.caption(t("dv.per_opd_none", lang))
    for name in ("added", "removed", "moved", "reassigned"):
        items = getattr(diff, name)
        if len(items):
            with st.expander(t(f"dv.list.{name}", lang, n=fmt_int(len(items), lang))):
                table(data_tables.diff_items_table(items, lang), key=f"diff_{name}")
