"""Editors and logins: salted scrypt hashes in the catalog, throttled and audited attempts, sessions that end.

* A password is kept only as ``scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`` (16 random bytes of salt,
  N = 2**17, r = 8, p = 1 as OWASP advises: 128 MiB and a few hundred milliseconds per try; at
  most :data:`HASH_SLOTS` hashes run at once, so a burst of logins cannot exhaust memory).
  Hashes made with a lower cost still verify and are re-made at the cost of today at the next
  successful login. ``LEBAK_SCRYPT_LOG2_N`` lowers the cost **for tests only**. Comparison is
  constant-time (:func:`hmac.compare_digest`); an unknown name costs the same scrypt as a known
  one, so timing does not tell which names exist.
* Attempts are throttled per (name, client address) and per address, the global limit only
  slows down (:mod:`lebak_dash.store.throttle`): a correct password from the owner's own
  address is never refused. Every success and failure is audited, a burst of refusals once;
  the password never is.
* A login starts a session that ends after an idle time, at logout, or when the editor's
  password is changed or the editor removed or disabled (:mod:`lebak_dash.store.sessions`).
* Viewing is open unless a viewer password is set, either in the catalog
  (``python -m lebak_dash viewer-password``) or as a hash in ``LEBAK_VIEWER_PASSWORD_HASH``.
  A viewer's pass is tied to the password it was given for (:func:`viewer_gate`): setting
  another one asks every open session again.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from lebak_dash.i18n import t
from lebak_dash.store.catalog import clean_actor
from lebak_dash.store.database import Connection
from lebak_dash.store.errors import StoreError
from lebak_dash.store.facade import Store
from lebak_dash.store.sessions import end_editor_sessions, start_session
from lebak_dash.store.throttle import attempt, clear_subject

#: The cost of new hashes: N = 2 ** SCRYPT_LOG2_N (OWASP's minimum for scrypt), r, p.
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 17, 8, 1
#: Lowers the cost of new hashes, for tests only (never in production: see the README).
COST_ENV = "LEBAK_SCRYPT_LOG2_N"
_MIN_LOG2_N, _MAX_LOG2_N = 10, 20
#: The most memory one stored hash may ask for (a hash from the environment is checked too).
_MAX_HASH_MEMORY = 512 * 1024 * 1024
#: How many scrypt computations may run at once (each takes 128 MiB at the default cost).
HASH_SLOTS = 2
_HASHING = threading.BoundedSemaphore(HASH_SLOTS)
_SALT_BYTES, _KEY_BYTES = 16, 32
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
VIEWER_ENV = "LEBAK_VIEWER_PASSWORD_HASH"
_VIEWER_SETTING = "viewer_password_hash"
#: Changes each time a viewer password is set (the hash alone changes when it is re-made at login).
_VIEWER_PASS_SETTING = "viewer_pass_id"  # noqa: S105 (a settings key, not a password)


class AuthError(StoreError):
    """An editor or password could not be set; the message says why."""


@dataclass(frozen=True)
class LoginResult:
    """The outcome of a login attempt.

    Attributes
    ----------
    ok : bool
    name : str or None
        The editor's name as stored, when ``ok``.
    retry_after : float
        Seconds before another attempt from this address is accepted (0 when none is needed).
    key : str
        Message key (``auth.ok``, ``auth.wrong``, ``auth.throttled``).
    session : str or None
        The new session's token (editor logins that succeed); the caller keeps it, nothing else does.
    """

    ok: bool
    name: str | None = None
    retry_after: float = 0.0
    key: str = "auth.wrong"
    session: str | None = None

    def message(self, lang: str = "id") -> str:
        """Return the message for the user."""
        return t(self.key, lang, name=self.name or "", count=int(self.retry_after + 0.999))


# ------------------------------------------------------------------------------ hashing
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_cost(environ: dict[str, str] | None = None) -> int:
    """Return log2 N of new hashes: :data:`SCRYPT_LOG2_N`, or ``LEBAK_SCRYPT_LOG2_N`` (tests only).

    Examples
    --------
    >>> hash_cost({}), hash_cost({"LEBAK_SCRYPT_LOG2_N": "10"}), hash_cost({"LEBAK_SCRYPT_LOG2_N": "3"})
    (17, 10, 10)
    """
    env = os.environ if environ is None else environ
    raw = env.get(COST_ENV, "").strip()
    if not raw.isdigit():
        return SCRYPT_LOG2_N
    return max(_MIN_LOG2_N, min(int(raw), _MAX_LOG2_N))


def _memory(log2_n: int, r: int, p: int) -> int:
    """Return the bytes scrypt needs for these parameters (OpenSSL's own estimate)."""
    return 128 * r * (2**log2_n + 2) + 128 * r * p


def _scrypt(password: str, salt: bytes, log2_n: int, r: int, p: int, dklen: int) -> bytes:
    """Return the scrypt key; at most :data:`HASH_SLOTS` run at once (each may take 128 MiB)."""
    with _HASHING:
        return hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=2**log2_n,
            r=r,
            p=p,
            maxmem=_memory(log2_n, r, p) + 1024 * 1024,
            dklen=dklen,
        )


