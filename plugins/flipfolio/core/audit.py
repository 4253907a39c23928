"""Content checks a browser-based accessibility checker cannot make, run on
every built page.

axe-core sees an image with `alt=""` as decorative, a `<video>` as a box and
a heading as a heading. Whether a picture has a text equivalent, a video has
captions and the outline has no gaps is something only the author can fix,
so Flipfolio reports it while building:

- an image without alt text (`<img>` with no or an empty `alt`, unless it is
  marked decorative with `role="presentation"`/`role="none"`/`aria-hidden`,
  or sits inside a link or button, which then needs a name of its own);
- a video without captions (`<video>` with no `<track kind="captions">` or
  `kind="subtitles"`; `data-ff-no-captions="reason"` says why there are none);
- a link or button with no text (no words, no alt text of an image inside,
  no `aria-label`, `aria-labelledby` or `title`);
- a skipped heading level (an `<h3>` right after an `<h1>`, or a page whose
  first heading is not an `<h1>`).

`audit(html)` takes a page's HTML and returns the problems, each with what
is needed to find where its element was written (its attributes, its text,
the classes and ids of the elements around it; see bodycheck.py). It reads the
HTML as a stream of tags and text, as the standard library's parser reads it
(htmlscan.py: no tree is built, no extra library is loaded; a transcript's
cues, plain text that none of the rules looks at, are skipped before reading
when no one else reads the page with it) and imports nothing of MkDocs, so
any site engine can call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import htmlscan

#: Elements that never have an end tag.
VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
HEADINGS = {f"h{n}": n for n in range(1, 7)}
CONTROLS = ("a", "button")
#: Elements whose text is not shown (and so names nothing).
HIDDEN_TEXT = frozenset({"script", "style", "template", "noscript"})


@dataclass(frozen=True)
class Finding:
    """One problem: what it is, the element (its start tag) and its line in the HTML.

    `tag`, `attrs`, `text` (a heading's or link's words) and `within` (the
    classes, and ids as ``#id``, of the element and the elements around it)
    let an engine find where the element was written (bodycheck.py): the
    built page's line means nothing to a teacher and is never shown.
    """

    rule: str  # "image-alt", "video-captions", "link-name", "heading-order"
    message: str
    element: str
    line: int
    tag: str = ""
    attrs: tuple[tuple[str, str | None], ...] = ()
    text: str = ""
    within: tuple[str, ...] = ()

    def attr(self, name: str) -> str | None:
        return next((value for key, value in self.attrs if key == name), None)

    def __str__(self) -> str:
        return f"{self.message}: {self.element}"


def start_tag(tag: str, attrs: list[tuple[str, str | None]], limit: int = 120) -> str:
    """The element as a short start tag, for messages."""
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{value}"')
    text = "<" + " ".join(parts) + ">"
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 4] + "…\">"


class _Open:
    """An element being read: what the rules need to know once it ends."""

    __slots__ = ("tag", "attrs", "line", "hidden", "text", "captions", "finding", "parent")

    def __init__(self, tag: str, attrs: list[tuple[str, str | None]], line: int, hidden: bool,
                 parent: _Open | None, finding: int | None = None):
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.hidden = hidden  # it or an ancestor hides its content
        self.text: list[str] = []  # a link's or button's name, as read so far
        self.captions = False  # a video: a captions or subtitles track was seen
        self.finding = finding  # a heading's finding, given its text once the heading ends
        self.parent = parent  # the element it is in

    def marks(self) -> tuple[str, ...]:
        """The classes and #ids of the element and the elements around it, outermost first."""
        chain, element = [], self
        while element is not None:
            chain.append(element.attrs)
            element = element.parent
        return tuple(mark for attrs in reversed(chain) for mark in _marks(dict(attrs)))


class _Auditor:
    """The rules, told each tag and text of a page in order (`read`)."""

    def __init__(self, offset: int, first_level: int = 0):
        self.offset = offset
        self.findings: list[Finding] = []
        self.last_heading = first_level
        self.open: list[_Open] = []
        self.collecting = 0  # open elements whose words are being gathered (links, buttons, headings found)

    def read(self, events: list[tuple], listeners: tuple = ()) -> None:
        """Apply the rules to `events` (`htmlscan.events`), telling `listeners` each as well."""
        for event in events:
            kind = event[0]
            if kind == "data":
                for listener in listeners:
                    listener.handle_data(event[1])
                if self.collecting:
                    self.handle_data(event[1])
            elif kind == "start":
                for listener in listeners:
                    listener.handle_starttag(event[1], event[2])
                self.handle_starttag(event[1], event[2], event[3])
            elif kind == "end":
                for listener in listeners:
                    listener.handle_endtag(event[1])
                self.handle_endtag(event[1])
            else:
                for listener in listeners:
                    listener.handle_startendtag(event[1], event[2])
                self.handle_starttag(event[1], event[2], event[3])
                if event[1] not in VOID:
                    self.handle_endtag(event[1])

    def _add(self, rule: str, message: str, tag: str, attrs, line: int, marks: tuple[str, ...] = (),
             text: str = "") -> None:
        self.findings.append(Finding(rule, message, start_tag(tag, attrs), line,
                                     tag, tuple(attrs), " ".join(text.split()), marks))

    def _controls(self):
        return [e for e in self.open if e.tag in CONTROLS]

    # -- reading
    def handle_starttag(self, tag, attrs, line: int):
        line += self.offset  # (the page's line: an element may end in a later chunk, `audit`)
        amap = dict(attrs) if attrs else _NONE
        parent = self.open[-1] if self.open else None
        hidden = (parent is not None and parent.hidden) or tag in HIDDEN_TEXT \
            or (amap.get("aria-hidden") or "").lower() == "true"
        count = len(self.findings)
        if not hidden:
            self._check_start(tag, attrs, amap, line, parent)
        if tag not in VOID:
            element = _Open(tag, attrs, line, hidden, parent,
                            finding=count if tag in HEADINGS and len(self.findings) > count else None)
            self.open.append(element)
            if tag in CONTROLS or element.finding is not None:
                self.collecting += 1

    def handle_data(self, data):
        if self.open and not self.open[-1].hidden:
            for element in self.open:
                if element.tag in CONTROLS or element.finding is not None:
                    element.text.append(data)

    def handle_endtag(self, tag):
        # Close the element and any left open inside it (HTML lets some end tags out).
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth].tag == tag:
                element = self.open[depth]
                self.collecting -= sum(1 for e in self.open[depth:] if e.tag in CONTROLS or e.finding is not None)
                del self.open[depth:]
                if element.finding is not None:  # a heading's words, to find it in its source
                    found = self.findings[element.finding]
                    self.findings[element.finding] = replace(found, text=" ".join("".join(element.text).split()))
                if not element.hidden:
                    self._check_end(element)
                return

    # -- the rules
    def _check_start(self, tag: str, attrs, amap: dict, line: int, parent: _Open | None) -> None:
        if tag == "img":
            alt = amap.get("alt")
            decorative = (amap.get("role") or "").lower() in ("presentation", "none")
            controls = self._controls()
            if alt and alt.strip():
                for control in controls:  # names the link or button it is in
                    control.text.append(" " + alt)
            elif not decorative and not controls:
                what = "has no alt attribute" if alt is None else "has an empty alt text"
                self._add("image-alt", f"image {what}; say what it shows in its alt text "
                          "(or mark a purely decorative image with role=\"presentation\")", tag, attrs, line,
                          _around(parent, amap))
        elif tag == "track":
            kind = (amap.get("kind") or "subtitles").lower()
            videos = [e for e in self.open if e.tag == "video"]
            if videos and kind in ("captions", "subtitles"):
                videos[-1].captions = True
        elif tag in HEADINGS:
            level = HEADINGS[tag]
            if level > self.last_heading + 1:
                where = (f"right after an <h{self.last_heading}>" if self.last_heading
                         else "the page's first heading (expected an <h1>)")
                self._add("heading-order", f"heading level skipped: an <{tag}> is {where}", tag, attrs, line,
                          _around(parent, amap))
            self.last_heading = level

    def _check_end(self, element: _Open) -> None:
        amap = dict(element.attrs)
        if element.tag == "video" and not element.captions and "data-ff-no-captions" not in amap:
            self._add("video-captions", "video has no captions track (<track kind=\"captions\">); "
                      "add a WebVTT file, or say why there are none", element.tag, element.attrs, element.line,
                      element.marks())
        elif element.tag in CONTROLS and not (element.tag == "a" and amap.get("href") is None):  # <a> without href: an anchor
            named = any((amap.get(name) or "").strip() for name in ("aria-label", "aria-labelledby", "title"))
            if not named and not "".join(element.text).strip():
                what = "link" if element.tag == "a" else "button"
                self._add("link-name", f"{what} has no text; give it words, an image with alt text "
                          "or an aria-label", element.tag, element.attrs, element.line, element.marks(),
                          "".join(element.text))


