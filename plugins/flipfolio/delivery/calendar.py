"""The iCalendar file of due dates, made with the icalendar library.

What each event says (its summary, its description) is written by the
template (templates/flipfolio/partials/calendar-event.ics), which hands it to
`icalendar_event`; the calendar's template (calendar.ics) hands the events'
text, in order, to `icalendar_text`. Each event is a part of the calendar
(`render.Parts`): a preview writes again only the events of the lessons an
edit changed. This module only writes the text, byte for byte the same build
to build: DTSTAMP is the content's latest date, or the build's when that
is to come (`delivery.calendar_stamp`), ids are made from the lessons' ids, and there is no
LAST-MODIFIED (a static site cannot know when an event last changed: a
calendar app compares the events it reads again)."""

from __future__ import annotations

import datetime as dt

#: How often a subscribed calendar app should look again (RFC 7986 REFRESH-INTERVAL).
REFRESH = dt.timedelta(hours=12)


def icalendar_text(events: str, *, name: str, description: str, stamp: dt.date) -> str:
    """An iCalendar file (CRLF lines) of `events`: the text of its events
    (`icalendar_event`, in the calendar's order), `stamp` the date it is dated
    with. The same, byte for byte, as the library writes a calendar holding
    those events (tests/test_delivery.py checks it)."""
    import icalendar  # (imported when a calendar is made: 80 modules, 3 MiB, 0.15 s that a check never needs)

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
    text = calendar.to_ical().decode("utf-8")
    end = "END:VCALENDAR\r\n"
    if not text.endswith(end):  # pragma: no cover - a library that writes calendars otherwise
        raise ValueError("icalendar wrote a calendar that does not end with END:VCALENDAR")
    return text[: -len(end)] + events + end


def icalendar_event(event: dict, *, stamp: dt.date, domain: str) -> str:
    """The text (CRLF lines) of one all-day event of the calendar.

    `event` has ``uid`` (unique in the calendar), ``date`` (the day),
    ``summary``, and optionally ``description`` and ``url``; `stamp` is the
    date the events are dated with (DTSTAMP: the build's), `domain` what
    makes the uid unique worldwide (the site's host, or a name). A calendar
    lists its events by date, then uid (`delivery.calendar_lessons`)."""
    import icalendar

    stamped = dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
    found = icalendar.Event()
    found.add("uid", f"{event['uid']}@{domain}")
    found.add("dtstamp", stamped)
    found.add("dtstart", event["date"])
    found.add("dtend", event["date"] + dt.timedelta(days=1))
    found.add("summary", str(event["summary"]))
    if event.get("description"):
        found.add("description", str(event["description"]))
    if event.get("url"):
        found.add("url", str(event["url"]))
    found.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
    return found.to_ical().decode("utf-8")
