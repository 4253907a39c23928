"""The iCalendar file of due dates, made with the icalendar library.

What each event says (its summary, its description) is written by the
template (templates/flipfolio/calendar.ics), which hands the events to
`icalendar_text`; this module only makes the file, byte for byte the same
build to build: no clock (DTSTAMP is the content's date), events in a fixed
order, ids made from the lessons' ids."""

from __future__ import annotations

import datetime as dt

import icalendar

#: How often a subscribed calendar app should look again (RFC 7986 REFRESH-INTERVAL).
REFRESH = dt.timedelta(hours=12)


def icalendar_text(events: list[dict], *, name: str, description: str, stamp: dt.date, domain: str) -> str:
    """An iCalendar file (CRLF lines) of all-day events.

    Each event is a dict with ``uid`` (unique in the calendar), ``date`` (the
    day), ``summary``, and optionally ``description`` and ``url``; `stamp` is
    the date the events are dated with (DTSTAMP, LAST-MODIFIED), `domain`
    what makes the uids unique worldwide (the site's host, or a name)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Flipfolio//Due dates//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    if description:
        calendar.add("x-wr-caldesc", description)
        calendar.add("description", description)
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH).to_ical().decode("ascii"))
    stamped = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    for found in sorted(events, key=lambda e: (e["date"], str(e["uid"]))):
        event = icalendar.Event()
        event.add("uid", f"{found['uid']}@{domain}")
        event.add("dtstamp", stamped)
        event.add("last-modified", stamped)
        event.add("dtstart", found["date"])
        event.add("dtend", found["date"] + dt.timedelta(days=1))
        event.add("summary", str(found["summary"]))
        if found.get("description"):
            event.add("description", str(found["description"]))
        if found.get("url"):
            event.add("url", str(found["url"]))
        event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
