"""Checks of the Markdown a teacher writes, and where a page check's finding
was written.

Two concerns, both pure text work (no MkDocs, no HTML tree):

- `unsafe_html(body, body_line)` finds what lesson text must not carry: a
  `<script>`, an `<iframe>`/`<object>`/`<embed>` (each loads another site
  before anyone presses play), an event attribute such as `onerror=` in an
  HTML tag, and a `javascript:` (or `vbscript:`, `data:text/html`) address.
  Code (fenced blocks, `inline code`) and HTML comments are text, not HTML,
  and are left alone (mdscan.py). `body_problems(lesson)` turns them into
  errors, and warns of a comment never closed.
- `source_lines(findings, markdown, first_line)` finds the line of the
  Markdown where the element of each page-check finding (audit.py) was
  written: a picture by its file name or alt text, a link by its address, a
  heading by its words. `lesson_finding_problems` and
  `page_finding_problems` turn findings into problems naming the file and
  that line; an element of the part Flipfolio adds to a lesson page (videos,
  questions) is named by its field instead.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol
from urllib.parse import unquote, urlsplit

from .audit import Finding
from .links import as_browser_reads
from .mdscan import LineAt, mask_code, unclosed_note, without_notes_mapped
from .problems import Problem


# ---------------------------------------------------------------------------
# Unsafe HTML in lesson text.

_TAG = re.compile(r"<(?P<name>[A-Za-z][\w:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?")
_ATTR = re.compile(r"(?P<name>[^\s\"'<>/=]+)(?:\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
#: Elements that run a script, or load another site as soon as the page opens.
_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "frame"})
#: Elements that change the whole page, or load another site for it: a style sheet, a base
#: address, a refresh that leads elsewhere.
_PAGE_ELEMENTS = frozenset({"link", "style", "base", "meta"})
#: Attributes whose address the browser loads as the page opens (pictures: `src` goes through the
#: publishing gate, which shows a picture from another site as its words).
_LOADING = frozenset({"srcset", "poster", "background"})
#: SVG elements that load the address of their `href`.
_SVG_LOADING = frozenset({"image", "use", "feimage"})
#: Elements that load the address of their `src` as the page opens, and whose `src` the publishing
#: gate does not see (a player's file, its captions, a picture button, and <image>, which a browser
#: reads as <img>): another site's is an error.
_SRC_LOADING = frozenset({"video", "audio", "source", "track", "input", "image"})
#: The players, whose own `src` (and their <source>'s and <track>'s) loads nothing until played
#: when the player says so (`_players_on_demand`).
_PLAYERS = frozenset({"video", "audio", "source", "track"})
#: An address at another site (``https://…``, ``//…``) inside an attribute's value.
_ELSEWHERE = re.compile(r"(?:^|[\s,(\"'])(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
#: Players written in the text, outside the lesson's 'videos:'.
_MEDIA_TAG = re.compile(r"<(video|audio)(?=[\s/>])", re.IGNORECASE)
#: Addresses that run code when followed, whatever a link's words say.
_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
#: The address of [words](address) or ![alt](address), nested or not: <bracketed> or without spaces.
_MD_LINK = re.compile(r"\]\(\s*(?P<target><[^<>\n]*>|[^)\s]+)")
#: [label]: address (a reference definition).
_MD_REF = re.compile(r"^[ \t]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(?P<target><[^<>\n]*>|\S+)", re.MULTILINE)
#: <javascript:...> (an autolink).
_AUTOLINK = re.compile(r"<(?P<target>[A-Za-z][A-Za-z0-9+.-]*:[^\s<>]*)>")


def _scheme(address: str) -> str | None:
    """The dangerous scheme an address starts with, as a browser reads it
    (entities decoded, spaces and control characters ignored), or None."""
    text = html.unescape(address.strip().strip("<>"))
    text = re.sub(r"[\x00-\x20\x7f]+", "", text).lower()
    return next((scheme for scheme in _SCHEMES if text.startswith(scheme)), None)


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeio" else "a"


def _unsafe_tags(text: str, pictures: bool = False, gated: bool = False) -> list[tuple[int, int, str]]:
    """(position, order, what) of each element, event attribute and address
    in the tags of `text` that runs a script or loads another site.
    `pictures`: an <img>'s `src` at another site too (in HTML converted from
    Markdown, where the publishing gate has shown every picture it saw from
    another site as its words: one left there came another way, such as an
    attribute list's ``{src="…"}``). `gated`: `text` was converted with a
    placeholder for each address the publishing gate decided on
    (`links.marked`): a link's or picture's path that is none was set apart
    from the gate (`_unchecked`)."""
    found: list[tuple[int, int, str]] = []
    on_demand = _players_on_demand(text)
    for tag in _TAG.finditer(text):
        name = tag.group("name").lower()
        # A player that loads nothing until played: the privacy page says when (its poster loads at once).
        waits = name in _PLAYERS and on_demand(tag.start())
        if name in _ELEMENTS or name in _PAGE_ELEMENTS:
            found.append((tag.start(), 0, f"<{name}>"))
        for attr in _ATTR.finditer(tag.group("attrs") or ""):
            attr_name = attr.group("name").lower()
            if re.fullmatch(r"on[a-z]+", attr_name):
                found.append((tag.start(), 1, f"{attr_name}= on <{name}>"))
            value = attr.group("value")
            if value is not None:
                scheme = _scheme(value.strip("\"'"))
                if scheme:
                    found.append((tag.start(), 2, scheme))
                elif waits and attr_name == "src":
                    continue
                elif _loads_elsewhere(name, attr_name, html.unescape(value.strip("\"'")), pictures):
                    found.append((tag.start(), 3, f"{attr_name}= address on <{name}>"))
                elif gated and (name, attr_name) in _GATED and _unchecked(html.unescape(value.strip("\"'"))):
                    found.append((tag.start(), 4, f"{attr_name}= path on <{name}>"))
    return found


#: The links and pictures whose addresses in the portfolio the publishing gate decides on: in HTML
#: converted from Markdown, each such address is a placeholder (`links.PLACEHOLDER`).
_GATED = frozenset({("a", "href"), ("img", "src")})
_ANY_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _unchecked(address: str) -> bool:
    """Whether a link's or picture's address in converted HTML is a path the
    publishing gate never saw (one an attribute list set, ``{href="draft.md"}``):
    not a placeholder, a part of the page, a site address or another site's."""
    address = as_browser_reads(address.strip())
    return bool(address) and not address.startswith(("#", "/")) and not _ANY_SCHEME.match(address)


