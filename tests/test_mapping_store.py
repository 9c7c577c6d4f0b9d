"""Column mappings and the stage map in the store: saved, applied to later files, re-read exactly, audited."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from lebak_dash.exports.tables import records_to_csv
from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.counts import import_counts
from lebak_dash.records.mapping import parse_mapping
from lebak_dash.records.stagemap import StageMap, apply_stage_map, parse_stage_map_pairs
from lebak_dash.store import Store, StoreError
from lebak_dash.views.dataset import load_active_dataset

from .helpers import csv_bytes

LAN_HEADER = ["Kode", "Ide Inovasi", "Inovator", "K/L/D"]
MAPPING = parse_mapping('{"columns": {"Ide Inovasi": "nama", "Inovator": "opd", "K/L/D": null}}')


def lan_file(*names: str) -> bytes:
    return csv_bytes([LAN_HEADER, *[[f"K-{n}", f"Ide {n}", "Dinkes", "Pemkot"] for n in names]])


@pytest.fixture
def store(open_store):
    return open_store()


def add(store: Store, data: bytes, **check):
    candidate = store.check(data, "lan.csv", isolated=False, **check)
    assert candidate.ok, [i.message() for i in candidate.result.errors]
    return candidate, store.add_version(candidate, by="siti")


def test_a_saved_mapping_is_applied_to_a_second_file(store):
    assert not store.check(lan_file("a"), "lan.csv", isolated=False).ok  # no mapping yet
    first, version = add(store, lan_file("a"), mapping=MAPPING)
    assert [m.number for m in first.mappings] == [None]  # given for this file, not saved yet
    assert [m.number for m in store.version_mappings(version.number)] == [1]
    assert [(e.action, e.detail.get("mapping")) for e in store.audit(limit=2)] == [
        ("upload", None),
        ("mapping_saved", 1),
    ]
    second, version = add(store, lan_file("a", "b"))  # no mapping given: the saved one applies
    assert [(use.mapping.number, use.sheets) for use in second.result.mappings] == [(1, ("CSV",))]
    assert second.result.records["opd"].tolist() == ["Dinas Kesehatan"] * 2
    assert [m.number for m in store.version_mappings(version.number)] == [1]
    saved = store.saved_mappings()
    assert [(m.number, m.versions, m.retired, m.created_by) for m in saved] == [(1, (1, 2), False, "siti")]
    add(store, lan_file("a", "b", "c"), mapping=MAPPING)  # the same mapping again: reused, not saved twice
    assert [m.number for m in store.saved_mappings()] == [1]


def test_a_version_is_read_again_with_its_mappings(store):
    _candidate, version = add(store, lan_file("a", "b"), mapping=MAPPING)
    before = store.load(version.number).records
    shutil.rmtree(store.cache_dir)  # the cache is disposable: the original is read again, with the mapping
    store.cache_dir.mkdir()
    pd.testing.assert_frame_equal(store.load(version.number).records, before)
    store.retire_mapping(1, by="budi")  # retired for new files; the version keeps it
    shutil.rmtree(store.cache_dir)
    store.cache_dir.mkdir()
    pd.testing.assert_frame_equal(store.load(version.number).records, before)
    assert not store.check(lan_file("c"), "lan.csv", isolated=False).ok
    with pytest.raises(StoreError) as info:
        store.retire_mapping(1, by="budi")
    assert info.value.key == "store.mapping_retired"
    opd = store.reference_bytes() + b"Dinas Uji Coba,DUC,,Dinas,ya\n"
    candidate = store.check_reference(opd, "opd.csv")  # an OPD list re-reads the active version, mapped
    assert candidate.diff is not None and candidate.diff.is_empty


def test_an_explicit_mapping_wins_over_the_saved_ones(store):
    add(store, lan_file("a"), mapping=MAPPING)
    other = parse_mapping('{"columns": {"Ide Inovasi": "nama", "Inovator": "inovator", "K/L/D": "pemda"}}')
    candidate = store.check(lan_file("a"), "lan.csv", isolated=False, mapping=other)
    record = candidate.result.records.iloc[0]
    assert (record["inovator"], record["pemda"], pd.isna(record["opd"])) == ("Dinkes", "Pemkot", True)
    assert [(u.mapping.explicit, u.sheets) for u in candidate.result.mappings] == [(True, ("CSV",))]


STAGED = csv_bytes(
    [["Kode", "Nama Inovasi", "OPD", "Tahapan"], ["A", "Satu", "Dinkes", "Penerapan"], ["B", "Dua", "Dinkes", "Design"]]
)


def test_the_stage_map_is_a_post_step_the_dataset_and_the_report_share(store):
    add(store, STAGED)
    state = store.active_state()
    assert store.stage_map() is None and state.stage_map is None
    stage_map = parse_stage_map_pairs(["Penerapan=Display", "uji coba=4"])
    version = store.set_stage_map(stage_map, by="siti", note="rapat")
    assert (version.number, version.active, version.stage_map.as_dict()) == (
        1, True, {"Uji Coba": "Delivery", "Penerapan": "Display"}
    )  # fmt: skip
    assert store.active_state().key == state.key + ":s1"  # every page re-keys
    dataset = load_active_dataset(store)
    got = dataset.records[["kode", "tahapan", "tahapan_iid", "tahapan_turunan"]].astype(object)
    assert got.where(got.notna(), None).values.tolist() == [
        ["A", "Display", "Penerapan", True],
        ["B", "Design", None, False],
    ]
    checked = store.check(STAGED, "again.csv", isolated=False)
    assert checked.stage_map == 1
    assert import_counts(checked.result.records) == import_counts(dataset.records)  # report == dashboard
    assert store.diff(checked.result.records).is_empty
    exported = import_workbook(records_to_csv(dataset.records), filename="x.csv")  # a derived stage is not exported
    assert exported.records["tahapan"].astype(object).where(exported.records["tahapan"].notna(), None).tolist() == [
        None,
        "Design",
    ]
    assert store.stage_map_off(by="budi") is True and store.stage_map_off(by="budi") is False
    assert load_active_dataset(store).records["tahapan_turunan"].tolist() == [False, False]
    actions = [e.action for e in store.audit(limit=3)]
    assert actions == ["stage_map_off", "stage_map_set", "upload"]


def test_apply_stage_map_table():
    records = pd.DataFrame(
        {
            "tahapan": pd.Categorical([None, "Design", None, "Display", None], categories=["Design", "Display"]),
            "tahapan_iid": ["Penerapan", "Inisiatif", None, "Uji Coba", "Uji Coba"],
            "tahapan_turunan": [False, False, False, True, False],  # row 3's stage came from an earlier map
        }
    )
    cases = {
        "off": (None, [None, "Design", None, None, None], [False, False, False, False, False]),
        "one": (StageMap((("Uji Coba", "Design"),)), [None, "Design", None, "Design", "Design"], [0, 0, 0, 1, 1]),
    }
    for name, (stage_map, stages, derived) in cases.items():
        out = apply_stage_map(records, stage_map)
        got = (
            out["tahapan"].astype(object).where(out["tahapan"].notna(), None).tolist(),
            out["tahapan_turunan"].tolist(),
        )
        assert got == (stages, [bool(d) for d in derived]), name
    assert records["tahapan_turunan"].tolist() == [False, False, False, True, False]  # never changed in place


def test_the_cache_keeps_the_files_own_stages(store):
    """Applied with the stage map on, a version's cache holds no derived stage: an OPD list check sees no change."""
    store.set_stage_map(parse_stage_map_pairs(["Penerapan=Display"]), by="siti")
    add(store, STAGED)
    state = store.active_state()
    cached = store.records_cache.read(state.sha256, state.reference_key, with_issues=False).records
    assert cached["tahapan_turunan"].tolist() == [False, False] and pd.isna(cached["tahapan"].iloc[0])
    assert store.load(1).records["tahapan"].tolist() == ["Display", "Design"]
    opd = store.reference_bytes() + b"Dinas Uji Coba,DUC,,Dinas,ya\n"
    assert store.check_reference(opd, "opd.csv").diff.is_empty
