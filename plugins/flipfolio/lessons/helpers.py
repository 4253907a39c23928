"""Lookups of lessons and units, for pages, templates (``ff.<name>``) and exports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..videos.workload import minutes as whole_minutes
from ..videos.workload import total_seconds, watch_seconds
from .body import split_parts

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio
    from .format import Lesson, Unit


def ordered_units(portfolio: Portfolio) -> list[Unit]:
    return sorted(portfolio.units.values(), key=lambda u: (u.order, u.title.lower(), u.id))


def lessons_in(portfolio: Portfolio, unit: Unit) -> list[Lesson]:
    """The unit's published lessons in order (worked out once for all units)."""

    def group() -> dict[str, list[Lesson]]:
        by_unit: dict[str, list[Lesson]] = {}
        for lesson in portfolio.lessons.values():
            by_unit.setdefault(lesson.unit, []).append(lesson)
        for found in by_unit.values():
            found.sort(key=lambda l: (l.order, l.assigned or dt.date.max, l.title.lower(), l.id))
        return by_unit

    return portfolio.remember("lessons.by_unit", group).get(unit.id, [])


def unit_of(portfolio: Portfolio, lesson: Lesson) -> Unit:
    return portfolio.units[lesson.unit]


def length_known(portfolio: Portfolio, item=None) -> bool:
    """Whether the length of every video watched before class is known (from
    the video cache, or its 'duration'), of a lesson, of a unit's lessons, of
    a list of lessons (a week's) or, without an item, of every lesson:
    otherwise their minutes count only some of them, and a page says so."""
    if item is None:
        lessons = [lesson for unit in ordered_units(portfolio) for lesson in lessons_in(portfolio, unit)]
    elif isinstance(item, (list, tuple)):
        lessons = item
    else:
        lessons = lessons_in(portfolio, item) if item.kind == "units" else [item]
    return all(watch_seconds(video) is not None for lesson in lessons for video in lesson.pre_class_videos)


def minutes(portfolio: Portfolio, item=None) -> int | None:
    """Pre-class video time in whole minutes, of a lesson, a unit, the whole
    portfolio (no item), or a number of seconds (one video: rounded up, so a
    20-second clip is 1 min).

    Minutes add up from the lessons: a lesson's seconds are rounded to the
    nearest minute (half a minute up; a lesson with any video is at least
    1 min): its 3:40 video is 4 min, its 3:05 one 3 min. A unit's minutes are
    its lessons', the portfolio's its units'. So every sum a reader can make
    of the figures on a page (a unit's lessons, a week's) is the figure the
    page gives, and each lesson's is within half a minute of its videos'."""
    if item is None or not hasattr(item, "kind"):
        if isinstance(item, int):
            return whole_minutes(item)
        if item is not None:
            return None
        return portfolio.remember("lessons.minutes", lambda: _add_minutes(portfolio))["total"]
    return portfolio.remember("lessons.minutes", lambda: _add_minutes(portfolio)).get((item.kind, item.id), 0)


def _nearest_minutes(seconds: int) -> int:
    return max(1, (seconds + 30) // 60) if seconds else 0


def _add_minutes(portfolio: Portfolio) -> dict:
    found: dict = {"total": 0}
    for unit in ordered_units(portfolio):
        unit_minutes = 0
        for lesson in lessons_in(portfolio, unit):
            found[("lessons", lesson.id)] = _nearest_minutes(total_seconds(lesson.videos))
            unit_minutes += found[("lessons", lesson.id)]
        found[("units", unit.id)] = unit_minutes
        found["total"] += unit_minutes
    return found


def has_before_heading(portfolio: Portfolio, lesson: Lesson) -> bool:
    """Whether the lesson's text has its own "Before class" part."""
    return bool(split_parts(lesson.body).before_class)


def has_in_heading(portfolio: Portfolio, lesson: Lesson) -> bool:
    """Whether the lesson's text has its own "In class" part."""
    return bool(split_parts(lesson.body).in_class)