def hash_password(password: str, *, log2_n: int | None = None) -> str:
    """Return a salted scrypt hash of `password` (a fresh salt each call).

    Parameters
    ----------
    password : str
    log2_n : int, optional
        The cost; default :func:`hash_cost` (N = 2**17 outside tests).

    Examples
    --------
    >>> stored = hash_password("rahasia-sekali", log2_n=12)
    >>> stored.startswith("scrypt$12$8$1$"), verify_password("rahasia-sekali", stored)
    (True, True)
    """
    cost = hash_cost() if log2_n is None else log2_n
    salt = secrets.token_bytes(_SALT_BYTES)
    key = _scrypt(password, salt, cost, SCRYPT_R, SCRYPT_P, _KEY_BYTES)
    return f"scrypt${cost}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        log2_n, r, p = (int(x) for x in parts[1:4])
        salt, key = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    if not (_MIN_LOG2_N <= log2_n <= _MAX_LOG2_N and 1 <= r <= 32 and 1 <= p <= 16 and salt and key):
        return None
    if _memory(log2_n, r, p) > _MAX_HASH_MEMORY:
        return None
    return log2_n, r, p, salt, key


def is_valid_hash(stored: str) -> bool:
    """Return True when `stored` is a hash made by :func:`hash_password`."""
    return _parse_hash(stored) is not None


def needs_rehash(stored: str) -> bool:
    """Return True when `stored` was made at another cost than new hashes get (re-made at the next login).

    Examples
    --------
    >>> needs_rehash(hash_password("rahasia-sekali", log2_n=10)) == (hash_cost() != 10)
    True
    """
    parsed = _parse_hash(stored)
    return parsed is not None and parsed[:3] != (hash_cost(), SCRYPT_R, SCRYPT_P)


def verify_password(password: str, stored: str) -> bool:
    """Return True when `password` matches `stored`, comparing in constant time."""
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    log2_n, r, p, salt, key = parsed
    return hmac.compare_digest(_scrypt(password, salt, log2_n, r, p, len(key)), key)


@cache
def _dummy_hash(log2_n: int) -> str:
    """Return a hash spent on unknown names so they take as long as known ones."""
    return f"scrypt${log2_n}${SCRYPT_R}${SCRYPT_P}${_b64(b'0' * _SALT_BYTES)}${_b64(b'0' * _KEY_BYTES)}"


