"""A spreadsheet file as plain rows of cells: values (cached values for formulas) and fill colours.

.xlsx is read with openpyxl in read-only mode (imported here, only when a workbook is read); .csv with the
standard library. Nothing larger than 16 MB (a workbook: uncompressed) is read; files that are not
spreadsheets, encrypted workbooks and old .xls files are refused with one clear message.
"""

from __future__ import annotations

import csv
import io
import re
import struct
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import repeat
from pathlib import Path
from typing import Any, BinaryIO

from selfassess.core.errors import SelfAssessError
from selfassess.core.names import MAX_FILE_BYTES, megabytes
from selfassess.formats.safeio import read_regular

MAX_BYTES = MAX_FILE_BYTES
#: no member of a workbook inflates beyond this (checked while inflating, in chunks)
MAX_MEMBER_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024
#: the part of a sheet examined: a cell at column XFD in every row costs openpyxl 2 MB a row
MAX_COLUMNS = 256
MAX_ROWS = 20_000
#: a cell named in an openpyxl warning
_WARNED_CELL = re.compile(r"\bCell \$?([A-Z]{1,3})\$?([0-9]{1,7})\b")
_BAD_DATE = re.compile(r"marked as a date but the serial value (\S+) is outside the limits")
#: the first bytes of an OLE compound file: an encrypted .xlsx or an old binary .xls
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXCEL_EPOCH = datetime(1899, 12, 30)
#: a control character as a workbook stores it (``_x0001_``; Excel and xlsxwriter write them so)
#: a formula element in a worksheet's XML (with or without a namespace prefix)
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ESCAPED_CONTROL = re.compile(r"_x(00[01][0-9A-Fa-f])_")

Value = str | int | float | bool | date | datetime | None


class SheetError(SelfAssessError):
    """A file that cannot be read as a spreadsheet at all."""


@dataclass(frozen=True)
class Cell:
    """One cell: its value, its fill as ``#rrggbb`` (None when unfilled or unreadable), and why its
    value cannot be used, if it cannot: a formula with no saved value (Excel saves one; some programs
    that write workbooks do not), or an Excel error such as ``#REF!``."""

    value: Value = None
    fill: str | None = None
    problem: str | None = None


EMPTY = Cell()


@dataclass
class Sheet:
    """One sheet's rows; ``rows[0]`` is the sheet's row 1. ``name`` is None for a CSV file."""

    name: str | None
    rows: list[list[Cell]] = field(default_factory=list)
    epoch: datetime = _EXCEL_EPOCH
    #: what the reader said about the sheet: (0-based row, column, or None when not at a cell; words)
    notes: list[tuple[int | None, int | None, str]] = field(default_factory=list)

    def cell(self, row: int, column: int) -> Cell:
        """The cell at 0-based ``row`` and ``column`` (an empty cell past the end)."""
        cells = self.rows[row] if row < len(self.rows) else []
        return cells[column] if column < len(cells) else EMPTY


