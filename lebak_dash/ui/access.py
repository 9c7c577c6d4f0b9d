"""Who may see and who may change: the viewer password gate, the editor login, the guard of data pages.

* **Viewing** is open unless a viewer password is configured (:func:`lebak_dash.store.auth.
  viewer_gate`, read on every run so a password set with the CLI applies at once, to sessions
  already open too). Then :func:`require_viewer`, called first by every page
  (:func:`lebak_dash.ui.page.setup` and :func:`lebak_dash.ui.datapage.data_setup`), shows a
  password form and stops the page until the session has given *that* password.
* **Changing data** needs an editor login (:func:`lebak_dash.store.auth.authenticate`: scrypt,
  throttled per client address and audited by the backend). The login starts a session kept in
  the catalog (:mod:`lebak_dash.store.sessions`); the session state holds only its token and the
  editor's name. :func:`current_editor` checks the session on every call, so an idle time, a
  password change, ``remove-editor`` or ``disable-editor`` ends it at the editor's next action.
  :func:`require_editor` is the guard of every page or section that changes data, and
  :func:`editor_for_action` the guard *inside* the callbacks that write, because a callback must
  never trust that only an editor could have seen its button.
* **The client's address** (:func:`client_address`) is what login throttling counts per: the
  WebSocket peer, or, when that peer is a trusted reverse proxy (``LEBAK_TRUSTED_PROXY``), the
  address the proxy put in ``X-Forwarded-For``.

Passwords are read from widgets inside callbacks and the widgets are emptied at once, so a
password never stays in the session state after the attempt. Logging out ends the editor's
session and the viewer pass; an editor session that ended only because it was idle leaves the
session a viewer (the meeting-room screen is never timed out).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from lebak_dash.config import LOOPBACK, trusted_proxies
from lebak_dash.i18n import t
from lebak_dash.store import StoreError
from lebak_dash.store.auth import (
    MIN_PASSWORD,
    AuthError,
    ViewerGate,
    authenticate,
    check_viewer_password,
    has_editors,
    log_logout,
    viewer_gate,
)
from lebak_dash.store.sessions import check_session, end_session, idle_timeout_s
from lebak_dash.ui.data import get_store, stop_unreadable
from lebak_dash.ui.text import error_text, escape_markdown

log = logging.getLogger(__name__)

#: Session keys: the logged-in editor's name and session token, the viewer pass, a message for
#: the next run, and why the editor session ended.
EDITOR_KEY = "_lebak_editor"
SESSION_KEY = "_lebak_editor_session"
VIEWER_KEY = "_lebak_viewer_ok"
MESSAGE_KEY = "_lebak_access_message"
ENDED_KEY = "_lebak_session_ended"
#: Session keys starting with this hold a checked, not yet applied change (dropped at logout).
PENDING_PREFIX = "_lebak_pending_"
#: Widget keys of the forms.
VIEWER_PASSWORD_WIDGET = "viewer_password"  # noqa: S105 (a widget key, not a password)
LOGIN_NAME_WIDGET = "login_name"
LOGIN_PASSWORD_WIDGET = "login_password"  # noqa: S105 (a widget key, not a password)
LOGIN_SUBMIT_WIDGET = "login_submit"
LOGOUT_WIDGET = "logout"
#: Why an editor session may end, each with a ``session.ended.<reason>`` message.
SESSION_END_KEYS = ("idle", "password_changed", "removed", "disabled", "unknown")
#: The command that creates an editor (shown when there is none).
ADD_EDITOR_COMMAND = "python -m lebak_dash add-editor NAMA"


# ------------------------------------------------------------------------------ client address
def forwarded_client(peer: str | None, forwarded_for: str, trusted: frozenset[str]) -> str | None:
    """Return the client's address: `peer`, or what a trusted proxy wrote in ``X-Forwarded-For``.

    Parameters
    ----------
    peer : str or None
        The WebSocket peer (``st.context.ip_address``: None for ``127.0.0.1`` and ``::1``).
    forwarded_for : str
        The ``X-Forwarded-For`` header ("" when absent): client, proxy1, proxy2...
    trusted : frozenset of str
        :func:`lebak_dash.config.trusted_proxies`; ``127.0.0.1``, ``::1`` or ``localhost`` names
        a proxy on the same machine.

    Returns
    -------
    str or None
        The right-most address of the header that is not a trusted proxy (each proxy appends
        the address it saw, so only that one is not the client's own word), when the peer is
        trusted; else the peer. None when unknown.

    Examples
    --------
    >>> forwarded_client(None, "10.0.0.7", frozenset({"127.0.0.1"}))
    '10.0.0.7'
    >>> forwarded_client("10.0.0.9", "1.2.3.4", frozenset())  # not from a trusted proxy: ignored
    '10.0.0.9'
    >>> forwarded_client(None, "6.6.6.6, 10.0.0.7", frozenset({"localhost"}))  # the client wrote 6.6.6.6
    '10.0.0.7'
    """
    is_trusted = peer in trusted if peer else bool(trusted & LOOPBACK)
    if not is_trusted or not forwarded_for.strip():
        return peer or None
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return peer or None


def _request() -> tuple[str | None, str]:
    """Return the WebSocket peer and the ``X-Forwarded-For`` header of this session (tests replace it)."""
    try:
        peer = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For") or ""
    except Exception:  # no client (AppTest, a bare script run): unknown  # noqa: BLE001
        return None, ""
    # Outside a served session (AppTest) the values are stand-ins, not text: unknown.
    return (peer if isinstance(peer, str) else None), (forwarded if isinstance(forwarded, str) else "")


def client_address() -> str | None:
    """Return this session's client address, as login throttling counts it (None: unknown)."""
    peer, forwarded = _request()
    return forwarded_client(peer, forwarded, trusted_proxies())


# ------------------------------------------------------------------------------------ sessions
def _forget_editor(reason: str) -> None:
    """Drop the editor from this session (its session ended: `reason`); idle leaves a viewer."""
    ss = st.session_state
    ss.pop(EDITOR_KEY, None)
    ss.pop(SESSION_KEY, None)
    for key in [k for k in ss if str(k).startswith(PENDING_PREFIX)]:
        del ss[key]
    ss[ENDED_KEY] = reason
    if reason == "idle":  # an editor login implied the viewer pass; only a change of access takes it
        try:
            ss[VIEWER_KEY] = viewer_gate(get_store()).pass_id
        except StoreError:
            ss.pop(VIEWER_KEY, None)
    else:
        ss.pop(VIEWER_KEY, None)


def current_editor() -> str | None:
    """Return the name of the editor logged in in this session, or None.

    Checks the session in the catalog on every call (one small read; a write at most once a
    minute): an ended session (idle, password changed, editor removed or disabled) is dropped
    here, at the editor's next action, and :func:`show_access_message` says why.
    """
    ss = st.session_state
    name, token = ss.get(EDITOR_KEY), ss.get(SESSION_KEY)
    if not isinstance(name, str) or not name:
        return None
    if not isinstance(token, str) or not token:
        _forget_editor("unknown")
        return None
    try:
        check = check_session(get_store(), token)
    except StoreError as exc:  # the catalog cannot be read: no editor rights for now (fail closed)
        log.warning("editor session of %s not checked: %s", name, exc)
        return None
    if check.name is None:
        _forget_editor(check.reason or "unknown")
        return None
    return check.name


def _say(kind: str, text: str) -> None:
    """Keep a message for the next run (callbacks cannot draw where the page wants it)."""
    st.session_state[MESSAGE_KEY] = (kind, text)


def show_access_message(lang: str = "id") -> None:
    """Show (once) the message left by the last login, logout or refusal, or why the editor session ended."""
    reason = st.session_state.pop(ENDED_KEY, None)
    if reason:
        minutes = round(idle_timeout_s() / 60)
        key = f"session.ended.{reason}" if reason in SESSION_END_KEYS else "session.ended.unknown"
        st.warning(t(key, lang, count=minutes) if reason == "idle" else t(key, lang))
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
        store = get_store()
        result = check_viewer_password(store, password, address=client_address())
        if result.ok:
            ss[VIEWER_KEY] = viewer_gate(store).pass_id
            return
    except StoreError as exc:  # a bad LEBAK_VIEWER_PASSWORD_HASH (fail closed) or an unreadable catalog
        _say("error", error_text(exc, lang))
        return
    if result.key == "auth.throttled":
        _say("error", result.message(lang))
    else:
        wait = int(result.retry_after + 0.999)
        text = t("access.viewer_wrong", lang) + (" " + t("access.wait", lang, count=wait) if wait else "")
        _say("error", text)


def require_viewer(lang: str) -> None:
    """Stop the page behind the viewer password form when a viewer password is set and not given yet.

    Costs one small catalog read per run (the password may be set at any time with
    ``python -m lebak_dash viewer-password``, and then applies to open sessions too: a session
    holds the pass of the password it gave, :class:`~lebak_dash.store.auth.ViewerGate`).
    """
    editor = current_editor()  # first: an ended editor session may take the viewer pass with it
    held = st.session_state.get(VIEWER_KEY)
    try:
        gate = viewer_gate(get_store())
    except AuthError:  # a bad LEBAK_VIEWER_PASSWORD_HASH: the form stays, every attempt says why
        gate = ViewerGate("invalid", "invalid")
    except StoreError as exc:  # an unreadable catalog: refuse rather than open, and offer a retry
        stop_unreadable(exc, lang)
    if gate.admits(held) or editor:
        return
    st.title(t("access.viewer_title", lang))
    st.write(t("access.viewer_intro", lang))
    if held:  # it gave an earlier password
        st.info(t("session.viewer_again", lang))
    show_access_message(lang)
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
        result = authenticate(get_store(), name, password, address=client_address())
    except StoreError as exc:
        _say("error", error_text(exc, lang))
        return
    if result.ok:
        ss[EDITOR_KEY] = result.name
        ss[SESSION_KEY] = result.session
        ss.pop(ENDED_KEY, None)
        _say("success", escape_markdown(result.message(lang)))
        return
    if result.key == "auth.throttled":
        _say("error", result.message(lang))  # "try again in N seconds"
        return
    wait = int(result.retry_after + 0.999)
    _say("error", result.message(lang) + (" " + t("access.wait", lang, count=wait) if wait else ""))


def login_form(lang: str) -> None:
    """Show the editor login form, or how to create the first editor when none exists."""
    store = get_store()
    st.header(t("access.login_title", lang))
    show_access_message(lang)
    try:
        any_editor = has_editors(store)
    except StoreError as exc:
        st.error(error_text(exc, lang))
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
    token = ss.pop(SESSION_KEY, None)
    ss.pop(EDITOR_KEY, None)
    ss.pop(VIEWER_KEY, None)  # logging out ends the viewer pass too
    for key in [k for k in ss if str(k).startswith(PENDING_PREFIX)]:
        del ss[key]
    if name:
        try:
            if isinstance(token, str):
                end_session(get_store(), token)
            log_logout(get_store(), name)
        except StoreError as exc:  # logged out of the session anyway; the catalog is what failed
            log.warning("logout of %s not recorded: %s", name, exc)
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


# ----------------------------------------------------------------------------------- downloads
def audited_download(
    data: Callable[[], bytes], *, what: str, filename: str, version: int | None = None
) -> Callable[[], bytes]:
    """Return `data` made to write a ``download`` audit line each time the file is fetched.

    Who (the editor, else ``viewer``) and from where are taken now, while the page is drawn: the
    callable runs later, when the browser asks for the file, outside the page's session.

    Parameters
    ----------
    data : callable
        Makes the file's bytes (a download button's deferred ``data``).
    what : str
        What is downloaded (``original``, ``records_xlsx``, ``records_csv``, ``briefing_html``...).
    filename : str
        The name the file is given.
    version : int, optional
        The data version it comes from.
    """
    actor = current_editor() or "viewer"
    address = client_address()
    store = get_store()

    def fetched() -> bytes:
        content = data()
        try:
            store.log("download", actor, version, what=what, filename=filename, address=address or "?")
        except StoreError as exc:  # the file is given anyway; the missing line is logged
            log.warning("download of %s not audited: %s", filename, exc)
        return content

    return fetched
