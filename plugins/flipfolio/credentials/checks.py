"""Checks of credentials and stacks: the lessons and files they name."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Check


def check(check: Check) -> None:
    portfolio = check.portfolio
    for credential in portfolio.everything["credentials"].values():
        if credential.assertion and "://" not in credential.assertion:
            check.file(credential, ("assertion",), credential.assertion, "the assertion")
        if credential.image:
            check.file(credential, ("image", "src"), credential.image.src, "the badge image")
        for i, item in enumerate(credential.evidence):
            if item.lesson:
                check.ref(credential, ("evidence", i, "lesson"), item.lesson, "lessons")
            if item.url:
                check.file(credential, ("evidence", i, "url"), item.url, "the evidence")
    for stack in portfolio.everything["stacks"].values():
        for i, credential in enumerate(stack.credentials):
            check.ref(stack, ("credentials", i), credential, "credentials")


def check_published(check: Check) -> None:
    """A published page must not link to a page the site leaves out. A lesson
    left out for a problem of its own (or of its unit) is reported there."""
    portfolio = check.portfolio
    lessons = portfolio.everything["lessons"]
    for credential in portfolio.credentials.values():
        for i, item in enumerate(credential.evidence):
            lesson = lessons.get(item.lesson)
            if lesson is not None and item.lesson not in portfolio.lessons and lesson.is_draft:
                check.problems.warning(
                    credential.file,
                    f"the evidence names lesson '{item.lesson}', which is a draft; the item is left "
                    "out until the lesson is published",
                    field=f"evidence[{i}].lesson",
                    line=credential.line_of("evidence", i, "lesson"),
                )
