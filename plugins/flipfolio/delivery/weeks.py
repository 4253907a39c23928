"""The week logic of the this-week page, pure: weeks run Monday to Sunday, and
a lesson belongs to the week of its due date.

The page is built with every week in it; the browser picks the week to show
(assets/flipfolio/week.js, the same rule as `pick`), so that a build does not
depend on the day it runs except for what a visitor without JavaScript sees:
the weeks from the build date on (`clock.build_date`, in the portfolio's time zone).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Week:
    """A week with due work: its Monday, its Sunday, its lessons by due date,
    and the Mondays of the weeks with due work before and after it (None at
    either end), which the page links."""

    start: dt.date
    lessons: tuple = field(default=())
    before: dt.date | None = None
    after: dt.date | None = None

    def part_values(self) -> dict:
        """What the week's part of a page is made from (`render.Parts`): all
        that it holds (its lessons, with their own keys)."""
        return {"start": self.start.isoformat(), "lessons": self.lessons,
                "before": self.before.isoformat() if self.before else None,
                "after": self.after.isoformat() if self.after else None}

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)

    @property
    def id(self) -> str:
        """The week's anchor on the page (``week-2026-03-02``)."""
        return f"week-{self.start.isoformat()}"

    def days(self) -> list[tuple[dt.date, list]]:
        """(due date, its lessons), in date order."""
        found: dict[dt.date, list] = {}
        for lesson in self.lessons:
            found.setdefault(lesson.due, []).append(lesson)
        return sorted(found.items())


def monday(day: dt.date) -> dt.date:
    """The Monday of the week `day` is in."""
    return day - dt.timedelta(days=day.weekday())


def weeks(lessons) -> list[Week]:
    """The weeks with due work, in order, each with its lessons sorted by due
    date, then title and id. Drafts and lessons without a due date are left out."""
    by_week: dict[dt.date, list] = {}
    for lesson in lessons:
        if lesson.due is None or lesson.is_draft:
            continue
        by_week.setdefault(monday(lesson.due), []).append(lesson)
    starts = sorted(by_week)
    return [Week(start, tuple(sorted(by_week[start], key=lambda l: (l.due, l.title.lower(), l.id))),
                 before=starts[n - 1] if n else None, after=starts[n + 1] if n + 1 < len(starts) else None)
            for n, start in enumerate(starts)]


def pick(found: list[Week], today: dt.date) -> tuple[int | None, str]:
    """The week to show on `today` and why: the index of the first week that
    has not ended, with "now" (today is in it) or "next" (nothing is due this
    week; that is the next week with due work); (None, "none") when every
    week has ended or there is none. week.js makes the same choice."""
    for index, week in enumerate(found):
        if week.end >= today:
            return index, "now" if week.start <= today else "next"
    return None, "none"


def minutes_per_week(found: list[Week], minutes) -> tuple[int, int]:
    """(typical, most): the mean pre-class minutes of the weeks with due work,
    rounded, and the most in one week; `minutes(lesson)` gives a lesson's:
    the sums the this-week page shows, so a family told "never more than
    6 min" sees no week above it."""
    totals = [sum(minutes(lesson) or 0 for lesson in week.lessons) for week in found]
    if not totals:
        return 0, 0
    most = max(totals)
    return int(sum(totals) / len(totals) + 0.5), most


