"""Lessons: the teacher's profile, units and lesson files.

- `format.py`: `Profile`, `Unit`, `Lesson` (the front matter of a lesson file);
- `body.py`: the "Before class" / "In class" parts of a lesson's text;
- `checks.py`: references of lessons, the links and HTML of lesson text;
- `pages.py`: the lessons index, unit pages and lesson pages (with their
  pre-class and in-class blocks);
- `text.py`: a lesson's text converted to HTML once, for its page and its unit's pack;
- `helpers.py`: lookups for templates (``ff.lessons_in(unit)``, ``ff.minutes(lesson)``).
"""

from __future__ import annotations

import re

from ..core.features import Feature, Kind
from ..core.publish import FileUse
from . import checks, helpers, pages, text
from .format import Lesson, Profile, Unit


#: Field names a teacher writes for a lesson's ('quiz:' for 'questions:'): the hint of an unknown field.
_MEANT = {"time": "minutes", "duration": "minutes", "length": "minutes", "name": "title", "video": "videos",
          "youtube": "videos", "question_set": "questions", "quiz": "questions", "objective": "objectives",
          "goals": "objectives"}


def _looks_like(front: str) -> str | None:
    """Why a Markdown file's front matter is a lesson's: it names a unit."""
    return "its front matter names a 'unit'" if re.search(r"^unit\s*:", front, re.MULTILINE) else None


def _published(portfolio, lesson: Lesson) -> bool:
    return (portfolio.include_drafts or not lesson.is_draft) and lesson.unit in portfolio.units


def _files(portfolio):
    profile = portfolio.profile
    if profile is not None and profile.photo:
        yield FileUse(profile.photo.src, profile, ("photo", "src"))


def _addresses(portfolio):
    profile = portfolio.profile
    if profile is None:
        return []
    return [(link.url, "link") for link in profile.links] + ([(profile.licence_url, "link")] if profile.licence_url else [])


def _figures(portfolio):
    # A unit's minutes are its lessons' (helpers.minutes): one lesson's video changes its unit's figure.
    for kind in ("units", "lessons"):
        for item in (portfolio.everything.get(kind) or {}).values():
            yield item, helpers.minutes(portfolio, item)


def _dates(portfolio):
    return [d for lesson in portfolio.lessons.values() if not lesson.is_draft
            for d in (lesson.assigned, lesson.due) if d]


FEATURE = Feature(
    name="lessons",
    kinds=(
        Kind("profile", "profile.yml", Profile, single=True,
             required="the teacher's profile is missing; create profile.yml with at least 'name:'"),
        Kind("units", "units", Unit, label="a unit in units/", reserved=("index",), noun="unit"),
        Kind("lessons", "lessons", Lesson, label="a lesson in lessons/", markdown=True, nested=True,
             reserved=("index",), published=_published, noun="lesson", meant=_MEANT, looks_like=_looks_like,
             why_unpublished=lambda l: "is a draft" if l.is_draft else "is not published (see the problems of its file)"),
    ),
    check_published=checks.check_published,
    pages=pages.pages,
    ahead=lambda portfolio, layout, each, tools: text.ahead(portfolio, list(portfolio.lessons.values()), each, tools),
    files=_files,
    addresses=_addresses,
    dates=_dates,
    figures=_figures,
    helpers={
        "ordered_units": helpers.ordered_units,
        "lessons_in": helpers.lessons_in,
        "unit_of": helpers.unit_of,
        "minutes": helpers.minutes,
        "length_known": helpers.length_known,
        "has_before_heading": helpers.has_before_heading,
        "has_in_heading": helpers.has_in_heading,
    },
    prefixes={"lesson": ("lessons", "the lessons index"), "unit": ("units", "the unit pages")},
    page_of={"lessons": "lesson", "units": "unit"},
)
