"""Who may see and who may change: the viewer password gate, the editor login, the guard of data pages.

* **Viewing** is open unless a viewer password is configured (:func:`lebak_dash.store.auth.
  viewer_password_required`, read on every run so a password set with the CLI applies at once).
  Then :func:`require_viewer`, called first by every page (:func:`lebak_dash.ui.page.setup` and
  :func:`lebak_dash.ui.datapage.data_setup`), shows a password form and stops the page until the
  session has given it.
* **Changing data** needs an editor login (:func:`lebak_dash.store.auth.authenticate`: scrypt, slowed
  down and audited by the backend). The editor's name lives in ``st.session_state`` for the
  session (a browser tab); :func:`require_editor` is the guard of every page or section that
  changes data, and :func:`editor_for_action` the guard *inside* the callbacks that write,
  because a callback must never trust that only an editor could have seen its button.

Passwords are read from widgets inside callbacks and the widgets are emptied at once, so a
password never stays in the session state after the attempt.
"""

from __future__ import annotations

import logging

import streamlit as st

from lebak_dash.i18n import t
from lebak_dash.store import StoreError
from lebak_dash.store.auth import (
    MIN_PASSWORD,
    authenticate,
    check_viewer_password,
    has_editors,
    log_logout,
    viewer_password_required,
)
from lebak_dash.ui.data import get_store
from lebak_dash.ui.text import escape_markdown

log = logging.getLogger(__name__)

#: Session keys: the logged-in editor's name, the viewer pass, and a message for the next run.
EDITOR_KEY = "_lebak_editor"
VIEWER_KEY = "_lebak_viewer_ok"
MESSAGE_KEY = "_lebak_access_message"
#: Session keys starting with this hold a checked, not yet applied change (dropped at logout).
PENDING_PREFIX = "_lebak_pending_"
#: Widget keys of the forms.
VIEWER_PASSWORD_WIDGET = "viewer_password"  # noqa: S105 (a widget key, not a password)
LOGIN_NAME_WIDGET = "login_name"
LOGIN_PASSWORD_WIDGET = "login_password"  # noqa: S105 (a widget key, not a password)
LOGIN_SUBMIT_WIDGET = "login_submit"
LOGOUT_WIDGET = "logout"
#: The command that creates an editor (shown when there is none).
ADD_EDITOR_COMMAND = "python -m lebak_dash add-editor NAMA"


def current_editor() -> str | None:
    """Return the name of the editor logged in in this session, or None."""
    name = st.session_state.get(EDITOR_KEY)
    return name if isinstance(name, str) and name else None


def _say(kind: str, text: str) -> None:
    """Keep a message for the next run (callbacks cannot draw where the page wants it)."""
    st.session_state[MESSAGE_KEY] = (kind, text)


def show_access_message() -> None:
    """Show (once) the message left by the last login, logout or refusal."""
    message = st.session_state.pop(MESSAGE_KEY, None)
    if not message:
        return
    kind, text = message
    {"error": st.error, "success": st.success, "info": st.info, "warning": st.warning}.get(kind, st.info)(text)


# ----------------------------------------------------------------------------------- viewers
def _on_viewer_submit(lang: str) -> None:
    ss = st.session_state
    password = str(ss.get(VIEWER_PASSWORD_WIDGET) or "")
    ss[VIEWER_PASSWORD_WIDGET] = ""  # never keep a password in the session
    try:
        result = check_viewer_password(get_store(), password)
    except StoreError as exc:  # a bad LEBAK_VIEWER_PASSWORD_HASH (fail closed) or an unreadable catalog
        _say("error", exc.message(lang))
        return
    if result.ok:
        ss[VIEWER_KEY] = True
        return
    if result.key == "auth.throttled":
        _say("error", result.message(lang))
    else:
        wait = int(result.retry_after + 0.999)
        text = t("access.viewer_wrong", lang) + (" " + t("access.wait", lang, count=wait) if wait else "")
        _say("error", text)