_PLAYER_TAG = re.compile(r"<(/?)(video|audio)(?=[\s/>])((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?", re.IGNORECASE)


def _players_on_demand(text: str) -> Callable[[int], bool]:
    """Whether the tag at a position is a <video> or <audio> that loads nothing
    until it is played (``preload="none"``, no ``autoplay``), or a <source> or
    <track> inside one."""
    spans: list[tuple[int, int]] = []
    opened: list[tuple[int, bool]] = []
    for tag in _PLAYER_TAG.finditer(text):
        if tag.group(1):  # </video>
            if opened:
                start, waits = opened.pop()
                if waits:
                    spans.append((start, tag.end()))
            continue
        attrs = {a.group("name").lower(): (a.group("value") or "").strip("\"'").lower()
                 for a in _ATTR.finditer(tag.group(3) or "")}
        opened.append((tag.start(), attrs.get("preload") == "none" and "autoplay" not in attrs))
    spans += [(start, len(text)) for start, waits in opened if waits]  # never closed: to the end
    return lambda position: any(start <= position < end for start, end in spans)


def _loads_elsewhere(tag: str, attribute: str, value: str, pictures: bool = False) -> bool:
    """Whether the attribute makes the browser load an address at another site as the page opens."""
    if (attribute in _LOADING or (attribute in ("href", "xlink:href") and tag in _SVG_LOADING)
            or (attribute == "src" and (tag in _SRC_LOADING or (pictures and tag == "img")))):
        return bool(_ELSEWHERE.search(as_browser_reads(value)))
    if attribute != "style":
        return False
    # Any address in a style (url(…), image-set("…"), an @import's string) as CSS reads it: escapes decoded.
    value = as_browser_reads(_CSS_ESCAPE.sub(_css_character, value))
    return bool(_ELSEWHERE.search(re.sub(r"[a-z-]+\(", " ", value, flags=re.IGNORECASE)))


