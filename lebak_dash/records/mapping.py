"""Column mappings: an editor's answer to "which column is which" for headers the contract does not know.

A mapping is JSON, ``{"columns": {"<header as written>": "<contract key>" or null}}`` (``null``:
ignore that column), e.g. ``{"columns": {"Ide Inovasi": "nama", "Inovator": "opd", "Kode": null}}``.
Headers are matched as the importer matches headers (:func:`~lebak_dash.records.textnorm.compact_key`:
case, spacing and punctuation aside). A mapping applies to every sheet whose header row holds all
its headers, and for those headers it wins over the built-in aliases. The store keeps the mappings
used by imports (versioned, audited) and applies them to later files; an explicit one wins.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from lebak_dash.i18n import render
from lebak_dash.records.schema import SOURCE_KEYS
from lebak_dash.records.textnorm import clean_text, compact_key

#: The form of a mapping file, for messages.
MAPPING_EXAMPLE = '{"columns": {"<header>": "<key>"}}'
#: Largest mapping file accepted (a mapping names a few dozen columns).
MAX_MAPPING_BYTES = 256 * 1024


class MappingError(ValueError):
    """Raised when a column mapping cannot be used.

    Attributes
    ----------
    key : str
        A ``mapping.err.*`` string saying why; :meth:`message` writes it in a language.
    params : dict
    """

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """Return why the mapping cannot be used, in `lang`."""
        return render(self.key, lang, self.params)


@dataclass(frozen=True)
class ColumnMapping:
    """A column mapping.

    Attributes
    ----------
    columns : tuple of (str, str or None)
        Header as written, and the contract key it is read as (None: ignored), in file order.
    number : int or None
        Its number in the store (None: not saved, e.g. a file given on the command line).
    explicit : bool
        Given for this import (``--mapping``, the upload page), not one of the saved ones: a
        mapping that matches no sheet is then reported.
    """

    columns: tuple[tuple[str, str | None], ...]
    number: int | None = None
    explicit: bool = False

    def to_json(self) -> str:
        """Return the mapping as canonical JSON (what is stored, hashed and exported).

        Examples
        --------
        >>> ColumnMapping((("Ide Inovasi", "nama"), ("Kode", None))).to_json()
        '{"columns": {"Ide Inovasi": "nama", "Kode": null}}'
        """
        return json.dumps({"columns": dict(self.columns)}, ensure_ascii=False)

    @property
    def sha256(self) -> str:
        """Return the SHA-256 of :meth:`to_json` (the mapping's identity, whatever its number)."""
        return hashlib.sha256(self.to_json().encode()).hexdigest()

    def keyed(self) -> dict[str, str | None]:
        """Return the compact key of each header and what it is read as."""
        return {compact_key(header): key for header, key in self.columns}

    def applies_to(self, header_keys: Iterable[str]) -> bool:
        """Return whether a header row (the compact keys of its texts) holds every header of the mapping."""
        present = set(header_keys)
        return all(key in present for key in self.keyed())

    def label(self) -> str:
        """Return a short name for messages: ``#3`` when saved, else the headers it names."""
        if self.number is not None:
            return f"#{self.number}"
        return ", ".join(header for header, _key in self.columns[:4]) + ("..." if len(self.columns) > 4 else "")


def mapping_from_dict(data: object, *, number: int | None = None, explicit: bool = False) -> ColumnMapping:
    """Return the :class:`ColumnMapping` of a decoded JSON value, checked.

    Raises
    ------
    MappingError
        When the shape is wrong, a key is not a contract key, a header is blank or named twice, or
        two headers are read as the same key.
    """
    if not isinstance(data, dict) or set(data) != {"columns"} or not isinstance(data["columns"], dict):
        raise MappingError("mapping.err.shape", example=MAPPING_EXAMPLE)
    columns: list[tuple[str, str | None]] = []
    seen_headers: dict[str, str] = {}
    seen_keys: dict[str, str] = {}
    for header, key in data["columns"].items():
        written = clean_text(str(header))
        compact = compact_key(written)
        if not compact:
            raise MappingError("mapping.err.blank_header")
        if compact in seen_headers:
            raise MappingError("mapping.err.same_header", first=seen_headers[compact], second=written)
        if key is not None and (not isinstance(key, str) or key not in SOURCE_KEYS):
            raise MappingError("mapping.err.unknown_key", key=str(key), header=written, keys=", ".join(SOURCE_KEYS))
        if key is not None and key in seen_keys:
            raise MappingError("mapping.err.same_key", key=key, first=seen_keys[key], second=written)
        seen_headers[compact] = written
        if key is not None:
            seen_keys[key] = written
        columns.append((written, key))
    if not columns:
        raise MappingError("mapping.err.empty")
    return ColumnMapping(tuple(columns), number, explicit)


def parse_mapping(data: bytes | str, *, number: int | None = None, explicit: bool = False) -> ColumnMapping:
    """Return the :class:`ColumnMapping` of a JSON text, checked.

    Parameters
    ----------
    data : bytes or str
        ``{"columns": {"<header>": "<key>" or null}}`` (UTF-8).
    number : int, optional
        Its number in the store.
    explicit : bool
        Given for this import (see :attr:`ColumnMapping.explicit`).

    Raises
    ------
    MappingError
        ``mapping.err.json`` when it is not JSON; see :func:`mapping_from_dict` for the rest.

    Examples
    --------
    >>> parse_mapping('{"columns": {"Ide Inovasi": "nama", "Inovator": "opd"}}').columns
    (('Ide Inovasi', 'nama'), ('Inovator', 'opd'))
    >>> try:
    ...     parse_mapping('{"columns": {"Inovator": "agency"}}')
    ... except MappingError as exc:
    ...     print(exc.key)
    mapping.err.unknown_key
    """
    if isinstance(data, bytes):
        if len(data) > MAX_MAPPING_BYTES:
            raise MappingError("mapping.err.too_large", limit=f"{MAX_MAPPING_BYTES // 1024} KB")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise MappingError("mapping.err.json", error=str(exc)[:120]) from exc
    try:
        decoded = json.loads(data)
    except ValueError as exc:
        raise MappingError("mapping.err.json", error=str(exc)[:120]) from exc
    return mapping_from_dict(decoded, number=number, explicit=explicit)


def mappings_key(mappings: Iterable[ColumnMapping]) -> str:
    """Return a short key of the mappings a file is read with, in order ("" for none)."""
    shas = [m.sha256 for m in mappings]
    return hashlib.sha256(":".join(shas).encode()).hexdigest()[:12] if shas else ""
