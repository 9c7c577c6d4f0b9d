"""Slowing down password guesses without ever locking an owner out.

Failed logins are counted in the catalog (``login_throttle``), so every server process, restart
and replica sees the same counts. Three kinds of scope, each a row:

* ``user:<name>@<address>`` (:data:`PER_NAME_ADDRESS`) and ``viewer@<address>``: guesses at one
  editor's (or the viewer) password from one client address. After a few free failures each
  new attempt must wait twice as long as the last, up to :attr:`Throttle.max_s`; an attempt
  made before the wait is over is refused *without* checking the password.
* ``addr:<address>`` (:data:`PER_ADDRESS`): every guess from one client address, whatever the
  name (an attacker trying many names). Refuses the same way, more generously.
* ``global`` (:data:`GLOBAL`): every failure on the server. **Never refuses**: past its free
  failures each attempt is only delayed (a short sleep before the password is checked, at most
  :attr:`Throttle.max_s`), so guesses from many addresses slow down while the owner, typing the
  right password from their own address, always gets in.

So an attacker guessing from one address can hold back only that address; the owner logs in
from theirs. Waits are capped: a clock that steps backwards (NTP, a VM restored) can never make
a wait longer than the rule's ``max_s`` (the stored time is pulled back to the clock).

**Bursts.** A run of refusals on a scope is one burst: its first refusal writes one audit line
(``login_throttled``), the others only count in the row (``refused``); the next attempt let
through carries the count (``refused``) in its own audit line. A flood of refusals therefore
adds one line, not one each, and does not push real events out of Riwayat's view.

Attempts are counted *before* the password is checked (parallel guesses cannot slip past the
counter); a success gives its count back.

The client address comes from the caller (:func:`lebak_dash.ui.access.client_address`); an
unknown address is ``?`` (all such clients share one address: behind a reverse proxy, set
``LEBAK_TRUSTED_PROXY`` so that each client keeps its own, see ``docs/security.md``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from lebak_dash.store.database import Connection
from lebak_dash.store.facade import Store

#: The address of a client whose address is not known.
UNKNOWN_ADDRESS = "?"


@dataclass(frozen=True)
class Throttle:
    """How one scope of attempts is slowed down.

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
        >>> [PER_NAME_ADDRESS.wait(n) for n in (3, 4, 5, 6, 50)]
        [0.0, 2.0, 4.0, 8.0, 900.0]
        """
        if failures <= self.free:
            return 0.0
        return float(min(self.base_s * 2 ** min(failures - self.free - 1, 60), self.max_s))

    def remaining(self, failures: int, last: float, now: float) -> float:
        """Return the seconds still to wait at `now` after `failures`, the last at `last`; never above ``max_s``.

        Examples
        --------
        >>> PER_NAME_ADDRESS.remaining(5, last=100.0, now=101.0)
        3.0
        >>> PER_NAME_ADDRESS.remaining(5, last=100.0 + 86_400, now=100.0)  # the clock stepped back a day
        4.0
        """
        wait = self.wait(failures)
        return 0.0 if wait <= 0 else min(wait, max(0.0, last + wait - now))


#: Guesses at one name from one address.
PER_NAME_ADDRESS = Throttle(free=3, base_s=2.0, max_s=900.0, forget_s=3600.0)
#: Guesses at any name from one address.
PER_ADDRESS = Throttle(free=10, base_s=2.0, max_s=900.0, forget_s=3600.0)
#: Every failure on the server: a delay before the check, never a refusal.
GLOBAL = Throttle(free=20, base_s=0.25, max_s=2.0, forget_s=600.0)

Outcome = Literal["ok", "wrong", "throttled"]


def clean_address(address: str | None) -> str:
    """Return a client address fit for a scope name (:data:`UNKNOWN_ADDRESS` when unknown).

    Examples
    --------
    >>> clean_address(" 10.0.0.7 "), clean_address(None), clean_address("a b")
    ('10.0.0.7', '?', 'ab')
    """
    text = "".join(ch for ch in str(address or "") if ch.isprintable() and not ch.isspace())[:64]
    return text or UNKNOWN_ADDRESS


def scopes_for(subject: str, address: str) -> dict[str, Throttle]:
    """Return the refusing scopes of an attempt at `subject` (``user:<key>`` or ``viewer``) from `address`.

    Examples
    --------
    >>> list(scopes_for("user:siti", "10.0.0.7"))
    ['user:siti@10.0.0.7', 'addr:10.0.0.7']
    """
    return {f"{subject}@{address}": PER_NAME_ADDRESS, f"addr:{address}": PER_ADDRESS}


@dataclass(frozen=True)
class _Row:
    failures: int
    last: float
    refused: int


def _row(conn: Connection, scope: str, rule: Throttle, now: float) -> _Row:
    """Return a scope's count at `now`: forgotten when stale, its time pulled back when in the future."""
    query = "SELECT failures, last_failure, refused FROM login_throttle WHERE scope = ?"
    found = conn.execute(query, (scope,)).fetchone()
    if found is None:
        return _Row(0, now, 0)
    failures, last, refused = int(found[0]), float(found[1]), int(found[2])
    if last > now:  # the clock stepped backwards: the wait restarts from now, never longer than max_s
        last = now
        conn.execute("UPDATE login_throttle SET last_failure = ? WHERE scope = ?", (now, scope))
    if now - last > rule.forget_s:
        return _Row(0, now, 0)
    return _Row(failures, last, refused)