#: A CSS escape: a backslash and up to six hex digits (and one space after them), or any other character.
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|(.))", re.DOTALL)


def _css_character(escape: re.Match) -> str:
    if escape.group(1):
        code = int(escape.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return escape.group(2)


#: Elements that run or load on their own (`unsafe_in_html` looks for them first).
_ELEMENT_STARTS = tuple(f"<{name}" for name in sorted(_ELEMENTS | _PAGE_ELEMENTS))
#: A tag with attributes, and one that may hold an event attribute or an address.
_ATTRIBUTED_TAG = re.compile(r"<[a-z][\w:-]*\s(?:[^>\"']|\"[^\"]*\"|'[^']*')*>?")
_SUSPECT = re.compile(r"\son|:|&#|//|\\|/\s|\ssrc|\shref")


def unsafe_in_html(html_text: str, gated: bool = False) -> list[str]:
    """What the HTML a lesson's text was converted to holds that runs a script
    or loads another site (as `unsafe_html` names it): the last word, whatever
    way the Markdown took to get there. Read fast: only tags that may hold
    such a thing are read in full. `gated`: see `_unsafe_tags`."""
    lowered = html_text.lower()
    if not any(start in lowered for start in _ELEMENT_STARTS) and "<video" not in lowered and "<audio" not in lowered:
        suspects = [tag.group(0) for tag in _ATTRIBUTED_TAG.finditer(lowered) if _SUSPECT.search(tag.group(0))]
        if not suspects:
            return []
        html_text = " ".join(suspects)
    return list(dict.fromkeys(what for _, _, what in sorted(_unsafe_tags(html_text, pictures=True, gated=gated))))


def unsafe_html(body: str, body_line: int = 1) -> list[tuple[int, str]]:
    """What in a lesson's Markdown body runs a script or loads another site,
    as (line in the file, what) pairs in the order written.

    `body_line` is the file line the body starts on. `what` is the kind of
    finding: ``"<script>"``, ``"<iframe>"`` (also ``<object>``, ``<embed>``,
    ``<frame>``), ``"onclick= on <a>"`` (any ``on…=`` attribute) or
    ``"javascript:"`` (also ``vbscript:``, ``data:text/html``). The text is
    read as it is converted: without its notes (HTML comments), code left out."""
    return _unsafe_in(*_shown(body), body, body_line)


def _shown(body: str) -> tuple[str, Callable[[int], int]]:
    """`body` as it is converted (without its notes), code blanked out; and
    for a position in it, the position in `body` of the same character."""
    shown, original = without_notes_mapped(body)
    return mask_code(shown), original


def _unsafe_in(text: str, original: Callable[[int], int], body: str, body_line: int) -> list[tuple[int, str]]:
    found = _unsafe_tags(text)
    targets: set[int] = set()  # where link addresses start: an <autolink> there is the same address
    for pattern in (_MD_LINK, _MD_REF, _AUTOLINK):
        for link in pattern.finditer(text):
            if link.start() in targets:
                continue
            targets.add(link.start("target"))
            scheme = _scheme(link.group("target"))
            if scheme:
                found.append((link.start("target"), 2, scheme))
    found.sort()
    line_at = LineAt(body, body_line)
    return [(line_at(original(position)), what) for position, _, what in found]


class _LessonText(Protocol):
    file: str
    body: str
    body_line: int


def line_written(what: str, body: str, body_line: int = 1) -> int | None:
    """The line of `body` (which starts on file line `body_line`) that most
    likely wrote an `unsafe_in_html` finding `what`, or None: the first line
    naming its attribute in an attribute list (``{src="…"}``), else the first
    naming the attribute, the address's scheme or the element."""
    if what.startswith("<"):
        wanted = [re.escape(what[:-1]) + r"[\s/>]"]
    elif "=" in what:
        name = re.escape(what.partition("=")[0])
        wanted = [r"\{[^}\n]*\b" + name + r"\s*=", r"\b" + name + r"\s*="]
    else:
        wanted = [re.escape(what)]
    lines = body.lower().split("\n")
    for pattern in wanted:
        for n, line in enumerate(lines):
            if re.search(pattern, line):
                return body_line + n
    return None


def unsafe_html_message(what: str, text: str = "lesson text") -> str:
    """What to tell the teacher about one `unsafe_html` finding in a `text`
    ("lesson text", "evidence page")."""
    if what == "<script>":
        where = "lesson text" if text == "lesson text" else "a published page"
        return (f"the {text} has a <script> element; scripts in {where} run in every visitor's "
                "browser: remove it (Flipfolio adds what its pages need)")
    if what in ("<link>", "<style>", "<base>", "<meta>"):
        return (f"the {text} has {_article(what[1:])} {what} element; it changes the whole page, and can make "
                "every visitor's browser load another site as soon as the page opens: remove it")
    if " path on <" in what:
        attribute, _, tag = what.partition(" path on ")
        return (f"the {text} has {_article(tag[1:])} {tag} whose '{attribute[:-1]}' was set apart from its Markdown "
                "(an attribute list such as {" + attribute[:-1] + '="…"}): the site cannot check that what it leads '
                "to is published, nor make its address work; write the address in the link itself, "
                "[words](address) or ![words](address)")
    if " address on <" in what:
        attribute, _, tag = what.partition(" address on ")
        return (f"the {text} has a '{attribute[:-1]}' attribute on {_article(tag[1:])} {tag} tag that loads another "
                "site in every visitor's browser as soon as the page opens: remove it, or show a file of the "
                "portfolio instead")
    if what.startswith("<"):
        instead = ("put a video in the lesson's 'videos:' field (it loads only when played) or link to the page "
                   "instead") if text == "lesson text" else "link to the page instead"
        return (f"the {text} has {_article(what[1:])} {what} element; it loads another site in every "
                f"visitor's browser as soon as the page opens: remove it, {instead}")
    if "= on <" in what:
        attribute, _, tag = what.partition(" on ")
        return (f"the {text} has an '{attribute[:-1]}' attribute on {_article(tag[1:])} {tag} tag; it runs "
                "a script in every visitor's browser: remove the attribute")
    return (f"the {text} has a '{what}' address; it runs code when a visitor follows it: "
            "link to a page or a file instead")


def body_problems(lesson: _LessonText, text: str = "lesson text") -> list[Problem]:
    """Errors for what in a lesson's text (or another `text` a page shows: an
    "evidence page") runs a script or loads another site (see `unsafe_html`),
    each naming the file and the line. Errors, not
    warnings: the page cannot leave it out, and publishing it would let every
    visitor's browser run it, or contact another site, as the page opens.
    A warning for a note (an HTML comment) never closed: it hides the rest of
    the text; and for a <video> or <audio> element: nothing checks its
    captions and transcript, and its file is not published."""
    body = lesson.body  # (a lesson reads its file each time it is asked)
    shown, original = _shown(body)
    problems = [Problem(lesson.file, unsafe_html_message(what, text), line=line)
                for line, what in _unsafe_in(shown, original, body, lesson.body_line)]
    line_at = LineAt(body, lesson.body_line)
    for tag in _MEDIA_TAG.finditer(shown):
        name = tag.group(1).lower()
        instead = ("put the video in the lesson's 'videos:' field instead" if name == "video" and text == "lesson text"
                   else "link to the recording instead, [Listen](../../media/talk.mp3), and give its transcript")
        problems.append(Problem(
            lesson.file, f"the {text} has {_article(name)} <{name}> element: nothing checks its captions or "
            f"transcript, and its file is not published with the {'lesson' if text == 'lesson text' else 'page'}; "
            f"{instead}", line=line_at(original(tag.start())), severity="warning"))
    opened = unclosed_note(body)
    if opened is not None:
        problems.append(Problem(
            lesson.file, "an HTML comment (a note for you, left out of the site) opens here and is never closed, "
            "so the rest of the lesson text is left out too: close it with -->", line=lesson.body_line + opened - 1,
            severity="warning"))
    return problems


# ---------------------------------------------------------------------------
# Where a page check's finding was written.

_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})(?:[ \t]+(?P<text>.*))?$")
_SETEXT = re.compile(r"^ {0,3}(?P<marks>=+|-+)[ \t]*$")
_HTML_HEADING = re.compile(r"<h(?P<level>[1-6])\b[^>]*>(?P<text>[^<]*(?:<(?!/h[1-6])[^<]*){0,50})</h(?P=level)\s*>",
                           re.IGNORECASE)
