"""Bytes to raw sheets: format detection, safety checks, and a fast Rust-based read.

Nothing here knows about innovations. A file is identified by its content (never by its name
alone), checked against :class:`~lebak_dash.config.Limits` *before* the parser sees it (zip parts
are decompressed in a streaming pass with a cap, XML entity declarations are refused, cells and
rows are counted), then read with fastexcel (calamine + Arrow) into one frame of strings per sheet.

The checks here stop the known tricks with a precise message; :mod:`lebak_dash.sandbox` is the
last line of defence (a memory and time limit around the whole import) for anything else.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

import defusedxml.ElementTree as DefusedET
import fastexcel
import pandas as pd
import python_calamine
from defusedxml import DefusedXmlException

from lebak_dash.config import Limits

XLSX, XLS, ODS, CSV = "xlsx", "xls", "ods", "csv"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
_CHUNK = 1 << 20

# Known non-spreadsheet signatures, to tell the user what they uploaded.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x7fELF", "program Linux (ELF)"),
    (b"MZ", "program Windows (EXE)"),
    (b"%PDF", "dokumen PDF"),
    (b"\x89PNG", "gambar PNG"),
    (b"\xff\xd8\xff", "gambar JPEG"),
    (b"GIF8", "gambar GIF"),
    (b"Rar!", "arsip RAR"),
    (b"\x1f\x8b", "arsip gzip"),
    (b"7z\xbc\xaf", "arsip 7z"),
)

_XML_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW_NUMBER = re.compile(rb"<row\b[^>]*?\br=\"(\d+)\"")
_WIDE_CELL = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]{2,4})\d")
_MERGE = re.compile(rb"<mergeCell\b[^>]*?\bref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


class ReadError(Exception):
    """A file that cannot be read as a whole.

    Parameters
    ----------
    code : str
        Key of the Indonesian message in :mod:`lebak_dash.i18n` (``file.*``).
    **params
        Values for the message's placeholders.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code, params)
        self.code = code
        self.params = params


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
                        raise ReadError("file.unknown_format", detail="Excel biner .xlsb")
                    return XLSX
                if "mimetype" in names and zf.read("mimetype").strip() == _ODS_MIME:
                    return ODS
                if "content.xml" in names:
                    return ODS
        except zipfile.BadZipFile as exc:
            raise ReadError("file.corrupt", detail="arsip zip rusak") from exc
        raise ReadError("file.unknown_format", detail="arsip zip yang bukan lembar kerja")
    if head == _OLE_MAGIC:
        if _ENCRYPTED_OOXML in data[: 1 << 16] or _ENCRYPTED_OOXML in data[-(1 << 16) :]:
            raise ReadError("file.encrypted")
        return XLS
    for signature, what in _SIGNATURES:
        if head.startswith(signature):
            raise ReadError("file.unknown_format", detail=what)
    sample = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if sample.startswith((b"<html", b"<!doctype html", b"<table")) or b"<html" in sample[:512]:
        raise ReadError("file.unknown_format", detail="halaman web HTML yang dinamai seperti Excel")
    if sample.startswith(b"<?xml"):
        raise ReadError("file.unknown_format", detail="XML Spreadsheet 2003")
    name = (filename or "").lower()
    if b"\x00" in data[:65536]:
        raise ReadError("file.unknown_format", detail="data biner yang tidak dikenal")
    if name.endswith((".csv", ".txt", ".tsv")) or not name:
        return CSV
    raise ReadError("file.unknown_format", detail="teks biasa, bukan lembar kerja")


def check_container(
    data: bytes, fmt: str, limits: Limits, sheet_of_part: dict[str, str] | None = None
) -> dict[str, list[tuple[int, int, int, int]]]:
    """Check a zip-based workbook before parsing; return the merged ranges of xlsx sheets.

    Every part is decompressed in a streaming pass that stops at the limit (the sizes a zip
    declares can lie), XML parts are scanned for entity declarations, and worksheets for their
    cell and row counts and their extent.

    Parameters
    ----------
    data : bytes
        The whole file.
    fmt : str
        ``xlsx`` or ``ods``.
    limits : Limits
    sheet_of_part : dict, optional
        Sheet name of each worksheet part, for the messages.

    Returns
    -------
    dict
        Worksheet part name (``xl/worksheets/sheet1.xml``) to its merged ranges.

    Raises
    ------
    ReadError
        When a limit is exceeded, the zip is corrupt or an XML part declares entities.
    """
    merges: dict[str, list[tuple[int, int, int, int]]] = {}
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError("file.corrupt", detail="arsip zip rusak") from exc
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
            is_sheet = fmt == XLSX and info.filename.startswith("xl/worksheets/")
            is_ods_content = fmt == ODS and info.filename == "content.xml"
            label = (sheet_of_part or {}).get(info.filename, info.filename.rsplit("/", 1)[-1])
            scan = _PartScan(label, fmt, limits) if (is_sheet or is_ods_content) else None
            size = 0
            try:
                with zf.open(info) as part:
                    first = True
                    while chunk := part.read(_CHUNK):
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
                        if info.filename.endswith((".xml", ".rels", ".vml")) and (
                            (first and _XML_DECL.search(chunk[:4096])) or b"<!ENTITY" in chunk
                        ):
                            raise ReadError("file.xml_entity")
                        first = False
                        if scan is not None:
                            scan.feed(chunk)
            except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
                raise ReadError("file.corrupt", detail=f"bagian '{info.filename}' rusak") from exc
            if scan is not None:
                scan.finish()
                if scan.merges:
                    merges[info.filename] = scan.merges
    return merges


