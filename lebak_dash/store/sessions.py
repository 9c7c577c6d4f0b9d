"""Editor sessions that end: after an idle time, and at once when the editor's access changes.

An editor login starts a session: a random token kept in the browser tab's Streamlit session
(never in a cookie or the URL) and, hashed with SHA-256, a row of ``editor_sessions`` in the
catalog. Every action of the editor checks the row (:func:`check_session`), so ending a session
is one catalog write that every server process and replica sees at the editor's next action:

* **idle**: no action for :func:`idle_timeout_s` (``LEBAK_EDITOR_IDLE_MIN``, default 30 minutes);
* **password changed**, **removed**, **disabled**: the CLI's ``add-editor --reset``,
  ``remove-editor`` and ``disable-editor`` end every live session of that editor
  (:func:`end_editor_sessions`, in the same transaction as the change);
* **logout**.

Viewers have no session row and are never timed out (the meeting-room screen runs for hours).
A clock stepping backwards never ends a session: the last action's time is pulled back to it.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from dataclasses import dataclass

from lebak_dash.store.database import Connection
from lebak_dash.store.facade import Store

IDLE_ENV = "LEBAK_EDITOR_IDLE_MIN"
DEFAULT_IDLE_MIN = 30.0
#: A session's last action is written at most this often (a read per action, a write per minute).
TOUCH_EVERY_S = 60.0
#: Ended sessions are kept this long (what ended them can be looked up), then dropped.
KEEP_ENDED_S = 7 * 24 * 3600.0
#: Why a session ended (each has an ``session.ended.<reason>`` message).
REASONS = ("idle", "password_changed", "removed", "disabled", "logout", "unknown")


def idle_timeout_s(environ: dict[str, str] | None = None) -> float:
    """Return the idle time after which an editor session ends, in seconds.

    Examples
    --------
    >>> idle_timeout_s({}), idle_timeout_s({"LEBAK_EDITOR_IDLE_MIN": "5"})
    (1800.0, 300.0)
    """
    env = os.environ if environ is None else environ
    raw = env.get(IDLE_ENV, "").strip()
    try:
        minutes = float(raw) if raw else DEFAULT_IDLE_MIN
    except ValueError:
        minutes = DEFAULT_IDLE_MIN
    return max(minutes, 0.1) * 60.0


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(store: Store, editor_key: str, *, now: float | None = None) -> str:
    """Start a session of the editor `editor_key` and return its token (kept by the caller only)."""
    token = secrets.token_urlsafe(32)
    now = time.time() if now is None else now
    with store.transaction() as conn:
        conn.execute("DELETE FROM editor_sessions WHERE ended_at IS NOT NULL AND ended_at < ?", (now - KEEP_ENDED_S,))
        conn.execute(
            "INSERT INTO editor_sessions (token_hash, editor_key, started_at, last_seen) VALUES (?, ?, ?, ?)",
            (_digest(token), editor_key, now, now),
        )
    return token


@dataclass(frozen=True)
class SessionCheck:
    """The state of a session at one action.

    Attributes
    ----------
    name : str or None
        The editor's name (as stored) while the session lives, else None.
    reason : str or None
        Why it ended (one of :data:`REASONS`), None while it lives.
    """

    name: str | None
    reason: str | None = None

    @property
    def alive(self) -> bool:
        """Return True while the session lives."""
        return self.name is not None


def check_session(store: Store, token: str, *, now: float | None = None, idle_s: float | None = None) -> SessionCheck:
    """Return whether the session of `token` lives at `now`, ending it when it has been idle too long.

    One catalog read; a write when the session ends or its last action is older than
    :data:`TOUCH_EVERY_S`.
    """
    now = time.time() if now is None else now
    idle_s = idle_timeout_s() if idle_s is None else idle_s
    digest = _digest(token)
    with store.read() as conn:
        row = conn.execute(
            "SELECT s.last_seen, s.ended_at, s.end_reason, e.name, e.disabled_at FROM editor_sessions s "
            "LEFT JOIN editors e ON e.key = s.editor_key WHERE s.token_hash = ?",
            (digest,),
        ).fetchone()
    if row is None:
        return SessionCheck(None, "unknown")
    last_seen, ended_at, reason, name, disabled_at = row
    if ended_at is not None:
        return SessionCheck(None, reason or "unknown")
    if name is None or disabled_at is not None:  # removed or disabled by a path that did not end it
        reason = "removed" if name is None else "disabled"
        _end(store, digest, reason, now)
        return SessionCheck(None, reason)
    if now - last_seen > idle_s:
        _end(store, digest, "idle", now)
        return SessionCheck(None, "idle")
    if now - last_seen > TOUCH_EVERY_S or now < last_seen:  # also pulls a future time back to the clock
        with store.transaction() as conn:
            conn.execute(
                "UPDATE editor_sessions SET last_seen = ? WHERE token_hash = ? AND ended_at IS NULL", (now, digest)
            )
    return SessionCheck(str(name))


def _end(store: Store, digest: str, reason: str, now: float) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE editor_sessions SET ended_at = ?, end_reason = ? WHERE token_hash = ? AND ended_at IS NULL",
            (now, reason, digest),
        )


def end_session(store: Store, token: str, reason: str = "logout", *, now: float | None = None) -> None:
    """End the session of `token` (a logout)."""
    _end(store, _digest(token), reason, time.time() if now is None else now)


def end_editor_sessions(conn: Connection, editor_key: str, reason: str, now: float | None = None) -> int:
    """End every live session of `editor_key` inside the caller's transaction; return how many."""
    cursor = conn.execute(
        "UPDATE editor_sessions SET ended_at = ?, end_reason = ? WHERE editor_key = ? AND ended_at IS NULL",
        (time.time() if now is None else now, reason, editor_key),
    )
    return int(cursor.rowcount)


def live_sessions(store: Store, editor_key: str) -> int:
    """Return how many sessions of `editor_key` are not ended (idle ones included until their next check)."""
    with store.read() as conn:
        row = conn.execute(
            "SELECT COUNT(*) FROM editor_sessions WHERE editor_key = ? AND ended_at IS NULL", (editor_key,)
        ).fetchone()
    return int(row[0])
