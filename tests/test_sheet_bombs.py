"""Spreadsheet bombs under the 16 MB limit (issue 26 item 3): every zip member is inflated in chunks
and its size and CRC checked before openpyxl sees the file; at most 256 columns and 20,000 rows are
examined; openpyxl's warnings become findings at their cell, and a date out of range is called that."""

from __future__ import annotations

import resource
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import xlsxwriter
from test_import import do_import, draft, workspace  # noqa: F401  (the fixture)

from conftest import SELFASSESS, TODAY

#: what a command may use: the bombs below need gigabytes when inflated whole
MEMORY_LIMIT = 1536 * 2**20


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def import_limited(root: Path, file: Path, period: str = "2026-Q4") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SELFASSESS, "import", str(file), "--district", "north", "--period", period, "--as-of", TODAY],
        cwd=root, capture_output=True, text=True, timeout=300, preexec_fn=limited,
    )  # fmt: skip


def sheet_book(path: Path) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    for row, values in enumerate([["ID", "Rating"], ["IR1", "Green"]]):
        for column, value in enumerate(values):
            sheet.write_string(row, column, value)
    book.close()
    return path


def lying_member(path: Path, member: str, inflated: int, stated: int) -> Path:
    """Replace ``member`` by ``inflated`` zero bytes whose zip entries say ``stated`` bytes."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = b"\0" * 2**20
    body = b"".join(compressor.compress(block) for _ in range(inflated // len(block))) + compressor.flush()
    bomb = path.with_name("bomb-" + path.name)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            if name != member:
                target.writestr(name, data)
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        target.writestr(info, b"placeholder")
    data = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as archive:
        entry = archive.getinfo(member)
    # rebuild: the member's local header and data, with the sizes the directory will claim
    offset = entry.header_offset
    name_length, extra_length = struct.unpack("<HH", data[offset + 26 : offset + 30])
    start = offset + 30 + name_length + extra_length
    old_end = start + entry.compress_size
    data[offset + 14 : offset + 26] = struct.pack("<III", zlib.crc32(b"\0" * stated), len(body), stated)
    data[start:old_end] = body
    shift = len(body) - entry.compress_size
    directory = data.rfind(b"PK\x05\x06")
    central = struct.unpack("<I", data[directory + 16 : directory + 20])[0]
    data[directory + 16 : directory + 20] = struct.pack("<I", central + shift)
    position = central + shift
    while data[position : position + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack("<HHH", data[position + 28 : position + 34])
        name = bytes(data[position + 46 : position + 46 + n]).decode()
        local = struct.unpack("<I", data[position + 42 : position + 46])[0]
        if name == member:
            data[position + 16 : position + 28] = struct.pack(
                "<III", zlib.crc32(b"\0" * stated), len(body), stated
            )
        elif local > offset:
            data[position + 42 : position + 46] = struct.pack("<I", local + shift)
        position += 46 + n + m + k
    bomb.write_bytes(bytes(data))
    return bomb


def test_a_member_whose_directory_lies_is_refused_in_chunks(workspace, tmp_path: Path) -> None:  # noqa: F811
    root = workspace()
    bomb = lying_member(sheet_book(tmp_path / "book.xlsx"), "xl/worksheets/sheet1.xml", 2**31, 1000)
    assert bomb.stat().st_size < 16 * 2**20
    result = import_limited(root, bomb)
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "bomb-book.xlsx" in result.stderr and "inflates beyond its stated size" in result.stderr


def test_a_member_with_a_bad_crc_is_refused(workspace, tmp_path: Path) -> None:  # noqa: F811
    root = workspace()
    path = sheet_book(tmp_path / "book.xlsx")
    data = bytearray(path.read_bytes())
    entry = data.find(b"PK\x01\x02", data.rfind(b"xl/styles.xml", 0, data.rfind(b"PK\x05\x06")) - 46)
    assert data[entry + 46 : entry + 59] == b"xl/styles.xml"  # not a sheet: every member is checked
    data[entry + 16] ^= 0xFF  # the directory's CRC of it
    path.write_bytes(bytes(data))
    result = import_limited(root, path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert "book.xlsx" in result.stderr and "bad CRC" in result.stderr


def test_a_cell_at_column_xfd_in_every_row_costs_nothing(workspace, tmp_path: Path) -> None:  # noqa: F811
    root = workspace()
    path = tmp_path / "wide.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, ["ID", "Rating"])
    sheet.write_row(1, 0, ["IR1", "Green"])
    for row in range(2, 1500):
        sheet.write_string(row, 16383, "far")  # column XFD
    book.close()
    result = import_limited(root, path)
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stdout + result.stderr
    assert draft(root).responses["IR1"].rating == "green"


def test_only_the_first_20000_rows_are_read(workspace, tmp_path: Path) -> None:  # noqa: F811
    root = workspace()
    path = tmp_path / "long.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, ["ID", "Rating"])
    sheet.write_row(1, 0, ["IR1", "Green"])
    for row in range(2, 20_005):
        sheet.write_string(row, 2, "x")
    sheet.write_row(20_004, 0, ["IR2", "Red"])
    book.close()
    result = do_import(root, path)
    assert (
        "long.xlsx:Sheet1!20001" in result.stdout and "only the first 20,000 rows are read" in result.stdout
    )
    assert "IR2" not in draft(root).responses


def test_a_date_out_of_range_is_a_finding_at_its_cell_not_an_excel_error(workspace, tmp_path: Path) -> None:  # noqa: F811
    root = workspace()
    path = tmp_path / "dates.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, ["ID", "Rating", "Evidence", "Evidence date"])
    sheet.write_row(1, 0, ["IR1", "Green", "Audit."])
    sheet.write_number(1, 3, 1e12, book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    result = do_import(root, path)
    assert "Traceback" not in result.stderr
    assert "warn" not in result.stderr.lower() and "openpyxl" not in result.stderr, result.stderr
    assert "dates.xlsx:Sheet1!D2" in result.stdout and "a date outside the years 1 to 9999" in result.stdout
    assert "#VALUE!" not in result.stdout