_LINK_SYNTAX = re.compile(r"\]\(|\]:|\]\[|<[A-Za-z][A-Za-z0-9+.-]*:|\bhref\s*=|\bsrc\s*=|\bdata\s*=|!\[", re.IGNORECASE)


def _words(text: str) -> str:
    """Heading words as shown: Markdown marks, tags, attribute lists and the
    permalink sign left out, letter case ignored."""
    text = re.sub(r"\{[:#.][^}]*\}\s*$", "", text)  # attr_list: {#id .class}
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [words](address)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    text = re.sub(r"[*_`~\\¶]", "", text)
    return " ".join(text.split()).casefold()


def _headings(masked: str, first_line: int) -> list[tuple[int, int, str]]:
    """(line, level, words) of every heading in the Markdown, in order."""
    found: list[tuple[int, int, str]] = []
    lines = masked.split("\n")
    for index, line in enumerate(lines):
        atx = _ATX.match(line)
        if atx:
            text = re.sub(r"[ \t]#+[ \t]*$", "", " " + (atx.group("text") or ""))  # a closing run of #
            found.append((first_line + index, len(atx.group("marks")), _words(text)))
            continue
        setext = _SETEXT.match(line)
        if setext and index and lines[index - 1].strip() and not _ATX.match(lines[index - 1]):
            level = 1 if setext.group("marks")[0] == "=" else 2
            found.append((first_line + index - 1, level, _words(lines[index - 1])))
    line_at = LineAt(masked, first_line)
    for match in _HTML_HEADING.finditer(masked):
        found.append((line_at(match.start()), int(match.group("level")), _words(match.group("text"))))
    found.sort()
    return found


