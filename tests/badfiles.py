"""Builders of hostile files: zip bombs, lying zip headers, dense ranges, XML entity tricks.

The zip writer here deflates by hand so that a part of gigabytes costs milliseconds to build:
after a full flush the deflate state is reset, so the compressed bytes of one megabyte of
padding can be repeated as often as needed and still form one valid stream.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}</Types>'
)
_SHEET_CT = (
    '<Override PartName="/xl/worksheets/sheet{i}.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"


@dataclass
class Part:
    """One zip entry: ``prefix + chunk * repeat + suffix``, optionally declaring a false size."""

    name: str
    prefix: bytes
    chunk: bytes = b""
    repeat: int = 0
    suffix: bytes = b""
    declared_size: int | None = None

    @property
    def size(self) -> int:
        return len(self.prefix) + len(self.chunk) * self.repeat + len(self.suffix)


def build_zip(parts: list[Part]) -> bytes:
    """Return a zip of `parts`, deflated by hand (sizes below 4 GiB, no zip64)."""
    out = bytearray()
    central = bytearray()
    for part in parts:
        deflater = zlib.compressobj(9, zlib.DEFLATED, -15)
        raw = deflater.compress(part.prefix) + deflater.flush(zlib.Z_FULL_FLUSH)
        if part.repeat:
            block = deflater.compress(part.chunk) + deflater.flush(zlib.Z_FULL_FLUSH)
            raw += block * part.repeat
        raw += deflater.compress(part.suffix) + deflater.flush()
        size = part.size if part.declared_size is None else part.declared_size
        # The checksum of what the header declares (a bomb's real checksum is never reached).
        crc = 0
        if size <= 64 << 20:
            content = part.prefix + part.chunk * min(part.repeat, size // max(1, len(part.chunk)) + 1) + part.suffix
            crc = zlib.crc32(content[:size])
        name = part.name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(raw), size, len(name), 0) + name
        out += raw
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(raw), size, len(name), 0, 0, 0, 0, 0, offset
        )
        central += name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(parts), len(parts), len(central), len(out), 0)
    return bytes(out + central + end)


def col(index: int) -> str:
    """Return the Excel letters of a 0-based column."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def istr(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(text)}</t></is></c>'


def header_rows(first: int = 1) -> bytes:
    """Return a header row and one valid data row, as sheetData XML."""
    cells = ["Nama Inovasi", "OPD", "Tahapan 5D"]
    values = ["Inovasi A", "Dinkes", "Design"]
    head = "".join(istr(f"{col(j)}{first}", h) for j, h in enumerate(cells))
    row = "".join(istr(f"{col(j)}{first + 1}", v) for j, v in enumerate(values))
    return f'<row r="{first}">{head}</row><row r="{first + 1}">{row}</row>'.encode()


def xlsx_parts(sheets: list[tuple[str, Part]], extra: list[Part] | None = None) -> list[Part]:
    """Return the parts of an xlsx whose worksheets are the given parts (named sheetN.xml)."""
    book = "".join(
        f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>' for i, (name, _p) in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        f'worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    parts = [
        Part("[Content_Types].xml", _CT.format(sheets="".join(_SHEET_CT.format(i=i) for i in range(1, 99))).encode()),
        Part("_rels/.rels", _RELS.encode()),
        Part(
            "xl/workbook.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships"><sheets>{book}</sheets></workbook>'
            ).encode(),
        ),
        Part(
            "xl/_rels/workbook.xml.rels",
            (
                '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                f'package/2006/relationships">{rels}</Relationships>'
            ).encode(),
        ),
    ]
    for i, (_name, part) in enumerate(sheets, start=1):
        part.name = f"xl/worksheets/sheet{i}.xml"
        parts.append(part)
    return parts + (extra or [])


def sheet_part(body: bytes, chunk: bytes = b"", repeat: int = 0, tail: bytes = b"") -> Part:
    """Return a worksheet part: header rows, `body`, then `chunk` repeated, then `tail`."""
    return Part("", _SHEET_HEAD + header_rows() + body, chunk, repeat, tail + _SHEET_TAIL)