def _put(conn: Connection, scope: str, failures: int, last: float, refused: int) -> None:
    conn.execute(
        "INSERT INTO login_throttle (scope, failures, last_failure, refused) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(scope) DO UPDATE SET failures = excluded.failures, last_failure = excluded.last_failure, "
        "refused = excluded.refused",
        (scope, failures, last, refused),
    )


@dataclass(frozen=True)
class Attempt:
    """What :func:`attempt` decided.

    Attributes
    ----------
    outcome : {"ok", "wrong", "throttled"}
    retry_after : float
        Seconds before this subject may try again from this address (0: at once).
    delay : float
        Seconds the global slowdown made this attempt wait before the check.
    """

    outcome: Outcome
    retry_after: float = 0.0
    delay: float = 0.0


def attempt(
    store: Store,
    subject: str,
    address: str | None,
    actor: str,
    verify: Callable[[], bool],
    *,
    success_action: str | None,
    failure_action: str,
    now: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
    **detail: object,
) -> Attempt:
    """Run one throttled, audited attempt at `subject`'s password from `address`.

    Parameters
    ----------
    store : Store
    subject : str
        ``user:<editor key>`` or ``viewer``.
    address : str or None
        The client's address (None or empty: unknown).
    actor : str
        The audit lines' actor (the editor's stored name, ``?`` for an unknown name, ``viewer``).
    verify : callable
        Checks the password (runs only when the attempt is not refused).
    success_action, failure_action : str
        Audit actions of a success (None: not audited) and of a wrong password.
    now : float, optional
        The time (seconds since the epoch); tests pass a fake clock.
    sleep : callable
        How the global slowdown waits (tests pass a recorder).
    **detail
        Added to every audit line of the attempt.
    """
    where = clean_address(address)
    scopes = scopes_for(subject, where)
    detail = {"address": where, **detail}
    fixed = now
    with store.transaction() as conn:
        now = time.time() if fixed is None else fixed  # read under the write lock: ordered like the counts
        rows = {scope: _row(conn, scope, rule, now) for scope, rule in scopes.items()}
        waits = {scope: rule.remaining(rows[scope].failures, rows[scope].last, now) for scope, rule in scopes.items()}
        wait = max(waits.values())
        if wait > 0:
            holding = [scope for scope, w in waits.items() if w > 0]
            if all(rows[scope].refused == 0 for scope in holding):  # the first refusal of a burst: one line
                store.audit_in(conn, "login_throttled", actor, None, retry_after=round(wait, 1), **detail)
            for scope in holding:
                _put(conn, scope, rows[scope].failures, rows[scope].last, rows[scope].refused + 1)
            return Attempt("throttled", wait)
        refused = max(row.refused for row in rows.values())
        for scope, row in rows.items():  # counted before the check: parallel guesses all count
            _put(conn, scope, row.failures + 1, now, 0)
        everywhere = _row(conn, "global", GLOBAL, now)
        _put(conn, "global", everywhere.failures + 1, now, 0)
    if refused:
        detail["refused"] = refused
    delay = GLOBAL.wait(everywhere.failures)
    if delay > 0:
        sleep(delay)  # the global limit slows down, it never refuses
    ok = verify()
    with store.transaction() as conn:
        if ok:
            conn.execute("DELETE FROM login_throttle WHERE scope = ?", (next(iter(scopes)),))
            conn.execute(
                "UPDATE login_throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END "
                "WHERE scope IN (?, 'global')",  # plain SQL: the same on PostgreSQL
                (f"addr:{where}",),
            )
            if success_action:
                store.audit_in(conn, success_action, actor, None, **detail)
            return Attempt("ok", 0.0, delay)
        counts = {scope: _row(conn, scope, rule, now).failures for scope, rule in scopes.items()}
        store.audit_in(conn, failure_action, actor, None, failures=max(counts.values()), **detail)
    retry = max(rule.wait(counts[scope]) for scope, rule in scopes.items())
    return Attempt("wrong", retry, delay)


def failures(store: Store, scope: str) -> int:
    """Return the failures counted in `scope` (0 when none)."""
    with store.read() as conn:
        row = conn.execute("SELECT failures FROM login_throttle WHERE scope = ?", (scope,)).fetchone()
    return int(row[0]) if row else 0


def clear_subject(conn: Connection, subject: str) -> None:
    """Forget the per-address counts of `subject` (inside the caller's transaction; after a password reset)."""
    conn.execute("DELETE FROM login_throttle WHERE scope LIKE ? ESCAPE '\\'", (_like_prefix(subject + "@"),))


def _like_prefix(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
