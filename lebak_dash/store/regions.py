"""The region of a store: every region an editor set, and the active one.

The catalog's ``region_versions`` table keeps each region set (canonical JSON,
:meth:`lebak_dash.records.region.Region.to_json`) and ``state.active_region`` names the active
one (NULL: the shipped ``data/reference/region.json``, Kabupaten Lebak, shown as version 0).
Setting one is audited as ``region_set``; activating an earlier one as ``region_activate``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lebak_dash.records.region import Region, RegionError, default_region, region_from_json
from lebak_dash.store.catalog import Catalog, clean_actor, clean_note, parse_time
from lebak_dash.store.errors import StoreConflictError, StoreError, VersionNotFoundError


@dataclass(frozen=True)
class RegionVersion:
    """One region set by an editor (number 0, the shipped region, has no row)."""

    number: int
    region: Region
    created_by: str
    created_at: dt.datetime
    note: str
    active: bool

    def to_dict(self) -> dict[str, object]:
        """Return the version as a JSON-ready dict."""
        return {
            "version": self.number,
            **self.region.to_dict(),
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "note": self.note,
            "active": self.active,
        }


def stored_region(body: str | None) -> Region:
    """Return the region of a stored body (None: the shipped region).

    Raises
    ------
    StoreError
        ``store.region_invalid`` when a stored body no longer reads (it was valid when set).
    """
    if body is None:
        return default_region()
    try:
        return region_from_json(body)
    except RegionError as exc:
        raise StoreError("store.region_invalid", reason=exc.key, **exc.params) from exc


class Regions:
    """The regions of a store.

    Parameters
    ----------
    catalog : Catalog
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def active_number(self) -> int | None:
        """Return the active region's number (None: the shipped region)."""
        with self.catalog.read() as conn:
            number: int | None = conn.execute("SELECT active_region FROM state").fetchone()[0]
        return number

    def active(self) -> Region:
        """Return the active region."""
        with self.catalog.read() as conn:
            row = conn.execute(
                "SELECT g.body FROM state s LEFT JOIN region_versions g ON g.number = s.active_region"
            ).fetchone()
        return stored_region(row[0])

    def versions(self) -> list[RegionVersion]:
        """Return every region set, oldest first."""
        with self.catalog.read() as conn:
            active = conn.execute("SELECT active_region FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM region_versions ORDER BY number").fetchall()
        return [
            RegionVersion(
                r["number"],
                stored_region(r["body"]),
                r["created_by"],
                parse_time(r["created_at"]),
                r["note"],
                r["number"] == active,
            )
            for r in rows
        ]

    def set(self, region: Region, by: str, note: str = "", *, expected: int | None = None) -> RegionVersion:
        """Store `region` as a new version and make it active; audited as ``region_set``.

        With `expected` (the region number the editor saw active, 0: the shipped one), a region
        set by someone else in between is refused with :class:`StoreConflictError`.
        """
        with self.catalog.transaction() as conn:
            before = conn.execute("SELECT active_region FROM state").fetchone()[0]
            if expected is not None and (before or 0) != expected:
                raise StoreConflictError("store.region_changed")
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM region_versions").fetchone()[0]
            now = self.catalog.now().isoformat()
            conn.execute(
                "INSERT INTO region_versions (number, body, created_by, created_at, note) VALUES (?, ?, ?, ?, ?)",
                (number, region.to_json(), clean_actor(by), now, clean_note(note)),
            )
            conn.execute("UPDATE state SET active_region = ?, changed_at = ?", (number, now))
            self.catalog.audit_in(
                conn, "region_set", by, None, region_version=number, previous=before, **region.to_dict()
            )
        return next(v for v in self.versions() if v.number == number)

    def activate(self, number: int, by: str, *, expected: int | None = None) -> None:
        """Make region `number` active (0: the shipped region); audited as ``region_activate``.

        Raises
        ------
        VersionNotFoundError
        StoreConflictError
        """
        with self.catalog.transaction() as conn:
            if number and conn.execute("SELECT 1 FROM region_versions WHERE number = ?", (number,)).fetchone() is None:
                raise VersionNotFoundError("store.region_not_found", number=number)
            before = conn.execute("SELECT active_region FROM state").fetchone()[0]
            if expected is not None and (before or 0) != expected:
                raise StoreConflictError("store.region_changed")
            now = self.catalog.now().isoformat()
            conn.execute("UPDATE state SET active_region = ?, changed_at = ?", (number or None, now))
            self.catalog.audit_in(conn, "region_activate", by, None, region_version=number, previous=before)