# ------------------------------------------------------------------------------ editors
def check_password_rules(password: str) -> None:
    """Raise :class:`AuthError` when `password` is too short or too long."""
    if len(password) < MIN_PASSWORD:
        raise AuthError("auth.password_short", count=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise AuthError("auth.password_long", count=MAX_PASSWORD)


def editor_key(name: str) -> str:
    """Return the key an editor is found by (names ignore case and surrounding spaces)."""
    return name.strip().casefold()


def editors(store: Store) -> list[str]:
    """Return the editors' names, sorted."""
    with store.read() as conn:
        return [r[0] for r in conn.execute("SELECT name FROM editors ORDER BY key")]


@dataclass(frozen=True)
class EditorInfo:
    """An editor as the ``editors`` command lists it."""

    name: str
    disabled: bool


def editor_list(store: Store) -> list[EditorInfo]:
    """Return every editor with whether it is disabled, sorted by name."""
    with store.read() as conn:
        rows = conn.execute("SELECT name, disabled_at FROM editors ORDER BY key").fetchall()
    return [EditorInfo(r[0], r[1] is not None) for r in rows]


def has_editors(store: Store) -> bool:
    """Return True when at least one editor exists (else the upload page says how to add one)."""
    with store.read() as conn:
        return conn.execute("SELECT 1 FROM editors LIMIT 1").fetchone() is not None


def add_editor(store: Store, name: str, password: str, *, by: str = "cli", reset: bool = False) -> None:
    """Create an editor, or with `reset` change an existing editor's password (ending its sessions).

    Parameters
    ----------
    store : Store
    name : str
        1-64 letters, digits, ``.``, ``_`` or ``-``; unique ignoring case.
    password : str
        At least :data:`MIN_PASSWORD` characters; only its salted hash is stored.
    by : str
        Who does it (the audit's actor).
    reset : bool
        Change the password of an existing editor instead of creating one; every live session
        of the editor ends at its next action.

    Raises
    ------
    AuthError
        Invalid name or password, the editor exists (without `reset`) or does not (with it).
    """
    name = name.strip()
    if not _NAME.match(name):
        raise AuthError("auth.name_invalid", name=clean_actor(name))
    check_password_rules(password)
    stored = hash_password(password)  # before the transaction: scrypt is slow, the lock is shared
    now = time.time()
    key = editor_key(name)
    with store.transaction() as conn:
        exists = conn.execute("SELECT 1 FROM editors WHERE key = ?", (key,)).fetchone()
        if exists and not reset:
            raise AuthError("auth.editor_exists", name=name)
        if reset and not exists:
            raise AuthError("auth.editor_missing", name=name)
        stamp = _iso(now)
        if exists:
            conn.execute("UPDATE editors SET password_hash = ?, updated_at = ? WHERE key = ?", (stored, stamp, key))
            clear_subject(conn, f"user:{key}")
            ended = end_editor_sessions(conn, key, "password_changed", now)
            store.audit_in(conn, "editor_password_changed", by, None, editor=name, sessions_ended=ended)
        else:
            conn.execute(
                "INSERT INTO editors (key, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (key, name, stored, stamp, stamp),
            )
            store.audit_in(conn, "editor_added", by, None, editor=name)


def _stored_name(conn: Connection, name: str) -> str:
    row = conn.execute("SELECT name FROM editors WHERE key = ?", (editor_key(name),)).fetchone()
    if row is None:
        raise AuthError("auth.editor_missing", name=clean_actor(name))
    return str(row[0])


def remove_editor(store: Store, name: str, *, by: str = "cli") -> int:
    """Remove an editor: it can no longer log in and its live sessions end; audited. Return the sessions ended.

    The audit log keeps everything the editor did (its lines name it).

    Raises
    ------
    AuthError
        ``auth.editor_missing``.
    """
    now = time.time()
    with store.transaction() as conn:
        stored = _stored_name(conn, name)
        key = editor_key(stored)
        conn.execute("DELETE FROM editors WHERE key = ?", (key,))
        clear_subject(conn, f"user:{key}")
        ended = end_editor_sessions(conn, key, "removed", now)
        store.audit_in(conn, "editor_removed", by, None, editor=stored, sessions_ended=ended)
    return ended


def disable_editor(store: Store, name: str, *, by: str = "cli", enable: bool = False) -> int:
    """Disable an editor (no login, live sessions end) or with `enable` allow it again; audited.

    Returns the number of sessions ended.

    Raises
    ------
    AuthError
        ``auth.editor_missing``.
    """
    now = time.time()
    with store.transaction() as conn:
        stored = _stored_name(conn, name)
        key = editor_key(stored)
        conn.execute("UPDATE editors SET disabled_at = ? WHERE key = ?", (None if enable else _iso(now), key))
        ended = 0 if enable else end_editor_sessions(conn, key, "disabled", now)
        action = "editor_enabled" if enable else "editor_disabled"
        store.audit_in(conn, action, by, None, editor=stored, sessions_ended=ended)
    return ended


def _iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat()


# ------------------------------------------------------------------------------ logins
def authenticate(
    store: Store,
    name: str,
    password: str,
    *,
    address: str | None = None,
    now: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LoginResult:
    """Check an editor's name and password, throttled per (name, address) and per address, audited.

    Parameters
    ----------
    store : Store
    name, password : str
        As typed.
    address : str, optional
        The client's address (:func:`lebak_dash.ui.access.client_address`); None: unknown.
    now : float, optional
        Current time (seconds since the epoch); tests pass a fake clock.
    sleep : callable
        How the global slowdown waits (tests pass a recorder).

    Returns
    -------
    LoginResult
        ``ok`` with the stored name and a new session's token; or refused, with ``retry_after``
        seconds when attempts from this address must slow down (the password is then not even
        checked). A disabled editor is refused like a wrong password.
    """
    key = editor_key(name)[:64]
    with store.read() as conn:
        row = conn.execute("SELECT name, password_hash, disabled_at FROM editors WHERE key = ?", (key,)).fetchone()
    # An unknown name is recorded without echoing what was typed (it may be a password).
    actor = row[0] if row else "?"
    stored = row[1] if row else _dummy_hash(hash_cost())
    usable = row is not None and row[2] is None
    result = attempt(
        store,
        f"user:{key}",
        address,
        actor,
        lambda: verify_password(password, stored) and usable,
        success_action="login",
        failure_action="login_failed",
        now=now,
        sleep=sleep,
        known=row is not None,
    )
    if result.outcome != "ok":
        return _refused(result.outcome, result.retry_after)
    if needs_rehash(stored):
        upgrade = "UPDATE editors SET password_hash = ? WHERE key = ? AND password_hash = ?"
        _upgrade(store, upgrade, key, stored, password)
    return LoginResult(True, row[0], 0.0, "auth.ok", start_session(store, key, now=now))


def _upgrade(store: Store, statement: str, key: str, stored: str, password: str) -> None:
    """Re-make a hash at today's cost after a successful check (unless it changed meanwhile)."""
    fresh = hash_password(password)
    with store.transaction() as conn:
        conn.execute(statement, (fresh, key, stored))


def _refused(outcome: str, wait: float) -> LoginResult:
    return LoginResult(False, None, wait, "auth.throttled" if outcome == "throttled" else "auth.wrong")


def log_logout(store: Store, name: str) -> None:
    """Write a logout to the audit log."""
    store.log("logout", name)


# ------------------------------------------------------------------------------ viewers
@dataclass(frozen=True)
class ViewerGate:
    """Whether viewing needs a password, and which pass a session must hold.

    Attributes
    ----------
    stored : str or None
        The viewer password's hash; None when viewing is open.
    pass_id : str
        What a session keeps once it gave the password (:func:`viewer_gate`): it changes whenever
        a viewer password is set, so sessions that gave the previous one are asked again. It
        reveals nothing of the password or its hash.
    """

    stored: str | None
    pass_id: str

    def admits(self, held: object) -> bool:
        """Return True when a session holding `held` may view."""
        return self.stored is None or held == self.pass_id


def _pass_id(text: str) -> str:
    return hashlib.sha256(b"lebak-viewer-pass\0" + text.encode("utf-8")).hexdigest()[:24]


def viewer_gate(store: Store, environ: dict[str, str] | None = None) -> ViewerGate:
    """Return the viewer gate in force: the hash (environment first, then catalog) and its pass.

    One small catalog read (none when the environment sets the hash).

    Raises
    ------
    AuthError
        When ``LEBAK_VIEWER_PASSWORD_HASH`` is set but is not a valid hash (fail closed).
    """
    env = os.environ if environ is None else environ
    from_env = env.get(VIEWER_ENV, "").strip()
    if from_env:
        if not is_valid_hash(from_env):
            raise AuthError("auth.bad_hash")
        return ViewerGate(from_env, _pass_id("env\0" + from_env))
    with store.read() as conn:
        rows = dict(
            conn.execute(
                "SELECT key, value FROM settings WHERE key IN (?, ?)", (_VIEWER_SETTING, _VIEWER_PASS_SETTING)
            ).fetchall()
        )
    stored = rows.get(_VIEWER_SETTING)
    if stored is None:
        return ViewerGate(None, "open")
    return ViewerGate(stored, _pass_id(rows.get(_VIEWER_PASS_SETTING) or stored))


def viewer_password_hash(store: Store, environ: dict[str, str] | None = None) -> str | None:
    """Return the viewer password's hash (environment first, then catalog), or None when viewing is open.

    Raises
    ------
    AuthError
        When ``LEBAK_VIEWER_PASSWORD_HASH`` is set but is not a valid hash (fail closed).
    """
    return viewer_gate(store, environ).stored


def viewer_password_required(store: Store, environ: dict[str, str] | None = None) -> bool:
    """Return True when viewing the dashboard needs the viewer password."""
    try:
        return viewer_password_hash(store, environ) is not None
    except AuthError:
        return True


def set_viewer_password(store: Store, password: str | None, *, by: str = "cli") -> None:
    """Set (or with None remove) the viewer password kept in the catalog; audited.

    Every session must give the new password (the gate's pass changes, :class:`ViewerGate`).
    """
    if password is None:
        with store.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key IN (?, ?)", (_VIEWER_SETTING, _VIEWER_PASS_SETTING))
            store.audit_in(conn, "viewer_password_cleared", by)
        return
    check_password_rules(password)
    stored = hash_password(password)
    upsert = "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    with store.transaction() as conn:
        conn.execute(upsert, (_VIEWER_SETTING, stored))
        conn.execute(upsert, (_VIEWER_PASS_SETTING, secrets.token_hex(16)))
        store.audit_in(conn, "viewer_password_set", by)


def check_viewer_password(
    store: Store,
    password: str,
    *,
    address: str | None = None,
    environ: dict[str, str] | None = None,
    now: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LoginResult:
    """Check the viewer password, throttled and audited like editor logins (a success is audited too).

    Returns ``ok`` at once when no viewer password is set. A hash kept in the catalog at an
    older cost is re-made at today's cost (one from the environment is left as it is).
    """
    stored = viewer_password_hash(store, environ)
    if stored is None:
        return LoginResult(True, None, 0.0, "auth.ok")
    result = attempt(
        store,
        "viewer",
        address,
        "viewer",
        lambda: verify_password(password, stored),
        success_action="viewer_login",
        failure_action="viewer_login_failed",
        now=now,
        sleep=sleep,
    )
    if result.outcome != "ok":
        return _refused(result.outcome, result.retry_after)
    env = os.environ if environ is None else environ
    if needs_rehash(stored) and not env.get(VIEWER_ENV, "").strip():
        _upgrade(store, "UPDATE settings SET value = ? WHERE key = ? AND value = ?", _VIEWER_SETTING, stored, password)
    return LoginResult(True, None, 0.0, "auth.ok")
