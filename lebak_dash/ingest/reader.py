"""Bytes to raw sheets: format detection, safety checks, and a fast Rust-based read.

Nothing here knows about innovations. A file is identified by its content (never by its name
alone), checked against :class:`~lebak_dash.config.Limits` *before* the parser sees it (zip parts
are decompressed in a streaming pass with a cap, XML entity declarations are refused, cells and
rows are counted), then read with fastexcel (calamine + Arrow) into one frame of strings per sheet.

The checks here stop the known tricks with a precise message; :mod:`lebak_dash.ingest.sandbox` is the
last line of defence (a memory and time limit around the whole import) for anything else.
"""

from __future__ import annotations

import csv
import html
import io
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import defusedxml.ElementTree as DefusedET
import fastexcel
import pandas as pd
import python_calamine
from defusedxml import DefusedXmlException

from lebak_dash.config import Limits
from lebak_dash.i18n import render

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_CHUNK = 1 << 20

# Known non-spreadsheet signatures, to tell the user what they uploaded.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "detail.elf"),
    (b"MZ", "detail.exe"),
    (b"%PDF", "detail.pdf"),
    (b"\x89PNG", "detail.png"),
    (b"\xff\xd8\xff", "detail.jpeg"),
    (b"GIF8", "detail.gif"),
    (b"Rar!", "detail.rar"),
    (b"\x1f\x8b", "detail.gzip"),
    (b"7z\xbc\xaf", "detail.7z"),
)

_XML_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_MERGE = re.compile(rb"<mergeCell\b[^>]*?\bref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


class ReadError(Exception):
    """A file that cannot be read as a whole.

    Parameters
    ----------
    code : str
        Key of the message in :mod:`lebak_dash.i18n` (``file.*``).
    **params
        Values for the message's placeholders, as data (numbers stay numbers). A ``detail`` is
        itself a message key (``detail.*``) whose placeholders are among the other `params`.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params

    def message(self, lang: str = "id") -> str:
        """Return the message in `lang` (Indonesian by default)."""
        return render(self.code, lang, self.params)


@dataclass
class RawSheet:
    """The cells of one sheet, all as text.

    Attributes
    ----------
    name : str
        Sheet name.
    cells : pandas.DataFrame
        Every cell as a string (missing where empty). The index is the row number as Excel
        shows it (1-based); the columns are 0-based column positions (0 is column A).
    merges : list of tuple
        Merged ranges as ``(first_row, first_col, last_row, last_col)``, rows 1-based like the
        index, columns 0-based like the columns.
    """

    name: str
    cells: pd.DataFrame
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class Workbook:
    """A file that passed the checks and was read.

    Attributes
    ----------
    format : str
        One of ``xlsx``, ``xls``, ``ods``, ``csv``.
    sheets : list of RawSheet
        The readable worksheets, in workbook order.
    skipped : list of tuple
        ``(sheet name, message code)`` for sheets that are not worksheets.
    notes : list of str
        Message codes about the file as a whole that are not errors (e.g. CSV encoding).
    """

    format: str
    sheets: list[RawSheet]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def column_letter(index: int) -> str:
    """Return the Excel letter of a 0-based column position.

    Examples
    --------
    >>> column_letter(0), column_letter(27)
    ('A', 'AB')
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: bytes | str) -> int:
    """Return the 0-based position of an Excel column letter (``b"AB"`` -> 27)."""
    text = letters.decode() if isinstance(letters, bytes) else letters
    value = 0
    for ch in text:
        value = value * 26 + ord(ch) - 64
    return value - 1


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def detect_format(data: bytes, filename: str | None = None) -> str:
    """Return the spreadsheet format of `data`, judged by content.

    Parameters
    ----------
    data : bytes
        The whole file.
    filename : str, optional
        Its name; only used to accept text as CSV.

    Returns
    -------
    str
        ``xlsx``, ``xls``, ``ods`` or ``csv``.

    Raises
    ------
    ReadError
        ``file.empty``, ``file.encrypted`` or ``file.unknown_format``.
    """
    if not data:
        raise ReadError("file.empty")
    head = data[:8]
    if head.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
                if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                    if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
                        raise ReadError("file.unknown_format", detail="detail.xlsb")
                    return XLSX
                if "content.xml" in names or ("mimetype" in names and _read_small(zf, "mimetype").strip() == _ODS_MIME):
                    if _ods_encrypted(zf, names):
                        raise ReadError("file.encrypted")
                    return ODS
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error) as exc:
            raise ReadError("file.corrupt", detail="detail.zip_corrupt") from exc
        raise ReadError("file.unknown_format", detail="detail.zip_other")
    if head == _OLE_MAGIC:
        if _ENCRYPTED_OOXML in data[: 1 << 16] or _ENCRYPTED_OOXML in data[-(1 << 16) :] or _xls_encrypted(data):
            raise ReadError("file.encrypted")
        return XLS
    encoding = _wide_text_encoding(data)
    if encoding:
        raise ReadError("file.text_encoding", encoding=encoding)
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise ReadError("file.unknown_format", detail=what)
    sample = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if sample.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in sample[:512]:
        raise ReadError("file.unknown_format", detail="detail.html")
    if sample.startswith(b"<?xml"):
        raise ReadError("file.unknown_format", detail="detail.xml2003")
    name = (filename or "").lower()
    if b"\x00" in data[:65536]:
        raise ReadError("file.unknown_format", detail="detail.binary")
    if name.endswith((".csv", ".txt", ".tsv")) or not name:
        return CSV
    raise ReadError("file.unknown_format", detail="detail.plain_text")


