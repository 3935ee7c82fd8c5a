"""A spreadsheet file as plain rows of cells: values (cached values for formulas) and fill colours.

.xlsx is read with openpyxl in read-only mode (imported here, only when a workbook is read); .csv with the
standard library. Nothing larger than 16 MB (a workbook: uncompressed) is read; files that are not
spreadsheets, encrypted workbooks and old .xls files are refused with one clear message.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import repeat
from pathlib import Path
from typing import Any

from selfassess.core.errors import SelfAssessError
from selfassess.formats.safeio import read_regular

MAX_BYTES = 16 * 1024 * 1024
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
        raise SheetError(f"file is larger than {MAX_BYTES // (1024 * 1024)} MB", shown)
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
            names = archive.namelist()
            size = sum(info.file_size for info in archive.infolist())
            sheets = [n for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            # nothing is decompressed from a workbook that is refused below for its size
            formulas = size <= MAX_BYTES and any(_FORMULA.search(archive.read(name)) for name in sheets)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error):
        raise SheetError("not a spreadsheet: a damaged or unknown zip file", shown) from None
    if "xl/workbook.xml" not in names:
        raise SheetError("not an Excel workbook (.xlsx): save it from Excel as .xlsx or .csv", shown)
    if size > MAX_BYTES:
        raise SheetError(
            f"workbook is larger than {MAX_BYTES // (1024 * 1024)} MB uncompressed: "
            "save just the district's sheet as .xlsx or .csv",
            shown,
        )
    return formulas


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
        values = load_workbook(path, read_only=True, data_only=True)
        # read a second time, for the formulas, only when there are formulas to look for
        formulas = load_workbook(path, read_only=True, data_only=False) if has_formulas else None
        try:
            return [
                _read_worksheet(values[name], formulas[name] if formulas else None, values.epoch)
                for name in values.sheetnames
                if getattr(values[name], "iter_rows", None) is not None  # chart sheets have no cells
            ]
        finally:
            values.close()
            if formulas is not None:
                formulas.close()
    except SheetError:
        raise
    except Exception as error:  # openpyxl raises many kinds for damaged files; none may crash us
        raise SheetError(f"cannot read the workbook: {error}", shown) from None


def _read_worksheet(values: Any, formulas: Any, epoch: datetime) -> Sheet:
    sheet = Sheet(values.title, epoch=epoch)
    values.reset_dimensions()  # some writers record a wrong size; read the rows that are there
    formula_rows: Iterator[tuple[Any, ...]] = repeat(())
    if formulas is not None:
        formulas.reset_dimensions()
        formula_rows = formulas.iter_rows()
    for value_row, formula_row in zip(values.iter_rows(), formula_rows, strict=False):
        cells = []
        for index, cell in enumerate(value_row):
            formula = formula_row[index] if index < len(formula_row) else None
            cells.append(_cell(cell, formula))
        sheet.rows.append(cells)
    return sheet


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
