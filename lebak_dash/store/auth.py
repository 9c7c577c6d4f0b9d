"""Editors and logins: salted scrypt hashes in the catalog, slowed-down and audited failures.

* A password is kept only as ``scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`` (16 random bytes of salt,
  N = 2**15, r = 8, p = 1: about 32 MiB and a few tens of milliseconds per try). Comparison is
  constant-time (:func:`hmac.compare_digest`); an unknown name costs the same scrypt as a known
  one, so timing does not tell which names exist.
* Failed attempts are counted per name and globally in the catalog (so every server process and
  restart sees them). After a few free failures each new attempt must wait twice as long as the
  previous one (per name: 3 free, then 2 s, 4 s ... up to 15 minutes; globally: 20 free, then up to
  one minute). An attempt is counted *before* the password is checked, so parallel guesses cannot
  slip past the counter. Every success, failure and refusal is written to the audit log; the
  password never is.
* Viewing is open unless a viewer password is set, either in the catalog
  (``python -m lebak_dash viewer-password``) or as a hash in ``LEBAK_VIEWER_PASSWORD_HASH``.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from lebak_dash.i18n import t
from lebak_dash.store.catalog import clean_actor
from lebak_dash.store.errors import StoreError
from lebak_dash.store.facade import Store

SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 15, 8, 1
_SALT_BYTES, _KEY_BYTES = 16, 32
_MAXMEM = 128 * 1024 * 1024
MIN_PASSWORD, MAX_PASSWORD = 10, 1024
_NAME = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
VIEWER_ENV = "LEBAK_VIEWER_PASSWORD_HASH"
_VIEWER_SETTING = "viewer_password_hash"


@dataclass(frozen=True)
class Throttle:
    """How a scope of attempts is slowed down.

    Attributes
    ----------
    free : int
        Failures allowed before any wait.
    base_s, max_s : float
        Wait after the first counted failure, doubling each time, capped at ``max_s``.
    forget_s : float
        A scope whose last failure is older than this starts again from zero.
    """

    free: int
    base_s: float
    max_s: float
    forget_s: float

    def wait(self, failures: int) -> float:
        """Return the seconds to wait after the last of `failures` consecutive failures.

        Examples
        --------
        >>> [PER_NAME.wait(n) for n in (3, 4, 5, 6)]
        [0.0, 2.0, 4.0, 8.0]
        """
        if failures <= self.free:
            return 0.0
        return float(min(self.base_s * 2 ** (failures - self.free - 1), self.max_s))


PER_NAME = Throttle(free=3, base_s=2.0, max_s=900.0, forget_s=3600.0)
GLOBAL = Throttle(free=20, base_s=1.0, max_s=60.0, forget_s=600.0)


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
        Seconds before another attempt is accepted (0 when none is needed).
    key : str
        Message key (``auth.ok``, ``auth.wrong``, ``auth.throttled``).
    """

    ok: bool
    name: str | None = None
    retry_after: float = 0.0
    key: str = "auth.wrong"

    def message(self, lang: str = "id") -> str:
        """Return the message for the user."""
        return t(self.key, lang, name=self.name or "", count=int(self.retry_after + 0.999))


# ------------------------------------------------------------------------------ hashing
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """Return a salted scrypt hash of `password` (a fresh salt each call).

    Examples
    --------
    >>> stored = hash_password("rahasia-sekali")
    >>> stored.startswith("scrypt$15$8$1$"), verify_password("rahasia-sekali", stored)
    (True, True)
    """
    salt = secrets.token_bytes(_SALT_BYTES)
    key = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=2**SCRYPT_LOG2_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=_MAXMEM,
        dklen=_KEY_BYTES,
    )
    return f"scrypt${SCRYPT_LOG2_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(key)}"


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes] | None:
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return None
    try:
        log2_n, r, p = (int(x) for x in parts[1:4])
        salt, key = base64.b64decode(parts[4], validate=True), base64.b64decode(parts[5], validate=True)
    except ValueError:
        return None
    if not (10 <= log2_n <= 20 and 1 <= r <= 32 and 1 <= p <= 16 and salt and key):
        return None
    return log2_n, r, p, salt, key


def is_valid_hash(stored: str) -> bool:
    """Return True when `stored` is a hash made by :func:`hash_password`."""
    return _parse_hash(stored) is not None


