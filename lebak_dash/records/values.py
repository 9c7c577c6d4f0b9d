"""Parsers for single cell values: stage (5D and IID), kecamatan list, date, rupiah, year, score, URL, OPD login.

Each parser takes the text of one cell (as the reader gives it: Excel dates arrive as
``2018-11-28 00:00:00``, numbers as ``15000000`` or ``1.5``) and returns the value or ``None``.
The importer calls them once per distinct value, not once per row.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from lebak_dash.records.schema import IID_STAGES, KABUPATEN_WIDE, REGION, STAGES, vocabulary
from lebak_dash.records.textnorm import clean_text, compact_key, spaced_key

# ---------------------------------------------------------------------------------- stage
_STAGE_NAMES = {compact_key(s): s for s in STAGES} | {"deliver": "Delivery"}
_IID_NAMES = vocabulary("tahapan_iid")
_STAGE_NUMBER = re.compile(
    r"^\s*(?:tahap(?:an)?\s*)?([1-5])(?:[.,]0+)?(?!\d)\s*[.):-]?\s*([^\d.,].*)?$", re.DOTALL | re.IGNORECASE
)


@dataclass(frozen=True)
class StageResult:
    """Result of :func:`parse_stage`: the stage, or why there is none."""

    stage: str | None
    conflict_number: int | None = None


def parse_stage(text: str) -> StageResult:
    """Return the 5D stage a cell names.

    Case, spaces and hyphens do not matter; ``Deliver`` is Delivery; a leading number 1-5, with
    or without a dot, names the stage in 5D order.

    Examples
    --------
    >>> parse_stage("drum up").stage, parse_stage("3. Design").stage, parse_stage("4").stage
    ('Drum-up', 'Design', 'Delivery')
    >>> parse_stage("Selesai").stage is None
    True
    """
    match = _STAGE_NUMBER.match(text)
    if match:
        by_number = STAGES[int(match.group(1)) - 1]
        by_name = _STAGE_NAMES.get(compact_key(match.group(2) or ""))
        if by_name is None or by_name == by_number:
            # "3", "3.", "3. Design" and "3 - Perancangan" all name the third stage.
            return StageResult(by_number)
        return StageResult(None, conflict_number=int(match.group(1)))
    return StageResult(_STAGE_NAMES.get(compact_key(text)))


def parse_iid_stage(text: str) -> str | None:
    """Return the IID stage a cell names (``Uji-coba`` is Uji Coba), or None.

    Examples
    --------
    >>> parse_iid_stage("UJICOBA"), parse_iid_stage("penerapan"), parse_iid_stage("Design")
    ('Uji Coba', 'Penerapan', None)
    """
    return _IID_NAMES.get(compact_key(text))


def suggest_stage(text: str) -> str | None:
    """Return the 5D or IID stage closest to a stage nobody knows (``Desain`` -> Design), or None.

    Examples
    --------
    >>> suggest_stage("Desain"), suggest_stage("Uji Cobaa"), suggest_stage("xyz")
    ('Design', 'Uji Coba', None)
    """
    key = compact_key(text)
    names = {compact_key(s): s for s in (*STAGES, *IID_STAGES)}
    found = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=60) if key else None
    return names[found[0]] if found else None


# ------------------------------------------------------------------------------ kecamatan
_KEC_SPLIT = re.compile(r"\s*(?:[,;/\n\r]|\bdan\b|&)\s*", re.IGNORECASE)


def split_kecamatan(text: str) -> list[str]:
    """Split a kecamatan cell into the names it lists.

    Examples
    --------
    >>> split_kecamatan("Maja, Cibadak dan Sajira / Bayah")
    ['Maja', 'Cibadak', 'Sajira', 'Bayah']
    """
    return [clean_text(p) for p in _KEC_SPLIT.split(text) if clean_text(p)]


def is_kabupaten_wide(text: str, phrases: frozenset[str]) -> bool:
    """Return whether `text` means the whole kabupaten (``Semua Kecamatan``...)."""
    return spaced_key(text) in phrases or spaced_key(text) == spaced_key(KABUPATEN_WIDE)


# ---------------------------------------------------------------------------------- dates
_MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "peb": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "agus": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "nop": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}
_WEEKDAYS = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4}|\d{2})$")
_NAMED = re.compile(rf"^(?:{_WEEKDAYS},?\s+)?(?:(\d{{1,2}})\s+)?([a-z]+)\.?\s+(\d{{4}})$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Plausible Excel serial numbers for this domain: 1 January 1990 .. 31 December 2100.
_SERIAL_RANGE = (32874, 73415)


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """Return the date a cell holds, or None.

    Accepts Excel dates, Excel serial numbers, ``dd/mm/yyyy``, ``dd-mm-yyyy``, ``yyyy-mm-dd``
    and Indonesian (or English) month names, with or without the day.

    Examples
    --------
    >>> parse_date("28 November 2018"), parse_date("Mei 2019"), parse_date("05/08/2019")
    (datetime.date(2018, 11, 28), datetime.date(2019, 5, 1), datetime.date(2019, 8, 5))
    >>> parse_date("43432")
    datetime.date(2018, 11, 28)
    """
    value = clean_text(text).lower()  # so the ISO pattern's time separator is a lowercase "t"
    if not value:
        return None
    if m := _ISO.match(value):
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _DMY.match(value):
        year = int(m.group(3))
        year = year + 2000 if year < 100 else year
        return _make_date(year, int(m.group(2)), int(m.group(1)))
    if m := _NAMED.match(value):
        month = _MONTHS.get(m.group(2))
        if month is None:
            return None
        return _make_date(int(m.group(3)), month, int(m.group(1) or 1))
    if _SERIAL.match(value):
        serial = float(value)
        if _SERIAL_RANGE[0] <= serial <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
    return None


# --------------------------------------------------------------------------------- rupiah
_RP_PREFIX = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_SCALE = {
    "ribu": 1_000,
    "rb": 1_000,
    "juta": 1_000_000,
    "jt": 1_000_000,
    "miliar": 1_000_000_000,
    "milyar": 1_000_000_000,
    "m": 1_000_000_000,
    "triliun": 1_000_000_000_000,
}
_ID_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 15.000.000 / 15.000.000,00
_EN_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?$")  # 15,000,000
_ID_DECIMAL = re.compile(r"^\d+,\d+$")  # 1,5 (juta)
_PLAIN = re.compile(r"^\d+(?:\.\d+)?(?:e[+-]?\d+)?$", re.IGNORECASE)  # a number cell


def parse_rupiah(text: str) -> float | None:
    """Return the amount in rupiah a cell holds (not yet rounded), or None.

    Indonesian notation: ``.`` groups thousands and ``,`` starts decimals. Number cells arrive as
    plain numbers (``15000000``, ``1.5``).

    Examples
    --------
    >>> parse_rupiah("Rp 15.000.000"), parse_rupiah("Rp15.000.000,00"), parse_rupiah("15000000")
    (15000000.0, 15000000.0, 15000000.0)
    >>> parse_rupiah("Rp 1,5 miliar")
    1500000000.0
    """
    if text.isdigit():  # a whole-number cell, the common case
        return float(text) if len(text) < 16 else None
    value = clean_text(text).lower().replace(" ", "")
    value = _RP_PREFIX.sub("", value)
    value = value.removesuffix(",-").removesuffix(".-").removesuffix("-")
    scale = 1
    for word, factor in _SCALE.items():
        if value.endswith(word) and value[: -len(word)][-1:].isdigit():
            value, scale = value[: -len(word)], factor
            break
    if not value:
        return None
    if _ID_GROUPED.match(value):
        number = float(value.replace(".", "").replace(",", "."))
    elif _EN_GROUPED.match(value):
        number = float(value.replace(",", ""))
    elif _ID_DECIMAL.match(value):
        number = float(value.replace(",", "."))
    elif _PLAIN.match(value):
        number = float(value)
    else:
        return None
    number *= scale
    if not math.isfinite(number) or number >= 1e15:
        return None
    return number


# ----------------------------------------------------------------------------------- year
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?$")
_YEAR_IN_DATE = re.compile(r"^(\d{4})-\d{2}-\d{2}")
YEAR_RANGE = (2000, 2100)


def parse_year(text: str) -> int | None:
    """Return the year (2000-2100) a cell holds, or None.

    Examples
    --------
    >>> parse_year("2019"), parse_year("2019.0"), parse_year("1999")
    (2019, 2019, None)
    """
    value = clean_text(text)
    m = _YEAR.match(value) or _YEAR_IN_DATE.match(value)
    if not m:
        return None
    year = int(m.group(1))
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


# ---------------------------------------------------------------------------------- score
_DECIMAL = re.compile(r"^[-+]?\d+(?:[.,]\d+)?$")


def parse_score(text: str) -> float | None:
    """Return a score (a number >= 0, ``85`` or ``85,5``), or None.

    Examples
    --------
    >>> parse_score("85"), parse_score("92,5"), parse_score("-1"), parse_score("tinggi")
    (85.0, 92.5, None, None)
    """
    value = clean_text(text)
    if not _DECIMAL.match(value):
        return None
    number = float(value.replace(",", "."))
    return number if math.isfinite(number) and number >= 0 else None


# ------------------------------------------------------------------------------ OPD login
# IID writes the agency followed by its login: "Dinas Kesehatan (jatimprov.dinkes)".
_LOGIN = re.compile(r"\s*\(\s*[^()\s]+\s*\)\s*$")


def strip_login(text: str) -> str:
    """Return an OPD name without the trailing parenthesised login IID adds.

    Examples
    --------
    >>> strip_login("Dinas Kesehatan (jatimprov.dinkes)"), strip_login("Dinas Sosial (Bidang Rehabilitasi)")
    ('Dinas Kesehatan', 'Dinas Sosial (Bidang Rehabilitasi)')
    """
    stripped = _LOGIN.sub("", text)
    return stripped if stripped.strip() else text


# ---------------------------------------------------------------------------------- pemda
_REGION_WORDS = frozenset({"pemerintah", "pemkab", "pemkot", "pemda", "kabupaten", "kab", "kota"})


def _region_core(text: str) -> str:
    words = spaced_key(text).split()
    while words and words[0] in _REGION_WORDS:
        words = words[1:]
    return "".join(words)


def names_region(text: str, region: str = REGION) -> bool:
    """Return whether a ``Pemda`` cell names `region` (``Pemkab Lebak``, ``Kab. Lebak``, ``LEBAK``).

    `region` is the full name of the active region (:attr:`lebak_dash.records.region.Region.full_name`).

    Examples
    --------
    >>> names_region("Pemerintah Kabupaten Lebak"), names_region("Provinsi Jawa Timur")
    (True, False)
    """
    return _region_core(text) == _region_core(region)


# ------------------------------------------------------------------------------------ url
_URL = re.compile(r"^(?:https?://|www\.)[^\s<>\"']+$", re.IGNORECASE)


def is_url(text: str) -> bool:
    """Return whether `text` is a web address (``http(s)://`` or ``www.``)."""
    return bool(_URL.match(text.strip()))


def safe_href(text: str) -> str | None:
    """Return an ``https``/``http`` link for `text`, or None when it is not a web address.

    Examples
    --------
    >>> safe_href("www.lebakkab.go.id"), safe_href("javascript:alert(1)")
    ('https://www.lebakkab.go.id', None)
    """
    value = text.strip()
    if not is_url(value):
        return None
    return value if value.lower().startswith(("http://", "https://")) else "https://" + value
