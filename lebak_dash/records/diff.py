"""Compare two sets of records: innovations added, removed, and moved between stages.

A stage move is a change of the 5D stage; for records with no 5D stage on either side, a change of
the IID stage. A stage appearing (from none) counts as a move forward; records without a stage on
both sides have not moved.

Used before an upload is applied (what would change against the active version) and reusable by
anything that compares two versions (progress over time). Pure functions of two record frames.

Identity of an innovation across uploads:

1. by ``kode`` when both records carry one (the contract calls it the stable identity);
2. the records left over are matched by the normalised pair (OPD, nama), ignoring case, spacing
   and punctuation, so a workbook that gains or loses its ``kode`` column still matches.

Repeated keys are paired in file order (the first with the first, and so on).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from lebak_dash.records.schema import IID_STAGES, NO_OPD, RECORD_KEYS, STAGES
from lebak_dash.records.textnorm import compact_key

#: Columns of :attr:`Diff.added` and :attr:`Diff.removed`.
ITEM_COLUMNS = ("kode", "nama", "opd", "tahapan")
#: Stage names of the item lists: a record's 5D stage, else its IID stage.
ITEM_STAGES = (*STAGES, *IID_STAGES)
#: Columns of :attr:`Diff.per_opd`, after ``opd``.
PER_OPD_COLUMNS = (
    "sebelum",
    "sesudah",
    "baru",
    "dihapus",
    "naik_tahap",
    "turun_tahap",
    "pindah_masuk",
    "pindah_keluar",
)
# Compared to tell an edited record from an unchanged one (stage and OPD are reported apart).
_CONTENT_KEYS = tuple(k for k in RECORD_KEYS if k not in ("tahapan", "opd"))


@dataclass(frozen=True)
class Diff:
    """What changes from one set of records to another.

    Attributes
    ----------
    before, after : int
        Number of records on each side.
    added : pandas.DataFrame
        Records only in the new set (``kode, nama, opd, tahapan``).
    removed : pandas.DataFrame
        Records only in the old set (same columns).
    moved : pandas.DataFrame
        Matched records whose stage changed (5D, or IID for records with no 5D stage on either
        side): ``kode, nama, opd, dari, ke, maju`` (``maju`` is True when the stage moved forward).
    reassigned : pandas.DataFrame
        Matched records whose OPD changed: ``kode, nama, opd_lama, opd``.
    edited : int
        Matched records whose other content changed (kecamatan, year, budget...).
    unchanged : int
        Matched records identical in every contract column.
    per_opd : pandas.DataFrame
        One row per OPD present on either side: ``opd`` and :data:`PER_OPD_COLUMNS`, by name.
    """

    before: int
    after: int
    added: pd.DataFrame
    removed: pd.DataFrame
    moved: pd.DataFrame
    reassigned: pd.DataFrame
    edited: int
    unchanged: int
    per_opd: pd.DataFrame

    @property
    def is_empty(self) -> bool:
        """Return True when nothing was added, removed, moved, reassigned or edited."""
        return not (len(self.added) or len(self.removed) or len(self.moved) or len(self.reassigned) or self.edited)

    @property
    def forward(self) -> int:
        """Return the number of innovations that moved to a later stage."""
        return int(self.moved["maju"].sum()) if len(self.moved) else 0

    @property
    def backward(self) -> int:
        """Return the number of innovations that moved to an earlier stage."""
        return len(self.moved) - self.forward

    def summary(self) -> dict[str, int]:
        """Return the counts as a JSON-ready dict."""
        return {
            "sebelum": self.before,
            "sesudah": self.after,
            "baru": len(self.added),
            "dihapus": len(self.removed),
            "naik_tahap": self.forward,
            "turun_tahap": self.backward,
            "pindah_opd": len(self.reassigned),
            "diubah": self.edited,
            "tetap": self.unchanged,
        }


def _text(value: object) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    text = str(value).strip()
    return text or None


def identity_keys(records: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Return the two identity keys of each record: by ``kode`` and by (OPD, nama).

    Parameters
    ----------
    records : pandas.DataFrame
        Records with ``kode``, ``opd`` and ``nama``.

    Returns
    -------
    tuple of pandas.Series
        ``kode`` key (None when the record has no code) and name key, both normalised with
        :func:`~lebak_dash.records.textnorm.compact_key`; indexed like `records`.

    Examples
    --------
    >>> frame = pd.DataFrame({"kode": [None], "opd": ["Dinkes"], "nama": ["Si  CANTIK"]})
    >>> identity_keys(frame)[1].tolist()
    ['dinkes\\x1fsicantik']
    """
    kode = _map_distinct(records["kode"], lambda v: compact_key(t) if (t := _text(v)) else None)
    kode = kode.where(kode.astype(bool), None)
    opd = _map_distinct(records["opd"], lambda v: compact_key(_text(v) or ""))
    nama = _map_distinct(records["nama"], lambda v: compact_key(_text(v) or ""))
    return kode, (opd + "\x1f" + nama).astype(object)