def column_letter(column: int) -> str:
    """``A`` for 0, ``Z`` for 25, ``AA`` for 26."""
    letters = ""
    number = column + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_ref(name: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted when it holds anything but letters,
    digits and underscores (``'Sheet 1'``), with a quote inside doubled."""
    if name and all(ch.isalnum() or ch == "_" for ch in name) and not name[0].isdigit():
        return name
    return "'" + name.replace("'", "''") + "'"


def place(shown: str, sheet: Sheet, row: int | None = None, column: int | None = None) -> str:
    """Where a finding is: ``file.xlsx:Sheet1!C14`` (a workbook) or ``file.csv:14:3`` (CSV)."""
    if sheet.name is None:
        if row is None:
            return shown
        return f"{shown}:{row + 1}" + (f":{column + 1}" if column is not None else "")
    where = f"{shown}:{sheet_ref(sheet.name)}"
    if row is None:
        return where
    return f"{where}!{column_letter(column) if column is not None else ''}{row + 1}"


def read_sheets(path: Path, shown: str) -> list[Sheet]:
    """Every sheet of the workbook at ``path``, or the one sheet of a CSV file."""
    try:  # opened non-blocking and checked to be a regular file before any read (a FIFO, /dev/zero)
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError:
        raise SheetError("no such file", shown) from None
    except IsADirectoryError:
        raise SheetError("is a folder, not a file", shown) from None
    except OSError as error:
        raise SheetError(f"cannot read: {error.strerror}", shown) from None
    head = data[:8]
    if head.startswith(_OLE):
        raise SheetError(
            "a password-protected workbook or an old .xls file: open it in Excel and save it "
            "as .xlsx without a password",
            shown,
        )
    if head.startswith(b"PK"):
        return _read_workbook(path, shown)
    if len(data) > MAX_BYTES:
        raise SheetError(f"file is larger than {megabytes(MAX_BYTES)} MB", shown)
    return [_read_csv(data, shown)]


# -- CSV ------------------------------------------------------------------------------------------


def _read_csv(data: bytes, shown: str) -> Sheet:
    if b"\x00" in data:
        raise SheetError("not a spreadsheet: expected an .xlsx workbook or a .csv text file", shown)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # what Excel on Windows saves as "CSV"
    try:
        dialect: Any = csv.Sniffer().sniff(text[:65536], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    sheet = Sheet(None)
    try:
        for record in csv.reader(io.StringIO(text, newline=""), dialect):
            sheet.rows.append([Cell(value if value.strip() else None) for value in record])
    except csv.Error as error:
        raise SheetError(f"not a readable CSV file: {error}", shown, len(sheet.rows) + 1) from None
    return sheet


# -- xlsx -----------------------------------------------------------------------------------------


def _check_zip(path: Path, shown: str) -> bool:
    """Refuse what is not a workbook or is too big; return whether any worksheet holds a formula."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = [info.filename for info in infos]
            size = sum(info.file_size for info in infos)
            if "xl/workbook.xml" not in names:
                raise SheetError("not an Excel workbook (.xlsx): save it from Excel as .xlsx or .csv", shown)
            if size > MAX_BYTES:
                raise SheetError(
                    f"workbook is larger than {megabytes(MAX_BYTES)} MB uncompressed: "
                    "save just the district's sheet as .xlsx or .csv",
                    shown,
                )
            # every member inflated here, in chunks, before openpyxl reads any: a plain read() of a
            # member whose directory entry lies inflates all of it before the CRC check fails
            with open(path, "rb") as handle:
                return any([_inflate(handle, info, shown) for info in infos])
    except SheetError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, RuntimeError, NotImplementedError):
        raise SheetError("not a spreadsheet: a damaged or unknown zip file", shown) from None


def _damaged(info: zipfile.ZipInfo, shown: str, why: str) -> SheetError:
    return SheetError(f"not a spreadsheet: zip member {info.filename!r} {why}", shown)


def _inflate(handle: BinaryIO, info: zipfile.ZipInfo, shown: str) -> bool:
    """Inflate one member in 64 KiB chunks, refusing one that inflates beyond its stated size (or
    64 MiB) or whose CRC is wrong; whether it is a worksheet holding a formula."""
    if info.flag_bits & 0x1:
        raise _damaged(info, shown, "is encrypted: save the workbook without a password")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise _damaged(info, shown, "uses a compression Excel does not write")
    handle.seek(info.header_offset)
    header = handle.read(30)
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise _damaged(info, shown, "has no local header")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    handle.seek(info.header_offset + 30 + name_length + extra_length)
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    limit = min(info.file_size, MAX_MEMBER_BYTES)
    left, inflated, crc, found, tail = info.compress_size, 0, 0, False, b""
    while True:
        if inflater is not None and inflater.unconsumed_tail:
            pending = inflater.unconsumed_tail
        elif left > 0:
            pending = handle.read(min(_CHUNK, left))
            if not pending:
                raise _damaged(info, shown, "is cut short")
            left -= len(pending)
        else:
            break
        out = inflater.decompress(pending, _CHUNK) if inflater is not None else pending
        inflated += len(out)
        if inflated > limit:
            raise _damaged(info, shown, "inflates beyond its stated size (or 64 MiB)")
        crc = zlib.crc32(out, crc)
        if sheet and not found:
            found = _FORMULA.search(tail + out) is not None
            tail = out[-8:]
    if inflater is not None:
        rest = inflater.flush()
        inflated += len(rest)
        crc = zlib.crc32(rest, crc)
    if inflated != info.file_size or crc != info.CRC:
        raise _damaged(info, shown, "is damaged (bad CRC)")
    return found


