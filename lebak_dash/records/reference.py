"""Reference tables: the region, its OPDs and its kecamatan.

The shipped tables (``data/reference/``: Kabupaten Lebak, its OPDs and 28 kecamatan) are read at
run time, and editors replace each of them in the store (versioned, audited), so another region
uses the dashboard without a code change. Matching ignores case, spacing and punctuation (see
:mod:`lebak_dash.records.textnorm`).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from lebak_dash.i18n import render
from lebak_dash.records.boundaries import KecamatanBoundaries
from lebak_dash.records.region import Region, default_region
from lebak_dash.records.textnorm import clean_text, compact_key, spaced_key

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"
OPD_FILE = "opd.csv"
KECAMATAN_FILE = "kecamatan.csv"

OPD_COLUMNS = ("nama", "singkatan", "alias", "jenis", "terverifikasi")

# "Kec. Maja", "Kecamatan Maja", "Kec Maja" all name Maja.
_KECAMATAN_PREFIX = re.compile(r"^(?:kecamatan|kec)\s+")
#: The columns of a kecamatan list, and the headers (compact keys, as workbook headers are matched)
#: each is read from: ``kode``/``Kode Kecamatan``/``id_kecamatan``, ``nama``/``nama_kecamatan``...
KECAMATAN_COLUMNS = ("kode", "nama", "alias", "lat", "lon", "luas_km2")
KECAMATAN_HEADERS: dict[str, tuple[str, ...]] = {
    "kode": (
        "kode",
        "kodekecamatan",
        "idkecamatan",
        "kodekec",
        "kdkec",
        "kodewilayah",
        "kodekemendagri",
        "kodebps",
    ),
    "nama": ("nama", "namakecamatan", "kecamatan", "nmkec", "namakec"),
    "alias": ("alias", "aliases", "namalain", "ejaanlain"),
    "lat": ("lat", "latitude", "lintang"),
    "lon": ("lon", "lng", "long", "longitude", "bujur"),
    "luas_km2": ("luaskm2", "luas"),
}
#: Longest kecamatan list accepted (Indonesia's largest kabupaten have about 60).
MAX_KECAMATAN = 500


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


def table_has_centroids(table: pd.DataFrame) -> bool:
    """Return True when every kecamatan of a kecamatan table (:data:`KECAMATAN_COLUMNS`) has a centroid."""
    return bool(len(table)) and bool(table["lat"].notna().all() and table["lon"].notna().all())


@dataclass(frozen=True)
class Reference:
    """The reference tables and the lookups built from them.

    Attributes
    ----------
    opd : pandas.DataFrame
        One row per OPD: ``nama``, ``singkatan``, ``alias``, ``jenis``, ``terverifikasi``.
    kecamatan : pandas.DataFrame
        One row per kecamatan: ``kode``, ``nama``, ``alias``, ``lat``, ``lon``, ``luas_km2`` (the
        last three NaN when the list has no centroids).
    region : Region
        The kabupaten or kota the lists belong to.
    boundaries : KecamatanBoundaries or None
        The kecamatan polygons in use (None: none given); they draw the filled map and place an
        innovation with coordinates but no kecamatan.
    """

    opd: pd.DataFrame
    kecamatan: pd.DataFrame
    region: Region = field(default_factory=default_region)
    _opd_keys: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    _kec_keys: dict[str, str] = field(repr=False, compare=False, default_factory=dict)
    boundaries: KecamatanBoundaries | None = field(repr=False, compare=False, default=None)

    @property
    def opd_names(self) -> list[str]:
        """Return the reference names of all OPDs, in list order."""
        return self.opd["nama"].tolist()

    @property
    def opd_short(self) -> dict[str, str]:
        """Return each OPD's abbreviation (``singkatan``) by its name, for the OPDs that have one."""
        pairs = zip(self.opd["nama"].astype(str), self.opd["singkatan"].fillna("").astype(str), strict=True)
        return {name: short.strip() for name, short in pairs if short.strip()}

    @property
    def kecamatan_names(self) -> list[str]:
        """Return the names of the kecamatan, in list order."""
        return self.kecamatan["nama"].tolist()

    @property
    def has_centroids(self) -> bool:
        """Return True when every kecamatan has a centroid (the centroid map can be drawn)."""
        return table_has_centroids(self.kecamatan)

    def with_boundaries(self, boundaries: KecamatanBoundaries | None) -> Reference:
        """Return these tables with `boundaries` in use, a kecamatan without a centroid given one from its shape.

        A list imported without centroids (or with some kecamatan lacking one) takes each missing
        centroid from its kecamatan's polygon: the shape's label point
        (:attr:`~lebak_dash.records.boundaries.KecamatanShape.label`, the pole of inaccessibility of
        its largest part, ``shapely.ops.polylabel``), not the area centroid: it always lies inside
        the kecamatan, as far from its edges as can be, where an area centroid of a crescent-shaped
        or coastal kecamatan can fall in the neighbour or the sea. A centroid the list gives is kept.

        Examples
        --------
        >>> from lebak_dash.records.boundaries import boundaries_from_json
        >>> square = [[[106.0, -6.5], [106.2, -6.5], [106.2, -6.3], [106.0, -6.3], [106.0, -6.5]]]
        >>> places = boundaries_from_json({"sha256": "x", "kecamatan": [{"name": "Maja", "code": "1",
        ...     "polygons": [square], "screen": [square], "label": [106.1, -6.4]}]})
        >>> tables = build_reference(load_reference().opd, pd.DataFrame({"kode": ["1"], "nama": ["Maja"],
        ...     "alias": [""], "lat": [float("nan")], "lon": [float("nan")], "luas_km2": [float("nan")]}))
        >>> tables.has_centroids, tables.with_boundaries(places).has_centroids
        (False, True)
        >>> tables.with_boundaries(places).kecamatan[["lat", "lon"]].values.tolist()
        [[-6.4, 106.1]]
        """
        if boundaries is None:
            return dataclasses.replace(self, boundaries=None)
        table = self.kecamatan
        labels = {shape.name: shape.label for shape in boundaries.shapes}
        missing = (table["lat"].isna() | table["lon"].isna()) & table["nama"].isin(labels)
        if missing.any():
            table = table.copy()
            names = table.loc[missing, "nama"]
            table.loc[missing, "lon"] = [labels[n][0] for n in names]
            table.loc[missing, "lat"] = [labels[n][1] for n in names]
        return dataclasses.replace(self, kecamatan=table, boundaries=boundaries)

    @property
    def wide_phrases(self) -> frozenset[str]:
        """Return the phrases (spaced keys) that mean the whole region (``se kabupaten lebak``, ``28 kecamatan``)."""
        return self.region.wide_phrases | {f"{len(self.kecamatan)} kecamatan"}

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


