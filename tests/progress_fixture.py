"""Four versions of a small workbook whose every movement is known (the progress tests' fixture).

=====  ====================  =======  =========  =========  =========  =========  ===============
kode   nama                  OPD      v1 (Jan)   v2 (Apr)   v3 (Aug)   v4 (Jan)   tanggal mulai
=====  ====================  =======  =========  =========  =========  =========  ===============
K1     Sehat Keliling        Dinkes   Drum-up    Diagnose   Design     Design     2023-06-01
K2     Sekolah Digital       Disdik   Diagnose   Diagnose   Diagnose   Diagnose   2023-01-15
K3     Arsip Online          Dinsos   Design     Delivery   Display    Display    2023-03-01
(K4)   Posyandu Ceria        Dinkes   Design     Design     Delivery   Delivery   2023-02-01
K5     Pasar Bersih          Dinsos   Delivery   Design     -          Design     2022-05-01
K6     Pasar Sehat           Dinsos   -          Drum-up    Drum-up    Diagnose   2024-03-01
K7     Bank Sampah           Dinsos   -          -          -          Drum-up    2024-10-01
=====  ====================  =======  =========  =========  =========  =========  ===============

* Posyandu Ceria has no code in v1 and v2 (``POSYANDU  ceria`` in v2: matched by OPD and name),
  gets ``K4`` in v3 (matched by name) and is renamed "Posyandu Ceria Plus" in v4 (matched by code).
* K5 is missing from v3 and back in v4 (the same innovation in the timeline; "new" against v3).
* K6 is renamed "Pasar Sehat Baru" in v4 (matched by code).
* Uploads: 10 January 2024, 10 April 2024, 10 August 2024, 10 January 2025.
"""

from __future__ import annotations

import datetime as dt

from lebak_dash.analysis.progress import VersionData
from lebak_dash.ingest.importer import import_workbook

DK, DP, DS = "Dinas Kesehatan", "Dinas Pendidikan", "Dinas Sosial"
UPLOADS = (
    dt.datetime(2024, 1, 10, 3, 0, tzinfo=dt.UTC),
    dt.datetime(2024, 4, 10, 3, 0, tzinfo=dt.UTC),
    dt.datetime(2024, 8, 10, 3, 0, tzinfo=dt.UTC),
    dt.datetime(2025, 1, 10, 3, 0, tzinfo=dt.UTC),
)
_HEADER = "Kode Inovasi;Nama Inovasi;OPD;Tahapan 5D;Kecamatan;Tanggal Mulai"
ROWS: tuple[tuple[tuple[str, str, str, str, str, str], ...], ...] = (
    (
        ("K1", "Sehat Keliling", "Dinkes", "Drum-up", "Maja", "01/06/2023"),
        ("K2", "Sekolah Digital", "Disdik", "Diagnose", "Bayah", "15/01/2023"),
        ("K3", "Arsip Online", "Dinsos", "Design", "Semua Kecamatan", "01/03/2023"),
        ("", "Posyandu Ceria", "Dinkes", "Design", "Maja", "01/02/2023"),
        ("K5", "Pasar Bersih", "Dinsos", "Delivery", "Cibadak", "01/05/2022"),
    ),
    (
        ("K1", "Sehat Keliling", "Dinkes", "Diagnose", "Maja", "01/06/2023"),
        ("K2", "Sekolah Digital", "Disdik", "Diagnose", "Bayah", "15/01/2023"),
        ("K3", "Arsip Online", "Dinsos", "Delivery", "Semua Kecamatan", "01/03/2023"),
        ("", "POSYANDU  ceria", "Dinkes", "Design", "Maja", "01/02/2023"),
        ("K5", "Pasar Bersih", "Dinsos", "Design", "Cibadak", "01/05/2022"),
        ("K6", "Pasar Sehat", "Dinsos", "Drum-up", "Maja", "01/03/2024"),
    ),
    (
        ("K1", "Sehat Keliling", "Dinkes", "Design", "Maja", "01/06/2023"),
        ("K2", "Sekolah Digital", "Disdik", "Diagnose", "Bayah", "15/01/2023"),
        ("K3", "Arsip Online", "Dinsos", "Display", "Semua Kecamatan", "01/03/2023"),
        ("K4", "Posyandu Ceria", "Dinkes", "Delivery", "Maja", "01/02/2023"),
        ("K6", "Pasar Sehat", "Dinsos", "Drum-up", "Maja", "01/03/2024"),
    ),
    (
        ("K1", "Sehat Keliling", "Dinkes", "Design", "Maja", "01/06/2023"),
        ("K2", "Sekolah Digital", "Disdik", "Diagnose", "Bayah", "15/01/2023"),
        ("K3", "Arsip Online", "Dinsos", "Display", "Semua Kecamatan", "01/03/2023"),
        ("K4", "Posyandu Ceria Plus", "Dinkes", "Delivery", "Maja", "01/02/2023"),
        ("K5", "Pasar Bersih", "Dinsos", "Design", "Cibadak", "01/05/2022"),
        ("K6", "Pasar Sehat Baru", "Dinsos", "Diagnose", "Maja", "01/03/2024"),
        ("K7", "Bank Sampah", "Dinsos", "Drum-up", "Maja", "01/10/2024"),
    ),
)


def workbook(number: int) -> bytes:
    """Return version `number` (1-4) as a semicolon-separated CSV workbook."""
    lines = [_HEADER, *(";".join(row) for row in ROWS[number - 1])]
    return ("\n".join(lines) + "\n").encode("utf-8")


def records(number: int, reference=None):
    """Return the importer's records of version `number`."""
    result = import_workbook(workbook(number), filename=f"inovasi_v{number}.csv", reference=reference)
    assert result.ok, [i.message() for i in result.issues]
    return result.records


def versions(reference=None) -> list[VersionData]:
    """Return the four versions as :class:`VersionData` (with their upload dates)."""
    return [VersionData(n, records(n, reference), UPLOADS[n - 1], f"inovasi_v{n}.csv") for n in range(1, 5)]


def make_store(path, monkeypatch=None, count: int = 4):
    """Return a store in `path` holding the first `count` versions, uploaded on :data:`UPLOADS`.

    With `monkeypatch`, the store's clock is set to each upload date (else uploads are "now").
    """
    import lebak_dash.store.catalog as store_catalog
    from lebak_dash.store import Store

    store = Store.open(path)
    for number in range(1, count + 1):
        if monkeypatch is not None:
            monkeypatch.setattr(store_catalog, "utc_now", lambda n=number: UPLOADS[n - 1])
        candidate = store.check(workbook(number), f"inovasi_v{number}.csv", isolated=False)
        assert candidate.ok
        store.add_version(candidate, by="uji")
    return store
