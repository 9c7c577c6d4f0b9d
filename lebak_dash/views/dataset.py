"""The data a dashboard shows: the active version of the store, or the bundled sample.

A :class:`Dataset` is built once per data version (keyed on the file's SHA-256 and the reference
tables) and then shared read-only by every session: never mutate its frames. Its records always
carry the columns of both stage models (:func:`~lebak_dash.analysis.stages.conform_records`: a
version stored before issue 11, or the sample, gets them empty), and its
:attr:`Dataset.stages` says which models and gaps the data holds, so every page follows the data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from lebak_dash.analysis.aggregate import count_without, explode_kecamatan
from lebak_dash.analysis.stages import StageScheme, conform_records, stage_scheme
from lebak_dash.config import SAMPLE_WORKBOOK
from lebak_dash.ingest.importer import file_sha256, import_workbook
from lebak_dash.records.model import ImportResult
from lebak_dash.records.reference import Reference, load_reference

if TYPE_CHECKING:
    from lebak_dash.store import ActiveState, Store

#: Columns whose charts the pages show only when the data has them.
OPTIONAL_CHARTS: tuple[str, ...] = ("urusan", "kematangan")


@dataclass(frozen=True)
class Dataset:
    """Records prepared for the pages, with where they came from.

    Attributes
    ----------
    records : pandas.DataFrame
        The importer's records (categorical OPD and stages, kecamatan as tuples), with the columns
        of both stage models (added, empty, when the records predate them).
    kecamatan_long : pandas.DataFrame
        :func:`~lebak_dash.analysis.aggregate.explode_kecamatan` of the records, computed once.
    reference : Reference
    key : str
        Identity of this data (file hash and reference hash); the cache key of everything
        derived from it.
    filename : str
        Original file name.
    is_sample : bool
        True when the bundled sample workbook is shown (the pages show a banner).
    version : int or None
        Store version number; None for the sample.
    uploaded_at : datetime or None
    uploaded_by : str or None
    """

    records: pd.DataFrame
    kecamatan_long: pd.DataFrame
    reference: Reference
    key: str
    filename: str
    is_sample: bool
    version: int | None = None
    uploaded_at: dt.datetime | None = None
    uploaded_by: str | None = None
    extra_columns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "records", conform_records(self.records))

    @cached_property
    def stages(self) -> StageScheme:
        """Return the stage models and gaps of the records (computed once)."""
        return stage_scheme(self.records)

    @cached_property
    def filled(self) -> frozenset[str]:
        """Return the optional columns some record has a value in (``urusan``, ``kematangan``):
        the charts of the others are hidden, not drawn empty (computed once)."""
        return frozenset(
            c
            for c in OPTIONAL_CHARTS
            if c in self.records.columns and count_without(self.records, c) < len(self.records)
        )


def reference_hash(reference: Reference) -> str:
    """Return a short hash of the reference tables' content."""
    digest = hashlib.sha256()
    digest.update(pd.util.hash_pandas_object(reference.opd, index=False).to_numpy().tobytes())
    digest.update(pd.util.hash_pandas_object(reference.kecamatan, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:16]


def dataset_from_result(
    result: ImportResult,
    *,
    sha256: str,
    filename: str,
    reference: Reference,
    is_sample: bool = False,
    version: int | None = None,
    uploaded_at: dt.datetime | None = None,
    uploaded_by: str | None = None,
) -> Dataset:
    """Return the :class:`Dataset` of an import, with the exploded kecamatan table built once."""
    return Dataset(
        records=result.records,
        kecamatan_long=explode_kecamatan(result.records),
        reference=reference,
        key=f"{sha256}:{reference_hash(reference)}",
        filename=filename,
        is_sample=is_sample,
        version=version,
        uploaded_at=uploaded_at,
        uploaded_by=uploaded_by,
        extra_columns=tuple(result.extra_columns),
    )


def load_sample_dataset(path: Path = SAMPLE_WORKBOOK, reference: Reference | None = None) -> Dataset:
    """Import the bundled sample workbook and return it as a :class:`Dataset`."""
    reference = reference or load_reference()
    data = path.read_bytes()
    result = import_workbook(data, filename=path.name, reference=reference)
    return dataset_from_result(
        result, sha256=file_sha256(data), filename=path.name, reference=reference, is_sample=True
    )


def load_active_dataset(store: Store, state: ActiveState | None = None) -> Dataset:
    """Return the store's active version as a :class:`Dataset` (the bundled sample when it has none).

    Parameters
    ----------
    store : Store
    state : ActiveState, optional
        What to load, as returned by :meth:`Store.active_state`; pass the state the caller keyed
        its cache on, so a version activated in between can never be cached under the old key.

    Returns
    -------
    Dataset
        ``key`` equals ``state.key`` (workbook hash and reference hash), so pages re-key their
        caches when a version or an OPD list is activated.

    Examples
    --------
    >>> import tempfile
    >>> from lebak_dash.store import Store
    >>> dataset = load_active_dataset(Store.open(tempfile.mkdtemp()))
    >>> dataset.is_sample, len(dataset.records)
    (True, 480)
    """
    state = state or store.active_state()
    reference = store.reference(state.reference_version or 0)
    if state.version is None:
        return dataclasses.replace(load_sample_dataset(reference=reference), key=state.key)
    version = store.version(state.version)
    result = store.load(state.version, reference_version=state.reference_version or 0, with_issues=False)
    dataset = dataset_from_result(
        result,
        sha256=version.sha256,
        filename=version.filename,
        reference=reference,
        version=version.number,
        uploaded_at=version.uploaded_at,
        uploaded_by=version.uploaded_by,
    )
    return dataclasses.replace(dataset, key=state.key)
