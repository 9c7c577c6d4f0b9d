"""Markdown- and HTML-active user text everywhere a user can put text, and a check that none of it is live.

**The payloads** (:func:`payloads`): for each *place* a user can write text (an innovation's
name, an OPD name, a kecamatan name, a file name...), five strings that would become an image
fetched from an outside server, a ``javascript:`` link, an HTML link, bold text or a tag if
shown unescaped. Each carries :data:`MARK` and the place's name, so a failure says where the
text came from.

**The places** (:data:`PLACES`): one function per place, each putting its payloads into a
:class:`Hostile` (the rows of an uploaded workbook, the OPD list, file names, notes...).
:func:`hostile_store` then builds a store from it: an OPD list and two workbook versions, all
carrying payloads. **To add a place** (issue 11's region names and column-mapping headers,
issue 12's...), add one function to :data:`PLACES`::

    def _region(h: Hostile) -> None:
        for text in payloads("region"):
            h.rows.append({**h.base_row(), "pemda": text})
    PLACES["region"] = _region

    def _mapping_header(h: Hostile) -> None:  # something stored beside the versions
        h.after.append(lambda store: store.save_mapping("Kolom", {text: "nama" for text in payloads("header")}))

Every page test (tests/test_escaping.py) then covers the new place.

**The check** (:func:`live_markup`): walks an AppTest element tree and returns every image,
link, raw HTML or emphasis made *from a payload*: Markdown strings are parsed as CommonMark
with GFM autolinks (markdown-it-py, as Streamlit's react-markdown reads them), ``st.table``
cells too, ``st.html`` bodies as HTML, and Plotly figures' titles, labels, hover and text as
Plotly's own HTML subset (which renders ``<a href>``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

MARK = "ZQX"
#: What a payload link or image points at.
EVIL = "evil.example"


def payloads(place: str) -> list[str]:
    """Return the five hostile texts of `place` (each names the place, each unique)."""
    tag = f"{MARK}-{place}"
    return [
        f"![{tag}-img](http://{EVIL}/{place}.png)",
        f"[{tag}-js](javascript:alert(1))",
        f'<a href="http://{EVIL}/{place}">{tag}-a</a>',
        f"**{tag}-bold** _{tag}-em_",
        f"{tag}-lt < 3 & <b>x</b> https://{EVIL}/{place}",
    ]


@dataclass
class Hostile:
    """What the places fill: the store :func:`hostile_store` builds is made from it.

    Attributes
    ----------
    rows : list of dict
        Innovations of the uploaded workbooks (records columns: ``nama``, ``opd``...).
    opd_rows : list of dict
        Extra rows of the uploaded OPD list (``nama``, ``singkatan``, ``alias``, ``jenis``, ``terverifikasi``).
    workbook_names, opd_list_name : str
        File names of the uploads.
    notes : list of str
        Notes of the versions.
    after : list of callable
        Run on the finished store (for places stored beside the versions).
    """

    rows: list[dict] = field(default_factory=list)
    opd_rows: list[dict] = field(default_factory=list)
    workbook_names: list[str] = field(default_factory=lambda: ["data.csv", "data2.csv"])
    opd_list_name: str = "opd.csv"
    notes: list[str] = field(default_factory=lambda: ["", ""])
    after: list[Callable[[object], None]] = field(default_factory=list)

    @staticmethod
    def base_row(i: int = 0) -> dict:
        """Return an ordinary innovation row to start a hostile one from."""
        return {
            "kode": f"HOST-{i}",
            "nama": f"Inovasi biasa {i}",
            "opd": "Dinas Kesehatan",
            "tahapan": ("Drum-up", "Diagnose", "Design", "Delivery", "Display")[i % 5],
            "kecamatan": ("Maja",),
            "tahun": 2019 + i % 3,
            "jenis": "Digital",
        }


def _innovation(h: Hostile) -> None:
    for i, text in enumerate(payloads("nama")):
        h.rows.append({**h.base_row(100 + i), "nama": text, "deskripsi": text, "tautan": text})


def _opd(h: Hostile) -> None:
    """Payload OPD names in the OPD list (so known OPDs, in every chart), with payload kinds (``jenis``)."""
    for i, (name, kind) in enumerate(zip(payloads("opd"), payloads("jenis"), strict=True)):
        h.opd_rows.append({"nama": name, "singkatan": f"HX{i}", "alias": "", "jenis": kind, "terverifikasi": "ya"})
        h.rows.append({**h.base_row(200 + i), "opd": name})


def _unknown_opd(h: Hostile) -> None:
    for i, text in enumerate(payloads("opd_asing")):
        h.rows.append({**h.base_row(300 + i), "opd": text})


def _kecamatan(h: Hostile) -> None:
    for i, text in enumerate(payloads("kecamatan")):
        h.rows.append({**h.base_row(400 + i), "kecamatan": (text,)})


def _kecamatan_list(h: Hostile) -> None:
    """Payload kecamatan names in an uploaded kecamatan list (known kecamatan then: on the map, in the bars)."""
    import csv
    import io

    names = payloads("kecamatan_list")
    for i, name in enumerate(names):
        h.rows.append({**h.base_row(450 + i), "kecamatan": (name,)})

    def upload(store) -> None:
        bundled = Path(__file__).resolve().parents[1] / "data" / "reference" / "kecamatan.csv"
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerows(csv.reader(io.StringIO(bundled.read_text(encoding="utf-8"))))
        writer.writerows([f"X.{i}", name, "", -6.9 + 0.05 * i, 106.0 + 0.05 * i, ""] for i, name in enumerate(names))
        filename, note = payloads("daftar_kecamatan")[:2]
        candidate = store.check_kecamatan(out.getvalue().encode(), filename + ".csv")
        store.add_kecamatan(candidate, by="siti", note=note)

    h.after.append(upload)


def _files_and_notes(h: Hostile) -> None:
    first, second = payloads("berkas")[:2]
    h.workbook_names = [first + ".csv", second + ".csv"]
    h.opd_list_name = payloads("daftar")[2] + ".csv"
    h.notes = payloads("catatan")[:2]


def _boundaries(h: Hostile) -> None:
    """Kecamatan boundaries (squares at two centroids) with a payload file name, attribution and note."""
    name, note, attribution = payloads("batas")[:3]

    def add(store) -> None:
        reference = store.reference()
        table = reference.kecamatan.head(2)
        features = [
            {
                "type": "Feature",
                "properties": {"nama": n},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[x - 0.01, y - 0.01], [x + 0.01, y - 0.01], [x + 0.01, y + 0.01], [x - 0.01, y - 0.01]]
                    ],
                },
            }
            for n, x, y in zip(table["nama"], table["lon"], table["lat"], strict=True)
        ]
        data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
        candidate = store.check_boundaries(data, name + ".geojson", attribution=attribution)
        store.add_boundaries(candidate, by="siti", note=note)

    h.after.append(add)


#: Every place a user puts text, each a function filling a :class:`Hostile` (add new places here).
PLACES: dict[str, Callable[[Hostile], None]] = {
    "innovation": _innovation,
    "opd": _opd,
    "unknown_opd": _unknown_opd,
    "kecamatan": _kecamatan,
    "kecamatan_list": _kecamatan_list,
    "files_and_notes": _files_and_notes,
    "boundaries": _boundaries,
}


def hostile() -> Hostile:
    """Return a :class:`Hostile` filled by every place."""
    h = Hostile(rows=[Hostile.base_row(i) for i in range(6)])
    for fill in PLACES.values():
        fill(h)
    return h


def workbook_bytes(rows: list[dict]) -> bytes:
    """Return a CSV workbook of `rows` (records columns), as the export writes it."""
    import pandas as pd

    from lebak_dash.exports.tables import records_to_csv

    from .store_helpers import sample_records

    frame = pd.DataFrame(rows).reindex(columns=sample_records().columns).astype(object)
    frame["tahun"] = pd.array(frame["tahun"], dtype="Int64")
    frame["anggaran"] = pd.array(frame["anggaran"], dtype="Int64")
    return records_to_csv(frame)


def opd_list_bytes(extra: list[dict], root: Path) -> bytes:
    """Return the bundled OPD list with `extra` rows."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["nama", "singkatan", "alias", "jenis", "terverifikasi"])
    writer.writerows(extra)
    base = (root / "data" / "reference" / "opd.csv").read_text(encoding="utf-8").rstrip("\n")
    return (base + "\n" + out.getvalue()).encode("utf-8")


