"""Reference tables: the OPDs and the 28 kecamatan of Kabupaten Lebak.

The tables are CSV files shipped in ``data/reference/`` and read at run time, so Bappeda can
correct the OPD list (names change with reorganisations) without a code change. Matching ignores
case, spacing and punctuation (see :mod:`lebak_dash.records.textnorm`).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from lebak_dash.i18n import render
from lebak_dash.records.boundaries import KecamatanBoundaries
from lebak_dash.records.textnorm import clean_text, compact_key, spaced_key

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
OPD_FILE = "opd.csv"
KECAMATAN_FILE = "kecamatan.csv"

OPD_COLUMNS = ("nama", "singkatan", "alias", "jenis", "terverifikasi")

# "Kec. Maja", "Kecamatan Maja", "Kec Maja" all name Maja.
_KECAMATAN_PREFIX = re.compile(r"^(?:kecamatan|kec)\s+")
#: Phrases (spaced keys) that mean the whole kabupaten.
KABUPATEN_WIDE_PHRASES = frozenset(
    {
        "semua kecamatan",
        "seluruh kecamatan",
        "semua",
        "seluruh",
        "kabupaten",
        "kabupaten lebak",
        "se kabupaten",
        "se kabupaten lebak",
        "sekabupaten lebak",
        "seluruh kabupaten",
        "seluruh kabupaten lebak",
        "semua kecamatan se kabupaten lebak",
        "seluruh kecamatan se kabupaten lebak",
        "semua kecamatan di kabupaten lebak",
        "seluruh kecamatan di kabupaten lebak",
        "28 kecamatan",
    }
)


class ReferenceListError(ValueError):
    """Raised when a reference table cannot be used.

    Attributes
    ----------
    key : str
        A ``detail.ref_*`` string saying why; :meth:`message` writes it in a language.
    params : dict
        Its parameters.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """Return why the table cannot be used, in `lang`."""
        return render(self.key, lang, self.params)


@dataclass(frozen=True)
class Reference:
    """The reference tables and the lookups built from them.

    Attributes
    ----------
    opd : pandas.DataFrame
        One row per OPD: ``nama``, ``singkatan``, ``alias``, ``jenis``, ``terverifikasi``.
    kecamatan : pandas.DataFrame
        One row per kecamatan: ``kode``, ``nama``, ``alias``, ``lat``, ``lon``, ``luas_km2``.
    boundaries : KecamatanBoundaries or None
        The kecamatan polygons in use (None: none given); they draw the filled map and place an
        innovation with coordinates but no kecamatan.
    """

    opd: pd.DataFrame
    kecamatan: pd.DataFrame
    _opd_keys: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    _kec_keys: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    boundaries: KecamatanBoundaries | None = field(repr=False, compare=False, default=None)

    @property
    def opd_names(self) -> list[str]:
        """Return the reference names of all OPDs, in list order."""
        return self.opd["nama"].tolist()

    @property
    def kecamatan_names(self) -> list[str]:
        """Return the names of the 28 kecamatan, in code order."""
        return self.kecamatan["nama"].tolist()

    def opd_kind(self) -> dict[str, str]:
        """Return a map from OPD reference name to its kind (Dinas, Badan, Kecamatan...)."""
        return dict(zip(self.opd["nama"], self.opd["jenis"], strict=True))

    def match_opd(self, text: str) -> str | None:
        """Return the reference name of the OPD that `text` names, or None.

        Examples
        --------
        >>> load_reference().match_opd("DINKES")
        'Dinas Kesehatan'
        """
        return self._opd_keys.get(compact_key(text))

    def match_kecamatan(self, text: str) -> str | None:
        """Return the kecamatan that `text` names (``Kec. Maja`` -> ``Maja``), or None."""
        key = compact_key(_KECAMATAN_PREFIX.sub("", spaced_key(text)))
        return self._kec_keys.get(key)

    def suggest_opd(self, text: str, limit: int = 3) -> list[str]:
        """Return up to `limit` reference OPD names closest to `text`, best first."""
        return _suggest(text, self._opd_keys, limit)

    def suggest_kecamatan(self, text: str, limit: int = 3) -> list[str]:
        """Return up to `limit` kecamatan names closest to `text`, best first."""
        return _suggest(text, self._kec_keys, limit)