def _name_part(address: str) -> str:
    """The part of an address a teacher wrote that survives rewriting: the
    file name (``../../portfolio/media/onion.png`` -> ``onion.png``, a lesson
    page's ``../food-webs/`` -> ``food-webs``)."""
    address = html.unescape(address.strip().strip("<>"))
    path = unquote(urlsplit(address).path)
    path = re.sub(r"(/index)?\.(html|md)$", "", path).rstrip("/")
    return posixpath.basename(path)


#: ![alt](address) and [words](address).
_MD_ELEMENT = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]\\\n]|\\.)*)\]\(\s*(?P<target><[^<>\n]*>|[^)\s]+)")


def _written(masked: str, first_line: int) -> list[tuple[int, int, str, str, str]]:
    """Every picture, link and HTML tag of the Markdown, in order, as
    (position, line, tag, words or alt text, address)."""
    found: list[tuple[int, int, str, str, str]] = []
    for match in _MD_ELEMENT.finditer(masked):
        found.append((match.start(), 0, "img" if match.group("bang") else "a", match.group("text"), match.group("target")))
    for match in _MD_REF.finditer(masked):  # [label]: address, used by pictures and links alike
        found.append((match.start(), 0, "*", "", match.group("target")))
    for match in _AUTOLINK.finditer(masked):
        found.append((match.start(), 0, "a", "", match.group("target")))
    for match in _TAG.finditer(masked):
        attrs = {a.group("name").lower(): (a.group("value") or "").strip("\"'")
                 for a in _ATTR.finditer(match.group("attrs") or "")}
        address = attrs.get("src") or attrs.get("href") or attrs.get("data") or ""
        found.append((match.start(), 0, match.group("name").lower(), attrs.get("alt", ""), address))
    found.sort()
    line_at = LineAt(masked, first_line)
    return [(position, line_at(position), tag, text, address)
            for position, _, tag, text, address in found]