def verify_password(password: str, stored: str) -> bool:
    """Return True when `password` matches `stored`, comparing in constant time."""
    parsed = _parse_hash(stored)
    if parsed is None:
        return False
    log2_n, r, p, salt, key = parsed
    candidate = hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=2**log2_n, r=r, p=p, maxmem=_MAXMEM, dklen=len(key)
    )
    return hmac.compare_digest(candidate, key)


# Spent on unknown names so they take as long as known ones.
_DUMMY_HASH = f"scrypt${SCRYPT_LOG2_N}${SCRYPT_R}${SCRYPT_P}${_b64(b'0' * _SALT_BYTES)}${_b64(b'0' * _KEY_BYTES)}"


# ------------------------------------------------------------------------------ editors
def check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AuthError("auth.password_short", count=MIN_PASSWORD)
    if len(password) > MAX_PASSWORD:
        raise AuthError("auth.password_long", count=MAX_PASSWORD)


def _editor_key(name: str) -> str:
    return name.strip().casefold()


def editors(store: Store) -> list[str]:
    """Return the editors' names, sorted."""
    with store.read() as conn:
        return [r[0] for r in conn.execute("SELECT name FROM editors ORDER BY key")]


def has_editors(store: Store) -> bool:
    """Return True when at least one editor exists (else the upload page says how to add one)."""
    with store.read() as conn:
        return conn.execute("SELECT 1 FROM editors LIMIT 1").fetchone() is not None


def add_editor(store: Store, name: str, password: str, *, by: str = "cli", reset: bool = False) -> None:
    """Create an editor, or with `reset` change an existing editor's password.

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
        Change the password of an existing editor instead of creating one.

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
    with store.transaction() as conn:
        exists = conn.execute("SELECT 1 FROM editors WHERE key = ?", (_editor_key(name),)).fetchone()
        if exists and not reset:
            raise AuthError("auth.editor_exists", name=name)
        if reset and not exists:
            raise AuthError("auth.editor_missing", name=name)
        stamp = _iso(now)
        if exists:
            conn.execute(
                "UPDATE editors SET password_hash = ?, updated_at = ? WHERE key = ?",
                (stored, stamp, _editor_key(name)),
            )
            conn.execute("DELETE FROM login_throttle WHERE scope = ?", (f"user:{_editor_key(name)}",))
            store.audit_in(conn, "editor_password_changed", by, None, editor=name)
        else:
            conn.execute(
                "INSERT INTO editors (key, name, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                (_editor_key(name), name, stored, stamp, stamp),
            )
            store.audit_in(conn, "editor_added", by, None, editor=name)


def _iso(epoch: float) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.UTC).isoformat()


# ------------------------------------------------------------------------------ throttle
def _waits(conn: sqlite3.Connection, scopes: dict[str, Throttle], now: float) -> tuple[float, dict[str, int]]:
    """Return the wait still due over `scopes` and each scope's current failure count."""
    wait, counts = 0.0, {}
    for scope, rule in scopes.items():
        row = conn.execute("SELECT failures, last_failure FROM login_throttle WHERE scope = ?", (scope,)).fetchone()
        failures, last = (row[0], row[1]) if row else (0, 0.0)
        if now - last > rule.forget_s:
            failures = 0
        counts[scope] = failures
        if rule.wait(failures) > 0:  # within the free failures there is no wait, whatever the clocks say
            wait = max(wait, last + rule.wait(failures) - now)
    return max(wait, 0.0), counts


