"""Bytes to raw sheets: format detection, safety checks, and a fast Rust-based read.

Nothing here knows about innovations. A file is identified by its content (never by its name
alone), checked against :class:`~lebak_dash.config.Limits` *before* the parser sees it (a zip
container by :mod:`lebak_dash.ingest.container`: parts decompressed in a streaming pass with a cap,
XML entity declarations refused, cells and rows counted), then read with fastexcel (calamine +
Arrow) into one frame of strings per sheet.

The checks here stop the known tricks with a precise message; :mod:`lebak_dash.ingest.sandbox` is the
last line of defence (a memory and time limit around the whole import) for anything else.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field

import fastexcel
import pandas as pd
import python_calamine

from lebak_dash.config import Limits
from lebak_dash.ingest.container import CHUNK, ODS, XLSX, check_container, sheet_parts
from lebak_dash.ingest.errors import ReadError, size_text

XLS, CSV = "xls", "csv"

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

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
    return b"encryption-data" in _read_small(zf, "META-INF/manifest.xml", 4 * CHUNK)


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
        raise ReadError("file.too_large", size=size_text(len(data)), limit=size_text(limits.max_file_bytes))
    fmt = detect_format(data, filename)
    if fmt == CSV:
        return _read_csv(data, limits)
    part_merges: dict[str, list[tuple[int, int, int, int]]] = {}
    parts: dict[str, str] = {}
    if fmt == XLSX:
        parts = sheet_parts(data)
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
    # calamine reads a workbook's shared strings when it opens it: the metadata reader would hold a
    # second copy of them while the sheets are read. Only .xls needs it later (its merged cells).
    xls_meta = meta if fmt == XLS else None
    if xls_meta is None:
        meta.close()
    del meta
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
            # What sheet.to_pandas() does, with the sheet's own cells released before pandas takes
            # the columns (Arrow strings, no copy): 30 MiB less at the peak of a 100k-row read.
            table = sheet.to_arrow()
            del sheet
            frame = table.to_pandas()
            del table
        except ReadError:
            raise
        except Exception as exc:
            raise _calamine_error(exc, fmt) from exc
        frame.columns = positions
        frame.index = pd.RangeIndex(1, len(frame) + 1)
        if fmt == XLSX:
            merges = part_merges.get(parts.get(name, ""), [])
        elif xls_meta is not None:
            merges = _xls_merges(xls_meta, name)
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