def _read_small(zf: zipfile.ZipFile, name: str, limit: int = 4096) -> bytes:
    """Return at most `limit` bytes of a part (never inflate a whole part just to sniff it)."""
    with zf.open(name) as part:
        return part.read(limit)


def _ods_encrypted(zf: zipfile.ZipFile, names: set[str]) -> bool:
    """Return whether an OpenDocument file is encrypted (its manifest names encryption data)."""
    if "META-INF/manifest.xml" not in names:
        return False
    return b"encryption-data" in _read_small(zf, "META-INF/manifest.xml", 4 * _CHUNK)


# BOF record of BIFF8 workbook globals: type 0x0809, length 16, version 0x0600, kind 0x0005.
_BIFF8_GLOBALS_BOF = b"\x09\x08\x10\x00\x00\x06\x05\x00"
_BIFF_FILEPASS = b"\x2f\x00"


def _xls_encrypted(data: bytes) -> bool:
    """Return whether an Excel 97-2003 workbook is password-protected (FILEPASS after its first BOF).

    Excel writes the FILEPASS record right after the workbook's BOF when a password protects
    the file; calamine then only says it cannot detect the format.
    """
    start = data.find(_BIFF8_GLOBALS_BOF)
    while start >= 0:
        if data[start + 20 : start + 22] == _BIFF_FILEPASS:
            return True
        start = data.find(_BIFF8_GLOBALS_BOF, start + 1)
    return False