def _map_distinct(values: pd.Series, func) -> pd.Series:
    """Return ``values.map(func)`` as objects, calling `func` once per distinct value (an OPD column of
    100,000 rows holds some sixty names; a missing value is passed as None)."""
    codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
    mapped = np.array([func(u) for u in uniques] + [func(None)], dtype=object)
    return pd.Series(mapped[codes], index=values.index, dtype=object)


def _pair(old: pd.Series, new: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Pair positions of equal keys (None never matches), n-th occurrence with n-th."""
    frames = []
    for keys in (old, new):
        frame = pd.DataFrame({"key": keys.to_numpy(dtype=object), "pos": np.arange(len(keys))})
        frame = frame[frame["key"].notna()]
        frame["nth"] = frame.groupby("key").cumcount()
        frames.append(frame)
    merged = frames[0].merge(frames[1], on=["key", "nth"], suffixes=("_old", "_new"))
    return merged["pos_old"].to_numpy(dtype=np.int64), merged["pos_new"].to_numpy(dtype=np.int64)


def match_records(old: pd.DataFrame, new: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Return the positions of matched records: ``(old positions, new positions)``.

    Matching is by ``kode`` first, then by (OPD, nama) among the records left (see the module).
    """
    return match_keys(identity_keys(old), identity_keys(new))


def match_keys(old: tuple[pd.Series, pd.Series], new: tuple[pd.Series, pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """Return the positions of matched records from their :func:`identity_keys` (computed once by a
    caller that matches the same records several times, such as the progress timeline).

    Parameters
    ----------
    old, new : tuple of pandas.Series
        ``(kode key, name key)`` of each side, as :func:`identity_keys` returns them.

    Returns
    -------
    tuple of numpy.ndarray
        ``(old positions, new positions)``, by ``kode`` first, then by name among the records left.
    """
    (old_kode, old_name), (new_kode, new_name) = old, new
    first_old, first_new = _pair(old_kode, new_kode)
    left_old = np.setdiff1d(np.arange(len(old_kode)), first_old)
    left_new = np.setdiff1d(np.arange(len(new_kode)), first_new)
    second_old, second_new = _pair(old_name.iloc[left_old], new_name.iloc[left_new])
    return (
        np.concatenate([first_old, left_old[second_old]]),
        np.concatenate([first_new, left_new[second_new]]),
    )


def _signature(records: pd.DataFrame, positions: np.ndarray) -> pd.Series:
    """Return one comparable text per record over the contract's content columns."""
    parts = []
    for key in _CONTENT_KEYS:
        if key not in records:
            continue
        column = records[key].iloc[positions].astype(object)
        parts.append(column.map(lambda v: "" if _text(v) is None else repr(v) if isinstance(v, tuple) else str(v)))
    if not parts:
        return pd.Series([""] * len(positions), dtype=object)
    joined = parts[0].reset_index(drop=True)
    for part in parts[1:]:
        joined = joined + "\x1f" + part.reset_index(drop=True)
    return joined


def _stage_label(records: pd.DataFrame) -> pd.Series:
    """Return each record's 5D stage, else its IID stage (None with neither)."""
    stage = records["tahapan"].astype(object)
    if "tahapan_iid" in records:
        stage = stage.where(stage.notna(), records["tahapan_iid"].astype(object))
    return stage.where(stage.notna(), None)


def _items(records: pd.DataFrame, positions: np.ndarray) -> pd.DataFrame:
    out = pd.DataFrame({k: records[k].iloc[positions].astype(object).to_numpy() for k in ITEM_COLUMNS[:3]})
    out["kode"] = out["kode"].map(_text)
    out["tahapan"] = pd.Categorical(_stage_label(records).iloc[positions].to_numpy(), categories=list(ITEM_STAGES))
    return out


def _codes(records: pd.DataFrame, key: str, names: tuple[str, ...], positions: np.ndarray) -> np.ndarray:
    """Return the stage's position in `names` per record (-1: none)."""
    if key not in records:
        return np.full(len(positions), -1)
    table = {s: i for i, s in enumerate(names)}
    return records[key].astype(object).iloc[positions].map(table).fillna(-1).astype(int).to_numpy()


def diff_records(old: pd.DataFrame | None, new: pd.DataFrame) -> Diff:
    """Return what changes when `old` records are replaced by `new` ones.

    Parameters
    ----------
    old : pandas.DataFrame or None
        The records shown now (None when there is none: everything is added).
    new : pandas.DataFrame
        The records of the upload.

    Returns
    -------
    Diff

    Examples
    --------
    >>> old = pd.DataFrame({"kode": ["A", None], "nama": ["Satu", "Dua"], "opd": ["Dinkes"] * 2,
    ...                     "tahapan": ["Design", "Diagnose"]})
    >>> new = pd.DataFrame({"kode": ["a", None], "nama": ["Satu", "Tiga"], "opd": ["Dinkes"] * 2,
    ...                     "tahapan": ["Delivery", "Drum-up"]})
    >>> d = diff_records(old, new)
    >>> len(d.added), len(d.removed), d.forward
    (1, 1, 1)
    """
    if old is None:
        old = new.iloc[0:0]
    old = old.reset_index(drop=True)
    new = new.reset_index(drop=True)
    pos_old, pos_new = match_records(old, new)
    added_pos = np.setdiff1d(np.arange(len(new)), pos_new)
    removed_pos = np.setdiff1d(np.arange(len(old)), pos_old)
    old_5d, new_5d = _codes(old, "tahapan", STAGES, pos_old), _codes(new, "tahapan", STAGES, pos_new)
    old_iid, new_iid = _codes(old, "tahapan_iid", IID_STAGES, pos_old), _codes(new, "tahapan_iid", IID_STAGES, pos_new)
    by_iid = (old_5d < 0) & (new_5d < 0)  # no 5D stage on either side: the IID stage tells the move
    old_stage, new_stage = np.where(by_iid, old_iid, old_5d), np.where(by_iid, new_iid, new_5d)
    moved_mask = old_stage != new_stage
    moved = _items(new, pos_new[moved_mask]).rename(columns={"tahapan": "ke"})
    moved.insert(3, "dari", _items(old, pos_old[moved_mask])["tahapan"])
    moved["maju"] = (new_stage[moved_mask] > old_stage[moved_mask]).astype(bool)
    old_opd = old["opd"].astype(object).iloc[pos_old].map(_text).to_numpy()
    new_opd = new["opd"].astype(object).iloc[pos_new].map(_text).to_numpy()
    reassigned_mask = old_opd != new_opd
    reassigned = _items(new, pos_new[reassigned_mask])[["kode", "nama", "opd"]]
    reassigned.insert(2, "opd_lama", old_opd[reassigned_mask])
    same_content = (_signature(old, pos_old) == _signature(new, pos_new)).to_numpy()
    edited = int((~same_content).sum())
    unchanged = int((same_content & ~moved_mask & ~reassigned_mask).sum())

    def count(names: np.ndarray | pd.Series, mask: np.ndarray | None = None) -> pd.Series:
        values = pd.Series(np.asarray(names, dtype=object))
        if mask is not None:
            values = values[mask]
        return values.value_counts()

    old_names = old["opd"].astype(object).map(_text).fillna(NO_OPD).to_numpy()
    new_names = new["opd"].astype(object).map(_text).fillna(NO_OPD).to_numpy()
    old_opd, new_opd = (np.where(pd.isna(names), NO_OPD, names) for names in (old_opd, new_opd))
    columns = {
        "sebelum": count(old_names),
        "sesudah": count(new_names),
        "baru": count(new_names[added_pos]),
        "dihapus": count(old_names[removed_pos]),
        "naik_tahap": count(new_opd, moved_mask & (new_stage > old_stage)),
        "turun_tahap": count(new_opd, moved_mask & (new_stage < old_stage)),
        "pindah_masuk": count(new_opd, reassigned_mask),
        "pindah_keluar": count(old_opd, reassigned_mask),
    }
    per_opd = pd.DataFrame(columns).fillna(0).astype(int)
    per_opd = per_opd.reindex(columns=list(PER_OPD_COLUMNS), fill_value=0)
    per_opd = per_opd.loc[sorted(per_opd.index, key=str)].rename_axis("opd").reset_index()
    return Diff(
        before=len(old),
        after=len(new),
        added=_items(new, added_pos),
        removed=_items(old, removed_pos),
        moved=moved.reset_index(drop=True),
        reassigned=reassigned.reset_index(drop=True),
        edited=edited,
        unchanged=unchanged,
        per_opd=per_opd,
    )