def hostile_store(folder: Path, root: Path):
    """Return a store whose every user text is a payload: an OPD list, then two workbook versions."""
    from lebak_dash.store import Store

    h = hostile()
    store = Store.open(folder)
    candidate = store.check_reference(opd_list_bytes(h.opd_rows, root), h.opd_list_name)
    store.add_reference(candidate, by="siti", note=h.notes[0])
    first = workbook_bytes(h.rows)
    moved = [{**row, "tahapan": "Display"} if i % 2 else row for i, row in enumerate(h.rows)]
    for data, name, note in zip((first, workbook_bytes(moved)), h.workbook_names, h.notes, strict=True):
        checked = store.check(data, name, isolated=False)
        assert checked.ok, [i.message() for i in checked.result.errors]
        store.add_version(checked, by="siti", note=note)
    for step in h.after:
        step(store)
    return store


# ------------------------------------------------------------------------------------- the check
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "linkify": True}).enable(["linkify", "strikethrough"])
    md.validateLink = lambda _url: True  # see every link, even those a browser would refuse
    return md


_MD = None


def markdown_problems(source: str) -> list[str]:
    """Return what in Markdown `source` is live markup made from a payload (empty: nothing)."""
    global _MD
    if MARK not in source and EVIL not in source:
        return []
    _MD = _MD or _markdown()
    problems = []
    for block in _MD.parse(source):
        for token in [block, *(block.children or [])]:
            attrs = " ".join(str(v) for v in (token.attrs or {}).values())
            if token.type in ("link_open", "image") and (EVIL in attrs or "javascript:" in attrs or MARK in attrs):
                problems.append(f"{token.type} {attrs!r}")
            elif token.type in ("image",) and MARK in token.content:
                problems.append(f"image {token.content!r}")
            elif token.type in ("html_inline", "html_block") and (MARK in token.content or EVIL in token.content):
                problems.append(f"{token.type} {token.content!r}")
        inline = [block, *(block.children or [])]
        inside: list[str] = []
        for token in inline:
            if token.type in ("strong_open", "em_open", "s_open", "link_open"):
                inside.append(token.type)
            elif token.type.endswith("_close") and inside:
                inside.pop()
            elif inside and token.type == "text" and MARK in token.content:
                problems.append(f"{inside[-1]} around {token.content!r}")
    return problems


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = " ".join(f"{k}={v}" for k, v in attrs)
        if MARK in values or EVIL in values or (tag in ("a", "img") and "javascript:" in values):
            self.problems.append(f"<{tag} {values}>")