def _attempt(
    store: Store,
    scopes: dict[str, Throttle],
    actor: str,
    verify: Callable[[], bool],
    *,
    success_action: str | None,
    failure_action: str,
    now: float | None = None,
    **detail: object,
) -> tuple[Literal["ok", "wrong", "throttled"], float]:
    """Run one throttled attempt; return its outcome and the seconds before the next may run.

    The attempt is recorded as a failure before `verify` runs (parallel guesses all count);
    a success then clears the per-name count and gives the global one back.
    """
    fixed = now
    with store.transaction() as conn:
        now = time.time() if fixed is None else fixed  # read under the write lock: ordered like the counts
        wait, counts = _waits(conn, scopes, now)
        if wait > 0:
            store.audit_in(conn, "login_throttled", actor, None, retry_after=round(wait, 1), **detail)
            return "throttled", wait
        for scope, failures in counts.items():
            conn.execute(
                "INSERT INTO login_throttle (scope, failures, last_failure) VALUES (?, ?, ?) "
                "ON CONFLICT(scope) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure",
                (scope, failures + 1, now),
            )
    ok = verify()
    with store.transaction() as conn:
        if ok:
            for scope in scopes:
                if scope == "global":
                    conn.execute("UPDATE login_throttle SET failures = MAX(failures - 1, 0) WHERE scope = 'global'")
                else:
                    conn.execute("DELETE FROM login_throttle WHERE scope = ?", (scope,))
            if success_action:
                store.audit_in(conn, success_action, actor, None, **detail)
            return "ok", 0.0
        _, counts = _waits(conn, scopes, now)
        store.audit_in(conn, failure_action, actor, None, failures=max(counts.values()), **detail)
        wait = max(rule.wait(counts[scope]) for scope, rule in scopes.items())
    return "wrong", wait


def authenticate(store: Store, name: str, password: str, *, now: float | None = None) -> LoginResult:
    """Check an editor's name and password, slowing down and auditing failures.

    Parameters
    ----------
    store : Store
    name, password : str
        As typed.
    now : float, optional
        Current time (seconds since the epoch); tests pass it to step through the waits.

    Returns
    -------
    LoginResult
        ``ok`` with the stored name; or refused with ``retry_after`` seconds when attempts must
        slow down (the password is then not even checked).
    """
    key = _editor_key(name)[:64]
    with store.read() as conn:
        row = conn.execute("SELECT name, password_hash FROM editors WHERE key = ?", (key,)).fetchone()
    # An unknown name is recorded without echoing what was typed (it may be a password).
    actor = row[0] if row else "?"
    stored = row[1] if row else _DUMMY_HASH
    scopes = {f"user:{key}": PER_NAME, "global": GLOBAL}
    outcome, wait = _attempt(
        store,
        scopes,
        actor,
        lambda: verify_password(password, stored) and row is not None,
        success_action="login",
        failure_action="login_failed",
        now=now,
        known=row is not None,
    )
    return _result(outcome, wait, row[0] if row else None)


def _result(outcome: str, wait: float, name: str | None) -> LoginResult:
    if outcome == "ok":
        return LoginResult(True, name, 0.0, "auth.ok")
    return LoginResult(False, None, wait, "auth.throttled" if outcome == "throttled" else "auth.wrong")


def log_logout(store: Store, name: str) -> None:
    """Write a logout to the audit log."""
    store.log("logout", name)


# ------------------------------------------------------------------------------ viewers
def viewer_password_hash(store: Store, environ: dict[str, str] | None = None) -> str | None:
    """Return the viewer password's hash (environment first, then catalog), or None when viewing is open.

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
        return from_env
    with store.read() as conn:
        row = conn.execute("SELECT value FROM settings WHERE key = ?", (_VIEWER_SETTING,)).fetchone()
    return row[0] if row else None


def viewer_password_required(store: Store, environ: dict[str, str] | None = None) -> bool:
    """Return True when viewing the dashboard needs the viewer password."""
    try:
        return viewer_password_hash(store, environ) is not None
    except AuthError:
        return True


def set_viewer_password(store: Store, password: str | None, *, by: str = "cli") -> None:
    """Set (or with None remove) the viewer password kept in the catalog; audited."""
    if password is None:
        with store.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (_VIEWER_SETTING,))
            store.audit_in(conn, "viewer_password_cleared", by)
        return
    check_password_rules(password)
    stored = hash_password(password)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (_VIEWER_SETTING, stored),
        )
        store.audit_in(conn, "viewer_password_set", by)


def check_viewer_password(
    store: Store, password: str, *, environ: dict[str, str] | None = None, now: float | None = None
) -> LoginResult:
    """Check the viewer password, slowed down and audited like editor logins.

    Returns ``ok`` at once when no viewer password is set.
    """
    stored = viewer_password_hash(store, environ)
    if stored is None:
        return LoginResult(True, None, 0.0, "auth.ok")
    outcome, wait = _attempt(
        store,
        {"viewer": PER_NAME, "global": GLOBAL},
        "viewer",
        lambda: verify_password(password, stored),
        success_action=None,
        failure_action="viewer_login_failed",
        now=now,
    )
    return _result(outcome, wait, None)
