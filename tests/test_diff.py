"""The pure diff of two record sets: matching by kode, then by (OPD, nama); stages and OPDs."""

from __future__ import annotations

import pandas as pd
import pytest

from lebak_dash.ingest.importer import import_workbook
from lebak_dash.records.diff import PER_OPD_COLUMNS, diff_records, identity_keys, match_records

from .conftest import SAMPLE


def frame(*rows: tuple) -> pd.DataFrame:
    """Rows of (kode, nama, opd, tahapan[, kecamatan])."""
    records = pd.DataFrame(
        [(*r[:4], r[4] if len(r) > 4 else ()) for r in rows],
        columns=["kode", "nama", "opd", "tahapan", "kecamatan"],
    )
    records["tahapan"] = pd.Categorical(
        records["tahapan"], categories=["Drum-up", "Diagnose", "Design", "Delivery", "Display"], ordered=True
    )
    records["opd"] = records["opd"].astype("category")
    return records


@pytest.mark.parametrize(
    ("old", "new", "pairs"),
    [
        # by kode, ignoring case and punctuation
        ([("A-1", "x", "Dinkes", "Design")], [("a 1", "y", "Dinsos", "Design")], [(0, 0)]),
        # no kode: by (OPD, nama), ignoring case and spaces
        ([(None, "Si Cantik", "Dinkes", "Design")], [(None, "SI  CANTIK", "dinkes", "Design")], [(0, 0)]),
        # kode added in the new version: still the same innovation
        ([(None, "Si Cantik", "Dinkes", "Design")], [("K1", "Si Cantik", "Dinkes", "Design")], [(0, 0)]),
        # same name, different OPD: different innovations
        ([(None, "Si Cantik", "Dinkes", "Design")], [(None, "Si Cantik", "Dinsos", "Design")], []),
        # repeated names pair in order
        (
            [(None, "Sama", "Dinkes", "Design"), (None, "Sama", "Dinkes", "Delivery")],
            [(None, "Sama", "Dinkes", "Display")],
            [(0, 0)],
        ),
        # blank kode is no kode
        ([("", "A", "Dinkes", "Design")], [("  ", "A", "Dinkes", "Design")], [(0, 0)]),
    ],
)
def test_matching(old, new, pairs):
    pos_old, pos_new = match_records(frame(*old), frame(*new))
    assert sorted(zip(pos_old.tolist(), pos_new.tolist(), strict=True)) == pairs


def test_identity_keys():
    kode, name = identity_keys(frame(("  ", "Nama  Satu", "Dinas Kesehatan", "Design")))
    assert kode.tolist() == [None] and name.tolist() == ["dinaskesehatan\x1fnamasatu"]