def html_problems(source: str) -> list[str]:
    """Return the tags of HTML `source` that carry a payload (its text may, escaped)."""
    parser = _Tags()
    parser.feed(source)
    return parser.problems


#: The tags our own figures use (Plotly's HTML subset); any other tag in a figure string is user text.
PLOTLY_TAGS = {"br", "b", "/b", "i", "/i", "extra", "/extra", "sup", "/sup", "sub", "/sub"}
#: Figure keys that Plotly never shows as text.
_PLOTLY_SILENT = {"customdata", "ids", "uid", "meta", "legendgroup", "hovertemplate", "texttemplate", "uirevision"}


def plotly_problems(figure: dict) -> list[str]:
    """Return the strings of a Plotly figure (its JSON) that hold a tag or a link made from user text."""
    import re

    tag = re.compile(r"<\s*(/?\s*[A-Za-z]+)")
    problems = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in _PLOTLY_SILENT:
                    walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for item in value:
                walk(item, path)
        elif isinstance(value, str) and (MARK in value or EVIL in value):
            found = {m.replace(" ", "").lower() for m in tag.findall(value)}
            if found - PLOTLY_TAGS or (EVIL in re.sub(r"&[a-z]+;", "", value) and "<a" in value.lower()):
                problems.append(f"{path}: {value!r}")

    walk(figure.get("data", []), "data")
    walk(figure.get("layout", {}), "layout")
    # A template shows the customdata it names: those fields are user text too.
    for trace in figure.get("data", []):
        template = " ".join(str(trace.get(k, "")) for k in ("hovertemplate", "texttemplate"))
        if "customdata" in template:
            walk({"customdata": None, "shown": trace.get("customdata")}, "data.customdata")
    return problems


#: Elements whose text is shown as plain text, never Markdown (their strings are not checked as such).
_PLAIN_ELEMENTS = {"text", "code", "exception", "json", "arrow_data_frame", "dataframe"}
#: Fields that hold values, ids or files rather than shown Markdown.
_PLAIN_FIELDS = {
    "id",
    "form_id",
    "default",
    "set_value",
    "raw_value",
    "raw_values",
    "value",
    "url",
    "deferred_file_id",
    "placeholder",
    "spec",
    "config",
    "arrow_data",
    "icon",
    "selection_mode",
}


def _strings(message, skip: set[str]) -> Iterator[str]:
    for descriptor, value in message.ListFields():
        if descriptor.name in skip:
            continue
        if descriptor.type == descriptor.TYPE_STRING:
            yield from (value if descriptor.is_repeated else [value])
        elif descriptor.type == descriptor.TYPE_MESSAGE:
            items = value if descriptor.is_repeated else [value]
            for item in items:
                if hasattr(item, "ListFields"):
                    yield from _strings(item, skip)


def _walk(node) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def live_markup(at) -> list[str]:
    """Return every live image, link, HTML tag or emphasis made from a payload on the page `at` shows."""
    problems: list[str] = []
    for node in _walk(at._tree):
        kind, proto = getattr(node, "type", None), getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields") or kind in _PLAIN_ELEMENTS:
            continue
        where = f"{kind}"
        if kind == "plotly_chart":
            problems += [f"{where}: {p}" for p in plotly_problems(json.loads(proto.spec))]
            continue
        if kind == "html":
            problems += [f"{where}: {p}" for p in html_problems(proto.body)]
            continue
        if kind == "table":
            frame = node.value
            cells = [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
            problems += [f"{where}: {p}" for cell in cells for p in markdown_problems(cell)]
        skip = set(_PLAIN_FIELDS)
        if kind in ("selectbox", "multiselect"):
            skip.add("options")  # shown as plain text
        for text in _strings(proto, skip):
            problems += [f"{where}: {p}" for p in markdown_problems(text)]
            if kind == "markdown" and getattr(proto, "allow_html", False):
                problems += [f"{where} (html): {p}" for p in html_problems(text)]
    return problems


def shown_marks(at) -> int:
    """Return how many element strings carry :data:`MARK` (so a check that finds nothing saw something)."""
    count = 0
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        if getattr(node, "type", None) in ("plotly_chart",):
            count += MARK in proto.spec
            continue
        count += sum(MARK in s for s in _strings(proto, {"arrow_data"}))
    return count
