"""Unggah Data: upload a workbook, see the importer's report and what would change, apply or cancel.

The flow keeps one :class:`PendingUpload` per session (a checked file, its diff against the active
version, and a one-shot token). The check runs once per uploaded file (the importer runs in its
bounded worker process, :meth:`lebak_dash.store.Store.check`), with its progress shown.

**Applied once, whatever the clicks.** The "Terapkan" button's callback takes the pending upload
*out* of the session before it writes, and only acts when the token the button was drawn with is
still the pending one: a double click (the second click reaches the server as a second run) finds
no token and changes nothing. The store adds its own guard: the diff was computed against
version *n*, and ``add_version(expected_active=n)`` refuses when another upload became active in
between (the message says so and the file is checked again against the new active version).

Nothing is re-keyed by hand after applying: every page reads :meth:`Store.active_state` on each
run and the dataset caches are keyed on it (:func:`lebak_dash.ui.data.get_dataset`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import streamlit as st

from lebak_dash.config import Limits
from lebak_dash.i18n import t
from lebak_dash.records.diff import Diff
from lebak_dash.store import Candidate, StoreConflictError, StoreError
from lebak_dash.ui.access import PENDING_PREFIX, editor_for_action
from lebak_dash.ui.data import get_store
from lebak_dash.ui.datapage import PAGE_FILES, DataContext, new_token, say_later, show_diff, show_later, show_report
from lebak_dash.ui.text import escape_markdown

log = logging.getLogger(__name__)

PENDING_KEY = PENDING_PREFIX + "upload"
OUTCOME_KEY = "_lebak_upload_outcome"
GENERATION_KEY = "_lebak_upload_generation"
NOTE_WIDGET = "up_note"
APPLY_WIDGET = "up_apply"
CANCEL_WIDGET = "up_cancel"
#: File types offered by the file dialog (the importer itself detects the format by content).
ACCEPTED_TYPES = ("xlsx", "xlsm", "xls", "ods", "csv")


@dataclass(frozen=True)
class PendingUpload:
    """A checked upload waiting for "Terapkan" or "Batal".

    Attributes
    ----------
    file_id : str
        The uploader's id of the file (a new upload of the same file is checked again).
    candidate : Candidate
    diff : Diff or None
        Against `base_version` (None when the importer rejected the file).
    base_version : int or None
        The version active when the file was checked (None: the store was empty).
    token : str
        One-shot token the apply button carries.
    """

    file_id: str
    candidate: Candidate
    diff: Diff | None
    base_version: int | None
    token: str


def uploader_key() -> str:
    """Return the file uploader's widget key (a new one after apply/cancel empties the uploader)."""
    return f"up_file_{int(st.session_state.get(GENERATION_KEY, 0))}"


def _clear_uploader() -> None:
    ss = st.session_state
    ss[GENERATION_KEY] = int(ss.get(GENERATION_KEY, 0)) + 1
    ss.pop(PENDING_KEY, None)
    ss[NOTE_WIDGET] = ""


# ------------------------------------------------------------------------------- callbacks
def _on_apply(token: str, lang: str) -> None:
    ss = st.session_state
    pending = ss.get(PENDING_KEY)
    if not isinstance(pending, PendingUpload) or pending.token != token:
        if OUTCOME_KEY not in ss:  # keep the first click's outcome when it was not shown yet
            say_later(OUTCOME_KEY, "info", t("unggah.already", lang))
        return
    editor = editor_for_action(lang)
    if editor is None:
        return
    del ss[PENDING_KEY]  # one-shot: a second click finds nothing to apply
    note = str(ss.get(NOTE_WIDGET) or "")
    try:
        version = get_store().add_version(
            pending.candidate, by=editor, note=note, expected_active=pending.base_version or 0
        )
    except StoreConflictError as exc:
        # Someone else's version (or OPD list) became active: the file stays in the uploader and
        # is checked again against the new active data on this very run.
        say_later(OUTCOME_KEY, "warning", exc.message(lang) + " " + t("unggah.rechecked", lang))
        return
    except StoreError as exc:  # nothing was stored (disk full, no permission...): may be retried
        ss[PENDING_KEY] = replace(pending, token=new_token())
        say_later(OUTCOME_KEY, "error", exc.message(lang))
        return
    _clear_uploader()
    say_later(
        OUTCOME_KEY,
        "success",
        t("unggah.applied", lang, version=version.number, count=version.records),
        links=("ringkasan:unggah.to_dashboard", "riwayat:unggah.to_history"),
    )


