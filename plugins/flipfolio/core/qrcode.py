"""QR codes as SVG, made at build time: no file to fetch, no web service.

A plain QR code (never a Micro QR) with error correction M (15 %), encoded by
zxing-cpp (its C++ encoder takes a sixth of the time of a pure-Python one, and
a large portfolio has a code per video), drawn here as the smallest SVG that
shows it: a white square, then each run of dark modules of a row as one line
a module thick (`svg`). `data_address` gives the SVG as a ``data:`` address
for an ``<img>`` in a page.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

#: The quiet zone around a code, in modules (the standard's four).
QUIET_ZONE = 4
_DARK_RUNS = re.compile(rb"\x00+")  # zxing-cpp's picture: a byte a module, 0 dark, 255 light


def modules(text: str) -> list[bytes]:
    """The rows of the QR code of `text` (a byte a module: 0 dark, 255 light), without the quiet zone."""
    import zxingcpp

    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    picture = code.to_image(scale=1, add_quiet_zones=False)
    height, width = picture.shape
    data = bytes(picture)
    return [data[row * width:(row + 1) * width] for row in range(height)]


def svg(text: str, *, title: str | None = None, scale: int | None = None) -> str:
    """The QR code of `text` as an SVG document (with a ``<title>`` for those
    who open the file itself, and a size of `scale` pixels a module when
    given; otherwise the page that shows it sizes it)."""
    rows = modules(text)
    size = len(rows) + 2 * QUIET_ZONE
    # Each run of dark modules in a row is a line one module thick through the
    # row's middle; each move is relative to where the last line ended.
    moves, x, y = [], 0, -QUIET_ZONE - .5
    for row_number, row in enumerate(rows):
        for found in _DARK_RUNS.finditer(row):
            start, length = found.start() + QUIET_ZONE, len(found.group())
            moves.append(f"m{start - x},{row_number - y}h{length}")
            x, y = start + length, row_number
    sized = f" width='{size * scale}' height='{size * scale}'" if scale else ""
    named = f"<title>{escape(title, quote=True)}</title>" if title else ""
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0,0,{size},{size}'{sized} shape-rendering='crispEdges'>"
            f"{named}<path fill='#fff' d='M0,0h{size}v{size}H0z'/><path stroke='#000' d='{''.join(moves)}'/></svg>")


#: What `data_address` leaves as it is: what `urllib.parse.quote` always does, and its `safe`.
_SAFE = "/:=,.-"
#: The other ASCII characters, percent-encoded as `quote` encodes them, in one `str.translate`
#: (`quote` looks at each character in Python: a third of the time of a code with its SVG).
_PERCENT = {code: f"%{code:02X}" for code in range(128)
            if not (chr(code).isascii() and (chr(code).isalnum() or chr(code) in "_.-~" + _SAFE))}


def data_address(text: str) -> str:
    """The QR code of `text` as an SVG ``data:`` address, the characters an
    address may not hold percent-encoded, and the quotes too: the address then
    holds no character HTML escapes (``'`` would be ``&#39;`` in the page), so
    a page carries it as it is, and whatever reads the page (the content
    checks, search) finds no character reference to convert in it."""
    drawn = svg(text)
    return "data:image/svg+xml," + (drawn.translate(_PERCENT) if drawn.isascii() else quote(drawn, safe=_SAFE))
