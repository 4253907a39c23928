"""Checks of lessons' text (the ids and files lessons name are checked with every file's: `core/references.py`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from ..core import bodycheck, links
from ..core import features as registry
from ..core.problems import Problem, Problems
from .body import near_parts

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Check


def check_published(check: Check) -> None:
    """The text of each published lesson: its links (through the publishing
    gate, which also publishes the files it links) and unsafe HTML. In two
    processes when the load is (`Check.each`)."""
    gate = check.portfolio.gate
    lessons = list(check.portfolio.lessons.values())
    _check_repeats(lessons, check.problems)
    for found, files in check.each(partial(_text_findings, gate, check.portfolio.keep), lessons):
        for problem in found:
            check.problems.add(problem)
        gate.files |= files
    # A lesson with wrong fields is not published, but its text is checked in the same round as its
    # fields when what is right of it says it would be published (its status and unit are right): the
    # teacher fixes all at once. What it links is not published (the build stops on its errors anyway).
    published = registry.kind("lessons").published
    for lesson in check.partly_right("lessons", partial(published, check.portfolio)):
        check.guarded_partly(lesson.file, _check_text, gate, lesson, check.problems, set(), check.portfolio.keep)


def _check_repeats(lessons, problems) -> None:
    """What a copy and paste repeats: two published lessons of a unit with one
    title (students tell lessons apart by their titles), and one video listed
    twice in a lesson (the same part of it: a video's two parts, with their
    own start and end, are two)."""
    titled: dict[tuple, object] = {}
    for lesson in lessons:
        first = titled.setdefault((lesson.unit, " ".join(lesson.title.casefold().split())), lesson)
        if first is not lesson:
            problems.warning(lesson.file, f"lesson '{first.id}' of the same unit has this title too; students tell "
                             "lessons apart by their titles", field="title", line=lesson.line_of("title"),
                             found=repr(lesson.title))
        seen: dict[tuple, int] = {}
        for i, video in enumerate(lesson.videos):
            start = video.start if video.start is not None else video.source.start
            end = video.end if video.end is not None else video.source.end
            first_at = seen.setdefault((video.source.key, start, end), i)
            if first_at != i:
                problems.warning(lesson.file, f"the same video as videos[{first_at}], from the same start to the "
                                 "same end; remove one (or give each its own 'start' and 'end')",
                                 field=f"videos[{i}]", line=lesson.line_of("videos", i), found=repr(video.url))


def _text_findings(gate, keep, lesson) -> tuple[list[Problem], set[str]]:
    """The problems of a lesson's text, and the files it links."""
    found, files = Problems(), set()
    found.guarded(lesson.file, _check_text, gate, lesson, found, files, keep)
    return found.items, files


def _check_text(gate, lesson, problems, files, keep=None) -> None:
    body = lesson.body
    # (A preview keeps the links and findings of a text it has checked before: `core.keep`;
    # where the links lead depends on the rest of the portfolio, and is worked out every time.)
    found_links = None if keep is None else keep.made("links", lesson.file, body, lambda: links.find(body))
    gate.check_text(lesson.path, lesson.file, lesson.body_line, body, problems, files, found_links)
    found = (bodycheck.body_problems(lesson) if keep is None else
             keep.made("body_problems", lesson.file, f"{lesson.body_line}\0{body}", lambda: bodycheck.body_problems(lesson)))
    for problem in found:
        problems.add(problem)
    for line, written, part in near_parts(body):
        name = "Before class" if part == "before" else "In class"
        problems.add(Problem(
            lesson.file, f"'{written}' looks like the '{name}' part, but only a heading '## {name}' marks the part "
            "(the lesson's videos and questions are placed by the parts)",
            line=lesson.body_line + line - 1, severity="warning", hint=f"Write it as '## {name}'"))
