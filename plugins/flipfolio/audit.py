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

`audit(html)` takes a page's HTML and returns the problems; it only uses the
standard library's HTML parser, so any site engine can call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

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


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str | None]
    shown: str
    line: int
    text: str = ""  # for links and buttons: their words and the alt texts inside
    has_track: bool = False  # for videos

    @property
    def hides(self) -> bool:
        """Its content is shown to nobody."""
        return self.tag in HIDDEN_TEXT or (self.attrs.get("aria-hidden") or "").lower() == "true"


class _Auditor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[_Open] = []
        self.findings: list[Finding] = []
        self.last_heading = 0
        self.hidden = 0  # open elements that hide their content
        self.controls: list[_Open] = []  # open links and buttons

    def _checked(self) -> bool:
        """Not inside something hidden from everyone."""
        return not self.hidden

    def _controls(self) -> list[_Open]:
        return self.controls

    def _push(self, item: _Open) -> None:
        self.stack.append(item)
        self.hidden += item.hides
        if item.tag in CONTROLS:
            self.controls.append(item)

    def _pop(self) -> None:
        item = self.stack.pop()
        self.hidden -= item.hides
        if item.tag in CONTROLS:
            self.controls.pop()

    def _add(self, rule: str, message: str, item: _Open) -> None:
        self.findings.append(Finding(rule, message, item.shown, item.line))

    # -- parser events
    def handle_starttag(self, tag, attrs):
        amap = dict(attrs)
        item = _Open(tag, amap, start_tag(tag, attrs), self.getpos()[0])
        if self._checked() and (amap.get("aria-hidden") or "").lower() != "true":
            self._check_start(item)
        if tag not in VOID:
            self._push(item)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # Close up to the matching element (as browsers do when end tags are missing).
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                break
        else:
            return
        while len(self.stack) > index:
            item = self.stack[-1]
            if self._checked():
                self._check_end(item)
            self._pop()

    def handle_data(self, data):
        if data.strip() and self._checked():
            for control in self._controls():
                control.text += data

    # -- the rules
    def _check_start(self, item: _Open) -> None:
        tag, attrs = item.tag, item.attrs
        if tag == "img":
            alt = attrs.get("alt")
            decorative = (attrs.get("role") or "").lower() in ("presentation", "none")
            if alt and alt.strip():
                for control in self._controls():
                    control.text += " " + alt
            elif not decorative and not self._controls():
                what = "has no alt attribute" if alt is None else "has an empty alt text"
                self._add("image-alt", f"image {what}; say what it shows in its alt text "
                          "(or mark a purely decorative image with role=\"presentation\")", item)
        elif tag == "track" and self.stack and self.stack[-1].tag in ("video", "audio"):
            if (attrs.get("kind") or "subtitles").lower() in ("captions", "subtitles"):
                self.stack[-1].has_track = True
        elif tag in HEADINGS:
            level = HEADINGS[tag]
            if level > self.last_heading + 1:
                where = (f"right after an <h{self.last_heading}>" if self.last_heading
                         else "the page's first heading (expected an <h1>)")
                self._add("heading-order", f"heading level skipped: an <{tag}> is {where}", item)
            self.last_heading = level

    def _check_end(self, item: _Open) -> None:
        tag, attrs = item.tag, item.attrs
        if tag == "video" and not item.has_track and "data-ff-no-captions" not in attrs:
            self._add("video-captions", "video has no captions track (<track kind=\"captions\">); "
                      "add a WebVTT file, or say why there are none", item)
        elif tag in CONTROLS and not (tag == "a" and attrs.get("href") is None):  # <a> without href: an anchor
            named = any((attrs.get(name) or "").strip() for name in ("aria-label", "aria-labelledby", "title"))
            if not named and not item.text.strip():
                what = "link" if tag == "a" else "button"
                self._add("link-name", f"{what} has no text; give it words, an image with alt text "
                          "or an aria-label", item)


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
    parser = _Auditor()
    parser.feed(html)
    parser.close()
    return [Finding(f.rule, f.message, f.element, f.line + offset) for f in parser.findings] if offset else parser.findings


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
