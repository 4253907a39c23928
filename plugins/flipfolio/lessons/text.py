"""A lesson's text as HTML, converted once for every place that shows it.

The lesson's page and its unit's offline pack show the same text; only the
targets of its links differ (a page of the site or of the pack, a full
address, plain text). So the text is converted once, with a placeholder for
each link the publishing gate decides on (`links.marked`), and each place
fills in its own targets (`links.filled`): the page with addresses relative
to it (`page_targets`), the pack with its own. Links every place keeps as
written (``#part``, ``https://…``) stay in the text.

A build converts the published lessons ahead, in two processes where it can
(`ahead`); a text converted when first asked for is kept for the rest of the
build too (`text_of`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote

from ..core import audit, bodycheck, links
from ..core.outputs import MEDIA_PREFIX
from ..core.problems import ContentError, Problem, did_you_mean
from ..core.render import relative_url
from .pages import lesson_markdown

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_IDS = re.compile(r"\s(?:id|name)=\"([^\"]*)\"")
_OWN_PART = re.compile(r"\shref=\"#[^\"]")


@dataclass(frozen=True)
class LessonText:
    """A lesson's text converted: `html`, with the marks of its two blocks and a
    placeholder per link in `links`; `toc`, the outline of its headings
    (Python-Markdown's ``toc_tokens``); `as_written`: a link the gate keeps as
    written that only a site engine can resolve (a relative address outside the
    portfolio folder), so the page is converted by the engine instead;
    `unsafe`: what in it would run a script or load another site, which stops
    the build (the placeholders' addresses come from the gate: none would)."""

    html: str
    links: tuple[links.Found, ...]
    toc: tuple
    as_written: bool = False
    unsafe: tuple[str, ...] = ()  # what in `html` runs a script or loads another site (bodycheck.unsafe_in_html)

    def anchors(self) -> set[str]:
        """The ids the text's elements have (what a link to a part of the page may name)."""
        return ids_in(self.html)


def _stays(found: links.Found) -> bool:
    """A link every place keeps as written, once the gate keeps it: to a part of
    the page, or another site's page (a picture from another site is its alt
    text in a pack)."""
    return found.target.startswith("#") or (bool(_SCHEME.match(found.target)) and not found.picture)


def convert_text(gate, lesson, convert: Callable[[str], tuple[str, list]]) -> LessonText:
    """`lesson`'s text converted by `convert` (Markdown to HTML and toc tokens)."""
    kept_relative = False

    def mark(found: links.Found) -> bool:
        nonlocal kept_relative
        target = found.target
        if gate.link_found(lesson.path, found).kind != "keep":
            return True  # (the gate's word on every link: a private address at another site is text)
        if _stays(found):
            return False
        if not target.startswith(("/", "\\")) and not _SCHEME.match(target):
            kept_relative = True
        return True

    body, found = links.marked(lesson.body, mark)
    body = gate.withheld(body)  # (a private address in words, code or an autolink: `check_text` says so)
    try:
        html, toc = convert(lesson_markdown(lesson, body))
    except RecursionError:  # Python-Markdown works some nestings out by recursion
        raise ContentError([Problem(lesson.file, "the lesson text nests quotes, lists, brackets or emphasis marks "
                                    "(thousands of '>', '[' or '*' in a row) too deeply to convert: remove the run")]
                           ) from None
    return LessonText(html, found, tuple(toc), kept_relative, tuple(bodycheck.unsafe_in_html(html, gated=True)))


#: The page checks (audit.py) whose findings in a lesson's text are the same in the text alone as in
#: its built page: a picture's alt text, a link's words (a heading's level depends on the headings
#: the page adds around the text, and a link to a part of a page on the pages built: the build's).
CHECKED_IN_TEXT = ("image-alt", "link-name")


def converted_problems(portfolio, convert: Callable[[str], tuple[str, list]]) -> list[Problem]:
    """What the text of each published lesson holds once `convert` made it
    HTML that a build stops on (`bodycheck.unsafe_in_html`: what an attribute
    list set, say), and the page checks' warnings of it that the text alone
    tells (`CHECKED_IN_TEXT`), with the line it was most likely written on:
    for a check that builds no page (`flipfolio check`) to say what the build would."""
    found: list[Problem] = []
    for lesson in portfolio.lessons.values():
        try:
            text = convert_text(portfolio.gate, lesson, convert)
        except ContentError as error:
            found += error.problems
            continue
        if text.unsafe:
            body = lesson.body
            found += [Problem(lesson.file, bodycheck.unsafe_html_message(what),
                              line=bodycheck.line_written(what, body, lesson.body_line)) for what in text.unsafe]
        if "<img" in text.html or "<a" in text.html:
            html = links.filled(text.html, text.links, lambda _: links.KEEP)  # (the addresses as written)
            findings = [f for f in audit.audit(html) if f.rule in CHECKED_IN_TEXT]
            found += bodycheck.lesson_finding_problems(findings, lesson)
    return found


def text_of(portfolio, lesson, tools, last: bool = False) -> LessonText:
    """`lesson`'s text as `tools` converts it, converted once per build.
    `last`: the lesson's page, the last place to show it (its unit's pack is
    made before), which lets it go."""
    made = portfolio.remember("lessons.text", dict)
    key = (lesson.id, tools.markdown)
    found = made.pop(key, None) if last else made.get(key)
    if found is None:
        found = convert_text(portfolio.gate, lesson, tools.convert)
        if not last:
            made[key] = found
    return found


def ahead(portfolio, lessons, each, tools) -> None:
    """Convert `lessons` before a build splits its work in two processes: the
    lesson pages and the offline packs both show them. `each` works a list out
    (`making.in_two`: half in a second process)."""
    made = portfolio.remember("lessons.text", dict)
    wanted = [lesson for lesson in lessons if (lesson.id, tools.markdown) not in made]
    gate, convert = portfolio.gate, tools.convert
    texts = each(lambda lesson: convert_text(gate, lesson, convert), wanted)
    made.update(((lesson.id, tools.markdown), text) for lesson, text in zip(wanted, texts))


def part_links(gate, lesson, text: LessonText, page: tuple[str, str]) -> list[tuple[tuple[str, str], str, int, str]]:
    """The links of `lesson`'s text to a part of a page of the site
    (``cells.md#try-it``, or ``#try-it`` on its own page, `page`): for each, the
    page (kind, id), the part's id, the line in the lesson file and the address
    as written."""
    found = []
    for link in text.links:
        if "#" in link.target:
            target = gate.link(lesson.path, link.target)
            if target.kind == "page" and target.fragment:
                found.append((target.page, unquote(target.fragment), lesson.body_line + link.line - 1, link.target))
    if _OWN_PART.search(text.html):  # (kept as written: read again only then)
        for link in links.find(lesson.body):
            if link.target.startswith("#") and len(link.target) > 1:
                found.append((page, unquote(link.target[1:]), lesson.body_line + link.line - 1, link.target))
    return found


def missing_part(file: str, line: int, written: str, part: str, ids: set[str]) -> Problem | None:
    """A warning when the page a link leads to has no part `part` (no element
    with that id among `ids`), or None. (``#top`` is the top of any page.)"""
    if part in ids or part.lower() == "top":
        return None
    return Problem(file, f"the link to '{written}' leads to the top of its page: the page has no heading or part "
                   f"with the id '{part}'", line=line, severity="warning",
                   hint=did_you_mean(part, sorted(i for i in ids if not i.startswith(("ff-", "__")))))


def ids_in(html: str) -> set[str]:
    """The ids (and anchor names) of the elements of `html`: what a link to a part of it may name."""
    return set(_IDS.findall(html))


def page_targets(gate, layout, lesson, page_url: str, directory_urls: bool) -> Callable[[links.Found], object]:
    """Where each link of `lesson`'s text leads from its page at `page_url`
    (for `links.filled`): a page or a file the gate publishes, relative to the
    page, as the site engine writes its own links; plain text for what the gate
    refuses."""

    def new_target(found: links.Found):
        target = gate.link_found(lesson.path, found)
        if target.kind == "keep":
            return links.KEEP
        if target.kind == "text":
            return None
        if target.kind == "page":
            kind, item_id = target.page
            address = layout.url(kind, item_id, directory_urls=directory_urls)
        else:
            address = quote(posixpath.join(MEDIA_PREFIX, target.path))
        return relative_url(address, page_url) + (f"#{target.fragment}" if target.fragment else "")

    return new_target
