"""Numbers, rupiah and dates the way Indonesian readers write them.

``1.234`` (dot groups thousands), ``Rp 15.000.000``, ``52,3%`` and ``28 November 2018``; English
uses ``1,234`` and ``52.3%``.
"""

from __future__ import annotations

import datetime as dt
import math

from lebak_dash.config import timezone

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, NaT and pd.NA compare unequal to themselves
    except TypeError:
        return True


def fmt_int(value: float | int | None, lang: str = "id") -> str:
    """Return a whole number with thousands grouped.

    Examples
    --------
    >>> fmt_int(1234567)
    '1.234.567'
    >>> fmt_int(1234567, "en")
    '1,234,567'
    """
    if value is None or _is_missing(value):
        return "-"
    text = f"{round(float(value)):,}"
    return text.replace(",", ".") if lang == "id" else text


def fmt_rupiah(value: float | int | None, lang: str = "id") -> str:
    """Return an amount in rupiah, e.g. ``Rp 15.000.000``."""
    return "-" if _is_missing(value) else f"Rp {fmt_int(value, lang)}"


def fmt_percent(share: float | None, lang: str = "id", digits: int = 0) -> str:
    """Return a share (0-1) as a percentage: ``52%``, ``52,3%`` with ``digits=1``.

    Examples
    --------
    >>> fmt_percent(0.523, digits=1)
    '52,3%'
    """
    if share is None or _is_missing(share) or math.isinf(share):
        return "-"
    text = f"{share * 100:.{digits}f}%"
    return text.replace(".", ",") if lang == "id" else text


def local_time(value: dt.datetime) -> dt.datetime:
    """Return `value` in the dashboard's time zone (:func:`lebak_dash.config.timezone`).

    Stored times are aware (UTC); a naive time is taken as already local.

    Examples
    --------
    >>> local_time(dt.datetime(2025, 11, 28, 20, 5, tzinfo=dt.UTC)).isoformat()
    '2025-11-29T03:05:00+07:00'
    """
    return value.astimezone(timezone()) if value.tzinfo is not None else value


def fmt_date(value: dt.date | dt.datetime | None, lang: str = "id") -> str:
    """Return a date as ``28 November 2018`` (an aware time: its date in the dashboard's time zone).

    Examples
    --------
    >>> fmt_date(dt.date(2019, 8, 5))
    '5 Agustus 2019'
    >>> fmt_date(dt.datetime(2025, 11, 28, 20, 5, tzinfo=dt.UTC))
    '29 November 2025'
    """
    if value is None or _is_missing(value):
        return "-"
    if isinstance(value, dt.datetime):
        value = local_time(value)
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def fmt_datetime(value: dt.datetime | None, lang: str = "id") -> str:
    """Return a date and time as ``28 November 2018 14.05 WIB`` (Indonesian uses a dot).

    The one way every page, file and command shows a time: an aware time is converted to the
    dashboard's time zone and named by its abbreviation.

    Examples
    --------
    >>> fmt_datetime(dt.datetime(2025, 11, 28, 20, 5, tzinfo=dt.UTC))
    '29 November 2025 03.05 WIB'
    >>> fmt_datetime(dt.datetime(2025, 11, 28, 20, 5, tzinfo=dt.UTC), "en")
    '29 November 2025 03:05 WIB'
    """
    if value is None or _is_missing(value):
        return "-"
    value = local_time(value)
    sep = "." if lang == "id" else ":"
    zone = f" {value.tzname()}" if value.tzinfo is not None else ""
    return f"{fmt_date(value, lang)} {value.hour:02d}{sep}{value.minute:02d}{zone}"
