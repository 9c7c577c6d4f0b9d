"""Safety checks of a zip-based workbook (xlsx, xlsm, ods) before any parser sees it.

Every part is decompressed in a streaming pass that stops at the limits (a zip's declared sizes
can lie), XML parts are scanned for DTD and entity declarations, and worksheets for their cell and
row counts and their extent (:func:`check_container`). The merged ranges found on the way are
returned for the header detection to fill down.
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException

from lebak_dash.config import Limits
from lebak_dash.ingest.cells import column_index, column_letter
from lebak_dash.ingest.errors import ReadError, size_text

#: Formats whose files are zip containers.
XLSX, ODS = "xlsx", "ods"
CHUNK = 1 << 20
_XML_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_MERGE = re.compile(rb"<mergeCell\b[^>]*?\bref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


def check_container(
    data: bytes, fmt: str, limits: Limits, sheet_of_part: dict[str, str] | None = None
) -> dict[str, list[tuple[int, int, int, int]]]:
    """Check a zip-based workbook before parsing; return the merged ranges of its sheets.

    Every part is decompressed in a streaming pass that stops at the limit (the sizes a zip
    declares can lie, so a part that decompresses past its declared size is refused), XML parts
    are scanned for DTD and entity declarations, and worksheets for their cell and row counts and
    their extent.

    Parameters
    ----------
    data : bytes
        The whole file.
    fmt : str
        ``xlsx`` or ``ods``.
    limits : Limits
    sheet_of_part : dict, optional
        Sheet name of each worksheet part, for the messages; parts named here are scanned as
        worksheets wherever they sit in the zip.

    Returns
    -------
    dict
        For xlsx, worksheet part name (``xl/worksheets/sheet1.xml``) to its merged ranges; for
        ods, sheet name to its merged ranges.

    Raises
    ------
    ReadError
        When a limit is exceeded, the zip is corrupt or an XML part declares entities.
    """
    merges: dict[str, list[tuple[int, int, int, int]]] = {}
    sheet_of_part = sheet_of_part or {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ReadError("file.corrupt", detail="detail.zip_corrupt") from exc
    view = memoryview(data)
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.max_parts:
            raise ReadError("file.too_many_parts", count=len(infos), limit=limits.max_parts)
        declared = sum(i.file_size for i in infos)
        if declared > limits.max_expanded_bytes:
            raise ReadError("file.too_expanded", size=size_text(declared), limit=size_text(limits.max_expanded_bytes))
        total = 0
        for info in infos:
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise ReadError("file.encrypted")
            is_sheet = fmt == XLSX and (info.filename in sheet_of_part or info.filename.startswith("xl/worksheets/"))
            is_ods_content = fmt == ODS and info.filename == "content.xml"
            label = sheet_of_part.get(info.filename, info.filename.rsplit("/", 1)[-1])
            scan: _XlsxScan | _OdsScan | None = None
            if is_sheet:
                scan = _XlsxScan(label, limits)
            elif is_ods_content:
                scan = _OdsScan(limits)
            # Any part may be read as XML by the parser (a sheet can be renamed), so only parts
            # that are plainly binary skip the DTD check.
            check_decl = not info.filename.lower().endswith(_BINARY_PARTS)
            size = 0
            carry = b""
            try:
                for chunk in _part_chunks(view, info):
                    size += len(chunk)
                    total += len(chunk)
                    if total > limits.max_expanded_bytes:
                        raise ReadError(
                            "file.too_expanded",
                            size="> " + size_text(limits.max_expanded_bytes),
                            limit=size_text(limits.max_expanded_bytes),
                        )
                    if info.compress_size and size > 10 * CHUNK and (size / info.compress_size > limits.max_ratio):
                        raise ReadError(
                            "file.too_expanded",
                            size=f"{size / info.compress_size:.0f}x",
                            limit=f"{limits.max_ratio:.0f}x",
                        )
                    # A declaration anywhere in the part, even across two chunks, is refused.
                    if check_decl and (_XML_DECL.search(carry + chunk[:64]) or _XML_DECL.search(chunk)):
                        raise ReadError("file.xml_entity")
                    carry = chunk[-16:]
                    if scan is not None:
                        scan.feed(chunk)
            except (zlib.error, struct.error, ValueError) as exc:
                raise ReadError("file.corrupt", detail="detail.part_damaged", part=info.filename) from exc
            if scan is not None:
                scan.finish()
                if isinstance(scan, _OdsScan):
                    merges.update(scan.merges)
                elif scan.merges:
                    merges[info.filename] = scan.merges
    return merges


_BINARY_PARTS = (".png", ".jpeg", ".jpg", ".gif", ".emf", ".wmf", ".bmp", ".tif", ".tiff", ".bin", ".svm")


def _part_chunks(data: memoryview, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Yield the decompressed content of one zip part in chunks, checking what the zip declares.

    The part is inflated here rather than through :mod:`zipfile`, which stops at the declared
    size: calamine's reader inflates the whole stream, so a part that holds more than its header
    says (a lying zip header) must be refused, not read up to the lie.

    Raises
    ------
    ReadError
        ``file.corrupt`` when the part is truncated, damaged, uses a compression Excel never
        writes, or its size or checksum differs from the zip's directory.
    """
    start = info.header_offset
    if bytes(data[start : start + 4]) != b"PK\x03\x04":
        raise ReadError("file.corrupt", detail="detail.part_damaged", part=info.filename)
    name_length, extra_length = struct.unpack("<HH", data[start + 26 : start + 30])
    offset = start + 30 + name_length + extra_length
    raw = data[offset : offset + info.compress_size]
    if len(raw) < info.compress_size:
        raise ReadError("file.corrupt", detail="detail.part_truncated", part=info.filename)
    produced = 0
    crc = 0
    if info.compress_type == zipfile.ZIP_STORED:
        for i in range(0, len(raw), CHUNK):
            chunk = bytes(raw[i : i + CHUNK])
            produced += len(chunk)
            crc = zlib.crc32(chunk, crc)
            yield chunk
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        for i in range(0, len(raw), CHUNK // 4):
            pending: bytes | memoryview = raw[i : i + CHUNK // 4]
            while pending and not inflater.eof:
                chunk = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
                if chunk:
                    produced += len(chunk)
                    if produced > info.file_size:
                        raise ReadError(
                            "file.too_expanded", size="> " + size_text(info.file_size), limit=size_text(info.file_size)
                        )
                    crc = zlib.crc32(chunk, crc)
                    yield chunk
        if not inflater.eof:
            raise ReadError("file.corrupt", detail="detail.part_truncated", part=info.filename)
    else:
        raise ReadError("file.corrupt", detail="detail.part_compression", part=info.filename)
    if produced != info.file_size or crc != info.CRC:
        raise ReadError("file.corrupt", detail="detail.part_damaged", part=info.filename)


class _XlsxScan:
    """Streaming counts of cells and rows, and the extent, of one xlsx worksheet part.

    Only references long enough to matter are parsed (rows with as many digits as needed to
    break a limit, columns past Z), so a legitimate sheet costs little more than the
    decompression. Parts that do not write ``r`` as the first attribute of every tag (no program
    we know does that, but a crafted file can) take a slower path that reads every reference.
    """

    def __init__(self, sheet: str, limits: Limits) -> None:
        self.sheet = sheet
        self.limits = limits
        self.cells = 0
        self.rows = 0
        self.unnumbered_rows = 0
        self.max_row = 0
        self.max_col = 0
        self.merges: list[tuple[int, int, int, int]] = []
        digits = len(str(limits.max_rows))
        letters = len(column_letter(limits.max_columns - 1))
        # Rows that could make the extent (rows x columns) break max_cells are read from the row tags.
        row_digits = max(1, min(digits, len(str(max(1, limits.max_cells // max(1, limits.max_columns))))))
        self._row_tag = re.compile(rb'<row r="(\d{%d,})"' % row_digits)
        self._cell_row = re.compile(rb'<c r="[A-Z]+(\d{%d,})"' % digits)
        self._col_ref = re.compile(rb'<c r="([A-Z]{%d,})\d' % letters)
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        # Keep a small overlap so a tag split across chunks is still seen (and counted once).
        text = self._tail + chunk
        cut = max(len(text) - 256, 0)
        cut = text.rfind(b"<", 0, cut) if cut else 0
        cut = max(cut, 0)
        self._tail = text[cut:]
        self._count(text[:cut])

    def finish(self) -> None:
        self._count(self._tail)
        self._tail = b""

    def _count(self, text: bytes) -> None:
        if not text:
            return
        if _CRAFTED_TAG.search(text) is None:
            self.cells += text.count(b"<c ")
            self.rows += text.count(b"<row ")
            rows = self._row_tag.findall(text) + self._cell_row.findall(text)
            if rows:
                # The largest number is among the longest digit strings, which compare as text.
                longest = max(map(len, rows))
                self.max_row = max(self.max_row, int(max(r for r in rows if len(r) == longest)))
            cols = set(self._col_ref.findall(text))
            if cols:
                self.max_col = max(self.max_col, max(column_index(c) + 1 for c in cols))
        else:
            self._count_crafted(text)
        if b"<mergeCell" in text:
            for m in _MERGE.finditer(text):
                self.merges.append(
                    (int(m.group(2)), column_index(m.group(1)), int(m.group(4)), column_index(m.group(3)))
                )
        self._check()

    def _count_crafted(self, text: bytes) -> None:
        cell_tags = len(_ANY_CELL_TAG.findall(text))
        row_tags = len(_ANY_ROW_TAG.findall(text))
        self.cells += cell_tags
        self.rows += row_tags
        refs = _ANY_CELL_REF.findall(text)
        row_refs = _ANY_ROW_REF.findall(text)
        if refs:
            self.max_row = max(self.max_row, max(int(r) for r in {r for _, r in refs}))
            self.max_col = max(self.max_col, max(column_index(c) + 1 for c in {c for c, _ in refs}))
        if row_refs:
            self.max_row = max(self.max_row, max(map(int, set(row_refs))))
        # Rows without a number follow the previous one; cells without a reference likewise.
        self.unnumbered_rows += max(0, row_tags - len(row_refs))
        if cell_tags > len(refs):
            widest = max((len(_ANY_CELL_TAG.findall(seg)) for seg in _ANY_ROW_TAG.split(text)), default=0)
            self.max_col = max(self.max_col, widest)

    def _check(self) -> None:
        limits = self.limits
        if self.cells > limits.max_cells:
            raise ReadError("file.too_many_cells", sheet=self.sheet, count=self.cells, limit=limits.max_cells)
        rows = max(self.rows, self.max_row + self.unnumbered_rows)
        if rows > limits.max_rows:
            raise ReadError("file.too_many_rows", sheet=self.sheet, count=rows, limit=limits.max_rows)
        if self.max_col > limits.max_columns:
            raise ReadError("file.too_many_columns", sheet=self.sheet, columns=self.max_col, limit=limits.max_columns)
        # The reader allocates the whole rectangle up to the furthest cell: two cells far apart
        # cost as much as a full sheet.
        extent = rows * max(self.max_col, 1)
        if extent > limits.max_cells:
            raise ReadError("file.too_many_cells", sheet=self.sheet, count=extent, limit=limits.max_cells)


# A cell or row tag whose first attribute is not r="..." (every writer we know puts it first).
_CRAFTED_TAG = re.compile(rb'<(?:c|row)(?:[>/]|\s(?!r="))')
_ANY_CELL_TAG = re.compile(rb"<c[\s>]")
_ANY_ROW_TAG = re.compile(rb"<row[\s>]")
_ANY_CELL_REF = re.compile(rb"<c\s[^>]*?\br\s*=\s*[\"']\$?([A-Z]{1,4})\$?(\d{1,9})[\"']")
_ANY_ROW_REF = re.compile(rb"<row\s[^>]*?\br\s*=\s*[\"'](\d{1,9})[\"']")
_ODS_BOUNDARY = re.compile(rb"<table:table(-row)?[\s/>]")
_ODS_NAME = re.compile(rb'table:name\s*=\s*"([^"]*)"')
_ODS_ROWS_REPEATED = re.compile(rb'number-rows-repeated\s*=\s*"(\d+)"')
_ODS_COLS_REPEATED = re.compile(rb'number-columns-repeated\s*=\s*"(\d+)"')
_ODS_CELL_TAG = re.compile(rb"<table:(?:covered-)?table-cell\b([^>]*)>")
_ODS_ROWS_SPANNED = re.compile(rb'number-rows-spanned\s*=\s*"(\d+)"')
_ODS_COLS_SPANNED = re.compile(rb'number-columns-spanned\s*=\s*"(\d+)"')
_ODS_MAX_ROW_BYTES = 32 * CHUNK


class _OdsScan:
    """Streaming extent, cell count and merged ranges of every sheet in an ods ``content.xml``.

    ODS compresses repeated rows and cells (``number-rows-repeated``), so counting tags says
    nothing: an 80-byte row can stand for a million rows. Each row is read with a few byte
    operations: rows and cells that are empty (LibreOffice pads every sheet with a million empty
    repeated rows) cost nothing, and only the extent of rows holding a value counts.
    """

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.merges: dict[str, list[tuple[int, int, int, int]]] = {}
        self.sheet = "content.xml"
        self._reset()
        self._tail = b""

    def _reset(self) -> None:
        self.row = 0  # rows seen so far in the current sheet
        self.max_row = 0  # last row holding a value (1-based)
        self.max_col = 0
        self.cells = 0

    def feed(self, chunk: bytes) -> None:
        text = self._tail + chunk
        # Process up to the last row or sheet start; the rest waits for the next chunk.
        starts = [m.start() for m in _ODS_BOUNDARY.finditer(text, max(0, len(text) - len(chunk) - 64))]
        cut = starts[-1] if starts else 0
        if cut == 0 and len(text) > _ODS_MAX_ROW_BYTES:
            raise ReadError(
                "file.too_expanded", size="> " + size_text(_ODS_MAX_ROW_BYTES), limit=size_text(_ODS_MAX_ROW_BYTES)
            )
        self._tail = text[cut:]
        self._scan(text[:cut])

    def finish(self) -> None:
        self._scan(self._tail)
        self._tail = b""

    def _scan(self, text: bytes) -> None:
        matches = list(_ODS_BOUNDARY.finditer(text))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            if m.group(1) is None:
                head = text[m.start() : text.find(b">", m.start()) + 1]
                name = _ODS_NAME.search(head)
                self.sheet = html.unescape(name.group(1).decode("utf-8", "replace")) if name else "?"
                self._reset()
            else:
                self._row(text[m.start() : end])

    def _row(self, seg: bytes) -> None:
        head_end = seg.find(b">")
        head = seg[: head_end + 1]
        found = _ODS_ROWS_REPEATED.search(head)
        repeat = int(found.group(1)) if found else 1
        last = max(seg.rfind(b"office:value-type"), seg.rfind(b"<text:p"))
        if head.endswith(b"/>") or last < 0:
            self.row += repeat
            return
        prefix = seg[head_end + 1 : seg.find(b">", last) + 1]
        width = prefix.count(b"<table:table-cell") + prefix.count(b"<table:covered-table-cell")
        if b"columns-repeated" in prefix:
            width += sum(int(n) - 1 for n in _ODS_COLS_REPEATED.findall(prefix))
        if b"rows-spanned" in seg:
            self._merges(seg)
        self.max_col = max(self.max_col, width)
        self.cells += repeat * width
        self.row += repeat
        self.max_row = self.row
        self._check()

    def _merges(self, seg: bytes) -> None:
        position = 0
        for m in _ODS_CELL_TAG.finditer(seg):
            attrs = m.group(1)
            spanned = _ODS_ROWS_SPANNED.search(attrs)
            if spanned and int(spanned.group(1)) > 1:
                cols = _ODS_COLS_SPANNED.search(attrs)
                last_col = position + (int(cols.group(1)) if cols else 1) - 1
                merge = (self.row + 1, position, self.row + int(spanned.group(1)), last_col)
                self.merges.setdefault(self.sheet, []).append(merge)
            repeated = _ODS_COLS_REPEATED.search(attrs)
            position += int(repeated.group(1)) if repeated else 1

    def _check(self) -> None:
        limits = self.limits
        if self.max_row > limits.max_rows:
            raise ReadError("file.too_many_rows", sheet=self.sheet, count=self.max_row, limit=limits.max_rows)
        if self.max_col > limits.max_columns:
            raise ReadError("file.too_many_columns", sheet=self.sheet, columns=self.max_col, limit=limits.max_columns)
        extent = max(self.cells, self.max_row * self.max_col)
        if extent > limits.max_cells:
            raise ReadError("file.too_many_cells", sheet=self.sheet, count=extent, limit=limits.max_cells)


def sheet_parts(data: bytes) -> dict[str, str]:
    """Map xlsx sheet names to their part names (``xl/worksheets/sheet1.xml``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in ("xl/_rels/workbook.xml.rels", "xl/workbook.xml"):
                if zf.getinfo(name).file_size > 16 * CHUNK:
                    raise ReadError("file.too_expanded", size=size_text(zf.getinfo(name).file_size), limit="16 MB")
            rels = DefusedET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            book = DefusedET.fromstring(zf.read("xl/workbook.xml"))
    except DefusedXmlException as exc:
        raise ReadError("file.xml_entity") from exc
    except (KeyError, zipfile.BadZipFile, DefusedET.ParseError, OSError, EOFError, ValueError) as exc:
        raise ReadError("file.corrupt", detail="detail.workbook_incomplete") from exc
    targets = {}
    for rel in rels:
        target = rel.get("Target", "").lstrip("/")
        targets[rel.get("Id")] = target if target.startswith("xl/") else "xl/" + target
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    parts: dict[str, str] = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and targets.get(sheet.get(rid)):
            parts[sheet.get("name", "")] = targets[sheet.get(rid)]
    return parts