def require_viewer(lang: str) -> None:
    """Stop the page behind the viewer password form when a viewer password is set and not given yet.

    Costs one small catalog read per run while viewing is open (the password may be set at any
    time with ``python -m lebak_dash viewer-password``).
    """
    if st.session_state.get(VIEWER_KEY) or current_editor():
        return
    try:
        required = viewer_password_required(get_store())
    except StoreError as exc:  # an unreadable catalog: refuse rather than open
        st.error(exc.message(lang))
        st.stop()
    if not required:
        return
    st.title(t("access.viewer_title", lang))
    st.write(t("access.viewer_intro", lang))
    show_access_message()
    with st.form(key="viewer_form", clear_on_submit=False, enter_to_submit=True):
        st.text_input(
            t("access.viewer_password", lang),
            type="password",
            key=VIEWER_PASSWORD_WIDGET,
            max_chars=1024,
            autocomplete="current-password",
        )
        st.form_submit_button(
            t("access.viewer_submit", lang),
            key="viewer_submit",
            type="primary",
            on_click=_on_viewer_submit,
            args=(lang,),
        )
    st.stop()


# ----------------------------------------------------------------------------------- editors
def _on_login(lang: str) -> None:
    ss = st.session_state
    name = str(ss.get(LOGIN_NAME_WIDGET) or "").strip()
    password = str(ss.get(LOGIN_PASSWORD_WIDGET) or "")
    ss[LOGIN_PASSWORD_WIDGET] = ""  # never keep a password in the session
    if not name or not password:
        _say("warning", t("access.fill_both", lang))
        return
    try:
        result = authenticate(get_store(), name, password)
    except StoreError as exc:
        _say("error", exc.message(lang))
        return
    if result.ok:
        ss[EDITOR_KEY] = result.name
        ss[VIEWER_KEY] = True  # an editor may see what they change
        _say("success", result.message(lang))
        return
    if result.key == "auth.throttled":
        _say("error", result.message(lang))  # "try again in N seconds"
        return
    wait = int(result.retry_after + 0.999)
    _say("error", result.message(lang) + (" " + t("access.wait", lang, count=wait) if wait else ""))


def login_form(lang: str) -> None:
    """Show the editor login form, or how to create the first editor when none exists."""
    store = get_store()
    st.subheader(t("access.login_title", lang))
    show_access_message()
    try:
        any_editor = has_editors(store)
    except StoreError as exc:
        st.error(exc.message(lang))
        return
    if not any_editor:
        st.warning(t("access.no_editor", lang, count=MIN_PASSWORD))
        st.code(ADD_EDITOR_COMMAND, language="bash")
        return
    with st.form(key="login_form", clear_on_submit=False, enter_to_submit=True):
        st.text_input(t("access.name", lang), key=LOGIN_NAME_WIDGET, max_chars=64, autocomplete="username")
        st.text_input(
            t("access.password", lang),
            type="password",
            key=LOGIN_PASSWORD_WIDGET,
            max_chars=1024,
            autocomplete="current-password",
        )
        st.form_submit_button(
            t("access.submit", lang), key=LOGIN_SUBMIT_WIDGET, type="primary", on_click=_on_login, args=(lang,)
        )
    st.caption(t("access.session_note", lang))


def _on_logout(lang: str) -> None:
    name = current_editor()
    ss = st.session_state
    ss.pop(EDITOR_KEY, None)
    for key in [k for k in ss if str(k).startswith(PENDING_PREFIX)]:
        del ss[key]
    if name:
        try:
            log_logout(get_store(), name)
        except StoreError as exc:  # logged out of the session anyway; the audit line is what failed
            log.warning("logout of %s not audited: %s", name, exc)
    _say("info", t("access.logged_out", lang))


def editor_status(lang: str) -> None:
    """Show who is logged in and the logout button (in the sidebar of the data pages)."""
    name = current_editor()
    if name is None:
        return
    st.caption(t("access.logged_in_as", lang, name=escape_markdown(name)))
    st.button(t("access.logout", lang), key=LOGOUT_WIDGET, on_click=_on_logout, args=(lang,))


def require_editor(lang: str, *, stop: bool = True) -> str | None:
    """Return the logged-in editor's name; otherwise show the login form.

    Parameters
    ----------
    lang : {"id", "en"}
    stop : bool
        True (a page that only editors may use): stop the page after the form. False (a section
        of a page open to viewers): return None and let the page go on without its editor part.
    """
    name = current_editor()
    if name is not None:
        return name
    if stop:
        st.info(t("access.editor_only", lang))
    login_form(lang)
    if stop:
        st.stop()
    return None


def editor_for_action(lang: str) -> str | None:
    """Return the editor allowed to run a data-changing callback, or None (and say it was refused).

    Callbacks run before the page and are reached through widget state; they check again here.
    """
    name = current_editor()
    if name is None:
        _say("error", t("access.refused", lang))
    return name
