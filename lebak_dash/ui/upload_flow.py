"""Check, then apply once: the flow of an uploaded file on Unggah Data (a workbook) and Referensi (an OPD list).

A file put in the uploader is checked once (its progress shown in a status box); what the check
found waits in the session as a :class:`Pending` with a one-shot token, until "Terapkan" or
"Batal". **Applied once, whatever the clicks**: the apply button's callback takes the pending
check *out* of the session before it writes, and acts only when the token the button was drawn
with is still the pending one; a double click (the second click reaches the server as a second
run) finds no token and changes nothing. When the store refuses because the active data changed
meanwhile (:class:`~lebak_dash.store.StoreConflictError`), the file stays in the uploader and is
checked again on the same run; any other store error keeps the check for another try.

Callbacks cannot draw where the page wants: they leave their message with
:func:`~lebak_dash.ui.datapage.say_later` under :attr:`UploadFlow.outcome_key`, and the page shows
it on the next run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

import streamlit as st
from streamlit.typing import UploadedFile

from lebak_dash.i18n import t
from lebak_dash.store import StoreConflictError, StoreError
from lebak_dash.ui.access import PENDING_PREFIX, editor_for_action
from lebak_dash.ui.datapage import Applied, DataContext, new_token, say_later
from lebak_dash.ui.text import error_text, escape_markdown

log = logging.getLogger(__name__)

Checked = TypeVar("Checked")


@dataclass(frozen=True)
class Pending(Generic[Checked]):
    """A checked file waiting for "Terapkan" or "Batal".

    Attributes
    ----------
    file_id : str
        The uploader's id of the file (a new upload, even of the same file, is checked again).
    checked : object
        What the check found (the flow's own type).
    token : str
        One-shot token the apply button carries.
    """

    file_id: str
    checked: Checked
    token: str


@dataclass(frozen=True)
class UploadFlow(Generic[Checked]):
    """One check-then-apply upload: its session and widget keys, and the two store calls.

    Parameters
    ----------
    name : str
        Names the session keys: ``_lebak_pending_<name>``, ``_lebak_<name>_outcome``,
        ``_lebak_<name>_generation``.
    widget : str
        Prefix of the widget keys: ``<widget>_file_<n>``, ``<widget>_note``, ``<widget>_apply``,
        ``<widget>_cancel``.
    default_filename : str
        Shown when the browser sent no file name.
    status_keys : tuple of str
        Messages of the status box: checking, checked (each with ``{filename}``).
    check : callable
        ``check(ctx, data, filename) -> Checked``; may write progress steps with ``st.write`` and
        raise :class:`StoreError` (shown as is).
    apply : callable
        ``apply(checked, editor, note, lang) -> Applied``; raises :class:`StoreError` when refused.
    """

    name: str
    widget: str
    default_filename: str
    status_keys: tuple[str, str]
    check: Callable[[DataContext, bytes, str], Checked]
    apply: Callable[[Checked, str, str, str], Applied]

    @property
    def pending_key(self) -> str:
        """Return the session key of the pending check."""
        return PENDING_PREFIX + self.name

    @property
    def outcome_key(self) -> str:
        """Return the session key of the message left for the next run."""
        return f"_lebak_{self.name}_outcome"

    @property
    def generation_key(self) -> str:
        """Return the session key counting the uploaders emptied so far."""
        return f"_lebak_{self.name}_generation"

    @property
    def note_widget(self) -> str:
        """Return the key of the note's text input."""
        return f"{self.widget}_note"

    def uploader_key(self) -> str:
        """Return the file uploader's widget key (a new one after apply/cancel empties the uploader)."""
        return f"{self.widget}_file_{int(st.session_state.get(self.generation_key, 0))}"

    def clear(self) -> None:
        """Empty the uploader (a new widget key), forget the pending check and the note."""
        ss = st.session_state
        ss[self.generation_key] = int(ss.get(self.generation_key, 0)) + 1
        ss.pop(self.pending_key, None)
        ss[self.note_widget] = ""

    def forget(self) -> None:
        """Forget the pending check (the uploader was emptied by the user)."""
        st.session_state.pop(self.pending_key, None)

    # --------------------------------------------------------------------------------- checking
    def pending_for(self, ctx: DataContext, uploaded: UploadedFile) -> Pending[Checked] | None:
        """Return the pending check of `uploaded`, checking it first when it is a new file (None: it failed)."""
        pending = st.session_state.get(self.pending_key)
        if isinstance(pending, Pending) and pending.file_id == str(uploaded.file_id):
            return pending
        return self._check(ctx, uploaded)

    def _check(self, ctx: DataContext, uploaded: UploadedFile) -> Pending[Checked] | None:
        lang = ctx.lang
        name = str(uploaded.name or self.default_filename)
        shown = escape_markdown(name)
        checking, checked = self.status_keys
        with st.status(t(checking, lang, filename=shown), expanded=True) as status:
            try:
                result = self.check(ctx, uploaded.getvalue(), name)
            except StoreError as exc:  # a reason the store gives (an invalid OPD list, a missing original...)
                status.update(label=t("unggah.check_failed", lang, filename=shown), state="error")
                st.error(error_text(exc, lang))
                return None
            except Exception:  # a clear message, never a traceback; the log keeps the details
                log.exception("checking %s upload %r failed", self.name, name)
                status.update(label=t("unggah.check_failed", lang, filename=shown), state="error")
                st.error(t("unggah.unexpected", lang))
                return None
            pending = Pending(str(uploaded.file_id), result, new_token())
            st.session_state[self.pending_key] = pending
            status.update(label=t(checked, lang, filename=shown), state="complete", expanded=False)
        return pending

    # -------------------------------------------------------------------------------- callbacks
    def on_apply(self, token: str, lang: str) -> None:
        """Apply the pending check once (the apply button's callback)."""
        ss = st.session_state
        pending = ss.get(self.pending_key)
        if not isinstance(pending, Pending) or pending.token != token:
            if self.outcome_key not in ss:  # keep the first click's outcome when it was not shown yet
                say_later(self.outcome_key, "info", t("unggah.already", lang))
            return
        editor = editor_for_action(lang)
        if editor is None:
            return
        del ss[self.pending_key]  # one-shot: a second click finds nothing to apply
        note = str(ss.get(self.note_widget) or "")
        try:
            applied = self.apply(pending.checked, editor, note, lang)
        except StoreConflictError as exc:
            # Someone else's version (or OPD list) became active: the file stays in the uploader and
            # is checked again against the new active data on this very run.
            say_later(self.outcome_key, "warning", error_text(exc, lang) + " " + t("unggah.rechecked", lang))
            return
        except StoreError as exc:  # nothing was stored (disk full, no permission...): may be retried
            ss[self.pending_key] = replace(pending, token=new_token())
            say_later(self.outcome_key, "error", error_text(exc, lang))
            return
        self.clear()
        say_later(self.outcome_key, "success", applied.message, links=applied.links)

    def on_cancel(self, lang: str) -> None:
        """Drop the pending check and empty the uploader (the cancel button's callback)."""
        self.clear()
        say_later(self.outcome_key, "info", t("unggah.cancelled", lang))

    # ---------------------------------------------------------------------------------- widgets
    def cancel_button(self, lang: str) -> None:
        """Draw "Batal" alone (a check that cannot be applied)."""
        st.button(t("unggah.cancel", lang), key=f"{self.widget}_cancel", on_click=self.on_cancel, args=(lang,))

    def apply_controls(self, pending: Pending[Checked], lang: str, *, label: str, help_text: str | None = None) -> None:
        """Draw the note, "Terapkan" (carrying the pending check's token) and "Batal"."""
        st.text_input(t("unggah.note", lang), key=self.note_widget, max_chars=1000)
        left, right = st.columns([3, 1])
        with left:
            st.button(
                label,
                key=f"{self.widget}_apply",
                type="primary",
                help=help_text,
                on_click=self.on_apply,
                args=(pending.token, lang),
                width="stretch",
            )
        with right:
            st.button(
                t("unggah.cancel", lang),
                key=f"{self.widget}_cancel",
                on_click=self.on_cancel,
                args=(lang,),
                width="stretch",
            )
