"""Stalled innovations: those that stay in one stage (5D, or IID's) across versions (or months).

Asked of a :class:`~lebak_dash.analysis.progress.Timeline`; the rule (:class:`StalledRule`) is the
Perkembangan page's setting.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lebak_dash.analysis.progress import Timeline, clean_texts, stage_categorical, version_field
from lebak_dash.analysis.stages import MODEL_5D, MODEL_STAGES, STAGE_COLUMNS

#: Stalled rules: same stage across the last N versions, or for at least M months.
RULES: tuple[str, ...] = ("versi", "bulan")
#: Where the months of the "bulan" rule start: the upload that first showed the stage, or the
#: innovation's own start date (``tanggal_mulai``) when it has never changed stage.
BASES: tuple[str, ...] = ("unggah", "mulai")


def months_between(start: dt.date, end: dt.date) -> int:
    """Return the whole months from `start` to `end` (0 when `end` is earlier).

    Examples
    --------
    >>> months_between(dt.date(2024, 1, 31), dt.date(2024, 7, 30))
    5
    >>> months_between(dt.date(2024, 1, 15), dt.date(2025, 1, 15))
    12
    """
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    return max(0, months)


def _as_date(value: object) -> dt.date | None:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(stamp) else stamp.date()


@dataclass(frozen=True)
class StalledRule:
    """When an innovation counts as stalled.

    Attributes
    ----------
    rule : {"versi", "bulan"}
        ``versi``: in the same stage in each of the last `versions` versions (in a row);
        ``bulan``: in the same stage for at least `months` whole months.
    versions : int
        N of the ``versi`` rule (at least 2).
    months : int
        M of the ``bulan`` rule.
    basis : {"unggah", "mulai"}
        ``unggah``: months since the upload of the first version (of the current unbroken run)
        that showed the stage; ``mulai``: since the innovation's start date (``tanggal_mulai``)
        when it has been in this stage in every version since it first appeared (else as
        ``unggah``: the stage changed after it started).
    include_display : bool
        Count innovations in the last stage too, Display (5D) or Penerapan (IID) (off: staying in
        the last stage is no stalling).
    """

    rule: str = "versi"
    versions: int = 3
    months: int = 6
    basis: str = "unggah"
    include_display: bool = False

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"rule must be one of {RULES}, not {self.rule!r}")
        if self.basis not in BASES:
            raise ValueError(f"basis must be one of {BASES}, not {self.basis!r}")
        object.__setattr__(self, "versions", max(2, int(self.versions)))
        object.__setattr__(self, "months", max(1, int(self.months)))


#: Columns of :func:`stalled`.
STALLED_COLUMNS: tuple[str, ...] = ("opd", "kode", "nama", "tahapan", "versi", "sejak", "bulan", "id")


def stalled(
    timeline: Timeline,
    rule: StalledRule | None = None,
    *,
    upto: int | None = None,
    mask: np.ndarray | None = None,
    model: str = MODEL_5D,
) -> pd.DataFrame:
    """Return the innovations that stay in one stage of `model`, listed per OPD.

    Parameters
    ----------
    timeline : Timeline
    rule : StalledRule, optional
        Default: same stage in the last 3 versions, Display left out.
    upto : int, optional
        The version to look back from (default: the latest). Months run until its upload date.
    mask : numpy.ndarray, optional
        Innovations to consider (:func:`filter_ids`).
    model : {"5d", "iid"}
        The stages followed (innovations with no stage of the model never stall).

    Returns
    -------
    pandas.DataFrame
        :data:`STALLED_COLUMNS`: OPD and names as in version `upto`; ``tahapan``; ``versi``
        (versions in a row in this stage, up to `upto`); ``sejak`` (date the stage is known
        since, per the rule's basis; missing without dates); ``bulan`` (whole months until the
        upload of `upto`; missing without dates) and ``id``. OPDs with most stalled innovations
        first, then the longest stalled first.
    """
    rule = rule or StalledRule()
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in STALLED_COLUMNS})
    if not timeline.versions:
        return empty
    jb = timeline.column(upto) if upto is not None else len(timeline.versions) - 1
    codes = timeline.stage_codes(model)
    here = codes[:, jb] >= 0
    if mask is not None:
        here &= mask
    ids = np.flatnonzero(here)
    stage = codes[ids, jb]
    run = np.ones(len(ids), dtype=np.int64)
    going = np.ones(len(ids), dtype=bool)
    for j in range(jb - 1, -1, -1):
        going &= codes[ids, j] == stage
        run += going
    start = jb - run + 1
    first_seen = timeline.present[ids, : jb + 1].argmax(axis=1)
    uploads = [_as_date(v.uploaded_at) for v in timeline.versions]
    until = uploads[jb]
    since_upload = np.array([uploads[s] for s in start], dtype=object)
    since = since_upload.copy()
    if rule.basis == "mulai":
        begun = np.array([_as_date(v) for v in timeline.items["tanggal_mulai"].to_numpy(dtype=object)[ids]])
        never_moved = start == first_seen
        for i in np.flatnonzero(never_moved):
            if begun[i] is not None and (since[i] is None or begun[i] < since[i]):
                since[i] = begun[i]
    months = np.array([months_between(s, until) if s and until else None for s in since], dtype=object)
    if rule.rule == "versi":
        hit = run >= rule.versions
    else:
        hit = np.array([m is not None and m >= rule.months for m in months], dtype=bool)
    if not rule.include_display:
        hit &= stage != len(MODEL_STAGES[model]) - 1
    ids, stage, run, since, months = ids[hit], stage[hit], run[hit], since[hit], months[hit]
    if not len(ids):
        return empty
    frame = pd.DataFrame(
        {
            "opd": version_field(timeline, ids, jb, "opd"),
            "kode": clean_texts(version_field(timeline, ids, jb, "kode")).to_numpy(),
            "nama": version_field(timeline, ids, jb, "nama"),
            "tahapan": stage_categorical(stage, model),
            "versi": run,
            "sejak": since,
            "bulan": pd.array(list(months), dtype="Int64"),
            "id": ids,
        }
    )
    per_opd = frame["opd"].astype(str).map(frame["opd"].astype(str).value_counts())
    keys = pd.DataFrame(
        {
            "n": -per_opd,
            "o": frame["opd"].astype(str).str.casefold(),
            "b": -frame["bulan"].fillna(-1).astype(np.int64),
            "v": -frame["versi"],
            "m": frame["nama"].astype(str).str.casefold(),
        }
    )
    return frame.loc[keys.sort_values(["n", "o", "b", "v", "m"], kind="stable").index].reset_index(drop=True)


def stalled_records(table: pd.DataFrame, model: str = MODEL_5D) -> pd.DataFrame:
    """Return :func:`stalled` rows as records (``opd`` and the model's stage column) for the OPD x
    stage matrix."""
    stages = list(MODEL_STAGES[model])
    return pd.DataFrame(
        {
            "opd": pd.Categorical(table["opd"].astype(str)),
            STAGE_COLUMNS[model]: pd.Categorical(table["tahapan"].astype(object), categories=stages, ordered=True),
        }
    )
