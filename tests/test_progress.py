"""Progress over time: the timeline's matching rule, comparisons, stage counts and stalled innovations,
checked against the fixture's known movements (tests/progress_fixture.py) and hand-made frames."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from lebak_dash.analysis.aggregate import count_per_stage
from lebak_dash.analysis.filters import Filters
from lebak_dash.analysis.progress import (
    VersionData,
    compare,
    filter_ids,
    history,
    search_timeline,
    stage_counts,
    timeline_frame,
    track,
)
from lebak_dash.analysis.stalled import STALLED_COLUMNS, StalledRule, months_between, stalled
from lebak_dash.records.diff import diff_records
from lebak_dash.records.schema import STAGES
from lebak_dash.views.perkembangan import ProgressSettings, progress_view

from . import progress_fixture as fx

K = {"K1": 0, "K2": 1, "K3": 2, "K4": 3, "K5": 4, "K6": 5, "K7": 6}


@pytest.fixture(scope="module")
def timeline(reference):
    return track(fx.versions(reference))


def frame(*rows: tuple) -> pd.DataFrame:
    """Records of (kode, nama, opd, tahapan)."""
    records = pd.DataFrame(list(rows), columns=["kode", "nama", "opd", "tahapan"])
    records["tahapan"] = pd.Categorical(records["tahapan"], categories=list(STAGES), ordered=True)
    return records


def stages_of(timeline, kode: str) -> list[str | None]:
    row = timeline.codes[K[kode]]
    return [STAGES[c] if c >= 0 else None for c in row]


# ------------------------------------------------------------------------------------- timeline
def test_fixture_innovations_are_followed_across_every_version(timeline):
    assert len(timeline) == 7
    assert timeline.numbers == (1, 2, 3, 4)
    assert [v.count for v in timeline.versions] == [5, 6, 5, 7]
    expected = {
        "K1": ["Drum-up", "Diagnose", "Design", "Design"],
        "K2": ["Diagnose"] * 4,
        "K3": ["Design", "Delivery", "Display", "Display"],
        "K4": ["Design", "Design", "Delivery", "Delivery"],
        "K5": ["Delivery", "Design", None, "Design"],
        "K6": [None, "Drum-up", "Drum-up", "Diagnose"],
        "K7": [None, None, None, "Drum-up"],
    }
    for kode, stages in expected.items():
        assert stages_of(timeline, kode) == stages, kode
    items = timeline.items
    # Latest name and OPD; the code K4 typed only in v3 is the innovation's code now.
    assert items.loc[K["K4"], ["kode", "nama", "opd"]].tolist() == ["K4", "Posyandu Ceria Plus", fx.DK]
    assert items.loc[K["K6"], "nama"] == "Pasar Sehat Baru"
    assert items["pertama"].tolist() == [1, 1, 1, 1, 1, 2, 4]
    assert items["terakhir"].tolist() == [4] * 7


@pytest.mark.parametrize(
    ("versions", "expected_codes", "why"),
    [
        (
            [[("A-1", "Satu", "Dinkes", "Design")], [("a 1", "Nama lain", "Dinsos", "Delivery")]],
            [[2, 3]],
            "kode first: case, spaces and punctuation ignored; name and OPD may change",
        ),
        (
            [[(None, "Si Cantik", "Dinkes", "Design")], [(None, "SI  CANTIK!", "dinkes", "Delivery")]],
            [[2, 3]],
            "no kode: OPD + name, normalised",
        ),
        (
            [[(None, "Si Cantik", "Dinkes", "Design")], [("K9", "Si Cantik", "Dinkes", "Display")]],
            [[2, 4]],
            "a kode typed later still matches by name",
        ),
        (
            [[(None, "Si Cantik", "Dinkes", "Design")], [(None, "Si Cantik Baru", "Dinkes", "Design")]],
            [[2, -1], [-1, 2]],
            "renamed without a kode: one gone, one new",
        ),
        (
            [[(None, "Si Cantik", "Dinkes", "Design")], [(None, "Si Cantik", "Dinsos", "Design")]],
            [[2, -1], [-1, 2]],
            "moved to another OPD without a kode: one gone, one new",
        ),
        (
            [
                [("K1", "Satu", "Dinkes", "Design")],
                [("", "Satu", "Dinkes", "Delivery")],
                [("K1", "Nama Baru", "Dinkes", "Display")],
            ],
            [[2, 3, 4]],
            "a blank kode keeps the last known one (v3 matches by the code of v1)",
        ),
        (
            [
                [("K1", "Satu", "Dinkes", "Design")],
                [("K2", "Dua", "Dinkes", "Drum-up")],
                [("K1", "Satu", "Dinkes", "Delivery")],
            ],
            [[2, -1, 3], [-1, 0, -1]],
            "missing from one upload, back later: the same innovation",
        ),
        (
            [
                [(None, "Sama", "Dinkes", "Design"), (None, "Sama", "Dinkes", "Drum-up")],
                [(None, "Sama", "Dinkes", "Delivery"), (None, "Sama", "Dinkes", "Diagnose")],
            ],
            [[2, 3], [0, 1]],
            "repeated names pair in row order",
        ),
    ],
)
def test_matching_rule(versions, expected_codes, why):
    data = [VersionData(n, frame(*rows)) for n, rows in enumerate(versions, start=1)]
    assert track(data).codes.tolist() == expected_codes, why


def test_versions_are_taken_in_number_order():
    late = VersionData(5, frame(("K1", "Satu", "Dinkes", "Display")))
    early = VersionData(2, frame(("K1", "Satu", "Dinkes", "Drum-up")))
    tl = track([late, early])
    assert tl.numbers == (2, 5) and tl.codes.tolist() == [[0, 4]]


def test_empty_versions():
    empty = frame()
    tl = track(
        [VersionData(1, empty), VersionData(2, frame(("K1", "Satu", "Dinkes", "Design"))), VersionData(3, empty)]
    )
    assert tl.codes.tolist() == [[-1, 2, -1]]
    assert compare(tl, 2, 3).summary()["hilang"] == 1
    assert track([]).numbers == ()


# -------------------------------------------------------------------------------------- compare
@pytest.mark.parametrize(
    ("a", "b", "counts", "moves"),
    [
        (1, 2, {"naik": 2, "turun": 1, "tetap": 2, "baru": 1, "hilang": 0}, {"K1": 1, "K3": 1, "K5": -1}),
        (2, 3, {"naik": 3, "turun": 0, "tetap": 2, "baru": 0, "hilang": 1}, {"K1": 1, "K3": 1, "K4": 1}),
        (3, 4, {"naik": 1, "turun": 0, "tetap": 4, "baru": 2, "hilang": 0}, {"K6": 1}),
        (1, 4, {"naik": 3, "turun": 1, "tetap": 1, "baru": 2, "hilang": 0}, {"K1": 2, "K3": 2, "K4": 1, "K5": -1}),
    ],
)
def test_compare_known_movements(timeline, a, b, counts, moves):
    comparison = compare(timeline, a, b)
    summary = comparison.summary()
    assert {k: summary[k] for k in counts} == counts
    assert summary["sebelum"] == timeline.info(a).count and summary["sesudah"] == timeline.info(b).count
    moved = comparison.table[comparison.table["langkah"] != 0]
    assert dict(zip(moved["kode"], moved["langkah"], strict=True)) == moves
    # Advanced first, then went back, new, disappeared, unchanged.
    order = {"naik": 0, "turun": 1, "baru": 2, "hilang": 3, "tetap": 4}
    assert comparison.table["status"].map(order).is_monotonic_increasing


def test_compare_names_as_written_in_the_newer_version(timeline):
    table = compare(timeline, 3, 4).table.set_index("id")
    assert table.loc[K["K6"], "nama"] == "Pasar Sehat Baru"
    gone = compare(timeline, 2, 3).table.set_index("id").loc[K["K5"]]
    assert (gone["status"], gone["nama"], gone["opd"], gone["dari"]) == ("hilang", "Pasar Bersih", fx.DS, "Design")
    assert pd.isna(gone["ke"])


def test_flows_of_v1_to_v2(timeline):
    flows = compare(timeline, 1, 2).flows
    got = {(d, k): n for d, k, n in flows.itertuples(index=False)}
    assert got == {
        ("Drum-up", "Diagnose"): 1,
        ("Diagnose", "Diagnose"): 1,
        ("Design", "Design"): 1,
        ("Design", "Delivery"): 1,
        ("Delivery", "Design"): 1,
        ("baru", "Drum-up"): 1,
    }


def test_flows_with_gone_and_new(timeline):
    got = {(d, k): n for d, k, n in compare(timeline, 2, 3).flows.itertuples(index=False)}
    assert got[("Design", "hilang")] == 1  # K5
    assert got[("Design", "Delivery")] == 1  # Posyandu Ceria, matched by name while gaining its code
    assert sum(got.values()) == 6


def test_per_opd(timeline):
    per_opd = compare(timeline, 1, 2).per_opd
    assert per_opd.loc[fx.DK].to_dict() == {
        "sebelum": 2,
        "sesudah": 2,
        "naik": 1,
        "turun": 0,
        "tetap": 1,
        "baru": 0,
        "hilang": 0,
        "kosong": 0,
    }
    assert per_opd.loc[fx.DS, ["sebelum", "sesudah", "naik", "turun", "baru"]].tolist() == [2, 3, 1, 1, 1]
    assert per_opd.loc[fx.DP, ["tetap"]].tolist() == [1]
    assert per_opd["naik"].is_monotonic_decreasing
    gone = compare(timeline, 2, 3).per_opd
    assert gone.loc[fx.DS, "hilang"] == 1  # counted under its OPD in the older version


@pytest.mark.parametrize(("a", "b"), [(1, 2), (2, 3), (3, 4)])
def test_consecutive_versions_agree_with_the_upload_diff(timeline, a, b):
    """For consecutive versions the timeline and the diff shown before an upload tell the same story."""
    old, new = timeline.records[timeline.column(a)], timeline.records[timeline.column(b)]
    d = diff_records(old, new)
    summary = compare(timeline, a, b).summary()
    assert (summary["naik"], summary["turun"]) == (d.forward, d.backward)
    assert (summary["baru"], summary["hilang"]) == (len(d.added), len(d.removed))
    per_opd = compare(timeline, a, b).per_opd
    expected = d.per_opd.set_index("opd")
    for name in expected.index:
        assert per_opd.loc[name, "naik"] == expected.loc[name, "naik_tahap"], name
        assert per_opd.loc[name, "baru"] == expected.loc[name, "baru"], name


def test_the_timeline_follows_what_a_direct_diff_loses(timeline):
    """v1 -> v4 directly: Posyandu has no code in v1 and another name in v4; the timeline knows."""
    d = diff_records(timeline.records[0], timeline.records[3])
    assert "Posyandu Ceria" in d.removed["nama"].tolist()
    assert compare(timeline, 1, 4).table.set_index("id").loc[K["K4"], "status"] == "naik"


def test_compare_with_filters(timeline):
    mask = filter_ids(timeline, Filters(opd=(fx.DS,)), (1, 2))
    assert compare(timeline, 1, 2, mask).summary() == {
        "sebelum": 2,
        "sesudah": 3,
        "naik": 1,
        "turun": 1,
        "tetap": 0,
        "baru": 1,
        "hilang": 0,
        "kosong": 0,
    }
    # A stage filter keeps innovations that are in the stage in either version (moved in or out).
    mask = filter_ids(timeline, Filters(tahapan=("Delivery",)), (1, 2))
    table = compare(timeline, 1, 2, mask).table
    assert sorted(table["kode"]) == ["K3", "K5"]
    assert dict(zip(table["kode"], table["status"], strict=True)) == {"K3": "naik", "K5": "turun"}


def test_filter_ids_by_kecamatan(timeline):
    mask = filter_ids(timeline, Filters(kecamatan=("Cibadak",)))
    # K5 (Cibadak) and K3 (kabupaten-wide, which matches every kecamatan by default)
    assert sorted(timeline.items.loc[mask, "kode"]) == ["K3", "K5"]
    mask = filter_ids(timeline, Filters(kecamatan=("Cibadak",), kabupaten_wide=False))
    assert timeline.items.loc[mask, "kode"].tolist() == ["K5"]


# -------------------------------------------------------------------------------- stage counts
def test_stage_counts_per_version(timeline):
    counts = stage_counts(timeline)
    assert counts.loc[1, list(STAGES)].tolist() == [1, 1, 2, 1, 0]
    assert counts.loc[2, list(STAGES)].tolist() == [1, 2, 2, 1, 0]
    assert counts.loc[3, list(STAGES)].tolist() == [1, 1, 1, 1, 1]
    assert counts.loc[4, list(STAGES)].tolist() == [1, 2, 2, 1, 1]
    assert counts["jumlah"].tolist() == [5, 6, 5, 7]


def test_stage_counts_use_the_dashboard_counting(timeline):
    from lebak_dash.analysis.filters import apply_filters

    for filters in [
        Filters(),
        Filters(opd=(fx.DK,)),
        Filters(tahapan=("Design", "Drum-up")),
        Filters(kecamatan=("Maja",)),
    ]:
        counts = stage_counts(timeline, filters)
        for j, number in enumerate(timeline.numbers):
            expected = count_per_stage(apply_filters(timeline.records[j], filters))
            assert counts.loc[number, list(STAGES)].tolist() == expected.tolist(), (filters, number)


# -------------------------------------------------------------------------------------- stalled
@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (StalledRule("versi", versions=2), {"K1": 2, "K2": 4, "K4": 2}),
        (StalledRule("versi", versions=3), {"K2": 4}),
        (StalledRule("versi", versions=4), {"K2": 4}),
        (StalledRule("versi", versions=5), {}),
        (StalledRule("versi", versions=2, include_display=True), {"K1": 2, "K2": 4, "K3": 2, "K4": 2}),
    ],
)
def test_stalled_by_versions(timeline, rule, expected):
    table = stalled(timeline, rule)
    assert dict(zip(table["kode"], table["versi"], strict=True)) == expected
    assert tuple(table.columns) == STALLED_COLUMNS


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        (StalledRule("bulan", months=6), {"K2": 12}),
        (StalledRule("bulan", months=5), {"K1": 5, "K2": 12, "K4": 5}),
        (StalledRule("bulan", months=13), {}),
        # From the start date when the stage never changed: K2 since 15 January 2023 (23 months);
        # K1 and K4 changed stage, so from the upload that showed it; K7 started October 2024.
        (StalledRule("bulan", months=12, basis="mulai"), {"K2": 23}),
        (StalledRule("bulan", months=3, basis="mulai"), {"K1": 5, "K2": 23, "K4": 5, "K7": 3}),
    ],
)
def test_stalled_by_months(timeline, rule, expected):
    table = stalled(timeline, rule)
    assert dict(zip(table["kode"], table["bulan"].astype(int), strict=True)) == expected


def test_stalled_since_dates(timeline):
    table = stalled(timeline, StalledRule("bulan", months=5)).set_index("kode")
    assert table.loc["K2", "sejak"] == dt.date(2024, 1, 10)
    assert table.loc["K1", "sejak"] == dt.date(2024, 8, 10)
    started = stalled(timeline, StalledRule("bulan", months=5, basis="mulai")).set_index("kode")
    assert started.loc["K2", "sejak"] == dt.date(2023, 1, 15)


def test_stalled_listed_per_opd(timeline):
    table = stalled(timeline, StalledRule("versi", versions=2))
    assert table["opd"].tolist() == [fx.DK, fx.DK, fx.DP]  # the OPD with most stalled first
    assert table.loc[table["opd"] == fx.DK, "nama"].tolist() == ["Posyandu Ceria Plus", "Sehat Keliling"]


def test_stalled_up_to_an_older_version_and_filtered(timeline):
    table = stalled(timeline, StalledRule("versi", versions=2), upto=2)
    assert sorted(table["nama"]) == ["POSYANDU ceria", "Sekolah Digital"]  # names as written in v2
    assert table["kode"].isna().sum() == 1  # Posyandu had no code yet
    mask = filter_ids(timeline, Filters(opd=(fx.DP,)))
    assert stalled(timeline, StalledRule("versi", versions=2), mask=mask)["kode"].tolist() == ["K2"]


def test_stalled_rule_values_are_checked():
    with pytest.raises(ValueError, match="rule"):
        StalledRule("x")
    with pytest.raises(ValueError, match="basis"):
        StalledRule("bulan", basis="x")
    assert StalledRule(versions=0, months=-3) == StalledRule(versions=2, months=1)


def test_stalled_without_upload_dates():
    tl = track([VersionData(n, frame(("K1", "Satu", "Dinkes", "Design"))) for n in (1, 2)])
    assert stalled(tl, StalledRule("bulan", months=1)).empty
    assert stalled(tl, StalledRule("versi", versions=2))["versi"].tolist() == [2]


def test_months_between():
    table = [
        (dt.date(2024, 1, 10), dt.date(2025, 1, 10), 12),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 0),
        (dt.date(2024, 1, 15), dt.date(2024, 2, 15), 1),
        (dt.date(2025, 1, 1), dt.date(2024, 1, 1), 0),
    ]
    assert [(start, end, months_between(start, end)) for start, end, _ in table] == table


# ---------------------------------------------------------------------------- history and view
def test_history(timeline):
    hist = history(timeline, K["K4"])
    assert hist["tahapan"].astype(object).tolist() == ["Design", "Design", "Delivery", "Delivery"]
    assert hist["nama"].tolist() == ["Posyandu Ceria", "POSYANDU ceria", "Posyandu Ceria", "Posyandu Ceria Plus"]
    assert hist["kode"].isna().tolist() == [True, True, False, False] and hist["kode"].iloc[-1] == "K4"
    gone = history(timeline, K["K5"])
    assert pd.isna(gone.loc[2, "tahapan"])


def test_timeline_frame_and_search(timeline):
    table = timeline_frame(timeline)
    assert list(table.columns) == ["kode", "nama", "opd", "v1", "v2", "v3", "v4", "langkah", "jumlah_versi"]
    assert table.loc[K["K5"], ["v1", "v2", "v3", "v4"]].tolist() == ["Delivery", "Design", "", "Design"]
    assert table.loc[K["K1"], "langkah"] == 2 and table.loc[K["K7"], "jumlah_versi"] == 1
    assert search_timeline(table, "posyandu plus")["kode"].tolist() == ["K4"]
    assert search_timeline(table, "k7")["nama"].tolist() == ["Bank Sampah"]
    assert len(search_timeline(table, "  ")) == 7


def test_settings_resolve_to_the_last_two_versions(timeline):
    assert ProgressSettings().resolved(timeline) == (3, 4)
    assert ProgressSettings(a=1, b=3).resolved(timeline) == (1, 3)
    assert ProgressSettings(a=99, b=2).resolved(timeline) == (3, 2)
    with pytest.raises(ValueError):
        ProgressSettings().resolved(track([]))


def test_progress_view(timeline, reference):
    view = progress_view(timeline, Filters(), ProgressSettings(a=4, b=1, stalled=StalledRule("versi", 2)), reference)
    # Read from older to newer whichever way the versions were chosen; stalled up to the newer one.
    assert (view.comparison.a.number, view.comparison.b.number, view.upto) == (1, 4, 4)
    assert view.stalled_matrix.loc[fx.DK, ["Design", "Delivery", "jumlah"]].tolist() == [1, 1, 2]
    assert int(view.stalled_matrix["jumlah"].sum()) == len(view.stalled) == 3
    assert np.array_equal(view.counts.to_numpy(), stage_counts(timeline).to_numpy())


def test_store_versions_give_the_same_timeline(tmp_path, monkeypatch, reference):
    """The fixture stored as four versions (as the app stores uploads) tracks to the same timeline."""
    store = fx.make_store(tmp_path / "store", monkeypatch)
    versions = store.versions()
    assert [v.uploaded_at for v in versions] == list(fx.UPLOADS)
    data = [
        VersionData(v.number, store.load(v.number, with_issues=False).records, v.uploaded_at, v.filename)
        for v in versions
    ]
    stored = track(data)
    pure = track(fx.versions(reference))
    assert stored.codes.tolist() == pure.codes.tolist()
    assert stalled(stored, StalledRule("bulan", months=6))["kode"].tolist() == ["K2"]


def test_identity_keys_once_per_distinct_value_keep_their_meaning():
    """diff.identity_keys maps each distinct value once (speed at 100,000 rows); the keys are those of
    compact_key per value, blanks and missing values included."""
    from lebak_dash.records.diff import identity_keys
    from lebak_dash.records.textnorm import compact_key

    records = pd.DataFrame(
        {
            "kode": ["A-1", None, "  ", "--", "a 1", float("nan")],
            "nama": ["Si  Cantik", "Dua", None, "Tiga", "si cantik", "Dua"],
            "opd": pd.Categorical(["Dinkes", "Dinkes", None, "DINKES ", "Dinkes", "Dinsos"]),
        }
    )
    kode, name = identity_keys(records)
    assert kode.tolist() == ["a1", None, None, None, "a1", None]
    assert name.tolist() == [
        f"{compact_key(o or '')}\x1f{compact_key(n or '')}"
        for o, n in zip(
            ["Dinkes", "Dinkes", "", "DINKES ", "Dinkes", "Dinsos"], records["nama"].fillna(""), strict=True
        )
    ]