def _on_cancel(lang: str) -> None:
    _clear_uploader()
    say_later(OUTCOME_KEY, "info", t("unggah.cancelled", lang))


# ------------------------------------------------------------------------------------- page
def _check(ctx: DataContext, uploaded: object) -> PendingUpload | None:
    """Run the importer on the uploaded file and compare with the active version, showing progress."""
    lang, store = ctx.lang, ctx.store
    name = str(getattr(uploaded, "name", "") or "upload")
    shown = escape_markdown(name)
    with st.status(t("unggah.checking", lang, filename=shown), expanded=True) as status:
        st.write(t("unggah.step_import", lang))
        try:
            data = uploaded.getvalue()  # type: ignore[attr-defined]
            candidate = store.check(data, name, limits=Limits.from_env())
            st.write(t("unggah.step_diff", lang))
            base = store.active_state().version
            diff = store.diff(candidate.result.records, against=base) if candidate.ok else None
        except StoreError as exc:
            status.update(label=t("unggah.check_failed", lang, filename=shown), state="error")
            st.error(exc.message(lang))
            return None
        except Exception:  # a clear message, never a traceback; the log keeps the details
            log.exception("checking upload %r failed", name)
            status.update(label=t("unggah.check_failed", lang, filename=shown), state="error")
            st.error(t("unggah.unexpected", lang))
            return None
        pending = PendingUpload(str(uploaded.file_id), candidate, diff, base, new_token())  # type: ignore[attr-defined]
        st.session_state[PENDING_KEY] = pending
        status.update(label=t("unggah.checked", lang, filename=shown), state="complete", expanded=False)
    return pending


def upload_section(ctx: DataContext) -> None:
    """The upload page below its title: uploader, report, diff, apply/cancel (editors only)."""
    lang, store = ctx.lang, ctx.store
    show_later(OUTCOME_KEY, lang)
    limits = Limits.from_env()
    uploaded = st.file_uploader(
        t("unggah.file", lang),
        type=list(ACCEPTED_TYPES),
        key=uploader_key(),
        help=t("unggah.file_help", lang, max_mb=f"{limits.max_file_mb:g}"),
    )
    if uploaded is None:
        st.session_state.pop(PENDING_KEY, None)
        st.caption(t("unggah.empty_hint", lang))
        st.page_link(PAGE_FILES["templat"], label=t("page.template", lang), icon="📄")
        st.page_link(PAGE_FILES["panduan"], label=t("page.panduan", lang), icon="📖")
        return
    pending = st.session_state.get(PENDING_KEY)
    if not isinstance(pending, PendingUpload) or pending.file_id != str(uploaded.file_id):
        pending = _check(ctx, uploaded)
        if pending is None:
            return
    try:
        reference = store.reference(pending.candidate.reference_version or 0)
    except StoreError as exc:
        st.error(exc.message(lang))
        return
    show_report(pending.candidate, reference, lang)
    if not pending.candidate.ok or pending.diff is None:
        st.button(t("unggah.cancel", lang), key=CANCEL_WIDGET, on_click=_on_cancel, args=(lang,))
        return
    show_diff(pending.diff, pending.base_version, lang)
    st.subheader(t("unggah.apply_title", lang))
    st.text_input(t("unggah.note", lang), key=NOTE_WIDGET, max_chars=1000)
    left, right = st.columns([3, 1])
    with left:
        st.button(
            t("unggah.apply", lang),
            key=APPLY_WIDGET,
            type="primary",
            help=t("unggah.apply_help", lang),
            on_click=_on_apply,
            args=(pending.token, lang),
            width="stretch",
        )
    with right:
        st.button(t("unggah.cancel", lang), key=CANCEL_WIDGET, on_click=_on_cancel, args=(lang,), width="stretch")