def _suggest(text: str, keys: dict[str, str], limit: int) -> list[str]:
    key = compact_key(text)
    if not key:
        return []
    found: list[str] = []
    matches = process.extract(key, list(keys), scorer=fuzz.WRatio, limit=limit * 4, score_cutoff=60)
    for candidate, _score, _index in matches:
        name = keys[candidate]
        if name not in found:
            found.append(name)
        if len(found) == limit:
            break
    return found


def _split_aliases(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    return [clean_text(a) for a in value.split(";") if clean_text(a)]


def _build_keys(table: pd.DataFrame, name_columns: tuple[str, ...], what: str) -> dict[str, str]:
    keys: dict[str, str] = {}
    for row in table.itertuples(index=False):
        name = row.nama
        variants = [name]
        for column in name_columns:
            variants.extend(_split_aliases(getattr(row, column)))
        for variant in variants:
            key = compact_key(variant)
            if not key:
                continue
            if keys.get(key, name) != name:
                raise ReferenceListError(
                    "detail.ref_ambiguous_alias", what=what, variant=variant, first=keys[key], second=name
                )
            keys[key] = name
    return keys


def parse_opd_table(data: bytes) -> pd.DataFrame:
    """Read and check an OPD list in CSV form.

    Parameters
    ----------
    data : bytes
        CSV with the columns ``nama, singkatan, alias, jenis, terverifikasi`` (UTF-8).

    Returns
    -------
    pandas.DataFrame
        The table with blank cells as empty strings.

    Raises
    ------
    ReferenceListError
        When a column is missing, a name is blank or repeated, or an alias is ambiguous.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise ReferenceListError("detail.ref_empty", what="OPD")
    missing = [c for c in ("nama", "singkatan", "alias", "jenis") if c not in rows[0]]
    if missing:
        raise ReferenceListError(
            "detail.ref_missing_columns", what="OPD", missing=", ".join(missing), required=", ".join(OPD_COLUMNS)
        )
    table = pd.DataFrame(
        [{c: clean_text(r.get(c) or "") for c in OPD_COLUMNS} for r in rows],
        columns=list(OPD_COLUMNS),
    )
    blank = table.index[table["nama"] == ""].tolist()
    if blank:
        raise ReferenceListError("detail.ref_blank_name", what="OPD", row=blank[0] + 2)
    dupes = table["nama"][table["nama"].map(compact_key).duplicated()].tolist()
    if dupes:
        raise ReferenceListError("detail.ref_duplicate_name", what="OPD", name=dupes[0])
    _build_keys(table, ("singkatan", "alias"), "OPD")
    return table


def parse_kecamatan_table(data: bytes) -> pd.DataFrame:
    """Read the kecamatan table (``kode, nama, alias, lat, lon, luas_km2``)."""
    table = pd.read_csv(io.BytesIO(data), dtype={"kode": str, "nama": str, "alias": str})
    table["alias"] = table["alias"].fillna("")
    return table


def build_reference(opd: pd.DataFrame, kecamatan: pd.DataFrame) -> Reference:
    """Return a :class:`Reference` with its lookups built from the two tables."""
    opd_keys = _build_keys(opd, ("singkatan", "alias"), "OPD")
    kec_keys = _build_keys(kecamatan, ("alias",), "kecamatan")
    return Reference(opd=opd, kecamatan=kecamatan, _opd_keys=opd_keys, _kec_keys=kec_keys)


@lru_cache(maxsize=8)
def _load_cached(directory: Path, opd_bytes: bytes, kec_bytes: bytes) -> Reference:
    return build_reference(parse_opd_table(opd_bytes), parse_kecamatan_table(kec_bytes))


def load_reference(directory: Path | str | None = None) -> Reference:
    """Load the reference tables from `directory` (default: ``data/reference``).

    The result is cached on the files' contents, so an edited list is picked up on the next call.

    Parameters
    ----------
    directory : path-like, optional
        Folder holding ``opd.csv`` and ``kecamatan.csv``.

    Returns
    -------
    Reference
    """
    folder = Path(directory) if directory is not None else DEFAULT_REFERENCE_DIR
    opd_bytes = (folder / OPD_FILE).read_bytes()
    kec_bytes = (folder / KECAMATAN_FILE).read_bytes()
    return _load_cached(folder, opd_bytes, kec_bytes)


def with_opd_table(reference: Reference, opd_bytes: bytes) -> Reference:
    """Return `reference` with its OPD list replaced by the CSV in `opd_bytes`."""
    return build_reference(parse_opd_table(opd_bytes), reference.kecamatan)
