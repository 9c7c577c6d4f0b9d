"""The editors' stage map: which 5D stage an IID stage stands for, when Bappeda wants one funnel.

Off by default. When on, a record with an IID stage and no 5D stage of its own gets the mapped
5D stage, marked ``tahapan_turunan`` (derived) wherever it is shown. :func:`apply_stage_map` is a
pure post-step on the records: the store applies it whenever it hands records out (the
dashboard's dataset, ``check --data-dir``, the upload report, exports), so the report and the
dashboard always agree, and switching the map never re-reads a file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from lebak_dash.i18n import render
from lebak_dash.records.schema import DERIVED_STAGE, IID_STAGES, STAGES
from lebak_dash.records.values import parse_iid_stage, parse_stage


class StageMapError(ValueError):
    """Raised when a stage map cannot be used (``stagemap.err.*`` key and its parameters)."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """Return why the stage map cannot be used, in `lang`."""
        return render(self.key, lang, self.params)


@dataclass(frozen=True)
class StageMap:
    """IID stage -> 5D stage, for some or all of the three IID stages.

    Attributes
    ----------
    pairs : tuple of (str, str)
        ``(IID stage, 5D stage)`` in IID order.
    number : int or None
        Its version in the store.
    """

    pairs: tuple[tuple[str, str], ...]
    number: int | None = None

    def as_dict(self) -> dict[str, str]:
        """Return the map as a dict (IID stage -> 5D stage)."""
        return dict(self.pairs)

    def to_json(self) -> str:
        """Return the map as canonical JSON.

        Examples
        --------
        >>> StageMap((("Inisiatif", "Design"),)).to_json()
        '{"Inisiatif": "Design"}'
        """
        return json.dumps(self.as_dict(), ensure_ascii=False)


def stage_map_from_dict(data: dict[str, str], *, number: int | None = None) -> StageMap:
    """Return a checked :class:`StageMap` of ``{IID stage: 5D stage}`` (names as people write them).

    Raises
    ------
    StageMapError
        When a name is not an IID stage or not a 5D stage, or the map is empty.

    Examples
    --------
    >>> stage_map_from_dict({"uji coba": "4", "Inisiatif": "design"}).pairs
    (('Inisiatif', 'Design'), ('Uji Coba', 'Delivery'))
    """
    found: dict[str, str] = {}
    for iid_text, stage_text in data.items():
        iid = parse_iid_stage(str(iid_text))
        if iid is None:
            raise StageMapError("stagemap.err.iid", value=str(iid_text), allowed=", ".join(IID_STAGES))
        stage = parse_stage(str(stage_text)).stage
        if stage is None:
            raise StageMapError("stagemap.err.stage", value=str(stage_text), allowed=", ".join(STAGES))
        found[iid] = stage
    if not found:
        raise StageMapError("stagemap.err.empty")
    return StageMap(tuple((iid, found[iid]) for iid in IID_STAGES if iid in found), number)


def parse_stage_map_pairs(items: Iterable[str]) -> StageMap:
    """Return the :class:`StageMap` of ``IID=5D`` words (``Inisiatif=Design "Uji Coba=Delivery"``).

    Raises
    ------
    StageMapError
    """
    data: dict[str, str] = {}
    for item in items:
        iid, sep, stage = item.partition("=")
        if not sep:
            raise StageMapError("stagemap.err.pair", value=item)
        data[iid.strip()] = stage.strip()
    return stage_map_from_dict(data)


def apply_stage_map(records: pd.DataFrame, stage_map: StageMap | None) -> pd.DataFrame:
    """Return `records` with 5D stages derived from IID stages through `stage_map` (None: none).

    Stages derived earlier are dropped first, so the result depends only on the records' own
    stages and this map (applying a map twice, or another map after it, is safe). `records` is
    never changed; it is returned as is when there is nothing to change.

    Examples
    --------
    >>> records = pd.DataFrame({"tahapan": pd.Categorical([None, "Design"], categories=STAGES),
    ...     "tahapan_iid": pd.Categorical(["Penerapan", "Inisiatif"], categories=IID_STAGES),
    ...     "tahapan_turunan": [False, False]})
    >>> out = apply_stage_map(records, StageMap((("Penerapan", "Display"), ("Inisiatif", "Drum-up"))))
    >>> out["tahapan"].tolist(), out["tahapan_turunan"].tolist()
    (['Display', 'Design'], [True, False])
    """
    if "tahapan" not in records or "tahapan_iid" not in records:
        return records
    derived = records[DERIVED_STAGE].astype(bool) if DERIVED_STAGE in records else None
    had_derived = derived is not None and bool(derived.any())
    if stage_map is None and not had_derived:
        return records
    own = records["tahapan"].astype(object)
    if derived is not None and had_derived:
        own = own.where(~derived, None)
    fill = pd.Series(None, index=records.index, dtype=object)
    if stage_map is not None:
        fill = records["tahapan_iid"].astype(object).map(stage_map.as_dict())
    new_derived = own.isna() & fill.notna()
    out = records.copy()
    out["tahapan"] = pd.Categorical(own.where(~new_derived, fill), categories=list(STAGES), ordered=True)
    out[DERIVED_STAGE] = new_derived.astype(bool)
    return out
