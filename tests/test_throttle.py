"""Throttling slows an attacker and never refuses a correct password to its owner (issue 13, findings 1 and 6).

Every test runs on a fake clock (``now=``) and records the global slowdown's sleeps instead of
sleeping. Addresses are distinct per party, as a reverse proxy or the network gives them.
"""

from __future__ import annotations

import pytest

from lebak_dash.store.auth import add_editor, authenticate, check_viewer_password, set_viewer_password
from lebak_dash.store.throttle import GLOBAL, PER_ADDRESS, PER_NAME_ADDRESS, Throttle, clean_address

PASSWORD = "Kopi-Lebak-2018!"
ATTACKER, OWNER = "10.9.9.9", "10.0.0.21"


@pytest.fixture
def store(open_store):
    store = open_store()
    add_editor(store, "siti", PASSWORD)
    return store


class Sleeps(list):
    """Records the global slowdown's waits instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def test_attacker_at_one_address_never_locks_the_owner_out(store):
    """A wrong guess at a named editor every two minutes, for hours: the owner always gets in."""
    now, sleeps = 5_000_000.0, Sleeps()
    refused_attacker = 0
    for _ in range(180):  # six hours of a guess every two minutes
        guess = authenticate(store, "siti", "tebakan-salah-1", address=ATTACKER, now=now, sleep=sleeps)
        refused_attacker += guess.key == "auth.throttled"
        owner = authenticate(store, "siti", PASSWORD, address=OWNER, now=now + 1, sleep=sleeps)
        assert owner.ok, (now, owner)
        now += 120
    assert refused_attacker > 0  # the attacker was held back all along
    assert max(sleeps, default=0.0) <= GLOBAL.max_s


def test_many_names_from_one_address_refuse_that_address_only(store):
    """30 guesses with random names from one address: that address waits, everyone else does not."""
    now, sleeps = 6_000_000.0, Sleeps()
    keys = [
        authenticate(store, f"nama{i}", "salah-salah-salah", address=ATTACKER, now=now + i, sleep=sleeps).key
        for i in range(30)
    ]
    assert keys[: PER_ADDRESS.free + 1] == ["auth.wrong"] * (PER_ADDRESS.free + 1)
    assert "auth.throttled" in keys[PER_ADDRESS.free + 1 :]
    assert authenticate(store, "siti", PASSWORD, address=OWNER, now=now + 31, sleep=sleeps).ok
    set_viewer_password(store, "ruang-rapat-2019")
    assert check_viewer_password(store, "ruang-rapat-2019", address="10.0.0.40", environ={}, now=now + 32).ok


def test_global_limit_only_slows_down(store):
    """Guesses from many addresses: past the global free failures each check waits a little, none is refused."""
    now, sleeps = 7_000_000.0, Sleeps()
    for i in range(GLOBAL.free + 10):
        result = authenticate(store, f"nama{i}", "salah-salah-salah", address=f"10.1.0.{i}", now=now, sleep=sleeps)
        assert result.key == "auth.wrong"  # checked, never refused unseen
    assert sleeps and max(sleeps) <= GLOBAL.max_s
    owner = authenticate(store, "siti", PASSWORD, address=OWNER, now=now, sleep=sleeps)
    assert owner.ok and sleeps[-1] == GLOBAL.max_s  # slowed down, let in


def test_a_clock_stepping_back_never_holds_a_wait_longer_than_the_cap(store):
    now = 8_000_000.0
    for _ in range(40):
        authenticate(store, "siti", "salah-salah-salah", address=OWNER, now=now, sleep=Sleeps())
        now += 0.5
    back = now - 86_400  # a day back (a VM restored, a bad NTP server)
    held = authenticate(store, "siti", PASSWORD, address=OWNER, now=back, sleep=Sleeps())
    assert held.key == "auth.throttled" and held.retry_after <= PER_NAME_ADDRESS.max_s
    later = back + max(PER_NAME_ADDRESS.max_s, PER_ADDRESS.max_s) + 1
    assert authenticate(store, "siti", PASSWORD, address=OWNER, now=later, sleep=Sleeps()).ok


def test_a_burst_of_refusals_is_one_audit_line(store):
    now = 9_000_000.0
    for _ in range(PER_NAME_ADDRESS.free + 1):
        authenticate(store, "siti", "salah-salah-salah", address=ATTACKER, now=now, sleep=Sleeps())
    before = len(store.audit(limit=1000))
    for i in range(50):
        assert authenticate(store, "siti", "lagi-salah-lagi", address=ATTACKER, now=now + i * 0.01).key == (
            "auth.throttled"
        )
    lines = store.audit(limit=1000)
    assert len(lines) == before + 1 and lines[0].action == "login_throttled"
    assert lines[0].detail["address"] == ATTACKER
    after = authenticate(store, "siti", "salah-salah-salah", address=ATTACKER, now=now + 60, sleep=Sleeps())
    assert after.key == "auth.wrong"
    closing = store.audit(limit=1)[0]
    assert closing.action == "login_failed" and closing.detail["refused"] == 50


@pytest.mark.parametrize(
    ("rule", "failures", "last", "now", "expected"),
    [
        (PER_NAME_ADDRESS, 3, 100.0, 100.0, 0.0),  # within the free failures
        (PER_NAME_ADDRESS, 4, 100.0, 101.0, 1.0),
        (PER_NAME_ADDRESS, 4, 100.0, 103.0, 0.0),
        (PER_NAME_ADDRESS, 1000, 100.0, 100.0, 900.0),  # capped
        (PER_NAME_ADDRESS, 1000, 100.0 + 86_400, 100.0, 900.0),  # a day in the future: still capped
        (Throttle(free=0, base_s=1.0, max_s=10.0, forget_s=60.0), 2, 0.0, 0.5, 1.5),
    ],
)
def test_remaining_wait(rule, failures, last, now, expected):
    assert rule.remaining(failures, last, now) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, "?"), ("", "?"), ("  ", "?"), ("127.0.0.2", "127.0.0.2"), ("::1", "::1"), ("a\nb", "ab")],
)
def test_clean_address(raw, expected):
    assert clean_address(raw) == expected
