"""Ask, confirm, activate once: going back to an earlier version (Riwayat) or OPD list (Referensi).

"Aktifkan" only asks (:meth:`ActivationFlow.on_ask` keeps what was picked, with the number active
at that moment, as a :class:`PendingActivation`); the page then shows a confirmation whose "Ya"
button carries a one-shot token. Confirming takes the pending activation out of the session
before it writes (a double click changes nothing), and the store refuses when someone else
activated another one in between (``expected_active``): a confirmation can go stale.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.store import StoreConflictError, StoreError
from lebak_dash.ui.access import PENDING_PREFIX, editor_for_action
from lebak_dash.ui.datapage import Applied, new_token, say_later
from lebak_dash.ui.text import error_text


@dataclass(frozen=True)
class PendingActivation:
    """An activation asked for and waiting for its confirmation.

    Attributes
    ----------
    number : int
        What to activate (0: the bundled OPD list).
    current : int
        What was active when it was asked (0: none, or the bundled list); the store refuses when that changed.
    token : str
        One-shot token of the confirm button.
    """

    number: int
    current: int
    token: str


@dataclass(frozen=True)
class ActivationFlow:
    """One ask-confirm-activate flow: its keys and the store calls.

    Parameters
    ----------
    name : str
        Names the session key of the pending activation (``_lebak_pending_<name>``).
    widget : str
        Prefix of the widget keys: ``<widget>_pick`` (the choice), ``<widget>_activate`` (ask),
        ``<widget>_yes``, ``<widget>_no``.
    outcome_key : str
        Session key of the message left for the next run (:func:`~lebak_dash.ui.datapage.say_later`).
    current : callable
        ``current() -> int``: what is active now (0: none or bundled).
    activate : callable
        ``activate(number, editor, expected_active, lang) -> Applied``; raises
        :class:`StoreConflictError` when `expected_active` is no longer active.
    conflict : callable
        ``conflict(error, lang) -> str``: the message when the confirmation went stale.
    """

    name: str
    widget: str
    outcome_key: str
    current: Callable[[], int]
    activate: Callable[[int, str, int, str], Applied]
    conflict: Callable[[StoreConflictError, str], str]

    @property
    def pending_key(self) -> str:
        """Return the session key of the pending activation."""
        return PENDING_PREFIX + self.name

    @property
    def pick_widget(self) -> str:
        """Return the key of the choice (a selectbox the page draws)."""
        return f"{self.widget}_pick"

    @property
    def ask_widget(self) -> str:
        """Return the key of the button that asks for a confirmation."""
        return f"{self.widget}_activate"

    def pending(self) -> PendingActivation | None:
        """Return the activation waiting for its confirmation, if any."""
        pending = st.session_state.get(self.pending_key)
        return pending if isinstance(pending, PendingActivation) else None

    # -------------------------------------------------------------------------------- callbacks
    def on_ask(self, lang: str) -> None:
        """Keep the picked number for a confirmation (the ask button's callback; editors only)."""
        if editor_for_action(lang) is None:
            return
        number = st.session_state.get(self.pick_widget)
        if not isinstance(number, int):
            return
        try:
            current = self.current()
        except StoreError as exc:
            say_later(self.outcome_key, "error", error_text(exc, lang))
            return
        st.session_state[self.pending_key] = PendingActivation(number, current, new_token())

    def on_confirm(self, token: str, lang: str) -> None:
        """Activate once (the confirm button's callback)."""
        ss = st.session_state
        pending = ss.get(self.pending_key)
        if not isinstance(pending, PendingActivation) or pending.token != token:
            return  # a second click of the same confirmation: already done
        editor = editor_for_action(lang)
        if editor is None:
            return
        del ss[self.pending_key]
        try:
            applied = self.activate(pending.number, editor, pending.current, lang)
        except StoreConflictError as exc:
            say_later(self.outcome_key, "warning", self.conflict(exc, lang))
            return
        except StoreError as exc:
            say_later(self.outcome_key, "error", error_text(exc, lang))
            return
        say_later(self.outcome_key, "success", applied.message, links=applied.links)

    def on_cancel(self) -> None:
        """Drop the pending activation (the "no" button's callback)."""
        st.session_state.pop(self.pending_key, None)

    # ---------------------------------------------------------------------------------- widgets
    def confirm_buttons(self, pending: PendingActivation, lang: str, *, yes_label: str) -> None:
        """Draw "yes" (carrying the token) and "no" side by side."""
        left, right = st.columns(2)
        with left:
            st.button(
                yes_label,
                key=f"{self.widget}_yes",
                type="primary",
                on_click=self.on_confirm,
                args=(pending.token, lang),
                width="stretch",
            )
        with right:
            st.button(t("riwayat.confirm_no", lang), key=f"{self.widget}_no", on_click=self.on_cancel, width="stretch")
