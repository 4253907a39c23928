"""Checks of the profile, units and lessons: references and lesson text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core import bodycheck

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Check


def check(check: Check) -> None:
    portfolio = check.portfolio
    profile = portfolio.profile
    if profile is not None and profile.photo:
        check.file(profile, ("photo", "src"), profile.photo.src, "the photo")
    for lesson in portfolio.everything["lessons"].values():
        check.ref(lesson, ("unit",), lesson.unit, "units")
        for i, credential in enumerate(lesson.credentials):
            check.ref(lesson, ("credentials", i), credential, "credentials")


def check_published(check: Check) -> None:
    """The text of each published lesson: its links (through the publishing
    gate, which also publishes the files it links) and unsafe HTML."""
    gate, problems = check.portfolio.gate, check.problems
    for lesson in check.portfolio.lessons.values():
        check.guarded(lesson.file, _check_text, gate, lesson, problems, check.portfolio.keep)


def _check_text(gate, lesson, problems, keep=None) -> None:
    body = lesson.body
    gate.check_text(lesson.path, lesson.file, lesson.body_line, body, problems)
    # (A preview keeps the findings of a text it has checked before: `core.keep`.)
    found = (bodycheck.body_problems(lesson) if keep is None else
             keep.made("body_problems", lesson.file, f"{lesson.body_line}\0{body}", lambda: bodycheck.body_problems(lesson)))
    for problem in found:
        problems.add(problem)
