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

`audit(html)` takes a page's HTML and returns the problems; it parses with
lxml (libxml2's HTML parser, several times faster than a pure-Python one on
pages with long transcripts) and imports nothing of MkDocs, so any site
engine can call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

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
    """One problem: what it is, the element (its start tag) and its line in the HTML."""

    rule: str  # "image-alt", "video-captions", "link-name", "heading-order"
    message: str
    element: str
    line: int

    def __str__(self) -> str:
        return f"{self.message}: {self.element} (line {self.line} of the built page)"


def start_tag(tag: str, attrs: list[tuple[str, str | None]], limit: int = 120) -> str:
    """The element as a short start tag, for messages."""
    parts = [tag]
    for name, value in attrs:
        parts.append(name if value is None else f'{name}="{value}"')
    text = "<" + " ".join(parts) + ">"
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 4] + "…\">"


_BOOLEAN = frozenset("allowfullscreen async autoplay checked controls default defer disabled download hidden "
                     "inert loop multiple muted novalidate open playsinline readonly required selected".split())


def _attrs(element) -> list[tuple[str, str | None]]:
    return [(name, None if value == "" and name in _BOOLEAN else value) for name, value in element.attrib.items()]


def _hides(element) -> bool:
    """Its content is shown to nobody."""
    return element.tag in HIDDEN_TEXT or (element.get("aria-hidden") or "").lower() == "true"


def _name_text(element) -> str:
    """What a link or button says: its words and the alt texts of its images, hidden parts left out."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not _hides(child):
            if child.tag == "img":
                parts.append(" " + (child.get("alt") or ""))
            parts.append(_name_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


class _Auditor:
    def __init__(self, offset: int):
        self.offset = offset
        self.findings: list[Finding] = []
        self.last_heading = 0

    def _add(self, rule: str, message: str, element) -> None:
        self.findings.append(Finding(rule, message, start_tag(element.tag, _attrs(element)),
                                     (element.sourceline or 1) + self.offset))

    def walk(self, parent, in_control: bool = False) -> None:
        for element in parent:
            if not isinstance(element.tag, str) or _hides(element):
                continue  # comments; hidden parts
            self._check_start(element, in_control)
            self.walk(element, in_control or element.tag in CONTROLS)
            self._check_end(element)

    # -- the rules
    def _check_start(self, element, in_control: bool) -> None:
        tag = element.tag
        if tag == "img":
            alt = element.get("alt")
            decorative = (element.get("role") or "").lower() in ("presentation", "none")
            if not (alt and alt.strip()) and not decorative and not in_control:
                what = "has no alt attribute" if alt is None else "has an empty alt text"
                self._add("image-alt", f"image {what}; say what it shows in its alt text "
                          "(or mark a purely decorative image with role=\"presentation\")", element)
        elif tag in HEADINGS:
            level = HEADINGS[tag]
            if level > self.last_heading + 1:
                where = (f"right after an <h{self.last_heading}>" if self.last_heading
                         else "the page's first heading (expected an <h1>)")
                self._add("heading-order", f"heading level skipped: an <{tag}> is {where}", element)
            self.last_heading = level

    def _check_end(self, element) -> None:
        tag = element.tag
        if tag == "video" and "data-ff-no-captions" not in element.attrib and not any(
            (track.get("kind") or "subtitles").lower() in ("captions", "subtitles") for track in element.iter("track")
        ):
            self._add("video-captions", "video has no captions track (<track kind=\"captions\">); "
                      "add a WebVTT file, or say why there are none", element)
        elif tag in CONTROLS and not (tag == "a" and element.get("href") is None):  # <a> without href: an anchor
            named = any((element.get(name) or "").strip() for name in ("aria-label", "aria-labelledby", "title"))
            if not named and not _name_text(element).strip():
                what = "link" if tag == "a" else "button"
                self._add("link-name", f"{what} has no text; give it words, an image with alt text "
                          "or an aria-label", element)


def audit(html: str, *, scope_class: str | None = None) -> list[Finding]:
    """The problems of one page's HTML, in document order.

    With `scope_class`, only the first element with that class and what it
    contains is checked (e.g. Material's `md-content__inner`, the page's own
    content without the theme's header, navigation and footer).
    """
    offset = 0
    if scope_class is not None:
        found = _slice(html, scope_class)
        if found is None:
            return []
        offset = html.count("\n", 0, found[0])
        html = html[found[0] : found[1]]
    if not html.strip():
        return []
    auditor = _Auditor(offset)
    auditor.walk(lxml.html.fragment_fromstring(html, create_parent="div"))
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
