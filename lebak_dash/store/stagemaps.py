"""The editors' stage map (IID stage -> 5D stage), versioned and audited like the OPD list.

The catalog's ``stage_maps`` table numbers every map an editor set; ``state.active_stage_map``
names the one in use (NULL: off, the default). Setting a map stores a new version and activates it
(``stage_map_set``); switching it off is audited too (``stage_map_off``). The map is applied to
records as a pure post-step (:func:`lebak_dash.records.stagemap.apply_stage_map`) by the store's
facade whenever it hands records out, so switching never re-reads a file: the dataset's key
(:attr:`~lebak_dash.store.versions.ActiveState.key`) names the active map and every page re-keys.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from lebak_dash.records.stagemap import StageMap, stage_map_from_dict
from lebak_dash.store.catalog import Catalog, clean_actor, clean_note, parse_time
from lebak_dash.store.errors import StoreConflictError


@dataclass(frozen=True)
class StageMapVersion:
    """One stage map an editor set.

    Attributes
    ----------
    stage_map : StageMap
        With its number.
    created_by : str
    created_at : datetime
    note : str
    active : bool
    """

    stage_map: StageMap
    created_by: str
    created_at: dt.datetime
    note: str
    active: bool

    @property
    def number(self) -> int:
        """Return the map's version number."""
        return self.stage_map.number or 0

    def to_dict(self) -> dict[str, object]:
        """Return the version as a JSON-ready dict."""
        return {
            "version": self.number,
            "map": self.stage_map.as_dict(),
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "note": self.note,
            "active": self.active,
        }


def _stage_map(row: Any) -> StageMap:
    return stage_map_from_dict(json.loads(row["body"]), number=row["number"])


class StageMaps:
    """The stage maps of a store.

    Parameters
    ----------
    catalog : Catalog
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def versions(self) -> list[StageMapVersion]:
        """Return every stage map set, oldest first."""
        with self.catalog.read() as conn:
            active = conn.execute("SELECT active_stage_map FROM state").fetchone()[0]
            rows = conn.execute("SELECT * FROM stage_maps ORDER BY number").fetchall()
        return [
            StageMapVersion(
                _stage_map(r), r["created_by"], parse_time(r["created_at"]), r["note"], r["number"] == active
            )
            for r in rows
        ]

    def active(self) -> StageMap | None:
        """Return the stage map in use (None: off)."""
        with self.catalog.read() as conn:
            row = conn.execute("SELECT m.* FROM state s JOIN stage_maps m ON m.number = s.active_stage_map").fetchone()
        return None if row is None else _stage_map(row)

    def set(self, stage_map: StageMap, by: str, note: str = "", *, expected: int | None = None) -> StageMapVersion:
        """Store `stage_map` as a new version and switch it on; audited as ``stage_map_set``.

        Parameters
        ----------
        stage_map : StageMap
        by : str
        note : str
        expected : int, optional
            The map the editor saw in use (0: off); another one switched on meanwhile is refused
            with :class:`StoreConflictError`.
        """
        with self.catalog.transaction() as conn:
            before = conn.execute("SELECT active_stage_map FROM state").fetchone()[0]
            if expected is not None and (before or 0) != expected:
                raise StoreConflictError("store.stage_map_changed")
            number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM stage_maps").fetchone()[0]
            now = self.catalog.now().isoformat()
            conn.execute(
                "INSERT INTO stage_maps (number, body, created_by, created_at, note) VALUES (?, ?, ?, ?, ?)",
                (number, stage_map.to_json(), clean_actor(by), now, clean_note(note)),
            )
            conn.execute("UPDATE state SET active_stage_map = ?, changed_at = ?", (number, now))
            self.catalog.audit_in(
                conn, "stage_map_set", by, None, stage_map=number, map=stage_map.as_dict(), previous=before
            )
        return next(v for v in self.versions() if v.number == number)

    def off(self, by: str, *, expected: int | None = None) -> bool:
        """Switch the stage map off (audited as ``stage_map_off``); return False when it was off already."""
        with self.catalog.transaction() as conn:
            before = conn.execute("SELECT active_stage_map FROM state").fetchone()[0]
            if expected is not None and (before or 0) != expected:
                raise StoreConflictError("store.stage_map_changed")
            if before is None:
                return False
            conn.execute("UPDATE state SET active_stage_map = NULL, changed_at = ?", (self.catalog.now().isoformat(),))
            self.catalog.audit_in(conn, "stage_map_off", by, None, previous=before)
        return True
