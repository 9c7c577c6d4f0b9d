"""Two stage models side by side (5D and IID) and the gaps: what every chart groups a record by.

A record carries ``tahapan`` (its 5D stage of the Laboratorium Inovasi, missing when none),
``tahapan_iid`` (its stage in Kemendagri's IID application: Inisiatif, Uji Coba, Penerapan;
missing when none) and ``tahapan_turunan`` (True where ``tahapan`` was derived from
``tahapan_iid`` through the editors' stage map). A record with neither stage counts under
:data:`~lebak_dash.records.schema.NO_STAGE`, one with no OPD under
:data:`~lebak_dash.records.schema.NO_OPD`: gaps are counted, never dropped.

The pages follow the data: a :class:`StageScheme` (computed once per dataset by
:func:`stage_scheme`) says which models the data holds, whether some record has no stage at all and
whether some 5D stage is derived. Stacked charts group a record by its *stage key*
(:func:`stage_key`): the 5D stage when it has one, else the IID stage, else ``Tahap belum diisi``,
so every record counts once whatever the models. Records of older versions (before issue 11),
and the bundled sample, have no IID columns: :func:`conform_records` adds them, empty.

Examples
--------
>>> frame = pd.DataFrame({"tahapan": ["Design", None, None], "tahapan_iid": [None, "Uji Coba", None]})
>>> scheme = stage_scheme(frame)
>>> scheme.models, scheme.has_gap, scheme.columns[4:]
(('5d', 'iid'), True, ('Display', 'Inisiatif', 'Uji Coba', 'Penerapan', 'Tahap belum diisi'))
>>> list(stage_key(frame))
['Design', 'Uji Coba', 'Tahap belum diisi']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lebak_dash.records.schema import IID_STAGES, NO_OPD, NO_STAGE, STAGES

#: The stage models: the 5D stages of the Laboratorium Inovasi, and IID's three stages.
MODEL_5D = "5d"
MODEL_IID = "iid"
MODELS: tuple[str, ...] = (MODEL_5D, MODEL_IID)
#: The stages of each model, in order.
MODEL_STAGES: dict[str, tuple[str, ...]] = {MODEL_5D: STAGES, MODEL_IID: IID_STAGES}
#: The record column of each model's stage.
STAGE_COLUMNS: dict[str, str] = {MODEL_5D: "tahapan", MODEL_IID: "tahapan_iid"}
#: Record column: True where the 5D stage was derived from the IID stage (the editors' stage map).
DERIVED = "tahapan_turunan"
#: Every stage key, in the order charts show them: 5D, IID, then the gap.
ALL_STAGE_KEYS: tuple[str, ...] = (*STAGES, *IID_STAGES, NO_STAGE)
#: Stages whose innovations are implemented: the "reached Delivery/Display" (5D) or "Penerapan"
#: (IID) share of the headline cards.
IMPLEMENTED: dict[str, tuple[str, ...]] = {MODEL_5D: ("Delivery", "Display"), MODEL_IID: ("Penerapan",)}
#: Prefix of the columns that count derived 5D stages (:func:`derived_column`).
DERIVED_PREFIX = "turunan:"


def derived_column(stage: str) -> str:
    """Return the name of the column that counts the innovations whose 5D `stage` was derived.

    Examples
    --------
    >>> derived_column("Delivery")
    'turunan:Delivery'
    """
    return f"{DERIVED_PREFIX}{stage}"


def model_of(stage: str) -> str | None:
    """Return the model a stage belongs to (None for the gap label or anything else).

    Examples
    --------
    >>> model_of("Design"), model_of("Uji Coba"), model_of("Tahap belum diisi")
    ('5d', 'iid', None)
    """
    for model, stages in MODEL_STAGES.items():
        if stage in stages:
            return model
    return None


@dataclass(frozen=True)
class StageScheme:
    """Which stage models a dataset holds, and its gaps.

    Attributes
    ----------
    models : tuple of str
        :data:`MODEL_5D` and/or :data:`MODEL_IID`, those with at least one stage in the data (5D
        alone when no record has any stage: the dashboard's own model).
    has_gap : bool
        Some record has no stage in either model (counted under ``Tahap belum diisi``).
    derived : bool
        Some record's 5D stage was derived from its IID stage (marked wherever shown).
    """

    models: tuple[str, ...] = (MODEL_5D,)
    has_gap: bool = False
    derived: bool = False

    def has(self, model: str) -> bool:
        """Return whether the data holds stages of `model`."""
        return model in self.models

    @property
    def columns(self) -> tuple[str, ...]:
        """Return the stage keys a stacked chart shows: each model's stages, then the gap when any."""
        keys = [s for model in self.models for s in MODEL_STAGES[model]]
        return (*keys, NO_STAGE) if self.has_gap else tuple(keys)


def _codes(values: pd.Series | None, categories: tuple[str, ...], n: int) -> np.ndarray:
    """Return the position of each value in `categories` (-1: missing or not one of them)."""
    if values is None:
        return np.full(n, -1, dtype=np.int8)
    if isinstance(values.dtype, pd.CategoricalDtype) and tuple(values.cat.categories) == categories:
        return values.cat.codes.to_numpy(dtype=np.int8)
    return pd.Categorical(values.astype(object), categories=list(categories)).codes.astype(np.int8)


def stage_codes(records: pd.DataFrame, model: str) -> np.ndarray:
    """Return each record's stage in `model` as its position in the model's stages (-1: none)."""
    column = STAGE_COLUMNS[model]
    values = records[column] if column in records.columns else None
    return _codes(values, MODEL_STAGES[model], len(records))


def has_stage(records: pd.DataFrame) -> np.ndarray:
    """Return which records have a stage in at least one model."""
    return (stage_codes(records, MODEL_5D) >= 0) | (stage_codes(records, MODEL_IID) >= 0)


def derived_mask(records: pd.DataFrame) -> np.ndarray:
    """Return which records carry a 5D stage derived from their IID stage."""
    if DERIVED not in records.columns:
        return np.zeros(len(records), dtype=bool)
    return records[DERIVED].fillna(False).to_numpy(dtype=bool) & (stage_codes(records, MODEL_5D) >= 0)


def stage_scheme(records: pd.DataFrame) -> StageScheme:
    """Return the :class:`StageScheme` of `records` (compute it once per dataset)."""
    five = stage_codes(records, MODEL_5D) >= 0
    iid = stage_codes(records, MODEL_IID) >= 0
    models = tuple(m for m, present in ((MODEL_5D, five.any()), (MODEL_IID, iid.any())) if present)
    return StageScheme(
        models=models or (MODEL_5D,),
        has_gap=bool((~(five | iid)).any()),
        derived=bool(derived_mask(records).any()),
    )


def stage_key(records: pd.DataFrame) -> pd.Categorical:
    """Return each record's stage key: its 5D stage, else its IID stage, else ``Tahap belum diisi``.

    Returns
    -------
    pandas.Categorical
        Categories :data:`ALL_STAGE_KEYS`, same order as `records`.
    """
    five = stage_codes(records, MODEL_5D).astype(np.int16)
    iid = stage_codes(records, MODEL_IID).astype(np.int16)
    gap = len(STAGES) + len(IID_STAGES)
    codes = np.where(five >= 0, five, np.where(iid >= 0, len(STAGES) + iid, gap))
    return pd.Categorical.from_codes(codes, categories=list(ALL_STAGE_KEYS))


def opd_key(records: pd.DataFrame) -> pd.Series:
    """Return each record's OPD, ``OPD belum diisi`` where it names none (categorical when the OPD
    column is: grouping stays cheap)."""
    if "opd" not in records.columns:
        return pd.Series(NO_OPD, index=records.index, dtype=object)
    opd = records["opd"]
    if isinstance(opd.dtype, pd.CategoricalDtype):
        if not opd.isna().any():
            return opd
        if NO_OPD not in opd.cat.categories:
            opd = opd.cat.add_categories([NO_OPD])
        return opd.fillna(NO_OPD)
    return opd.astype(object).where(opd.notna(), NO_OPD)


def stage_mask(records: pd.DataFrame, chosen: Iterable[str]) -> np.ndarray:
    """Return which records are in one of the `chosen` stages, of either model (or have no stage,
    when ``Tahap belum diisi`` is chosen). A record with a derived 5D stage matches both its stages."""
    chosen = set(chosen)
    mask = np.zeros(len(records), dtype=bool)
    for model in MODELS:
        stages = MODEL_STAGES[model]
        wanted = [i for i, stage in enumerate(stages) if stage in chosen]
        if wanted:
            mask |= np.isin(stage_codes(records, model), wanted)
    if NO_STAGE in chosen:
        mask |= ~has_stage(records)
    return mask


def opd_mask(records: pd.DataFrame, chosen: Iterable[str]) -> np.ndarray:
    """Return which records belong to one of the `chosen` OPDs (or name none, when
    ``OPD belum diisi`` is chosen)."""
    chosen = set(chosen)
    if "opd" not in records.columns:
        return np.full(len(records), NO_OPD in chosen, dtype=bool)
    opd = records["opd"]
    mask = opd.isin(chosen - {NO_OPD}).to_numpy(dtype=bool)
    if NO_OPD in chosen:
        mask = mask | opd.isna().to_numpy(dtype=bool)
    return mask


def conform_records(records: pd.DataFrame) -> pd.DataFrame:
    """Return `records` with the stage columns the pages read, whatever version wrote them.

    Records written before issue 11 (older cached versions, the bundled sample) have no
    ``tahapan_iid`` or ``tahapan_turunan``: they are added, empty (no IID stage, nothing derived).
    Stages become categoricals of their model's stages (in order). The input is not changed; when
    nothing is missing, it is returned as it is.
    """
    changes: dict[str, object] = {}
    n = len(records)
    for model, column in STAGE_COLUMNS.items():
        stages = list(MODEL_STAGES[model])
        values = records[column] if column in records.columns else None
        wanted = pd.CategoricalDtype(stages, ordered=True)
        if values is None:
            changes[column] = pd.Categorical([None] * n, categories=stages, ordered=True)
        elif values.dtype != wanted:
            changes[column] = pd.Categorical(values.astype(object), categories=stages, ordered=True)
    if DERIVED not in records.columns:
        changes[DERIVED] = np.zeros(n, dtype=bool)
    elif records[DERIVED].dtype != bool:
        changes[DERIVED] = records[DERIVED].fillna(False).to_numpy(dtype=bool)
    if "opd" not in records.columns:
        changes["opd"] = pd.Categorical([None] * n)
    if not changes:
        return records
    out = records.copy(deep=False)
    for column, value in changes.items():
        out[column] = value
    return out
