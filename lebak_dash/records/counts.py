"""What an import counts, the one way the JSON report and the upload page count it.

Labels are the contract's, whatever the reader's language: the 5D and IID stage names,
:data:`~lebak_dash.records.schema.NO_STAGE` ("Tahap belum diisi") and
:data:`~lebak_dash.records.schema.NO_OPD` ("OPD belum diisi"). Zero counts are left out; a table
with nothing to count is empty.
"""

from __future__ import annotations

import pandas as pd

from lebak_dash.records.schema import IID_STAGES, NO_OPD, NO_STAGE, STAGES


def _ordered(counts: pd.Series, order: tuple[str, ...]) -> dict[str, int]:
    return {name: int(counts[name]) for name in order if int(counts.get(name, 0)) > 0}


def _most_first(values: pd.Series) -> dict[str, int]:
    counts = values.dropna().astype(object).value_counts()
    counts = counts[counts > 0]
    return {str(k): int(v) for k, v in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))}


def per_stage(records: pd.DataFrame) -> dict[str, int]:
    """Return innovations per 5D stage (in 5D order), then those with a stage in neither model.

    An innovation with only an IID stage is not counted here (see :func:`per_stage_iid`).

    Examples
    --------
    >>> records = pd.DataFrame({"tahapan": ["Design", None, None], "tahapan_iid": [None, "Penerapan", None]})
    >>> per_stage(records)
    {'Design': 1, 'Tahap belum diisi': 1}
    """
    if len(records) == 0:
        return {}
    out = _ordered(records["tahapan"].astype(object).value_counts(), STAGES)
    no_stage = int((records["tahapan"].isna() & records["tahapan_iid"].isna()).sum())
    if no_stage:
        out[NO_STAGE] = no_stage
    return out


def per_stage_iid(records: pd.DataFrame) -> dict[str, int]:
    """Return innovations per IID stage, in IID order."""
    if len(records) == 0:
        return {}
    return _ordered(records["tahapan_iid"].astype(object).value_counts(), IID_STAGES)


def per_opd(records: pd.DataFrame) -> dict[str, int]:
    """Return innovations per OPD (most first, then by name), then those naming none.

    Examples
    --------
    >>> per_opd(pd.DataFrame({"opd": ["Dinkes", None, "Dinkes", "Bappeda"]}))
    {'Dinkes': 2, 'Bappeda': 1, 'OPD belum diisi': 1}
    """
    if len(records) == 0:
        return {}
    out = _most_first(records["opd"])
    missing = int(records["opd"].isna().sum())
    if missing:
        out[NO_OPD] = missing
    return out


def per_urusan(records: pd.DataFrame) -> dict[str, int]:
    """Return innovations per urusan, most first (innovations without one are left out)."""
    if len(records) == 0 or "urusan" not in records:
        return {}
    return _most_first(records["urusan"])


def import_counts(records: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Return ``per_stage``, ``per_stage_iid``, ``per_opd`` and ``per_urusan`` of `records`."""
    return {
        "per_stage": per_stage(records),
        "per_stage_iid": per_stage_iid(records),
        "per_opd": per_opd(records),
        "per_urusan": per_urusan(records),
    }
