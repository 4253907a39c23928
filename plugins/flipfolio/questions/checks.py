"""Checks of question sets: the lessons that name them, and question times."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Check


def check(check: Check) -> None:
    portfolio, problems = check.portfolio, check.problems
    sets = portfolio.everything["question_sets"]
    for lesson in portfolio.everything["lessons"].values():
        if not lesson.questions or not check.ref(lesson, ("questions",), lesson.questions, "question_sets"):
            continue
        if lesson.is_draft or lesson.questions not in sets or not lesson.videos:
            continue
        info = lesson.videos[0].info
        if info is None or info.duration is None:
            continue
        qset = sets[lesson.questions]
        for n, question in enumerate(qset.questions):
            if question.at is not None and question.at > info.duration:
                problems.warning(
                    qset.file,
                    f"the time is after the end of the first video of lesson '{lesson.id}' ({info.duration} s long)",
                    field=f"questions[{n}].at", line=qset.line_of("questions", n, "at"), found=f"{question.at} s",
                )
