"""Lookups of lessons and units, for pages, templates (``ff.<name>``) and exports."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..videos.workload import minutes as whole_minutes
from ..videos.workload import total_seconds
from .body import split_parts

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio
    from .format import Lesson, Unit

_FAR = dt.date(9999, 12, 31)


def ordered_units(portfolio: Portfolio) -> list[Unit]:
    return sorted(portfolio.units.values(), key=lambda u: (u.order, u.title.lower(), u.id))


def lessons_in(portfolio: Portfolio, unit: Unit) -> list[Lesson]:
    """The unit's published lessons in order (worked out once for all units)."""

    def group() -> dict[str, list[Lesson]]:
        by_unit: dict[str, list[Lesson]] = {}
        for lesson in portfolio.lessons.values():
            by_unit.setdefault(lesson.unit, []).append(lesson)
        for found in by_unit.values():
            found.sort(key=lambda l: (l.order, l.assigned or _FAR, l.title.lower(), l.id))
        return by_unit

    return portfolio.remember("lessons.by_unit", group).get(unit.id, [])


def unit_of(portfolio: Portfolio, lesson: Lesson) -> Unit:
    return portfolio.units[lesson.unit]


def seconds(portfolio: Portfolio, item) -> int:
    """Pre-class video time of a lesson or a unit, in seconds."""
    if item.kind == "units":
        return sum(total_seconds(l.videos) for l in lessons_in(portfolio, item))
    return total_seconds(item.videos)


def minutes(portfolio: Portfolio, item) -> int | None:
    """Pre-class video time of a lesson or unit (or a number of seconds) in whole minutes."""
    secs = item if isinstance(item, int) or item is None else seconds(portfolio, item)
    return whole_minutes(secs)


def has_before_heading(portfolio: Portfolio, lesson: Lesson) -> bool:
    """Whether the lesson's text has its own "Before class" part."""
    return bool(split_parts(lesson.body).before_class)