def _around(parent: _Open | None, amap: dict) -> tuple[str, ...]:
    """The classes and #ids of an element (its attributes `amap`) and of the elements around it."""
    return (parent.marks() if parent is not None else ()) + _marks(amap)


#: The attributes of an element that has none.
_NONE: dict = {}


def _marks(amap: dict) -> tuple[str, ...]:
    """An element's classes and its id (as ``#id``)."""
    marks = tuple((amap.get("class") or "").split())
    return marks + ((f"#{amap['id']}",) if amap.get("id") else ())


#: A transcript's cues: plain text, no element any rule looks at (see partials/video.html).
_CUES = re.compile(r'(<ol class="ff-cues"[^>]*>).*?(</ol>)', re.DOTALL)


def audit(html: str, *, scope_class: str | None = None, listeners: tuple = (),
          first_level: int = 0, parts=(), known: dict | None = None) -> list[Finding]:
    """The problems of one page's HTML, in document order.

    With `scope_class`, only the first element with that class and what it
    contains is checked (e.g. Material's `md-content__inner`, the page's own
    content without the theme's header, navigation and footer).
    `first_level` is the level of a heading the engine shows before the HTML
    (1: the theme prints the page's title as its `<h1>`), so that the first
    heading of the HTML follows it.

    `listeners` are other readers of the same HTML (objects with
    `handle_starttag`, `handle_startendtag`, `handle_endtag` and
    `handle_data`, as `html.parser.HTMLParser` calls them, e.g. a search
    engine's indexer): each is told every tag and text as the HTML is read,
    so that a page is parsed once for both. They are told all of it,
    transcripts included.

    `parts`: strings of HTML the page was made from (the rows of a long list,
    kept from one build to the next: `render.Parts`), with `known`, what was
    read of each before (`htmlscan.events_in_parts`): each is read once.
    """
    offset = 0
    if scope_class is not None:
        found = _slice(html, scope_class)
        if found is None:
            return []
        offset = html.count("\n", 0, found[0])
        html = html[found[0] : found[1]]
    if not html.strip() and not listeners:
        return []
    auditor = _Auditor(offset, first_level)
    if not listeners:
        # Cues go, their lines stay, so later lines keep their numbers.
        html = _CUES.sub(lambda m: m.group(1) + "\n" * m.group(0).count("\n") + m.group(2), html)
    chunks = htmlscan.events_in_parts(html, parts, known) if parts and known is not None else None
    if chunks is None:
        events = htmlscan.events(html)
        chunks = [(events if events is not None else htmlscan.parsed(html), 0)]
    listeners = tuple(listeners)
    for events, lines in chunks:
        auditor.offset = offset + lines
        auditor.read(events, listeners)
    return auditor.findings


def _slice(html: str, scope_class: str) -> tuple[int, int] | None:
    """Where the first element with the class starts and ends: only that part is
    parsed, not the theme's header, navigation and footer around it."""
    start = re.search(r"<([a-zA-Z][\w-]*)\b[^>]*\bclass=\"[^\"]*(?<![\w-])" + re.escape(scope_class) + r"(?![\w-])", html)
    if start is None:
        return None
    tag = start.group(1).lower()
    depth = 0
    for mark in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start.start():], re.IGNORECASE):
        depth += -1 if mark.group(1) else 1
        if depth == 0:
            return start.start(), start.start() + mark.end()
    return start.start(), len(html)