def _coordinate(text: str, low: float, high: float, row: int, column: str) -> float:
    if not text:
        return float("nan")
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        value = float("nan")
    if not low <= value <= high:
        raise ReferenceListError("detail.ref_bad_number", what="kecamatan", row=row, column=column, value=text[:40])
    return value


def kecamatan_table_from_rows(header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    """Read and check a kecamatan list given as a header and rows of text.

    Headers are matched as workbook headers are (case, spacing and punctuation aside, see
    :data:`KECAMATAN_HEADERS`); other columns are ignored. Codes are free text; centroids
    (``lat``, ``lon``) are optional, but given for every kecamatan or for none.

    Parameters
    ----------
    header : list of str
    rows : list of list of str
        The data rows below the header (blank rows are skipped).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`KECAMATAN_COLUMNS`; ``lat``, ``lon``, ``luas_km2`` as floats (NaN: none).

    Raises
    ------
    ReferenceListError
        When no name column is found, a name is blank or repeated, a code repeated, a coordinate
        unreadable or out of range, an alias ambiguous, or the list too long.

    Examples
    --------
    >>> kecamatan_table_from_rows(["id_kecamatan", "nama_kecamatan"], [["320101", "Cibinong"]])["nama"].tolist()
    ['Cibinong']
    """
    lookup = {alias: column for column, aliases in KECAMATAN_HEADERS.items() for alias in aliases}
    positions: dict[str, int] = {}
    for pos, text in enumerate(header):
        column = lookup.get(compact_key(text or ""))
        if column and column not in positions:
            positions[column] = pos
    if "nama" not in positions:
        raise ReferenceListError(
            "detail.ref_missing_columns", what="kecamatan", missing="nama", required=", ".join(KECAMATAN_COLUMNS)
        )
    records: list[dict[str, object]] = []
    for number, row in enumerate(rows, start=2):
        cells = {c: clean_text(row[p]) if p < len(row) and row[p] is not None else "" for c, p in positions.items()}
        if not any(cells.values()):
            continue
        if not cells["nama"]:
            raise ReferenceListError("detail.ref_blank_name", what="kecamatan", row=number)
        lat = _coordinate(cells.get("lat", ""), -90.0, 90.0, number, "lat")
        lon = _coordinate(cells.get("lon", ""), -180.0, 180.0, number, "lon")
        area = _coordinate(cells.get("luas_km2", ""), 0.0, 1e6, number, "luas_km2")
        records.append({"kode": cells.get("kode", ""), "nama": cells["nama"], "alias": cells.get("alias", "")})
        records[-1] |= {"lat": lat, "lon": lon, "luas_km2": area, "_row": number}
    if not records:
        raise ReferenceListError("detail.ref_empty", what="kecamatan")
    if len(records) > MAX_KECAMATAN:
        raise ReferenceListError("detail.ref_kecamatan_too_long", count=len(records), limit=MAX_KECAMATAN)
    table = pd.DataFrame(records)
    _check_kecamatan(table)
    return table[list(KECAMATAN_COLUMNS)].astype(
        {"kode": str, "nama": str, "alias": str, "lat": float, "lon": float, "luas_km2": float}
    )


def _check_kecamatan(table: pd.DataFrame) -> None:
    dupes = table["nama"][table["nama"].map(compact_key).duplicated()].tolist()
    if dupes:
        raise ReferenceListError("detail.ref_duplicate_name", what="kecamatan", name=dupes[0])
    codes = table["kode"][table["kode"] != ""]
    repeated = codes[codes.duplicated()].tolist()
    if repeated:
        raise ReferenceListError("detail.ref_duplicate_code", what="kecamatan", code=repeated[0])
    half = table["lat"].isna() != table["lon"].isna()
    if half.any():
        row = int(table.loc[half, "_row"].iloc[0])
        raise ReferenceListError("detail.ref_half_centroid", row=row)
    some = table["lat"].notna()
    if some.any() and not some.all():
        row = int(table.loc[~some, "_row"].iloc[0])
        raise ReferenceListError("detail.ref_some_centroids", row=row)
    _build_keys(table, ("alias",), "kecamatan")


def parse_kecamatan_table(data: bytes) -> pd.DataFrame:
    """Read a kecamatan list in CSV form (UTF-8 or Windows-1252, comma or semicolon).

    Raises
    ------
    ReferenceListError
        See :func:`kecamatan_table_from_rows`.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        raise ReferenceListError("detail.ref_empty", what="kecamatan")
    return kecamatan_table_from_rows(rows[0], rows[1:])


def kecamatan_csv(table: pd.DataFrame) -> bytes:
    """Return a kecamatan table as CSV (the columns of :data:`KECAMATAN_COLUMNS`, UTF-8)."""
    return table[list(KECAMATAN_COLUMNS)].to_csv(index=False).encode()


def build_reference(opd: pd.DataFrame, kecamatan: pd.DataFrame, region: Region | None = None) -> Reference:
    """Return a :class:`Reference` with its lookups built from the two tables and the region (default: shipped)."""
    opd_keys = _build_keys(opd, ("singkatan", "alias"), "OPD")
    kec_keys = _build_keys(kecamatan, ("alias",), "kecamatan")
    return Reference(
        opd=opd, kecamatan=kecamatan, region=region or default_region(), _opd_keys=opd_keys, _kec_keys=kec_keys
    )


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
    return build_reference(parse_opd_table(opd_bytes), reference.kecamatan, reference.region)