class _PartScan:
    """Streaming counts of cells and rows, and the extent, of one worksheet part.

    Only references long enough to break a limit are parsed (a 6-digit row when the limit has
    6 digits, a 2-letter column when the limit is past Z), so a legitimate sheet costs little
    more than the decompression.
    """

    def __init__(self, sheet: str, fmt: str, limits: Limits) -> None:
        self.sheet = sheet
        self.limits = limits
        self.cell_tag = b"<c " if fmt == XLSX else b"<table:table-cell"
        self.row_tag = b"<row" if fmt == XLSX else b"<table:table-row"
        self.cells = 0
        self.rows = 0
        self.max_row = 0
        self.max_col = 0
        self.merges: list[tuple[int, int, int, int]] = []
        digits = len(str(limits.max_rows))
        letters = len(column_letter(limits.max_columns - 1))
        self._row_ref = re.compile(rb'<row r="(\d{%d,})"|<c r="[A-Z]+(\d{%d,})"' % (digits, digits))
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
        limits = self.limits
        self.cells += text.count(self.cell_tag)
        self.rows += text.count(self.row_tag)
        for match in self._row_ref.finditer(text):
            self.max_row = max(self.max_row, int(match.group(1) or match.group(2)))
        for match in self._col_ref.finditer(text):
            self.max_col = max(self.max_col, column_index(match.group(1)) + 1)
        if b"<mergeCell" in text:
            for m in _MERGE.finditer(text):
                self.merges.append(
                    (int(m.group(2)), column_index(m.group(1)), int(m.group(4)), column_index(m.group(3)))
                )
        if self.cells > limits.max_cells:
            raise ReadError("file.too_many_cells", sheet=self.sheet, cells=_n(self.cells), limit=_n(limits.max_cells))
        rows = max(self.rows, self.max_row)
        if rows > limits.max_rows:
            raise ReadError("file.too_many_rows", sheet=self.sheet, rows=_n(rows), limit=_n(limits.max_rows))
        if self.max_col > limits.max_columns:
            raise ReadError("file.too_many_columns", sheet=self.sheet, columns=self.max_col, limit=limits.max_columns)


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


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
        raise ReadError("file.corrupt", detail="struktur buku kerja tidak lengkap") from exc
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


def _read_csv(data: bytes, limits: Limits) -> Workbook:
    notes: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        notes.append("file.csv_encoding")
    sample = text[:65536]
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
    if text.count("\n") > limits.max_rows:
        raise ReadError(
            "file.too_many_rows",
            sheet="CSV",
            rows=_n(text.count("\n")),
            limit=_n(limits.max_rows),
        )
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_values=[],
            skip_blank_lines=False,
            engine="python" if delimiter not in ",;\t" else "c",
            on_bad_lines="warn",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise ReadError("file.corrupt", detail=str(exc)[:120]) from exc
    if frame.shape[1] > limits.max_columns:
        raise ReadError("file.too_many_columns", sheet="CSV", columns=frame.shape[1], limit=limits.max_columns)
    if frame.size > limits.max_cells:
        raise ReadError("file.too_many_cells", sheet="CSV", cells=frame.size, limit=limits.max_cells)
    frame = frame.replace("", None)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    frame.columns = range(frame.shape[1])
    return Workbook(CSV, [RawSheet("CSV", frame)], notes=notes)


def _calamine_error(exc: Exception) -> ReadError:
    text = str(exc)
    if "password" in text.lower() or "encrypt" in text.lower():
        return ReadError("file.encrypted")
    return ReadError("file.corrupt", detail=text.splitlines()[0][:160] if text else type(exc).__name__)


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
        raise _calamine_error(exc) from exc
    except Exception as exc:  # the Rust readers raise their own base classes
        raise _calamine_error(exc) from exc
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
                raise ReadError("file.too_many_rows", sheet=name, rows=sheet.height, limit=limits.max_rows)
            if sheet.width > limits.max_columns:
                raise ReadError("file.too_many_columns", sheet=name, columns=sheet.width, limit=limits.max_columns)
            if sheet.height * sheet.width > limits.max_cells:
                raise ReadError(
                    "file.too_many_cells", sheet=name, cells=_n(sheet.height * sheet.width), limit=_n(limits.max_cells)
                )
            positions = [c.absolute_index for c in sheet.available_columns()]
            frame = sheet.to_pandas()
        except ReadError:
            raise
        except Exception as exc:
            raise _calamine_error(exc) from exc
        frame.columns = positions
        frame.index = pd.RangeIndex(1, len(frame) + 1)
        if fmt == XLSX:
            merges = part_merges.get(parts.get(name, ""), [])
        elif fmt == XLS:
            merges = _xls_merges(meta, name)
        else:
            merges = []
        sheets.append(RawSheet(name, frame, merges))
    return Workbook(fmt, sheets, skipped)


def _xls_merges(meta: python_calamine.CalamineWorkbook, name: str) -> list[tuple[int, int, int, int]]:
    """Return the merged ranges of an .xls sheet (rows 1-based, columns 0-based)."""
    try:
        ranges = meta.get_sheet_by_name(name).merged_cell_ranges or []
    except Exception:  # noqa: BLE001  (merges are a convenience; the sheet itself was read above)
        return []
    return [(r0 + 1, c0, r1 + 1, c1) for (r0, c0), (r1, c1) in ranges]