class _Source:
    """The Markdown's headings, pictures, links and tags, found once and
    indexed by what a finding is matched on."""

    def __init__(self, markdown: str, first_line: int):
        self.masked, self.first_line = mask_code(markdown), first_line
        self.headings: dict[tuple, list[int]] = defaultdict(list)  # by (level, words), (words,) and (level,)
        for line, level, words in _headings(self.masked, first_line):
            for key in ((level, words), (words,), (level,)):
                self.headings[key].append(line)
        self.index: dict[tuple, list[int]] = defaultdict(list)
        for _, line, tag, text, address in _written(self.masked, first_line):
            exact, name, words = html.unescape(address.strip("<>")), _name_part(address), text.strip()
            # (A picture by its address and its words too: of two uses of a picture, the one without words.)
            for key in (("tag",), ("exact", exact), ("name", name), ("alt", words), ("exact", exact, words),
                        ("name", name, words)):
                self.index[(tag, *key)].append(line)
        self._lines: list[str] | None = None

    def lines_of(self, tag: str, *key) -> list[int]:
        """Lines of the elements `tag` (or reference definitions, which any may use) with that key."""
        return sorted(self.index.get((tag, *key), []) + (self.index.get(("*", *key), []) if key != ("tag",) else []))

    def lines_naming(self, name: str) -> list[int]:
        """Lines with link syntax on which `name` is written."""
        if self._lines is None:
            self._lines = self.masked.split("\n")
        return [self.first_line + i for i, line in enumerate(self._lines) if name in line and _LINK_SYNTAX.search(line)]


def _candidates(finding: Finding, source: _Source) -> tuple[object, list[int]]:
    """A key (findings with the same key are matched to its lines in turn) and
    the lines where the element may have been written."""
    if finding.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        level, words = int(finding.tag[1]), _words(finding.text)
        for key in ((level, words), (words,)) + (((level,),) if not words else ()):
            if source.headings.get(key):
                return ("heading", level, words), source.headings[key]
        return ("heading", level, words), []
    tag = finding.tag
    address = finding.attr("href") if tag == "a" else (finding.attr("src") or finding.attr("data"))
    if address and address.startswith("data:"):
        address = None  # a picture inside the page: nothing to look for
    name = _name_part(address) if address else ""
    if address and tag == "img":
        words = (finding.attr("alt") or "").strip()
        for key in (("exact", html.unescape(address), words), ("name", name, words) if name else None):
            lines = source.lines_of(tag, *key) if key else []
            if lines:
                return (tag, address, words), lines
    if address and finding.rule == "link-name":
        # A link with no text: of the links to the address, those written without words.
        for key in (("exact", html.unescape(address), ""), ("name", name, "") if name else None):
            lines = source.lines_of(tag, *key) if key else []
            if lines:
                return (tag, address, ""), lines
    if address:
        for key in (("exact", html.unescape(address)), ("name", name) if name else None):
            lines = source.lines_of(tag, *key) if key else []
            if lines:
                return (tag, address), lines
    alt = (finding.attr("alt") or "").strip() if tag == "img" else ""
    if alt:
        lines = source.lines_of(tag, "alt", alt)
        if lines:
            return (tag, "alt", alt), lines
    if name:
        # Written some other way (a link around a picture, a reference): any line naming it.
        lines = source.lines_naming(name)
        if lines:
            return (tag, address), lines
    # Raw HTML with nothing to tell it apart: its tags, in order.
    return (tag,), source.lines_of(tag, "tag")