def _read_workbook(path: Path, shown: str) -> list[Sheet]:
    has_formulas = _check_zip(path, shown)
    try:
        from openpyxl import load_workbook
    except ImportError:
        raise SheetError(
            "reading .xlsx needs openpyxl, which did not install: pip install openpyxl (or save as .csv)",
            shown,
        ) from None
    try:
        with warnings.catch_warnings(record=True) as said:  # openpyxl's warnings become findings
            warnings.simplefilter("always")
            values = load_workbook(path, read_only=True, data_only=True)
            # read a second time, for the formulas, only when there are formulas to look for
            formulas = load_workbook(path, read_only=True, data_only=False) if has_formulas else None
            try:
                sheets = []
                for name in values.sheetnames:
                    if getattr(values[name], "iter_rows", None) is None:  # chart sheets have no cells
                        continue
                    loading = [str(w.message) for w in said]  # said while opening the workbook
                    said.clear()
                    sheet = _read_worksheet(values[name], formulas[name] if formulas else None, values.epoch)
                    _note(sheet, [*loading, *dict.fromkeys(str(w.message) for w in said)])
                    said.clear()
                    sheets.append(sheet)
                return sheets
            finally:
                values.close()
                if formulas is not None:
                    formulas.close()
    except SheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds for damaged files; none may crash us
        raise SheetError(f"cannot read the workbook: {error}", shown) from None


def _read_worksheet(values: Any, formulas: Any, epoch: datetime) -> Sheet:
    from openpyxl.cell.read_only import EMPTY_CELL

    sheet = Sheet(values.title, epoch=epoch)
    values.reset_dimensions()  # some writers record a wrong size; read the rows that are there
    formula_rows: Iterator[tuple[Any, ...]] = repeat(())
    if formulas is not None:
        formulas.reset_dimensions()
        formula_rows = formulas.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1)
    rows = values.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 1)
    for value_row, formula_row in zip(rows, formula_rows, strict=False):
        if len(sheet.rows) == MAX_ROWS:
            if any(cell.value is not None for cell in value_row):
                sheet.notes.append((MAX_ROWS, None, f"only the first {MAX_ROWS:,} rows are read"))
            break
        cells = []
        for index, cell in enumerate(value_row):
            formula = formula_row[index] if index < len(formula_row) else None
            cells.append(
                EMPTY if cell is EMPTY_CELL and formula in (None, EMPTY_CELL) else _cell(cell, formula)
            )
        while cells and cells[-1] == EMPTY:  # rows padded to MAX_COLUMNS: keep what is there
            cells.pop()
        sheet.rows.append(cells)
    return sheet


def _note(sheet: Sheet, said: list[str]) -> None:
    """What openpyxl warned about, as notes at their cell; a date out of range marks its cell."""
    for message in said:
        at = _WARNED_CELL.search(message)
        row = column = None
        if at is not None:
            column = sum((ord(ch) - 64) * 26**power for power, ch in enumerate(reversed(at.group(1)))) - 1
            row = int(at.group(2)) - 1
        bad_date = _BAD_DATE.search(message)
        if bad_date is not None and row is not None and column is not None and row < len(sheet.rows):
            cells = sheet.rows[row]
            if column < len(cells):
                problem = f"a date outside the years 1 to 9999 (the number {bad_date.group(1)})"
                cells[column] = Cell(None, cells[column].fill, problem)
                continue
        sheet.notes.append((row, column, f"the spreadsheet reader said: {message}"))


UNCACHED = "a formula with no saved value: open the file in Excel and save it, then import again"


def _cell(cell: Any, formula: Any) -> Cell:
    if getattr(cell, "data_type", None) == "e":
        return Cell(None, _fill(cell), f"the cell shows Excel's error {cell.value}")
    if cell.value is None and getattr(formula, "data_type", None) == "f":
        return Cell(None, _fill(cell), UNCACHED)
    return Cell(_value(cell.value), _fill(cell))


def _value(value: Any) -> Value:
    if isinstance(value, str):
        value = _ESCAPED_CONTROL.sub(lambda m: chr(int(m.group(1), 16)), value)
        return value if value.strip() else None
    if isinstance(value, int | float | bool | date | datetime) or value is None:
        return value
    return str(value)  # a time or a duration: shown as written


def _fill(cell: Any) -> str | None:
    """The cell's solid fill as ``#rrggbb``, or None (no fill, a pattern, or a theme colour)."""
    try:
        fill = cell.fill
        if fill is None or fill.fill_type != "solid":
            return None
        colour = fill.fgColor
        if colour.type == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) == 8:
            return "#" + colour.rgb[2:].lower()
        if colour.type == "indexed":
            from openpyxl.styles.colors import COLOR_INDEX

            if 0 <= colour.indexed < 64:
                return "#" + COLOR_INDEX[colour.indexed][2:].lower()
    except (AttributeError, IndexError, TypeError, ValueError):
        return None
    return None
