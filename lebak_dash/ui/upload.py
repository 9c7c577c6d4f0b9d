"""Unggah Data: upload a workbook, see the importer's report and what would change, apply or cancel.

The check-then-apply flow is :mod:`lebak_dash.ui.upload_flow` (one pending check per session,
applied once whatever the clicks). The check runs the importer once per uploaded file (in its
bounded worker process, :meth:`lebak_dash.store.Store.check`) and compares with the active
version. The store adds its own guard: the diff was computed against version *n*, and
``add_version(expected_active=n)`` refuses when another upload became active in between (the
message says so and the file is checked again against the new active version).

Nothing is re-keyed by hand after applying: every page reads :meth:`Store.active_state` on each
run and the dataset caches are keyed on it (:func:`lebak_dash.ui.data.get_dataset`).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from lebak_dash.config import Limits
from lebak_dash.i18n import t
from lebak_dash.records.diff import Diff
from lebak_dash.store import Candidate, StoreError
from lebak_dash.ui.column_mapping import MAPPING_KEY, FlowKeys, forget_other_files, mapping_for, mapping_section
from lebak_dash.ui.data import get_store
from lebak_dash.ui.datapage import Applied, DataContext, show_diff, show_later, show_report
from lebak_dash.ui.router import page_file
from lebak_dash.ui.text import error_text
from lebak_dash.ui.upload_flow import UploadFlow

#: File types offered by the file dialog (the importer itself detects the format by content).
ACCEPTED_TYPES = ("xlsx", "xlsm", "xls", "ods", "csv")


@dataclass(frozen=True)
class CheckedUpload:
    """What checking an uploaded workbook found.

    Attributes
    ----------
    candidate : Candidate
    diff : Diff or None
        Against `base_version` (None when the importer rejected the file).
    base_version : int or None
        The version active when the file was checked (None: the store was empty).
    """

    candidate: Candidate
    diff: Diff | None
    base_version: int | None


def _check(ctx: DataContext, data: bytes, filename: str) -> CheckedUpload:
    st.write(t("unggah.step_import", ctx.lang))
    kept = st.session_state.get(MAPPING_KEY)  # the mapping an editor gave this file (see upload_section)
    mapping = mapping_for(kept[0]) if kept else None
    candidate = ctx.store.check(data, filename, limits=Limits.from_env(), mapping=mapping)
    st.write(t("unggah.step_diff", ctx.lang))
    base = ctx.store.active_state().version
    diff = ctx.store.diff(candidate.result.records, against=base) if candidate.ok else None
    return CheckedUpload(candidate, diff, base)


def _apply(checked: CheckedUpload, editor: str, note: str, lang: str) -> Applied:
    version = get_store().add_version(
        checked.candidate, by=editor, note=note, expected_active=checked.base_version or 0
    )
    return Applied(
        t("unggah.applied", lang, version=version.number, count=version.records),
        ("ringkasan:unggah.to_dashboard", "riwayat:unggah.to_history"),
    )


FLOW: UploadFlow[CheckedUpload] = UploadFlow(
    name="upload",
    widget="up",
    default_filename="upload",
    status_keys=("unggah.checking", "unggah.checked"),
    check=_check,
    apply=_apply,
)


def _mapping_screen(checked: CheckedUpload, file_id: str, lang: str) -> None:
    """The column-mapping screen: open when no sheet was recognised, else on request."""
    result = checked.candidate.result
    keys = FlowKeys(FLOW.pending_key, FLOW.outcome_key)
    if not result.sheets:
        st.header(t("map.title", lang))
        st.info(t("map.unrecognised", lang))
        mapping_section(result, file_id, keys, lang)
        return
    with st.expander(t("map.change", lang)):
        mapping_section(result, file_id, keys, lang)


def upload_section(ctx: DataContext) -> None:
    """The upload page below its title: uploader, report, diff, apply/cancel (editors only)."""
    lang, store = ctx.lang, ctx.store
    show_later(FLOW.outcome_key, lang)
    limits = Limits.from_env()
    uploaded = st.file_uploader(
        t("unggah.file", lang),
        type=list(ACCEPTED_TYPES),
        key=FLOW.uploader_key(),
        help=t("unggah.file_help", lang, max_mb=f"{limits.max_file_mb:g}"),
    )
    forget_other_files(None if uploaded is None else str(uploaded.file_id))
    if uploaded is None:
        FLOW.forget()
        st.caption(t("unggah.empty_hint", lang))
        st.page_link(page_file("template"), label=t("page.template", lang), icon="📄")
        st.page_link(page_file("panduan"), label=t("page.panduan", lang), icon="📖")
        return
    pending = FLOW.pending_for(ctx, uploaded)
    if pending is None:
        return
    checked = pending.checked
    try:
        reference = store.reference(checked.candidate.reference_version or 0)
    except StoreError as exc:
        st.error(error_text(exc, lang))
        return
    show_report(checked.candidate, reference, lang)
    _mapping_screen(checked, str(uploaded.file_id), lang)
    if not checked.candidate.ok or checked.diff is None:
        FLOW.cancel_button(lang)
        return
    show_diff(checked.diff, checked.base_version, lang)
    st.header(t("unggah.apply_title", lang))
    FLOW.apply_controls(pending, lang, label=t("unggah.apply", lang), help_text=t("unggah.apply_help", lang))
