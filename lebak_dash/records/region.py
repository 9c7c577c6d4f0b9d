"""The region the dashboard serves: its kind and name (``Kabupaten Lebak``), Kemendagri code and time zone.

The region is data, not code: the shipped default is ``data/reference/region.json`` (Kabupaten
Lebak); editors set another with ``python -m lebak_dash region set`` or on Referensi (versioned
and audited in the store, :mod:`lebak_dash.store.regions`). Titles, the kabupaten-wide words
(``Se-Kabupaten Bogor``, ``Se-Kota Serang``), the template and the exports take the region from
:attr:`lebak_dash.records.reference.Reference.region`.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from lebak_dash.i18n import render
from lebak_dash.records.textnorm import clean_text, spaced_key

REGION_FILE = Path(__file__).resolve().parents[2] / "data" / "reference" / "region.json"
#: The kinds of region (Kemendagri: 416 kabupaten, 98 kota).
KINDS = ("Kabupaten", "Kota")
#: Longest name and code accepted.
MAX_NAME, MAX_CODE = 80, 20
#: A region's name: letters, digits, spaces, ``-``, ``'`` and parentheses (``Kota Bau-Bau``,
#: ``Kabupaten Pangkajene dan Kepulauan``). The name goes into titles and texts everywhere, some of
#: them Markdown: with no ``[ ] * _ < > : / . @ # | ~ ` \``, it cannot make a link, an image,
#: emphasis or a tag, whatever it is shown in.
_NAME = re.compile(r"^[^\W_](?:[^\W_]|[ '()-])*$")
#: A Kemendagri code: digits, letters, dots, hyphens and spaces (``36.02``, ``3602``).
_CODE = re.compile(r"^[0-9A-Za-z. -]*$")


class RegionError(ValueError):
    """Raised when a region's fields cannot be used (``region.err.*`` key and its parameters)."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str = "id") -> str:
        """Return why the region cannot be used, in `lang`."""
        return render(self.key, lang, self.params)


@dataclass(frozen=True)
class Region:
    """A kabupaten or kota.

    Attributes
    ----------
    kind : {"Kabupaten", "Kota"}
    name : str
        Its name without the kind (``Lebak``).
    code : str
        Kemendagri code (``36.02``); free text, may be empty.
    timezone : str
        IANA time zone (``Asia/Jakarta`` is WIB, ``Asia/Makassar`` WITA, ``Asia/Jayapura`` WIT).
    """

    kind: str = "Kabupaten"
    name: str = "Lebak"
    code: str = "36.02"
    timezone: str = "Asia/Jakarta"

    @property
    def full_name(self) -> str:
        """Return the kind and the name (``Kabupaten Lebak``)."""
        return f"{self.kind} {self.name}"

    @property
    def wide_phrases(self) -> frozenset[str]:
        """Return the phrases (spaced keys) that mean the whole region.

        Examples
        --------
        >>> "se kabupaten bogor" in Region(name="Bogor").wide_phrases
        True
        >>> "se kota serang" in Region(kind="Kota", name="Serang").wide_phrases
        True
        """
        kind, full = spaced_key(self.kind), spaced_key(self.full_name)
        phrases = {"semua kecamatan", "seluruh kecamatan", "semua", "seluruh", kind, full}
        phrases |= {f"se {kind}", f"se{kind}", f"se {full}", f"se{full}", f"seluruh {kind}", f"seluruh {full}"}
        for word in ("semua", "seluruh"):
            phrases |= {f"{word} kecamatan se {full}", f"{word} kecamatan di {full}"}
        return frozenset(phrases)

    @property
    def slug(self) -> str:
        """Return the region in file names: the name for a kabupaten, ``kota_`` and the name for a kota.

        Examples
        --------
        >>> Region().slug, Region(kind="Kota", name="Bau-Bau").slug
        ('lebak', 'kota_bau_bau')
        """
        words = re.sub(r"[^0-9a-z]+", "_", self.name.casefold()).strip("_") or "daerah"
        return words if self.kind == "Kabupaten" else f"kota_{words}"

    def to_json(self) -> str:
        """Return the region as canonical JSON (what is stored and exported)."""
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    def to_dict(self) -> dict[str, str]:
        """Return the region's fields with its full name, for JSON reports."""
        return {**asdict(self), "full_name": self.full_name}


def make_region(kind: str, name: str, code: str = "", timezone: str = "Asia/Jakarta") -> Region:
    """Return a checked :class:`Region`.

    Parameters
    ----------
    kind : str
        ``Kabupaten`` or ``Kota`` (case aside; ``Kab.`` and ``Kab`` are Kabupaten).
    name : str
        Without the kind; a leading kind is taken off (``Kabupaten Bogor`` is Bogor).
    code : str
    timezone : str
        An IANA name.

    Raises
    ------
    RegionError
        ``region.err.kind``, ``region.err.name``, ``region.err.code`` or ``region.err.timezone``.

    Examples
    --------
    >>> make_region("kab", "Kabupaten Bogor", "32.01").full_name
    'Kabupaten Bogor'
    """
    kind_key = spaced_key(kind).replace(" ", "")
    kinds = {"kabupaten": "Kabupaten", "kab": "Kabupaten", "kota": "Kota"}
    if kind_key not in kinds:
        raise RegionError("region.err.kind", value=clean_text(kind)[:40], kinds=", ".join(KINDS))
    kind_name = kinds[kind_key]
    name = " ".join(clean_text(name).split())
    for prefix in (*KINDS, "Kab.", "Kab"):
        if name.casefold().startswith(prefix.casefold() + " "):
            name = name[len(prefix) + 1 :].strip()
            break
    if not name or len(name) > MAX_NAME or not _NAME.match(name):
        raise RegionError("region.err.name", limit=MAX_NAME)
    code = " ".join(clean_text(code).split())
    if len(code) > MAX_CODE or not _CODE.match(code):
        raise RegionError("region.err.code", limit=MAX_CODE)
    zone = clean_text(timezone) or "Asia/Jakarta"
    if not valid_timezone(zone):
        raise RegionError("region.err.timezone", value=zone[:60])
    return Region(kind_name, name, code, zone)


@lru_cache(maxsize=64)
def valid_timezone(name: str) -> bool:
    """Return whether `name` is an IANA time zone this machine knows."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return "/" in name or name == "UTC"


def region_from_json(text: str | bytes) -> Region:
    """Return the region of a JSON object ``{"kind", "name", "code", "timezone"}``.

    Raises
    ------
    RegionError
    """
    try:
        fields = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RegionError("region.err.json") from exc
    if not isinstance(fields, dict):
        raise RegionError("region.err.json")
    return make_region(
        str(fields.get("kind", "")),
        str(fields.get("name", "")),
        str(fields.get("code", "")),
        str(fields.get("timezone", "") or "Asia/Jakarta"),
    )


@lru_cache(maxsize=1)
def default_region() -> Region:
    """Return the shipped region (``data/reference/region.json``: Kabupaten Lebak)."""
    return region_from_json(REGION_FILE.read_bytes())
