"""Links and pictures in lesson text, written relative to the lesson's own file.

A teacher writes ``[Food webs](food-webs.md)`` or ``![Onion cells](../../media/onion.jpg)``
as the files lie in the portfolio folder. The site puts lesson pages and media
elsewhere, so each such address is rewritten to where its target ends up; what
a link may reach is decided by the publishing gate (`publish.Gate.link`), and a
link the gate refuses is shown as its plain text.

`find` lists the links of a text with their lines; `rewrite` replaces each
target with what a function says. An HTML ``<a href>`` or ``<img src>`` the
teacher writes is a link or a picture too. Links inside code (fenced blocks
and `inline code`) are text, not links; links inside notes (HTML comments,
left out of the site) are none either.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from .mdscan import LineAt, mask_code

# [text](target "title") and ![alt](target): the target is a <bracketed> address, or words up to a
# "title" or the closing bracket (Python-Markdown takes ![x](my photo (1).jpg) for a picture of
# "my photo (1).jpg").
_WORD = r"(?:[^()\s]|\([^()\s]*\))+"  # a part of an address, with (balanced) brackets: worksheet(1).pdf
_TARGET = (rf"(?P<target><[^>\n]*>|{_WORD}(?:[ \t]+(?![\"']){_WORD})*)"
           r"(?P<tail>(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\s*\))")
_LINK = re.compile(r"(?P<head>(?P<bang>!?)\[(?P<text>(?:[^\[\]\\\n]|\\.)*)\]\([ \t]*)" + _TARGET)
#: A picture (found first: a picture may be a link's words, [![alt](picture.png)](page.md)).
_PICTURE = re.compile(r"(?P<head>(?P<bang>!)\[(?P<text>(?:[^\[\]\\\n]|\\.)*)\]\([ \t]*)" + _TARGET)
# [label]: target "title" (a reference definition, on a line of its own; [^1]: is a footnote's text).
_DEFINITION = re.compile(
    r"^(?P<head>[ ]{0,3}\[(?P<text>(?!\^)[^\]\n]+)\]:[ \t]*)(?P<target><[^>\n]*>|\S+)(?P<tail>[^\n]*)$", re.MULTILINE
)
# <a href="target"> and <img src="target"> in HTML the teacher writes in the text.
_TAG = re.compile(
    r"<(?P<name>a|img)(?=[\s/>])(?P<before>[^<>]*?\s)(?P<attribute>href|src)\s*=\s*"
    r"(?P<target>\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+)(?P<after>[^<>]*>)",
    re.IGNORECASE,
)
_ALT_ATTRIBUTE = re.compile(r"\salt\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+)", re.IGNORECASE)

#: What a `rewrite` function returns to leave a link as it is written.
KEEP = object()


@dataclass(frozen=True)
class Found:
    """One link, picture or reference definition in a text."""

    target: str  # as written, without <angle brackets> (an HTML attribute's value decoded)
    line: int  # 1-based line in the text
    picture: bool
    text: str  # the link's words or the picture's alt text ("" for an HTML <a>)
    definition: bool
    _match: re.Match
    html: bool = False  # written as an HTML <a href> or <img src>


def _html_found(match: re.Match, line: int) -> Found | None:
    name, attribute = match.group("name").lower(), match.group("attribute").lower()
    if (name, attribute) not in (("a", "href"), ("img", "src")):
        return None
    target = html.unescape(match.group("target").strip("\"'"))
    alt = _ALT_ATTRIBUTE.search(match.group("before") + " " + match.group("after"))
    text = html.unescape(alt.group(1).strip("\"'")) if alt and name == "img" else ""
    return Found(target, line, name == "img", text, False, match, html=True)


def find(body: str) -> list[Found]:
    """Every link, picture and reference definition outside code and notes
    (HTML comments), in order; a picture may be a link's words."""
    masked = mask_code(body)
    line_at = LineAt(body)
    found: list[Found] = []

    def outside_code(at: int) -> bool:
        return masked[at] == body[at]

    pictures = [m for m in _PICTURE.finditer(body) if outside_code(m.start())]
    # The links, read with each picture blanked out: a picture in a link's words is part of its words.
    chunks, position = [], 0
    for picture in pictures:
        chunks += [body[position : picture.start()], "x" * (picture.end() - picture.start())]
        position = picture.end()
    opaque = "".join(chunks) + body[position:]
    for match in (*pictures, *_LINK.finditer(opaque)):
        if outside_code(match.start()):
            raw = match.group("target")
            found.append(Found(raw[1:-1] if raw.startswith("<") else raw, line_at(match.start()),
                               bool(match.group("bang")), body[match.start("text") : match.end("text")], False,
                               match))
    for match in _DEFINITION.finditer(body):
        if masked[match.start("text") - 1] == "[":
            raw = match.group("target")
            found.append(Found(raw[1:-1] if raw.startswith("<") else raw, line_at(match.start()), False,
                               match.group("text"), True, match))
    for match in _TAG.finditer(body):
        if outside_code(match.start()):
            tag = _html_found(match, line_at(match.start()))
            if tag is not None:
                found.append(tag)
    found.sort(key=lambda f: f._match.start())
    kept: list[Found] = []  # each outside the one before, or within its words
    for one in found:
        before = kept[-1]._match if kept else None
        if (before is None or one._match.start() >= before.end()
                or (not kept[-1].html and not kept[-1].definition
                    and before.start("text") <= one._match.start() and one._match.end() <= before.end("text"))):
            kept.append(one)
    return kept


