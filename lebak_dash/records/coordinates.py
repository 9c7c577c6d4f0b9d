"""Coordinates as people type them: decimal degrees, decimal commas, degrees-minutes-seconds, map links.

:func:`parse_coordinates` reads one ``Koordinat`` cell (latitude first), :func:`parse_degrees` one
cell of a ``Lintang``/``Bujur`` column. Both return degrees or None; whether a point lies in
Indonesia is :func:`in_indonesia`'s question, asked afterwards, so the importer can say which of
the two went wrong.
"""

from __future__ import annotations

import math
import re
from urllib.parse import unquote

from lebak_dash.records.textnorm import clean_text

#: Latitude and longitude bounds of Indonesia (degrees), generous by a degree or so.
LAT_RANGE = (-11.0, 6.0)
LON_RANGE = (95.0, 141.0)

_NUMBER = r"[-+−]?\d{1,3}(?:[.,]\d+)?"
# "lat, lon" with decimal points or commas, optionally in parentheses, optionally a trailing comma.
_PAIR = re.compile(rf"^\(?\s*({_NUMBER})\s*(?:[,;]|\s)\s*({_NUMBER})\s*\)?\s*,?$")
# "Lintang: -7.4 Bujur: 111.4", "Lat -7.05° Long 112.03°".
_NAMED = re.compile(
    rf"(?:lintang|latitude|lat)\s*[:=]?\s*({_NUMBER})\s*°?\s*[,;]?\s*(?:bujur|longitude|long|lng|lon)\s*[:=]?\s*({_NUMBER})",
    re.IGNORECASE,
)
# A map link: ".../@-6.35,106.25,17z" or "?q=-6.35,106.25" (also ll=, query=, destination=).
_LINK = re.compile(r"(?:@|[?&](?:q|ll|query|destination)=)([-+]?\d{1,3}\.\d+),\s*([-+]?\d{1,3}\.\d+)")
# One degrees[-minutes[-seconds]] component with its hemisphere: 7°44'4.50"S, 113°13'15.83"E, 7.87°S, 6 21 0 LS.
_DMS = re.compile(
    r"(\d{1,3}(?:[.,]\d+)?)\s*[°º*]\s*"
    r"(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?"
    r"(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:\"|''|″|”|’’)\s*)?"
    r"(LU|LS|BT|BB|[NSEWUTB])\b",
    re.IGNORECASE,
)
_SOUTH_WEST = {"s", "ls", "w", "bb", "b"}
_LATITUDE_HEMISPHERES = {"n", "s", "u", "lu", "ls"}


def _number(text: str) -> float:
    return float(text.replace("−", "-").replace(",", "."))


def parse_degrees(text: str) -> float | None:
    """Return the degrees one cell holds (``-6.35``, ``-6,35``, ``106.25°``), or None.

    Examples
    --------
    >>> parse_degrees("-6,35"), parse_degrees(" 106.25° "), parse_degrees("utara")
    (-6.35, 106.25, None)
    """
    value = clean_text(text).replace("°", "").strip()
    if not re.fullmatch(r"[-+−]?\d+(?:[.,]\d+)?", value):
        return None
    number = _number(value)
    return number if math.isfinite(number) else None


def _dms(match: re.Match[str]) -> tuple[float, bool]:
    degrees = _number(match.group(1))
    minutes = _number(match.group(2)) if match.group(2) else 0.0
    seconds = _number(match.group(3)) if match.group(3) else 0.0
    value = degrees + minutes / 60 + seconds / 3600
    hemisphere = match.group(4).lower()
    return (-value if hemisphere in _SOUTH_WEST else value), hemisphere in _LATITUDE_HEMISPHERES


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """Return ``(latitude, longitude)`` of a ``Koordinat`` cell, or None when it is not one of the forms.

    Accepted: ``-6.35, 106.25``; decimal commas ``-6,35, 106,25``; degrees-minutes-seconds
    ``6°21'0.0"S 106°15'0.0"E`` (also ``LS``/``BT``); ``Lintang: ... Bujur: ...``; a map link
    carrying ``@lat,lon`` or ``q=lat,lon``.

    Examples
    --------
    >>> parse_coordinates("-7,325387, 112,731079")
    (-7.325387, 112.731079)
    >>> [round(v, 4) for v in parse_coordinates("7°44'4.50\\"S 113°13'15.83\\"E")]
    [-7.7346, 113.2211]
    >>> parse_coordinates("https://maps.google.com/?q=-6.35,106.25"), parse_coordinates("Jalan Raya 1")
    ((-6.35, 106.25), None)
    """
    value = clean_text(text).replace("\uf0b0", "°")
    if not value:
        return None
    if match := _PAIR.match(value):
        return _number(match.group(1)), _number(match.group(2))
    if match := _NAMED.search(value):
        return _number(match.group(1)), _number(match.group(2))
    if match := _LINK.search(unquote(value)):
        return float(match.group(1)), float(match.group(2))
    parts = [_dms(m) for m in _DMS.finditer(value)]
    if len(parts) == 2:
        (first, first_is_lat), (second, second_is_lat) = parts
        if first_is_lat and not second_is_lat:
            return first, second
        if second_is_lat and not first_is_lat:
            return second, first
    return None


def in_indonesia(lat: float, lon: float) -> bool:
    """Return whether a point lies within Indonesia's bounds (:data:`LAT_RANGE`, :data:`LON_RANGE`).

    Examples
    --------
    >>> in_indonesia(-6.35, 106.25), in_indonesia(106.25, -6.35)
    (True, False)
    """
    return LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]
