"""Links and pictures in lesson text, written relative to the lesson's own file.

A teacher writes ``[Food webs](food-webs.md)`` or ``![Onion cells](../../media/onion.jpg)``
as the files lie in the portfolio folder. The site puts lesson pages and media
elsewhere, so each such address is rewritten to where its target ends up; what
a link may reach is decided by the publishing gate (`publish.Gate.link`), and a
link the gate refuses is shown as its plain text.

`find` lists the links of a text with their lines; `rewrite` replaces each
target with what a function says. Links inside code (fenced blocks and
`inline code`) are text, not links.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

# [text](target "title") and ![alt](target): the target is a <bracketed> address or has no spaces.
_LINK = re.compile(
    r"(?P<head>(?P<bang>!?)\[(?P<text>(?:[^\]\\\n]|\\.)*)\]\()(?P<target><[^>\n]*>|[^)\s]+)"
    r"(?P<tail>(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\))"
)
# [label]: target "title" (a reference definition, on a line of its own).
_DEFINITION = re.compile(
    r"^(?P<head>[ ]{0,3}\[(?P<text>[^\]\n]+)\]:[ \t]*)(?P<target><[^>\n]*>|\S+)(?P<tail>[^\n]*)$", re.MULTILINE
)
_FENCE = re.compile(r"^[ \t]*(```+|~~~+).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1")

#: What a `rewrite` function returns to leave a link as it is written.
KEEP = object()


@dataclass(frozen=True)
class Found:
    """One link, picture or reference definition in a text."""

    target: str  # as written, without <angle brackets>
    line: int  # 1-based line in the text
    picture: bool
    text: str  # the link's words or the picture's alt text
    definition: bool
    _match: re.Match


def _code_spans(body: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _FENCE.finditer(body)]
    rest = _FENCE.sub(lambda m: " " * len(m.group(0)), body)
    spans += [m.span() for m in _CODE_SPAN.finditer(rest)]
    return spans


def find(body: str) -> list[Found]:
    """Every link, picture and reference definition outside code, in order."""
    code = _code_spans(body)
    found: list[Found] = []
    for pattern, definition in ((_LINK, False), (_DEFINITION, True)):
        for match in pattern.finditer(body):
            if any(start <= match.start() < end for start, end in code):
                continue
            raw = match.group("target")
            target = raw[1:-1] if raw.startswith("<") else raw
            picture = not definition and bool(match.group("bang"))
            found.append(Found(target, body.count("\n", 0, match.start()) + 1, picture, match.group("text"),
                               definition, match))
    return sorted(found, key=lambda f: f._match.start())


def rewrite(body: str, new_target: Callable[[Found], object]) -> str:
    """`body` with each link's target replaced by `new_target(found)`: a new
    address, `KEEP` to leave it, or None to show the link as plain text (its
    words; a picture's alt text; a reference definition is dropped)."""
    chunks: list[str] = []
    position = 0
    for found in find(body):
        match = found._match
        new = new_target(found)
        if new is KEEP:
            continue
        chunks.append(body[position : match.start()])
        if new is None:
            chunks.append("" if found.definition else found.text)
        else:
            new = str(new)
            if match.group("target").startswith("<") or " " in new:
                new = f"<{new}>"
            chunks.append(match.group("head") + new + match.group("tail"))
        position = match.end()
    chunks.append(body[position:])
    return "".join(chunks)


# ---- One conversion for every place that shows a text

#: What stands for the Nth link target in a text converted once (`marked`).
PLACEHOLDER = "flipfolio-link:"
_LINKED = re.compile(r"(<a\b[^>]*?\shref=\")" + re.escape(PLACEHOLDER) + r"(\d+)(\"[^>]*>)(.*?)</a>", re.DOTALL)
_PICTURED = re.compile(r"(<img\b[^>]*?\ssrc=\")" + re.escape(PLACEHOLDER) + r"(\d+)(\"[^>]*>)")
_ALT = re.compile(r"\salt=\"([^\"]*)\"")
_ENTITY = re.compile(r"&(?!(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);)", re.IGNORECASE)


def marked(body: str, mark: Callable[[Found], bool]) -> tuple[str, tuple[Found, ...]]:
    """`body` with the target of each link that `mark(found)` picks replaced by
    a placeholder (``flipfolio-link:0``, ``flipfolio-link:1``…), and those
    links in order. Converted to HTML once, the text is then `filled` with the
    targets each place that shows it needs (a site page, an offline pack). A
    placeholder says nothing of its target, so what is refused never reaches
    the converted text."""
    chosen: list[Found] = []

    def placeholder(found: Found):
        if not mark(found):
            return KEEP
        chosen.append(replace(found, _match=None))
        return f"{PLACEHOLDER}{len(chosen) - 1}"

    return rewrite(body, placeholder), tuple(chosen)


def filled(html: str, found: tuple[Found, ...], new_target: Callable[[Found], object]) -> str:
    """The HTML of a `marked` text with each placeholder replaced by
    `new_target(found)` as `rewrite` takes it: an address, `KEEP` (the target as
    written) or None (plain text: a link's words, a picture's alt text)."""
    targets = [new_target(f) for f in found]

    def address(n: int):
        new = targets[n] if n < len(targets) else None
        return _attribute(found[n].target if new is KEEP else str(new)) if new is not None else None

    def link(match: re.Match) -> str:
        new = address(int(match.group(2)))
        return match.group(4) if new is None else match.group(1) + new + match.group(3) + match.group(4) + "</a>"

    def picture(match: re.Match) -> str:
        new = address(int(match.group(2)))
        if new is None:
            alt = _ALT.search(match.group(0))
            return alt.group(1) if alt else ""
        return match.group(1) + new + match.group(3)

    return _PICTURED.sub(picture, _LINKED.sub(link, html))


def _attribute(value: str) -> str:
    """An address as an HTML attribute value, escaped as Python-Markdown escapes
    its own (an ``&`` that starts an entity is kept)."""
    return _ENTITY.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
