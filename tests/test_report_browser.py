"""The HTML report in a real browser: headless Chromium renders it to a PNG that is not blank.

Skips only when no Chromium is installed (``.ci/install-chromium`` installs the Debian package).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from test_report import FOUR_GRADES, four_grade_workspace, report

BROWSERS = ("chromium", "chromium-browser", "/usr/bin/chromium")


def find_chromium() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def screenshot(html: Path, png: Path, profile: Path) -> None:
    browser = find_chromium()
    if browser is None:
        pytest.skip("Chromium not found (chromium, chromium-browser): run .ci/install-chromium to install it")
    command = [
        browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1200,1600", html.as_uri(),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert png.is_file(), f"chromium wrote no screenshot (exit {result.returncode}): {result.stderr[-2000:]}"


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def decode_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGB(A) bytes) for an 8-bit RGB or RGBA PNG, without Pillow."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, header = 8, b"", b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind, body = data[offset + 4 : offset + 8], data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
    step = 4 if colour_type == 6 else 3
    raw, stride = zlib.decompress(idat), width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride) if kind else ():
            left = line[i - step] if i >= step else 0
            up, corner = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            else:
                line[i] = (line[i] + _paeth(left, up, corner)) & 255
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def colours(rows: list[bytes], step: int) -> dict[tuple[int, int, int], int]:
    counts: dict[tuple[int, int, int], int] = {}
    for row in rows:
        for i in range(0, len(row), step):
            pixel = (row[i], row[i + 1], row[i + 2])
            counts[pixel] = counts.get(pixel, 0) + 1
    return counts


def test_chromium_renders_the_report(make_workspace: Callable[..., Path], tmp_path: Path) -> None:
    root = four_grade_workspace(make_workspace)
    page = tmp_path / "report.html"
    report(root, "--format", "html", "-o", str(page))
    png = tmp_path / "report.png"
    screenshot(page, png, tmp_path / "profile")
    width, height, rows = decode_png(png.read_bytes())
    assert (width, height) == (1200, 1600)
    step = len(rows[0]) // width
    found = colours(rows, step)
    assert len(found) > 50, "the screenshot is blank or nearly so"
    background = max(found.values())
    assert background < 0.9 * width * height, "one colour fills the page"
    # the heat map painted cells in the framework's own colours (each a solid block of pixels)
    grade_pixels = {tuple(int(c[i : i + 2], 16) for i in (1, 3, 5)): label for _, label, c in FOUR_GRADES}
    painted = [label for rgb, label in grade_pixels.items() if found.get(rgb, 0) > 200]
    assert len(painted) >= 3, f"grade colours seen: {painted}"
