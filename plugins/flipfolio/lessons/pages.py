"""The lessons index, a page per unit and a page per lesson.

A lesson page's Markdown is the teacher's text, without notes (HTML comments), with its links rewritten
(through the publishing gate) and two marks: where the pre-class block
(videos, questions) goes and where the in-class block (videos watched in
class) goes. Once the text is HTML, `place_blocks` renders both blocks into
it; the content template places the result. A build converts that text once
for the page and the unit's offline pack (text.py); the page's Markdown here
is what an engine converts when it converts the page itself.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ..core.mdscan import without_notes
from ..core.outputs import Layout, PageSpec
from .body import split_parts
from .helpers import lessons_in, ordered_units

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio
    from .format import Lesson

#: Where the lesson page's "before class" block goes in the page's HTML.
PRE_CLASS_MARK = "<!-- flipfolio:pre-class -->"
#: Where the lesson page's "in class" block (videos watched in class) goes.
IN_CLASS_MARK = "<!-- flipfolio:in-class -->"


def pages(portfolio: Portfolio, layout: Layout) -> list[PageSpec]:
    body_links = BodyLinks(portfolio, layout)
    title = portfolio.messages.text("lessons.title")
    specs = [PageSpec(layout.src("lesson"), "lessons", title, "flipfolio/lessons.html", in_nav=True)]
    for unit in ordered_units(portfolio):
        lessons = lessons_in(portfolio, unit)
        specs.append(PageSpec(layout.src("unit", unit.id), "unit", unit.title, "flipfolio/unit.html", unit,
                              description=unit.summary, made_from=(unit, *lessons)))
        for lesson in lessons:
            specs.append(PageSpec(layout.src("lesson", lesson.id), "lesson", lesson.title, "flipfolio/lesson.html",
                                  lesson, draft=lesson.is_draft, description=lesson.summary,
                                  source=partial(_lesson_page, lesson, body_links), made_from=(lesson,)))
    return specs


class BodyLinks:
    """A lesson's text for the site engine to convert: its links lead to where
    their targets are published, and what the publishing gate refuses is
    plain text (`publish.Gate.page_markdown`)."""

    def __init__(self, portfolio: Portfolio, layout: Layout):
        self.gate, self.layout = portfolio.gate, layout

    def __call__(self, lesson: Lesson, body: str | None = None) -> str:
        return self.gate.page_markdown(lesson.path, lesson.body if body is None else body,
                                       self.layout.src("lesson", lesson.id), self.layout.src)


def lesson_markdown(lesson: Lesson, body: str | None = None) -> str:
    """The Markdown of a lesson page: the body, with a mark where the
    pre-class block (videos, questions) goes: at the end of the "Before class"
    part, or after the introduction when the lesson has no such part; and a
    mark where the in-class block goes: at the end of the "In class" part, or
    after everything when the lesson has no such part. The teacher's notes
    (HTML comments) are left out."""
    parts = split_parts(without_notes(lesson.body if body is None else body))
    chunks = [parts.intro]
    if parts.before_class:
        chunks.append(parts.before_class)
    chunks += [PRE_CLASS_MARK, parts.in_class, IN_CLASS_MARK]
    return "\n\n".join(c for c in chunks if c) + "\n"


def place_blocks(html: str, lesson: Lesson, view, render, last: bool = False) -> str:
    """The HTML of a lesson's text with its pre-class block
    (partials/pre-class.html) and its in-class block (partials/in-class.html)
    at their marks. `render(template, **context)` renders one of Flipfolio's
    templates for the lesson's page. `last`: the lesson's own page, the last
    to show its videos' transcripts, which are let go then (a unit's offline
    pack, made before, shows them too)."""
    pre_class, in_class = lesson_blocks(lesson, view, render)
    if last:
        for video in lesson.videos:
            if video.info is not None:
                video.info.release_cues()  # in the page now; no need to keep them
    return html.replace(PRE_CLASS_MARK, pre_class, 1).replace(IN_CLASS_MARK, in_class, 1)


def lesson_blocks(lesson: Lesson, view, render) -> tuple[str, str]:
    """The HTML of a lesson's pre-class block and in-class block ("" when it has none)."""
    pre_class = render("flipfolio/partials/pre-class.html", lesson=lesson, qset=view.question_set_of(lesson),
                       has_before_heading=view.has_before_heading(lesson))
    in_class = ""
    if lesson.in_class_videos:
        in_class = render("flipfolio/partials/in-class.html", lesson=lesson,
                          has_in_heading=view.has_in_heading(lesson))
    return str(pre_class), str(in_class)


def _lesson_page(lesson: Lesson, body_links: BodyLinks) -> str:
    return lesson_markdown(lesson, body_links(lesson))