def source_lines(findings: Sequence[Finding], markdown: str, first_line: int = 1) -> list[int | None]:
    """For each finding, the line of `markdown` where its element was written,
    or None when it is not found there (e.g. it comes from a template).

    `first_line` is the file line `markdown` starts on (a lesson's body starts
    below its front matter). Findings are taken in page order: the second
    finding about the same picture or heading gets its second occurrence."""
    if not findings:
        return []
    source = _Source(markdown, first_line)
    seen: dict[object, int] = {}  # turns taken per key
    lines: list[int | None] = []
    for finding in findings:
        key, candidates = _candidates(finding, source)
        turn = seen.get(key, 0)
        seen[key] = turn + 1
        lines.append(candidates[min(turn, len(candidates) - 1)] if candidates else None)
    return lines


#: The class of the lesson page's pre-class block (partials/pre-class.html).
PRE_CLASS = "ff-pre-class"
#: The class of the lesson page's in-class block (partials/in-class.html).
IN_CLASS = "ff-in-class"
#: Where the part Flipfolio adds is said to be, in messages.
ADDED_PART = "in the part Flipfolio adds (videos, questions)"


def added_part_field(finding: Finding) -> str | None:
    """For an element of the parts Flipfolio adds to a lesson page (its
    pre-class and in-class blocks), the lesson field it comes from
    (``videos[0]``, ``questions``, or ``""`` when no one field is the cause);
    None for an element of the lesson's own text."""
    if PRE_CLASS not in finding.within and IN_CLASS not in finding.within:
        return None
    for mark in finding.within:
        video = re.fullmatch(r"#ff-video-(\d+)", mark)
        if video:
            return f"videos[{int(video.group(1)) - 1}]"
    if "ff-questions" in finding.within:
        return "questions"
    return ""


def _problem(file: str, finding: Finding, line: int | None = None, field: str = "", prefix: str = "") -> Problem:
    return Problem(file, f"{prefix}{finding.message}: {finding.element}", field=field, line=line,
                   severity="warning")


class _Lesson(_LessonText, Protocol):
    def line_of(self, *path) -> int | None: ...


def lesson_finding_problems(findings: Iterable[Finding], lesson: _Lesson) -> list[Problem]:
    """Warnings for the findings of a lesson page, naming the lesson file and
    the line of its text where each element was written; for an element of the
    part Flipfolio adds (videos, questions), the field it comes from (a video
    of `videos` without captions is left out: loading the lesson reports it)."""
    findings = list(findings)
    if not findings:
        return []
    own = [f for f in findings if added_part_field(f) is None]
    lines = dict(zip(map(id, own), source_lines(own, lesson.body, lesson.body_line)))
    problems = []
    for finding in findings:
        field = added_part_field(finding)
        if field is None:
            problems.append(_problem(lesson.file, finding, lines[id(finding)]))
            continue
        if finding.rule == "video-captions" and field.startswith("videos["):
            continue  # the loader names the video's fields already ("the video has no captions; add …")
        path = re.findall(r"[A-Za-z_]+|\d+", field)
        line = lesson.line_of(*(int(p) if p.isdigit() else p for p in path)) if field else None
        problems.append(_problem(lesson.file, finding, line, field, f"{ADDED_PART}, "))
    return problems


def page_finding_problems(findings: Iterable[Finding], file: str, markdown: str | None = None,
                          first_line: int = 1) -> list[Problem]:
    """Warnings for the findings of any other page, naming `file` and, when
    its Markdown is given, the line where each element was written."""
    findings = list(findings)
    lines = source_lines(findings, markdown, first_line) if markdown is not None else [None] * len(findings)
    return [_problem(file, finding, line) for finding, line in zip(findings, lines)]
