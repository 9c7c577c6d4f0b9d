"""Progress over time: every innovation followed across every stored version of the data.

Pure functions of record frames (one per version, as the store loads them); nothing here reads
the store or draws anything. :func:`track` builds a :class:`Timeline` (which record of which
version is which innovation, and its stage in each version); the pages and the briefing ask it
questions: :func:`compare` (two versions: advanced, went back, unchanged, new, disappeared, the
stage-to-stage flows and the counts per OPD), :func:`stage_counts` (innovations per stage in each
version), :func:`stalled` (innovations that stay in one stage) and :func:`history` (one
innovation's stages).

**Matching rule** (the same as :mod:`lebak_dash.records.diff`, applied version after version). Each
version is matched against every innovation seen in an earlier version:

1. by ``kode`` first, when both sides carry one (case, spaces and punctuation ignored:
   ``LBK-001`` = ``lbk 001``);
2. the records left over by (OPD, nama), both normalised the same way, so a workbook that gains
   or loses its ``kode`` column, or an innovation whose code was typed only later, still matches;
3. an innovation remembers its latest name and OPD, and keeps its last known ``kode`` when a later
   workbook leaves the code blank: a name changed under the same code is followed, and so is an
   innovation missing from one upload and back in a later one;
4. repeated keys are paired in file order (the first with the first).

A renamed innovation *without* a code, or one moved to another OPD without a code, cannot be
told from a new one: it shows as one disappeared and one new.

**Two stage models.** A timeline keeps each innovation's 5D stage and its IID stage in every
version (:attr:`Timeline.codes`, :attr:`Timeline.codes_iid`); every question takes the model to
follow (``model="5d"`` or ``"iid"``), so the IID stages are followed across versions as the 5D
ones are. An innovation present in a version without a stage of the model has the code
:data:`NO_STAGE_CODE` there; compared with a version where it has one (or none again), it is
``kosong`` (no stage to compare), neither advanced nor unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from lebak_dash.analysis.aggregate import count_per_stage
from lebak_dash.analysis.filters import Filters, filter_mask
from lebak_dash.analysis.listing import search_records
from lebak_dash.analysis.stages import (
    DERIVED,
    MODEL_5D,
    MODEL_IID,
    MODEL_STAGES,
    MODELS,
    derived_column,
    derived_mask,
    has_stage,
    stage_codes,
)
from lebak_dash.records.diff import identity_keys, match_keys
from lebak_dash.records.schema import NO_STAGE, STAGES

#: Status of an innovation between two versions, in the order the pages list them (``kosong``:
#: in both, without a stage of the model followed in at least one of them).
STATUSES: tuple[str, ...] = ("naik", "turun", "tetap", "baru", "hilang", "kosong")
#: Stage code of a version that does not hold the innovation.
ABSENT = -1
#: Stage code of a version that holds the innovation without a stage of the model followed.
NO_STAGE_CODE = -2
#: Sankey node of innovations absent from the older version (left side).
NEW_NODE = "baru"
#: Sankey node of innovations absent from the newer version (right side).
GONE_NODE = "hilang"
#: Columns of the per-version records kept by a timeline (what filters and tables need).
KEPT_COLUMNS: tuple[str, ...] = (
    "kode",
    "nama",
    "opd",
    "tahapan",
    "kecamatan",
    "tahun",
    "tanggal_mulai",
    "jenis",
    "bentuk",
    "tahapan_iid",
    DERIVED,
    "urusan",
)
#: Stage code of each stage (0-4 in 5D order), as a timeline stores it.
STAGE_CODE = {stage: code for code, stage in enumerate(STAGES)}


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def clean_texts(values: object) -> pd.Series:
    """Return every value as stripped text (None when blank or missing) in an object Series.

    Each distinct value is converted once (a version of 100,000 records holds few distinct texts).
    """
    series = values if isinstance(values, pd.Series) else pd.Series(np.asarray(values, dtype=object))
    codes, uniques = pd.factorize(series.astype(object), use_na_sentinel=True)
    mapped = np.array([_text(u) for u in uniques] + [None], dtype=object)
    return pd.Series(mapped[codes], index=series.index, dtype=object)


# ------------------------------------------------------------------------------------- inputs
@dataclass(frozen=True)
class VersionData:
    """The records of one stored version, as :func:`track` takes them.

    Attributes
    ----------
    number : int
        Version number (1, 2, 3... in upload order).
    records : pandas.DataFrame
        The importer's records of this version.
    uploaded_at : datetime, optional
        When it was uploaded (the months of the stalled rule are counted with it).
    filename : str
    """

    number: int
    records: pd.DataFrame
    uploaded_at: dt.datetime | None = None
    filename: str = ""


@dataclass(frozen=True)
class VersionInfo:
    """A version as the progress pages name it.

    Attributes
    ----------
    number : int
    uploaded_at : datetime or None
    filename : str
    count : int
        Innovations in the version.
    """

    number: int
    uploaded_at: dt.datetime | None
    filename: str
    count: int

    @property
    def label(self) -> str:
        """Return the short name of the version (``v3``)."""
        return f"v{self.number}"


# ------------------------------------------------------------------------------------- timeline
@dataclass(frozen=True, eq=False)
class Timeline:
    """Every innovation of every version, matched across versions.

    Attributes
    ----------
    versions : tuple of VersionInfo
        In upload order.
    items : pandas.DataFrame
        One row per innovation (index ``id``, 0, 1, 2...): ``kode`` (last known), ``nama`` and
        ``opd`` (latest), ``tanggal_mulai`` (latest known), ``pertama`` and ``terakhir`` (first and
        last version number holding it).
    codes : numpy.ndarray
        ``(innovations, versions)`` 5D stage codes: 0-4 in 5D order, :data:`ABSENT` (-1) where the
        version does not hold the innovation, :data:`NO_STAGE_CODE` (-2) where it holds it with no
        5D stage.
    positions : numpy.ndarray
        ``(innovations, versions)`` row of the innovation in that version's records, -1 when absent.
    records : tuple of pandas.DataFrame
        Each version's records (:data:`KEPT_COLUMNS`, index 0..n-1), for filters and names.
    ids : tuple of numpy.ndarray
        For each version, the innovation id of each of its records.
    codes_iid : numpy.ndarray
        The same for the IID stages (0-2: Inisiatif, Uji Coba, Penerapan).
    derived : numpy.ndarray
        ``(innovations, versions)`` booleans: the 5D stage there was derived from the IID stage.
    gap : bool
        Some version holds an innovation with no stage in either model.
    """

    versions: tuple[VersionInfo, ...]
    items: pd.DataFrame
    codes: np.ndarray
    positions: np.ndarray
    records: tuple[pd.DataFrame, ...] = field(repr=False)
    ids: tuple[np.ndarray, ...] = field(repr=False)
    codes_iid: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=np.int8), repr=False)
    derived: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=bool), repr=False)
    gap: bool = False

    def stage_codes(self, model: str = MODEL_5D) -> np.ndarray:
        """Return the stage codes of `model` (``(innovations, versions)``)."""
        return self.codes_iid if model == MODEL_IID else self.codes

    @property
    def models(self) -> tuple[str, ...]:
        """Return the stage models with a stage in some version (5D alone when none has any)."""
        present = tuple(m for m in MODELS if (self.stage_codes(m) >= 0).any())
        return present or (MODEL_5D,)

    @property
    def present(self) -> np.ndarray:
        """Return ``(innovations, versions)`` booleans: the version holds the innovation."""
        return self.positions >= 0

    @property
    def numbers(self) -> tuple[int, ...]:
        """Return the version numbers, in order."""
        return tuple(v.number for v in self.versions)

    def column(self, number: int) -> int:
        """Return the position of version `number` among :attr:`versions`.

        Raises
        ------
        KeyError
            When the timeline has no such version.
        """
        for j, version in enumerate(self.versions):
            if version.number == number:
                return j
        raise KeyError(f"no version {number}")

    def info(self, number: int) -> VersionInfo:
        """Return the :class:`VersionInfo` of version `number`."""
        return self.versions[self.column(number)]

    def __len__(self) -> int:
        return len(self.items)


def _kept(records: pd.DataFrame) -> pd.DataFrame:
    frame = records.reset_index(drop=True)
    return frame[[c for c in KEPT_COLUMNS if c in frame.columns]]


def track(versions: Sequence[VersionData]) -> Timeline:
    """Follow every innovation across `versions` (see the module for the matching rule).

    Parameters
    ----------
    versions : sequence of VersionData
        In upload order (sorted here by number).

    Returns
    -------
    Timeline

    Examples
    --------
    >>> def frame(*rows):
    ...     return pd.DataFrame(rows, columns=["kode", "nama", "opd", "tahapan"])
    >>> v1 = VersionData(1, frame(("A", "Satu", "Dinkes", "Design"), (None, "Dua", "Dinkes", "Drum-up")))
    >>> v2 = VersionData(2, frame(("a", "Satu baru", "Dinkes", "Delivery"), ("B", "DUA", "dinkes", "Drum-up")))
    >>> tl = track([v1, v2])
    >>> len(tl), tl.codes.tolist(), tl.items["kode"].tolist()
    (2, [[2, 3], [0, 0]], ['a', 'B'])
    """
    ordered = sorted(versions, key=lambda v: v.number)
    # What is known of each innovation: identity keys (to match the next version), and what is shown.
    kode_key = np.empty(0, dtype=object)
    name_key = np.empty(0, dtype=object)
    kode = np.empty(0, dtype=object)
    nama = np.empty(0, dtype=object)
    opd = np.empty(0, dtype=object)
    start = np.empty(0, dtype="datetime64[ns]")
    last_seen = np.empty(0, dtype=np.int64)
    all_ids: list[np.ndarray] = []
    kept: list[pd.DataFrame] = []
    previous = np.empty(0, dtype=np.int64)
    for j, version in enumerate(ordered):
        records = _kept(version.records)
        count = len(records)
        ids = np.full(count, -1, dtype=np.int64)
        known = len(kode)
        new_kode_key, new_name_key = identity_keys(records)  # once per version (the costly part)
        if known and count:
            # Innovations of the previous version first, in its file order (repeats pair in order,
            # as in a plain two-version diff); then older ones, most recently seen first.
            rest = np.setdiff1d(np.arange(known), previous)
            rest = rest[np.lexsort((rest, -last_seen[rest]))]
            order = np.concatenate([previous, rest])
            candidates = (pd.Series(kode_key[order], dtype=object), pd.Series(name_key[order], dtype=object))
            pos_old, pos_new = match_keys(candidates, (new_kode_key, new_name_key))
            ids[pos_new] = order[pos_old]
        fresh = ids < 0
        grow = int(fresh.sum())
        ids[fresh] = np.arange(known, known + grow)
        kode_key = np.concatenate([kode_key, np.full(grow, None, dtype=object)])
        name_key = np.concatenate([name_key, np.full(grow, None, dtype=object)])
        kode = np.concatenate([kode, np.full(grow, None, dtype=object)])
        nama = np.concatenate([nama, np.full(grow, None, dtype=object)])
        opd = np.concatenate([opd, np.full(grow, None, dtype=object)])
        start = np.concatenate([start, np.full(grow, np.datetime64("NaT"), dtype="datetime64[ns]")])
        last_seen = np.concatenate([last_seen, np.full(grow, -1, dtype=np.int64)])
        if count:
            keys = new_kode_key.to_numpy(dtype=object)
            has_kode = pd.notna(keys)
            # A blank code keeps the last known one (and its key, for the next versions).
            kode_key[ids[has_kode]] = keys[has_kode]
            kode[ids[has_kode]] = records["kode"].astype(object).to_numpy()[has_kode]
            name_key[ids] = new_name_key.to_numpy(dtype=object)
            nama[ids] = records["nama"].astype(object).to_numpy()
            opd[ids] = records["opd"].astype(object).to_numpy()
            if "tanggal_mulai" in records.columns:
                dates = pd.to_datetime(records["tanggal_mulai"], errors="coerce").to_numpy(dtype="datetime64[ns]")
                known_date = ~np.isnat(dates)
                start[ids[known_date]] = dates[known_date]
            last_seen[ids] = j
        all_ids.append(ids)
        kept.append(records)
        previous = ids
    total = len(kode)
    positions = np.full((total, len(ordered)), -1, dtype=np.int64)
    codes = np.full((total, len(ordered)), ABSENT, dtype=np.int8)
    codes_iid = np.full((total, len(ordered)), ABSENT, dtype=np.int8)
    derived = np.zeros((total, len(ordered)), dtype=bool)
    gap = False
    for j, (ids, records) in enumerate(zip(all_ids, kept, strict=True)):
        positions[ids, j] = np.arange(len(ids))
        if len(ids):
            for matrix, model in ((codes, MODEL_5D), (codes_iid, MODEL_IID)):
                found = stage_codes(records, model)
                matrix[ids, j] = np.where(found >= 0, found, NO_STAGE_CODE)
            derived[ids, j] = derived_mask(records)
            gap = gap or bool((~has_stage(records)).any())
    numbers = np.array([v.number for v in ordered], dtype=np.int64)
    present = positions >= 0
    first = present.argmax(axis=1) if len(ordered) else np.zeros(total, dtype=np.int64)
    last = len(ordered) - 1 - present[:, ::-1].argmax(axis=1) if len(ordered) else np.zeros(total, dtype=np.int64)
    items = pd.DataFrame(
        {
            "kode": kode,
            "nama": nama,
            "opd": opd,
            "tanggal_mulai": start,
            "pertama": numbers[first] if total else np.empty(0, dtype=np.int64),
            "terakhir": numbers[last] if total else np.empty(0, dtype=np.int64),
        }
    )
    items.index.name = "id"
    infos = tuple(VersionInfo(v.number, v.uploaded_at, v.filename, len(r)) for v, r in zip(ordered, kept, strict=True))
    return Timeline(infos, items, codes, positions, tuple(kept), tuple(all_ids), codes_iid, derived, gap)


def filter_ids(timeline: Timeline, filters: Filters, numbers: Sequence[int] | None = None) -> np.ndarray:
    """Return which innovations pass `filters` in at least one of the versions `numbers`.

    An innovation that moved from Design to Delivery passes a ``tahapan=Delivery`` filter when
    the newer version is among `numbers`: filtering each version apart would call it new.

    Parameters
    ----------
    timeline : Timeline
    filters : Filters
        The dashboard's shared filters.
    numbers : sequence of int, optional
        Versions to look at (default: all).

    Returns
    -------
    numpy.ndarray
        Boolean, one per innovation (``timeline.items`` order).
    """
    numbers = timeline.numbers if numbers is None else tuple(numbers)
    if filters.is_empty:
        mask = np.zeros(len(timeline), dtype=bool)
        for number in numbers:
            mask[timeline.ids[timeline.column(number)]] = True
        return mask
    mask = np.zeros(len(timeline), dtype=bool)
    for number in numbers:
        j = timeline.column(number)
        passing = filter_mask(timeline.records[j], filters)
        mask[timeline.ids[j][passing]] = True
    return mask


def stage_names(codes: np.ndarray, model: str = MODEL_5D) -> np.ndarray:
    """Return stage codes as names: the model's stages, ``Tahap belum diisi`` for
    :data:`NO_STAGE_CODE`, None where absent."""
    stages = MODEL_STAGES[model]
    lookup = np.array([*stages, NO_STAGE, None], dtype=object)
    where = np.where(codes >= 0, codes, np.where(codes == NO_STAGE_CODE, len(stages), len(stages) + 1))
    return lookup[where]


def stage_categorical(codes: np.ndarray, model: str = MODEL_5D) -> pd.Categorical:
    """Return stage codes as an ordered categorical of stage names (``Tahap belum diisi`` last;
    missing: absent)."""
    return pd.Categorical(stage_names(codes, model), categories=[*MODEL_STAGES[model], NO_STAGE], ordered=True)


def version_field(timeline: Timeline, ids: np.ndarray, j: int, column: str) -> np.ndarray:
    """Return `column` of each innovation `ids` as recorded in version column `j` (None when absent)."""
    out = np.full(len(ids), None, dtype=object)
    rows = timeline.positions[ids, j]
    here = rows >= 0
    if here.any() and column in timeline.records[j].columns:
        out[here] = timeline.records[j][column].astype(object).to_numpy()[rows[here]]
    return out


def _latest_field(timeline: Timeline, ids: np.ndarray, columns: Sequence[int], column: str) -> np.ndarray:
    """Return `column` of each innovation as in the last of version columns `columns` that holds it."""
    out = np.full(len(ids), None, dtype=object)
    for j in columns:
        values = version_field(timeline, ids, j, column)
        here = timeline.positions[ids, j] >= 0
        out[here] = values[here]
    return out


# -------------------------------------------------------------------------------------- compare
@dataclass(frozen=True, eq=False)
class Comparison:
    """What changed between two versions.

    Attributes
    ----------
    a, b : VersionInfo
        The older and the newer version.
    table : pandas.DataFrame
        One row per innovation in either version: ``id``, ``kode``, ``nama``, ``opd`` (as written
        in `b`, else as in `a`), ``dari`` and ``ke`` (stages, missing when absent), ``status`` (one of
        :data:`STATUSES`) and ``langkah`` (stages moved: +2 is two stages forward).
    flows : pandas.DataFrame
        ``dari``, ``ke``, ``jumlah``: innovations per (stage in `a`, stage in `b`); ``dari`` is
        :data:`NEW_NODE` for new ones, ``ke`` is :data:`GONE_NODE` for disappeared ones.
    per_opd : pandas.DataFrame
        Index ``opd``; ``sebelum``, ``sesudah`` and one column per status. Innovations count under
        their OPD in `b` (disappeared ones under their OPD in `a`). Most advanced first.
    """

    a: VersionInfo
    b: VersionInfo
    table: pd.DataFrame
    flows: pd.DataFrame
    per_opd: pd.DataFrame

    def count(self, status: str) -> int:
        """Return the number of innovations with `status`."""
        return int((self.table["status"] == status).sum())

    def summary(self) -> dict[str, int]:
        """Return the counts: ``sebelum``, ``sesudah`` and one per status."""
        out = {
            "sebelum": int(self.table["dari"].notna().sum()),
            "sesudah": int(self.table["ke"].notna().sum()),
        }
        out.update({status: self.count(status) for status in STATUSES})
        return out


def compare(timeline: Timeline, a: int, b: int, mask: np.ndarray | None = None, model: str = MODEL_5D) -> Comparison:
    """Return what changed from version `a` to version `b`.

    Parameters
    ----------
    timeline : Timeline
    a, b : int
        Version numbers (usually the older first; any two may be compared).
    mask : numpy.ndarray, optional
        Innovations to include (:func:`filter_ids`); default all.
    model : {"5d", "iid"}
        The stages followed.

    Returns
    -------
    Comparison
        Flows name ``Tahap belum diisi`` where an innovation has no stage of the model; the table
        has a ``turunan`` column (the stage in `b` derived from the IID stage) when the 5D model is
        followed and some stage of the timeline is derived.
    """
    ja, jb = timeline.column(a), timeline.column(b)
    codes = timeline.stage_codes(model)
    ca, cb = codes[:, ja], codes[:, jb]
    keep = timeline.present[:, ja] | timeline.present[:, jb]
    if mask is not None:
        keep &= mask
    ids = np.flatnonzero(keep)
    ca, cb = ca[ids].astype(np.int64), cb[ids].astype(np.int64)
    both = (ca >= 0) & (cb >= 0)
    status = np.select(
        [ca == ABSENT, cb == ABSENT, ~both, cb > ca, cb < ca],
        ["baru", "hilang", "kosong", "naik", "turun"],
        default="tetap",
    ).astype(object)
    table = pd.DataFrame(
        {
            "id": ids,
            "kode": _latest_field(timeline, ids, (ja, jb), "kode"),
            "nama": _latest_field(timeline, ids, (ja, jb), "nama"),
            "opd": _latest_field(timeline, ids, (ja, jb), "opd"),
            "dari": stage_categorical(ca, model),
            "ke": stage_categorical(cb, model),
            "status": status,
            "langkah": np.where(both, cb - ca, 0).astype(np.int64),
        }
    )
    if model == MODEL_5D and timeline.derived.any():
        table.insert(table.columns.get_loc("ke") + 1, "turunan", timeline.derived[ids, jb])
    table["kode"] = clean_texts(table["kode"])
    # Rows: the most telling first (advanced, went back, new, disappeared, no stage, unchanged),
    # then by OPD and name.
    rank = {"naik": 0, "turun": 1, "baru": 2, "hilang": 3, "kosong": 4, "tetap": 5}
    sort = pd.DataFrame(
        {
            "r": table["status"].map(rank),
            "s": -table["langkah"].abs(),
            "o": table["opd"].astype(str).str.casefold(),
            "n": table["nama"].astype(str).str.casefold(),
        }
    )
    table = table.loc[sort.sort_values(["r", "s", "o", "n"], kind="stable").index].reset_index(drop=True)
    stages = MODEL_STAGES[model]
    nodes_from = np.where(ca == ABSENT, NEW_NODE, stage_names(ca, model))
    nodes_to = np.where(cb == ABSENT, GONE_NODE, stage_names(cb, model))
    flows = pd.DataFrame({"dari": nodes_from, "ke": nodes_to}).value_counts().rename("jumlah").reset_index()
    left = {n: i for i, n in enumerate([*stages, NO_STAGE, NEW_NODE])}
    right = {n: i for i, n in enumerate([*stages, NO_STAGE, GONE_NODE])}
    flows = flows.assign(_l=flows["dari"].map(left), _r=flows["ke"].map(right))
    flows = flows.sort_values(["_l", "_r"]).drop(columns=["_l", "_r"]).reset_index(drop=True)
    flows["jumlah"] = flows["jumlah"].astype(int)
    return Comparison(
        timeline.versions[ja], timeline.versions[jb], table, flows, _per_opd(timeline, ids, ja, jb, table)
    )


def _per_opd(timeline: Timeline, ids: np.ndarray, ja: int, jb: int, table: pd.DataFrame) -> pd.DataFrame:
    opd_a = clean_texts(version_field(timeline, ids, ja, "opd"))
    opd_b = clean_texts(version_field(timeline, ids, jb, "opd"))
    columns = {"sebelum": opd_a.dropna().value_counts(), "sesudah": opd_b.dropna().value_counts()}
    by_id = table.set_index("id")["status"].reindex(ids).to_numpy()
    for status in STATUSES:
        names = opd_a if status == "hilang" else opd_b
        columns[status] = names[by_id == status].dropna().value_counts()
    frame = pd.DataFrame(columns).fillna(0).astype(int)
    frame = frame.reindex(columns=["sebelum", "sesudah", *STATUSES], fill_value=0)
    if frame.empty:
        frame.index = pd.Index([], dtype=object)
    keys = pd.DataFrame(
        {"naik": -frame["naik"], "turun": frame["turun"], "n": [str(n).casefold() for n in frame.index]},
        index=frame.index,
    )
    frame = frame.loc[keys.sort_values(["naik", "turun", "n"], kind="stable").index]
    frame.index.name = "opd"
    return frame


# ----------------------------------------------------------------------------- stage per version
def stage_counts(timeline: Timeline, filters: Filters | None = None, model: str = MODEL_5D) -> pd.DataFrame:
    """Return innovations per stage of `model` in each version (the dashboard's counting rule).

    Parameters
    ----------
    timeline : Timeline
    filters : Filters, optional
        Applied to each version's records, as the dashboard pages apply them to one version.
    model : {"5d", "iid"}

    Returns
    -------
    pandas.DataFrame
        Index ``versi`` (version numbers); the model's stages, ``Tahap belum diisi`` (innovations with
        no stage in either model) when some version has such, ``turunan:<stage>`` for derived 5D
        stages when some are, and ``jumlah``.
    """
    stages = list(MODEL_STAGES[model])
    columns = [*stages, NO_STAGE] if timeline.gap else stages
    derived = model == MODEL_5D and bool(timeline.derived.any())
    rows = {}
    for version, records in zip(timeline.versions, timeline.records, strict=True):
        if filters is not None and not filters.is_empty:
            records = records[filter_mask(records, filters)]
        row = count_per_stage(records, model).to_dict()
        row[NO_STAGE] = int((~has_stage(records)).sum())
        if derived:
            row.update({derived_column(s): n for s, n in count_per_stage(records[derived_mask(records)]).items()})
        rows[version.number] = row
    extra = [derived_column(s) for s in stages] if derived else []
    frame = pd.DataFrame.from_dict(rows, orient="index").reindex(columns=[*columns, *extra]).fillna(0).astype(int)
    frame["jumlah"] = frame[columns].sum(axis=1)
    frame.index.name = "versi"
    return frame


# -------------------------------------------------------------------------------------- history
def history(timeline: Timeline, innovation: int, model: str = MODEL_5D) -> pd.DataFrame:
    """Return one innovation's stage of `model` in every version.

    Returns
    -------
    pandas.DataFrame
        One row per version: ``versi``, ``diunggah``, ``tahapan`` (the model's stage, ``Tahap belum
        diisi`` when the version holds it without one, missing when the version does not hold it),
        ``turunan`` (the 5D stage there is derived from the IID stage), ``kode``, ``nama`` and
        ``opd`` as written in that version.
    """
    ids = np.array([innovation], dtype=np.int64)
    names = stage_names(timeline.stage_codes(model)[innovation], model)
    derived = timeline.derived[innovation] if model == MODEL_5D else np.zeros(len(timeline.versions), dtype=bool)
    rows = []
    for j, version in enumerate(timeline.versions):
        rows.append(
            {
                "versi": version.number,
                "diunggah": version.uploaded_at,
                "tahapan": names[j],
                "turunan": bool(derived[j]),
                "kode": _text(version_field(timeline, ids, j, "kode")[0]),
                "nama": version_field(timeline, ids, j, "nama")[0],
                "opd": version_field(timeline, ids, j, "opd")[0],
            }
        )
    frame = pd.DataFrame(rows)
    frame["tahapan"] = pd.Categorical(frame["tahapan"], categories=[*MODEL_STAGES[model], NO_STAGE], ordered=True)
    return frame


def timeline_frame(timeline: Timeline, mask: np.ndarray | None = None, model: str = MODEL_5D) -> pd.DataFrame:
    """Return the innovations with their stage of `model` in each version, as a table.

    Returns
    -------
    pandas.DataFrame
        Index ``id``; ``kode``, ``nama``, ``opd`` (latest), one column per version (``v1``,
        ``v2``...: the stage, ``Tahap belum diisi`` when held without one, empty when absent),
        ``langkah`` (stages moved from the first version holding it with a stage to the last) and
        ``jumlah_versi`` (versions holding it).
    """
    ids = np.arange(len(timeline)) if mask is None else np.flatnonzero(mask)
    frame = timeline.items.loc[ids, ["kode", "nama", "opd"]].copy()
    frame["kode"] = clean_texts(frame["kode"])
    codes = timeline.stage_codes(model)[ids]
    for j, version in enumerate(timeline.versions):
        frame[version.label] = [name or "" for name in stage_names(codes[:, j], model)]
    staged = codes >= 0
    if codes.shape[1]:
        rows = np.arange(len(ids))
        first = codes[rows, staged.argmax(axis=1)].astype(np.int64)
        last = codes[rows, codes.shape[1] - 1 - staged[:, ::-1].argmax(axis=1)].astype(np.int64)
        frame["langkah"] = np.where(staged.any(axis=1), last - first, 0)
    else:
        frame["langkah"] = 0
    frame["jumlah_versi"] = timeline.present[ids].sum(axis=1)
    return frame


def search_timeline(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Return the rows of :func:`timeline_frame` whose code, name or OPD hold every word of `query`.

    Examples
    --------
    >>> frame = pd.DataFrame({"kode": ["K1", None], "nama": ["Sehat Keliling", "Arsip"], "opd": ["Dinkes", "Dinsos"]})
    >>> search_timeline(frame, "sehat dinkes")["nama"].tolist(), len(search_timeline(frame, ""))
    (['Sehat Keliling'], 2)
    """
    if not str(query or "").strip():
        return frame
    parts = [frame[c].astype(object).fillna("").astype(str) for c in ("kode", "nama", "opd")]
    haystack = (parts[0] + " " + parts[1] + " " + parts[2]).str.casefold()
    return search_records(frame, query, haystack)
