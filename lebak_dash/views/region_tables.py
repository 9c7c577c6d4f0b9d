"""Referensi's region part, as data: the kecamatan lists as a table, their labels, the active region in words."""

from __future__ import annotations

import pandas as pd

from lebak_dash.i18n import t
from lebak_dash.i18n.formatting import local_time
from lebak_dash.records.region import Region
from lebak_dash.store import KecamatanVersion


def kecamatan_label(version: KecamatanVersion | None, lang: str = "id") -> str:
    """Return how a kecamatan list is named in a choice list (None: the bundled list)."""
    if version is None:
        return t("region.option_bundled", lang)
    label = t("region.option", lang, number=version.number, filename=version.filename, count=version.kecamatan_count)
    return label + (t("riwayat.option_active", lang) if version.active else "")


def kecamatan_versions_frame(versions: list[KecamatanVersion], bundled_count: int, lang: str = "id") -> pd.DataFrame:
    """Return the kecamatan lists as a table, newest first, ending with the bundled list (version 0).

    Examples
    --------
    >>> kecamatan_versions_frame([], 28)["Jumlah kecamatan"].tolist()
    [28]
    """
    bundled_active = not any(v.active for v in versions)
    rows = [
        (
            v.number,
            v.active,
            local_time(v.uploaded_at).replace(tzinfo=None),
            v.uploaded_by,
            v.filename,
            v.kecamatan_count,
            v.centroids,
            v.note,
        )
        for v in reversed(versions)
    ]
    rows.append((0, bundled_active, pd.NaT, "", t("region.bundled_list", lang), bundled_count, True, ""))
    zone = local_time(pd.Timestamp.now(tz="UTC").to_pydatetime()).tzname() or ""
    keys = ("referensi.col.version", "hist.active", "hist.uploaded_at", "hist.uploaded_by", "hist.filename")
    columns = [t(k, lang, zone=zone) for k in keys]
    columns += [t("region.col.count", lang), t("region.col.centroids", lang), t("hist.note", lang)]
    frame = pd.DataFrame(rows, columns=columns)
    frame[columns[2]] = pd.to_datetime(frame[columns[2]])
    return frame


def region_facts(region: Region, kecamatan: int, centroids: bool, lang: str = "id") -> str:
    """Return the active region in one sentence (plain text: escape it for Markdown).

    Examples
    --------
    >>> region_facts(Region(), 28, True, "en")
    'Kabupaten Lebak, Kemendagri code 36.02, time zone Asia/Jakarta; 28 kecamatan, with centroids (map).'
    """
    key = "region.facts_map" if centroids else "region.facts_no_map"
    return t(key, lang, region=region.full_name, code=region.code or "-", zone=region.timezone, count=kecamatan)