def test_added_removed_moved_reassigned_edited():
    old = frame(
        ("K1", "Satu", "Dinkes", "Design"),
        ("K2", "Dua", "Dinkes", "Delivery"),
        ("K3", "Tiga", "Dinsos", "Design", ("Maja",)),
        ("K4", "Empat", "Dinsos", "Display"),
        (None, "Lima", "Dinsos", "Drum-up"),
    )
    new = frame(
        ("K1", "Satu", "Dinkes", "Delivery"),  # forward
        ("K2", "Dua", "Dinkes", "Design"),  # backward
        ("K3", "Tiga", "Dinsos", "Design", ("Maja", "Cibadak")),  # edited
        ("K4", "Empat", "Dinkes", "Display"),  # reassigned Dinsos -> Dinkes
        ("K6", "Enam", "Dinkes", "Diagnose"),  # added
    )
    d = diff_records(old, new)
    assert (d.before, d.after) == (5, 5)
    assert d.added[["kode", "nama"]].values.tolist() == [["K6", "Enam"]]
    assert d.removed["nama"].tolist() == ["Lima"]
    moved = d.moved.set_index("kode")
    assert moved.loc["K1", "dari"] == "Design" and moved.loc["K1", "ke"] == "Delivery" and moved.loc["K1", "maju"]
    assert not moved.loc["K2", "maju"]
    assert (d.forward, d.backward) == (1, 1)
    assert d.reassigned.values.tolist() == [["K4", "Empat", "Dinsos", "Dinkes"]]
    assert d.edited == 1 and d.unchanged == 0 and not d.is_empty
    per_opd = d.per_opd.set_index("opd")
    assert list(d.per_opd.columns) == ["opd", *PER_OPD_COLUMNS]
    assert per_opd.loc["Dinkes"].to_dict() == {
        "sebelum": 2,
        "sesudah": 4,
        "baru": 1,
        "dihapus": 0,
        "naik_tahap": 1,
        "turun_tahap": 1,
        "pindah_masuk": 1,
        "pindah_keluar": 0,
    }
    assert per_opd.loc["Dinsos", "dihapus"] == 1 and per_opd.loc["Dinsos", "pindah_keluar"] == 1
    # the per-OPD table balances: after = before + added - removed + in - out
    balance = per_opd["sebelum"] + per_opd["baru"] - per_opd["dihapus"] + per_opd["pindah_masuk"]
    assert (balance - per_opd["pindah_keluar"] == per_opd["sesudah"]).all()
    summary = d.summary()
    assert summary == {
        "sebelum": 5,
        "sesudah": 5,
        "baru": 1,
        "dihapus": 1,
        "naik_tahap": 1,
        "turun_tahap": 1,
        "pindah_opd": 1,
        "diubah": 1,
        "tetap": 0,
    }


def test_against_nothing_everything_is_added():
    new = frame(("K1", "Satu", "Dinkes", "Design"), (None, "Dua", "Dinsos", "Display"))
    d = diff_records(None, new)
    assert len(d.added) == 2 and len(d.removed) == 0 and d.before == 0 and d.after == 2


def test_same_records_is_empty(reference):
    records = import_workbook(SAMPLE, reference=reference).records
    d = diff_records(records, records.copy())
    assert d.is_empty and d.unchanged == len(records) and d.per_opd["baru"].sum() == 0


def test_real_records_changes(reference):
    records = import_workbook(SAMPLE, reference=reference).records
    new = records.iloc[10:].copy()
    first = new.index[0]
    new.loc[first, "tahapan"] = "Drum-up" if new.loc[first, "tahapan"] != "Drum-up" else "Display"
    d = diff_records(records, new)
    assert len(d.removed) == 10 and len(d.added) == 0 and len(d.moved) == 1
    assert d.per_opd["dihapus"].sum() == 10


def test_gaps_and_iid_stages():
    """No stage on either side has not moved; without 5D stages the IID stage tells a move; no OPD is counted."""
    old = pd.DataFrame(
        {
            "kode": ["A", "B", "C", "D"],
            "nama": ["Satu", "Dua", "Tiga", "Empat"],
            "opd": ["Dinkes", None, None, "Dinkes"],
            "tahapan": [None, None, None, "Design"],
            "tahapan_iid": [None, "Uji Coba", "Penerapan", "Inisiatif"],
        }
    )
    new = old.assign(
        tahapan=[None, None, "Delivery", "Design"], tahapan_iid=[None, "Penerapan", "Penerapan", "Penerapan"]
    )
    d = diff_records(old, new)
    moves = d.moved[["kode", "dari", "ke", "maju"]].astype(object)
    assert moves.where(moves.notna(), None).values.tolist() == [
        ["B", "Uji Coba", "Penerapan", True],
        ["C", "Penerapan", "Delivery", True],
    ]
    per_opd = d.per_opd.set_index("opd")
    assert per_opd.loc["OPD belum diisi", ["sebelum", "sesudah", "naik_tahap"]].tolist() == [2, 2, 2]
    assert d.summary()["tetap"] == 1  # A: nothing changed; D: only its IID stage changed, beside a 5D one