def simple_xlsx(body: bytes = b"", **kwargs) -> bytes:
    """Return a one-sheet xlsx (sheet ``Data``) with a header, one row and `body` after them."""
    return build_zip(xlsx_parts([("Data", sheet_part(body, **kwargs))]))


def big_xlsx(rows: int) -> bytes:
    """Return a legitimate xlsx of `rows` innovations, written as raw XML (fast)."""
    header = ["No", "Kode Inovasi", "Nama Inovasi", "OPD", "Tahapan 5D", "Kecamatan", "Tahun", "Anggaran (Rp)"]
    opds = ["Dinkes", "Disdik", "Dinsos", "DLH", "Bappeda", "Dishub", "Kec. Maja"]
    stages = ["Drum-up", "Diagnose", "Design", "Delivery", "Display"]
    kecamatan = ["Maja", "Cibadak, Maja", "Semua Kecamatan", "Bayah dan Cihara", ""]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for part in xlsx_parts([("Data", Part("", b""))])[:-1]:
            zf.writestr(part.name, part.prefix)
        with zf.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(_SHEET_HEAD)
            sheet.write(("<row r='1'>".replace("'", '"') + "".join(istr(f"{col(j)}1", h) for j, h in enumerate(header))
                         + "</row>").encode())  # fmt: skip
            batch = []
            for i in range(2, rows + 2):
                batch.append(
                    f'<row r="{i}"><c r="A{i}"><v>{i - 1}</v></c>{istr(f"B{i}", f"K-{i}")}'
                    f"{istr(f'C{i}', f'Inovasi {i}')}{istr(f'D{i}', opds[i % 7])}{istr(f'E{i}', stages[i % 5])}"
                    f'{istr(f"F{i}", kecamatan[i % 5])}<c r="G{i}"><v>{2018 + i % 9}</v></c>'
                    f'<c r="H{i}"><v>{i * 1000}</v></c></row>'
                )
                if len(batch) == 5000:
                    sheet.write("".join(batch).encode())
                    batch = []
            sheet.write("".join(batch).encode() + _SHEET_TAIL)
    return buffer.getvalue()


def rewrite_zip(data: bytes, edits: dict[str, object]) -> bytes:
    """Return the zip `data` with parts replaced (bytes) or transformed (a function of the bytes)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            content = source.read(info.filename)
            edit = edits.get(info.filename)
            if callable(edit):
                content = edit(content)
            elif edit is not None:
                content = edit
            out.writestr(info, content, compress_type=info.compress_type)
    return buffer.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
    b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>'
)
EXTERNAL_ENTITY = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_declaration(declaration: bytes, entity: bytes, needle: bytes | None = None):
    """Return an edit that puts `declaration` on top of an XML part and `entity` into its text."""

    def edit(content: bytes) -> bytes:
        body = content.split(b"?>", 1)[1] if content.startswith(b"<?xml") else content
        if needle is not None and needle in body:
            body = body.replace(needle, entity, 1)
        else:
            body = re.sub(rb"(<t[^>]*>)", lambda m: m.group(1) + entity, body, count=1)
        return declaration + body

    return edit


def ods_with_rows(data: bytes, rows_xml: str, sheet: str = "Data 2019") -> bytes:
    """Return the ods `data` with `rows_xml` inserted after the last row holding a value of `sheet`."""

    def edit(content: bytes) -> bytes:
        text = content.decode()
        start = text.index(f'<table:table table:name="{sheet}"')
        end = text.index("</table:table>", start)
        # LibreOffice ends each sheet with empty padding rows; insert before them.
        pad = text.rfind('<table:table-row table:style-name="ro1" table:number-rows-repeated=', start, end)
        at = pad if pad > 0 else end
        return (text[:at] + rows_xml + text[at:]).encode()

    return rewrite_zip(data, {"content.xml": edit})
