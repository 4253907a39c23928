"""The date a build is made on, for what depends on today (this week's
lessons, the credentials' statuses): FLIPFOLIO_BUILD_DATE when given (tests,
rebuilding a past site), else the date of SOURCE_DATE_EPOCH (reproducible
builds), else today; in the portfolio's time zone when it has one, else in
UTC, so that two builds the same day agree wherever they run, whatever the
machine's time zone."""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo

from .problems import Problem

#: The environment variable that sets the build date (YYYY-MM-DD).
BUILD_DATE_ENV = "FLIPFOLIO_BUILD_DATE"
EPOCH_ENV = "SOURCE_DATE_EPOCH"


def problem() -> Problem | None:
    """An error when the environment gives a build date that is no date."""
    given = os.environ.get(BUILD_DATE_ENV, "").strip()
    epoch = os.environ.get(EPOCH_ENV, "").strip()
    if given:
        try:
            dt.date.fromisoformat(given)
        except ValueError:
            return Problem(BUILD_DATE_ENV, "the environment variable's build date is no date: write it YYYY-MM-DD "
                           f"(e.g. 2026-09-01), or leave it unset for today, found {given!r}")
    elif epoch and not epoch.isdigit():
        return Problem(EPOCH_ENV, "the environment variable is no time: seconds since 1970-01-01 UTC (e.g. "
                       f"1788220800), or leave it unset for today, found {epoch!r}")
    return None


def build_date(time_zone: str | None = None, now: dt.datetime | None = None) -> dt.date:
    """The build's date (see the module), in `time_zone` (a name of the time
    zone database) or UTC. A value of the environment that is no date is
    ignored here: `problem` reports it, and the build stops on it."""
    given = os.environ.get(BUILD_DATE_ENV, "").strip()
    if given:
        try:
            return dt.date.fromisoformat(given)
        except ValueError:
            pass
    zone = zoneinfo.ZoneInfo(time_zone) if time_zone else dt.timezone.utc
    epoch = os.environ.get(EPOCH_ENV, "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), zone).date()
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(zone).date()


def latest_today(now: dt.datetime | None = None) -> dt.date:
    """The machine's today where it is latest (a day ahead of UTC covers every
    time zone), whatever build date is set: for "is this date still to come?"."""
    return (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc).date() + dt.timedelta(days=1)
