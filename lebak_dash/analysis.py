"""Counting rules of the contract, as pure functions of the records.

* per stage, per OPD: each innovation counts once;
* per kecamatan: once in each kecamatan it names; kabupaten-wide innovations count under
  ``Semua Kecamatan`` (not added to each of the 28) and those naming none under ``Tidak disebut``.
"""

from __future__ import annotations

import pandas as pd

from lebak_dash.reference import Reference
from lebak_dash.schema import KABUPATEN_WIDE, NOT_STATED, STAGES


def explode_kecamatan(records: pd.DataFrame) -> pd.DataFrame:
    """Return one row per (innovation, kecamatan label), keyed by the records' index.

    Parameters
    ----------
    records : pandas.DataFrame
        Records with a ``kecamatan`` column of tuples.

    Returns
    -------
    pandas.DataFrame
        Columns ``record`` (index of the record) and ``kecamatan`` (a name, ``Semua Kecamatan``
        or ``Tidak disebut``).
    """
    labels = records["kecamatan"].map(lambda names: names if names else (NOT_STATED,))
    exploded = labels.explode()
    return pd.DataFrame({"record": exploded.index, "kecamatan": exploded.to_numpy(dtype=object)})


def count_per_stage(records: pd.DataFrame) -> pd.Series:
    """Return the number of innovations in each 5D stage, in 5D order, zeros included."""
    counts = records["tahapan"].value_counts()
    return pd.Series([int(counts.get(s, 0)) for s in STAGES], index=list(STAGES), name="jumlah")


def count_per_opd(records: pd.DataFrame, reference: Reference, *, include_zero: bool = True) -> pd.Series:
    """Return innovations per OPD (reference names), most first.

    OPDs of the reference list with no innovation are included as zeros (unless
    `include_zero` is False); OPDs not in the list are counted under the name as written.
    """
    counts = records["opd"].astype(object).value_counts()
    if include_zero:
        zeros = pd.Series(0, index=[n for n in reference.opd_names if n not in counts.index])
        counts = pd.concat([counts, zeros])
    counts = counts.astype(int)
    order = sorted(counts.index, key=lambda name: (-counts[name], str(name)))
    return counts.reindex(order).rename("jumlah")


def count_per_kecamatan(records: pd.DataFrame, reference: Reference) -> pd.Series:
    """Return innovations per kecamatan: the 28 in code order (zeros included), then names not in
    the reference list, then ``Semua Kecamatan`` and ``Tidak disebut``."""
    exploded = explode_kecamatan(records)
    counts = exploded["kecamatan"].value_counts()
    known = reference.kecamatan_names
    special = [KABUPATEN_WIDE, NOT_STATED]
    unknown = sorted(n for n in counts.index if n not in known and n not in special)
    order = [*known, *unknown, *special]
    return counts.reindex(order, fill_value=0).astype(int).rename("jumlah")
