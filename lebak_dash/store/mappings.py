"""Column mappings kept by the store: saved when an import uses them, applied to later files, retired by editors.

The catalog's ``mappings`` table numbers every mapping saved (its canonical JSON and SHA-256, who
and when); ``mapping_retirements`` says which ones editors retired (no longer applied to new files);
``version_mappings`` records, for each data version, the mappings it was read with, in priority
order, so the version is always read again exactly so (after an OPD list change, or when its
records cache is rebuilt). All three are append-only; every save and retirement is audited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from lebak_dash.records.mapping import ColumnMapping, mappings_key, parse_mapping
from lebak_dash.store.catalog import Catalog, clean_actor, clean_note, parse_time
from lebak_dash.store.database import Connection
from lebak_dash.store.errors import StoreError, VersionNotFoundError


@dataclass(frozen=True)
class SavedMapping:
    """A column mapping in the store.

    Attributes
    ----------
    mapping : ColumnMapping
        With its number.
    created_by : str
    created_at : datetime
    note : str
    retired : bool
        Retired mappings are no longer applied to new files (versions read with them keep them).
    versions : tuple of int
        The data versions read with it.
    """

    mapping: ColumnMapping
    created_by: str
    created_at: dt.datetime
    note: str
    retired: bool
    versions: tuple[int, ...]

    @property
    def number(self) -> int:
        """Return the mapping's number."""
        return self.mapping.number or 0

    def to_dict(self) -> dict[str, object]:
        """Return the mapping as a JSON-ready dict."""
        return {
            "mapping": self.number,
            "columns": dict(self.mapping.columns),
            "sha256": self.mapping.sha256,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "note": self.note,
            "retired": self.retired,
            "versions": list(self.versions),
        }


def cache_key(reference_key: str, mappings: Sequence[ColumnMapping]) -> str:
    """Return the records-cache key of a file read with an OPD list and column mappings.

    Without mappings it is the reference key itself (so caches of earlier versions stay valid).
    """
    key = mappings_key(mappings)
    return f"{reference_key}-m{key}" if key else reference_key


def _mapping(row: Any) -> ColumnMapping:
    return parse_mapping(row["body"], number=row["number"])


class ColumnMappings:
    """The column mappings of a store.

    Parameters
    ----------
    catalog : Catalog
    """

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def saved(self) -> list[SavedMapping]:
        """Return every saved mapping, oldest first."""
        with self.catalog.read() as conn:
            rows = conn.execute(
                "SELECT m.*, r.mapping IS NOT NULL AS retired FROM mappings m "
                "LEFT JOIN mapping_retirements r ON r.mapping = m.number ORDER BY m.number"
            ).fetchall()
            links = conn.execute("SELECT mapping, version FROM version_mappings ORDER BY version").fetchall()
        versions: dict[int, list[int]] = {}
        for mapping, version in links:
            versions.setdefault(mapping, []).append(version)
        return [
            SavedMapping(
                _mapping(r),
                r["created_by"],
                parse_time(r["created_at"]),
                r["note"],
                bool(r["retired"]),
                tuple(versions.get(r["number"], ())),
            )
            for r in rows
        ]

    def get(self, number: int) -> SavedMapping:
        """Return mapping `number` (:class:`VersionNotFoundError` ``store.mapping_not_found`` when there is none)."""
        for saved in self.saved():
            if saved.number == number:
                return saved
        raise VersionNotFoundError("store.mapping_not_found", number=number)

    def active(self) -> tuple[ColumnMapping, ...]:
        """Return the mappings applied to new files (not retired), newest first."""
        with self.catalog.read() as conn:
            rows = conn.execute(
                "SELECT * FROM mappings WHERE number NOT IN (SELECT mapping FROM mapping_retirements) "
                "ORDER BY number DESC"
            ).fetchall()
        return tuple(_mapping(r) for r in rows)

    def for_version(self, version: int) -> tuple[ColumnMapping, ...]:
        """Return the mappings data version `version` was read with, in the order they were applied."""
        with self.catalog.read() as conn:
            rows = conn.execute(
                "SELECT m.* FROM version_mappings v JOIN mappings m ON m.number = v.mapping "
                "WHERE v.version = ? ORDER BY v.position",
                (version,),
            ).fetchall()
        return tuple(_mapping(r) for r in rows)

    def save_in(self, conn: Connection, mapping: ColumnMapping, by: str, note: str = "") -> ColumnMapping:
        """Save `mapping` inside the caller's transaction (an active one with the same content is reused).

        Returns the mapping with its number.
        """
        row = conn.execute(
            "SELECT number FROM mappings WHERE sha256 = ? AND number NOT IN (SELECT mapping FROM mapping_retirements) "
            "ORDER BY number DESC LIMIT 1",
            (mapping.sha256,),
        ).fetchone()
        if row is not None:
            return replace(mapping, number=row[0])
        number = conn.execute("SELECT COALESCE(MAX(number), 0) + 1 FROM mappings").fetchone()[0]
        now = self.catalog.now().isoformat()
        conn.execute(
            "INSERT INTO mappings (number, sha256, body, created_by, created_at, note) VALUES (?, ?, ?, ?, ?, ?)",
            (number, mapping.sha256, mapping.to_json(), clean_actor(by), now, clean_note(note)),
        )
        self.catalog.audit_in(conn, "mapping_saved", by, None, mapping=number, sha256=mapping.sha256)
        return replace(mapping, number=number)

    def save(self, mapping: ColumnMapping, by: str, note: str = "") -> SavedMapping:
        """Save `mapping` in its own transaction (``mapping import``); audited as ``mapping_saved``."""
        with self.catalog.transaction() as conn:
            saved = self.save_in(conn, mapping, by, note)
        return self.get(saved.number or 0)

    def record_in(
        self, conn: Connection, version: int, mappings: Sequence[ColumnMapping], by: str
    ) -> tuple[ColumnMapping, ...]:
        """Save the unsaved ones of `mappings` and record that data `version` was read with them, in order."""
        numbered = tuple(m if m.number is not None else self.save_in(conn, m, by) for m in mappings)
        conn.executemany(
            "INSERT INTO version_mappings (version, position, mapping) VALUES (?, ?, ?)",
            [(version, position, m.number) for position, m in enumerate(numbered)],
        )
        return numbered

    def retire(self, number: int, by: str) -> None:
        """Stop applying mapping `number` to new files; audited as ``mapping_retired``.

        Raises
        ------
        VersionNotFoundError
            ``store.mapping_not_found``.
        StoreError
            ``store.mapping_retired`` when it is retired already.
        """
        saved = self.get(number)
        if saved.retired:
            raise StoreError("store.mapping_retired", number=number)
        with self.catalog.transaction() as conn:
            conn.execute(
                "INSERT INTO mapping_retirements (mapping, retired_by, retired_at) VALUES (?, ?, ?)",
                (number, clean_actor(by), self.catalog.now().isoformat()),
            )
            self.catalog.audit_in(conn, "mapping_retired", by, None, mapping=number)