def rewrite(body: str, new_target: Callable[[Found], object]) -> str:
    """`body` with each link's target replaced by `new_target(found)`: a new
    address, `KEEP` to leave it, or None to show the link as plain text (its
    words; a picture's alt text; a reference definition is dropped)."""
    edits: list[tuple[int, int, str]] = []
    for found in find(body):
        match = found._match
        new = new_target(found)
        if new is KEEP:
            continue
        if found.html:
            edits.append((match.start(), match.end(), _html_rewritten(found, new)))
        elif new is None and found.definition:
            edits.append((match.start(), match.end(), ""))
        elif new is None:  # its words stay, and what they hold is rewritten on its own
            edits += [(match.start(), match.start("text"), ""), (match.end("text"), match.end(), "")]
        else:
            new = str(new)
            if match.group("target").startswith("<") or " " in new:
                new = f"<{new}>"
            edits.append((match.start("target"), match.end("target"), new))
    chunks: list[str] = []
    position = 0
    for start, end, text in sorted(edits):
        chunks += [body[position:start], text]
        position = end
    chunks.append(body[position:])
    return "".join(chunks)


def _html_rewritten(found: Found, new: object) -> str:
    """An HTML <a> or <img> tag with its address replaced: a refused picture is
    its alt text, a refused link keeps its words and loses its address."""
    match = found._match
    if new is None and found.picture:
        return html.escape(found.text, quote=False)
    head = "<" + match.group("name").lower() + match.group("before")
    if new is None:
        rest = match.group("after").lstrip()
        return head.rstrip() + ("" if rest[:1] in (">", "/") else " ") + rest
    return f'{head}{match.group("attribute").lower()}="{_attribute(str(new))}"{match.group("after")}'


# ---- One conversion for every place that shows a text

#: What stands for the Nth link target in a text converted once (`marked`).
PLACEHOLDER = "flipfolio-link:"
_LINKED = re.compile(r"(<a\b[^>]*?\shref=\")" + re.escape(PLACEHOLDER) + r"(\d+)(\"[^>]*>)(.*?)</a\s*>",
                     re.DOTALL | re.IGNORECASE)
_PICTURED = re.compile(r"(<img\b[^>]*?\ssrc=\")" + re.escape(PLACEHOLDER) + r"(\d+)(\"[^>]*>)", re.IGNORECASE)
_ALT = re.compile(r"\salt=\"([^\"]*)\"")
#: A placeholder left where the converted text has no link or picture of it (in code).
_LEFT = re.compile(re.escape(PLACEHOLDER) + r"(\d+)")
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

    def as_text(match: re.Match) -> str:  # a placeholder in code (a quote's fence…): as written, or nothing
        n = int(match.group(1))
        kept = n < len(targets) and targets[n] is not None
        return found[n].target.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") if kept else ""

    return _LEFT.sub(as_text, _PICTURED.sub(picture, _LINKED.sub(link, html)))


def _attribute(value: str) -> str:
    """An address as an HTML attribute value, escaped as Python-Markdown escapes
    its own (an ``&`` that starts an entity is kept)."""
    return _ENTITY.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def as_browser_reads(address: str) -> str:
    """An address as a browser reads it on a web page: tabs and line breaks
    dropped, a backslash read as a slash (``/\\tracker.example/x.png`` leads
    to another site, as ``//tracker.example/x.png`` does)."""
    return re.sub(r"[\t\n\r]", "", address).replace("\\", "/")