def _wide_text_encoding(data: bytes) -> str | None:
    """Return ``UTF-16``/``UTF-32`` when `data` is text in a wide encoding, else None.

    Excel's "Unicode Text" saves UTF-16; the contract accepts UTF-8 and Windows-1252 only, so such
    a file gets a message that says how to save it instead of "not a spreadsheet".
    """
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    sample = data[:4096]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        for zeros, text in ((odd, even), (even, odd)):
            if zeros.count(0) > 0.9 * len(zeros) and text.count(0) < 0.1 * len(text):
                return "UTF-16"
    return None


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
            raise ReadError("file.too_expanded", size=_mb(declared), limit=_mb(limits.max_expanded_bytes))
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
                            size="> " + _mb(limits.max_expanded_bytes),
                            limit=_mb(limits.max_expanded_bytes),
                        )
                    if info.compress_size and size > 10 * _CHUNK and (size / info.compress_size > limits.max_ratio):
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
        for i in range(0, len(raw), _CHUNK):
            chunk = bytes(raw[i : i + _CHUNK])
            produced += len(chunk)
            crc = zlib.crc32(chunk, crc)
            yield chunk
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        for i in range(0, len(raw), _CHUNK // 4):
            pending: bytes | memoryview = raw[i : i + _CHUNK // 4]
            while pending and not inflater.eof:
                chunk = inflater.decompress(pending, _CHUNK)
                pending = inflater.unconsumed_tail
                if chunk:
                    produced += len(chunk)
                    if produced > info.file_size:
                        raise ReadError("file.too_expanded", size="> " + _mb(info.file_size), limit=_mb(info.file_size))
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
_ODS_MAX_ROW_BYTES = 32 * _CHUNK


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
            raise ReadError("file.too_expanded", size="> " + _mb(_ODS_MAX_ROW_BYTES), limit=_mb(_ODS_MAX_ROW_BYTES))
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


def _sheet_parts(data: bytes) -> dict[str, str]:
    """Map xlsx sheet names to their part names (``xl/worksheets/sheet1.xml``)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in ("xl/_rels/workbook.xml.rels", "xl/workbook.xml"):
                if zf.getinfo(name).file_size > 16 * _CHUNK:
                    raise ReadError("file.too_expanded", size=_mb(zf.getinfo(name).file_size), limit="16 MB")
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


def _sniff_delimiter(sample: str) -> str:
    """Return the separator (``;``, ``,`` or tab) that splits the most lines into the same width.

    Title rows above the header have one field and are not evidence either way; commas inside
    values (``Rp15.000.000,00``, ``Maja, Cibadak`` in a ``;`` file) give ragged widths and lose.
    """
    lines = [line for line in sample.splitlines()[:200] if line.strip()]
    best, best_score = ";", (0, 0)
    for delimiter in (";", ",", "\t"):
        widths = Counter(len(row) for row in csv.reader(lines, delimiter=delimiter) if len(row) > 1)
        if widths:
            width, count = widths.most_common(1)[0]
            if (count, width) > best_score:
                best, best_score = delimiter, (count, width)
    return best


def _read_csv(data: bytes, limits: Limits) -> Workbook:
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notes.append("file.csv_encoding")
    lines = text.count("\n") + 1
    if lines > limits.max_rows:
        raise ReadError("file.too_many_rows", sheet="CSV", count=lines, limit=limits.max_rows)
    delimiter = _sniff_delimiter(text[:65536])
    # Every separator starts a cell: refuse before building millions of them.
    cells = text.count(delimiter) + lines
    if cells > limits.max_cells:
        raise ReadError("file.too_many_cells", sheet="CSV", count=cells, limit=limits.max_cells)
    # Rows may differ in width (a title row has one field), so read with the csv module, which
    # keeps every row, then let pandas pad them.
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ReadError("file.corrupt", detail="detail.csv", error=str(exc)[:120]) from exc
    width = max((len(row) for row in rows), default=0)
    if width > limits.max_columns:
        raise ReadError("file.too_many_columns", sheet="CSV", columns=width, limit=limits.max_columns)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    frame = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame()
    frame = frame.mask(frame.isna() | (frame == ""), None)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    frame.columns = range(frame.shape[1])
    return Workbook(CSV, [RawSheet("CSV", frame)], notes=notes)


def _calamine_error(exc: Exception, fmt: str = "") -> ReadError:
    text = str(exc)
    low = text.lower()
    if "password" in low or "encrypt" in low:
        return ReadError("file.encrypted")
    first = text.splitlines()[0][:120] if text else type(exc).__name__
    if "cannot detect file format" in low:
        what = {XLS: "Excel 97-2003 (.xls)", ODS: "OpenDocument (.ods)", XLSX: "Excel (.xlsx)"}.get(fmt)
        if what is None:
            return ReadError("file.corrupt", detail="detail.structure")
        return ReadError("file.corrupt", detail="detail.structure_of", what=what)
    return ReadError("file.corrupt", detail="detail.reader", error=first)


def read_workbook_bytes(data: bytes, filename: str | None = None, limits: Limits | None = None) -> Workbook:
    """Check `data` and read every worksheet into a :class:`RawSheet`.

    Parameters
    ----------
    data : bytes
        The whole file.
    filename : str, optional
        The name the user gave the file (used only to accept CSV text).
    limits : Limits, optional
        Defaults to :meth:`Limits.from_env`.

    Returns
    -------
    Workbook

    Raises
    ------
    ReadError
        The file cannot be read as a whole; ``code`` names the reason.
    """
    limits = limits or Limits.from_env()
    if len(data) > limits.max_file_bytes:
        raise ReadError("file.too_large", size=_mb(len(data)), limit=_mb(limits.max_file_bytes))
    fmt = detect_format(data, filename)
    if fmt == CSV:
        return _read_csv(data, limits)
    part_merges: dict[str, list[tuple[int, int, int, int]]] = {}
    parts: dict[str, str] = {}
    if fmt == XLSX:
        parts = _sheet_parts(data)
    if fmt in (XLSX, ODS):
        part_merges = check_container(data, fmt, limits, {p: n for n, p in parts.items()})
    try:
        meta = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets_meta = meta.sheets_metadata
        reader = fastexcel.read_excel(data)
        names = reader.sheet_names
    except (python_calamine.CalamineError, fastexcel.FastExcelError, OSError, ValueError, KeyError) as exc:
        raise _calamine_error(exc, fmt) from exc
    except Exception as exc:  # the Rust readers raise their own base classes
        raise _calamine_error(exc, fmt) from exc
    if len(names) > limits.max_sheets:
        raise ReadError("file.too_many_sheets", count=len(names), limit=limits.max_sheets)
    kinds = {m.name: m.typ for m in sheets_meta}
    sheets: list[RawSheet] = []
    skipped: list[tuple[str, str]] = []
    for index, name in enumerate(names):
        if kinds.get(name, python_calamine.SheetTypeEnum.WorkSheet) != python_calamine.SheetTypeEnum.WorkSheet:
            skipped.append((name, "sheet.not_worksheet"))
            continue
        try:
            sheet = reader.load_sheet(index, header_row=None, dtypes="string", skip_rows=0)
            if sheet.height > limits.max_rows:
                raise ReadError("file.too_many_rows", sheet=name, count=sheet.height, limit=limits.max_rows)
            if sheet.width > limits.max_columns:
                raise ReadError("file.too_many_columns", sheet=name, columns=sheet.width, limit=limits.max_columns)
            if sheet.height * sheet.width > limits.max_cells:
                cells = sheet.height * sheet.width
                raise ReadError("file.too_many_cells", sheet=name, count=cells, limit=limits.max_cells)
            positions = [c.absolute_index for c in sheet.available_columns()]
            frame = sheet.to_pandas()
        except ReadError:
            raise
        except Exception as exc:
            raise _calamine_error(exc, fmt) from exc
        frame.columns = positions
        frame.index = pd.RangeIndex(1, len(frame) + 1)
        if fmt == XLSX:
            merges = part_merges.get(parts.get(name, ""), [])
        elif fmt == XLS:
            merges = _xls_merges(meta, name)
        else:
            merges = part_merges.get(name, [])
        sheets.append(RawSheet(name, frame, merges))
    return Workbook(fmt, sheets, skipped)


def _xls_merges(meta: python_calamine.CalamineWorkbook, name: str) -> list[tuple[int, int, int, int]]:
    """Return the merged ranges of an .xls sheet (rows 1-based, columns 0-based)."""
    try:
        ranges = meta.get_sheet_by_name(name).merged_cell_ranges or []
    except Exception:  # noqa: BLE001  (merges are a convenience; the sheet itself was read above)
        return []
    return [(r0 + 1, c0, r1 + 1, c1) for (r0, c0), (r1, c1) in ranges]
