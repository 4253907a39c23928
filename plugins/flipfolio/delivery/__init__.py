"""Delivery: what students and families use between classes.

- `weeks.py`: the week logic (weeks Monday to Sunday, the week to show on a
  day, minutes per week, the build date), pure and table-tested;
- `calendar.py`: the iCalendar file of due dates (icalendar);
- `pack.py`: a unit's offline pack, a zip of its lessons (pages, questions,
  transcripts, search) that works opened from disk, without the internet;
- `printing.py`: a notes sheet per lesson, a booklet per unit and station
  cards, printable standalone pages with QR codes made at build time;
- the this-week page (templates/flipfolio/this-week.html, with
  assets/flipfolio/week.js picking the week in the browser), the family
  page (family.html), the calendar (calendar.ics) and the Atom feed of
  published lessons (lessons.atom) are Flipfolio templates: every word a
  visitor or a calendar app shows is written there, none here.

Everything here is made from published lessons only (drafts never), and the
same, byte for byte, build to build: the files are dated by the content
(`outputs.content_date`), never by the clock; the page is built with every
week in it and the browser picks the current one; only what a visitor
without JavaScript sees first depends on the build date (`clock.build_date`).
"""

from __future__ import annotations

import uuid
from functools import partial
from urllib.parse import urlsplit

from markupsafe import Markup

from ..core import clock, messages
from ..core.features import Feature
from ..core.outputs import FileSpec, PageSpec, content_date
from ..core.outputs import pages as all_pages
from ..core.problems import show
from ..core.view import View
from ..lessons.helpers import minutes
from . import pack, printing
from . import weeks as week_logic
from .calendar import icalendar_event as icalendar_event_text
from .calendar import icalendar_text

#: The files this feature publishes, by what they are (paths from the site's root).
FILES = {"calendar": "calendar.ics", "feed": "lessons.atom"}
WEEK_PAGE, FAMILY_PAGE = "this-week", "family"
#: The kinds of the versions of those pages in other languages (at this-week/<language>/, family/<language>/).
LANGUAGE_PAGES = {WEEK_PAGE: "this-week-language", FAMILY_PAGE: "family-language"}


def _lessons(portfolio) -> list:
    return [lesson for lesson in portfolio.lessons.values() if not lesson.is_draft]


def all_weeks(portfolio) -> list[week_logic.Week]:
    """The weeks with due work of the published lessons, in order."""
    return portfolio.remember("delivery.weeks", lambda: week_logic.weeks(_lessons(portfolio)))


def time_zone(portfolio) -> str:
    """The portfolio's time zone ("" when the profile gives none: the visitor's own)."""
    profile = portfolio.profile
    return (profile.time_zone if profile is not None else None) or ""


def time_zone_name(portfolio) -> str:
    """The portfolio's time zone as a reader of the page's language names it
    ("Pacific Time", "hora del Pacífico"; Unicode CLDR, through Babel), or its
    code when Babel has no name for it; "" when the profile gives none."""
    zone = time_zone(portfolio)
    if not zone:
        return ""
    from babel.dates import get_timezone_name

    try:
        return get_timezone_name(zone, locale=portfolio.messages.locale) or zone
    except (LookupError, ValueError):
        return zone


def week_date(portfolio):
    """The build date in the portfolio's time zone (what a visitor without JavaScript sees from)."""
    return portfolio.remember("delivery.date", lambda: clock.build_date(time_zone(portfolio) or None))


def week_pick(portfolio) -> tuple[int | None, str]:
    """The week a visitor without JavaScript sees first, and why ("now", "next", "none")."""
    return week_logic.pick(all_weeks(portfolio), week_date(portfolio))


def week_minutes(portfolio) -> tuple[int, int]:
    """(typical, most) minutes of pre-class video per week with due work."""
    return week_logic.minutes_per_week(all_weeks(portfolio), lambda lesson: minutes(portfolio, lesson))


def delivery_file(portfolio, what: str, language: str | None = None) -> str | None:
    """The site path of the calendar ("calendar") or the feed ("feed"), when the
    site has it: in `language` (by default the language the portfolio speaks
    now, see `Portfolio.speaking`) for a family language, ``calendar.es.ics``,
    ``lessons.es.atom``; otherwise the site's."""
    if what == "calendar" and not all_weeks(portfolio):
        return None
    language = portfolio.messages.language if language is None else language
    if language in family_languages(portfolio):
        stem, suffix = FILES[what].rsplit(".", 1)
        return f"{stem}.{language}.{suffix}"
    return FILES[what]


def calendar_stamp(portfolio):
    """The date the calendar's events are stamped with (DTSTAMP): the
    content's latest date, as the feed's, but never after the build's (a due
    date to come is no time the calendar was made)."""
    return min(content_date(portfolio), week_date(portfolio))


def site_date(portfolio):
    """The content's latest date: what the calendar and the feed are dated with."""
    return content_date(portfolio)


def feed_entries(portfolio) -> list[tuple]:
    """(lesson, date) of the published lessons, newest first: the date the
    lesson was given out, or its due date, or the content's date."""
    latest = content_date(portfolio)
    dated = [(lesson, lesson.assigned or lesson.due or latest) for lesson in _lessons(portfolio)]
    return sorted(dated, key=lambda pair: (-pair[1].toordinal(), pair[0].title.lower(), pair[0].id))


def feed_id(portfolio, key: str) -> str:
    """A stable id (an IRI) for the feed or one of its entries."""
    name = portfolio.profile.name if portfolio.profile is not None else ""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'flipfolio:{name}:{key}')}"


def absolute(portfolio, site_url: str, path: str) -> str:
    """`path` (from the site's root) as a full address when the site says its own, else as is."""
    if not site_url:
        return path
    return site_url.rstrip("/") + "/" + path.lstrip("/")


def calendar_lessons(portfolio) -> list:
    """The published lessons with a due date, in the calendar's order (date, then id)."""
    return sorted((lesson for week in all_weeks(portfolio) for lesson in week.lessons),
                  key=lambda lesson: (lesson.due, f"due-{lesson.id}"))


def icalendar(portfolio, events, name: str, description: str = "", site_url: str = "") -> Markup:
    """The iCalendar file of `events`: the text of its events in order
    (`icalendar_event`), or, as a calendar.ics copied from an earlier
    version gives them, a list of events (dicts), put in order here."""
    if isinstance(events, (list, tuple)):
        ordered = sorted(events, key=lambda e: (e["date"], str(e["uid"])))
        events = "".join(icalendar_event(portfolio, event, site_url) for event in ordered)
    return Markup(icalendar_text(str(events), name=name, description=description, stamp=calendar_stamp(portfolio)))


def icalendar_event(portfolio, event: dict, site_url: str = "") -> Markup:
    """The text of one event of the calendar (the template writes what it says)."""
    domain = urlsplit(site_url).hostname or "flipfolio.invalid"
    return Markup(icalendar_event_text(event, stamp=calendar_stamp(portfolio), domain=domain))


def pages(portfolio, layout) -> list[PageSpec]:
    specs = [
        PageSpec(layout.src(WEEK_PAGE), WEEK_PAGE, portfolio.messages.text("week.title"), "flipfolio/this-week.html",
                 in_nav=True, description=portfolio.messages.text("week.description")),
        PageSpec(layout.src(FAMILY_PAGE), FAMILY_PAGE, portfolio.messages.text("family.title"), "flipfolio/family.html",
                 in_nav=True, description=portfolio.messages.text("family.description")),
    ]
    # The pages for families again in each language they speak at home (the profile's family_languages).
    for language in family_languages(portfolio):
        words = portfolio.speaking(language).messages
        for page, area in ((WEEK_PAGE, "week"), (FAMILY_PAGE, "family")):
            specs.append(PageSpec(delivery_page(portfolio, page, language), LANGUAGE_PAGES[page],
                                  words.text(f"{area}.title"), f"flipfolio/{page}.html",
                                  description=words.text(f"{area}.description"), language=language))
    return specs


def family_languages(portfolio) -> list[str]:
    """The other languages the pages for families (this week's, the family
    page) are made in: the profile's `family_languages` but the site's own
    and those Flipfolio has no words of (`check_languages` warns of them)."""
    profile = portfolio.profile
    site = (portfolio.site_messages or portfolio.messages).language.lower()
    wanted = profile.family_languages if profile is not None else []
    return [language for language in wanted
            if language.lower() != site and _family_language_problem(portfolio, language) is None]


def delivery_page(portfolio, page: str, language: str | None = None) -> str:
    """The source path of the this-week or family page (`page`) in `language`
    (by default the language the portfolio speaks now, see `Portfolio.speaking`):
    its version ``<page>/<language>.md`` for a family language, otherwise the
    page itself. ``ff.src_url(ff.delivery_page("family"))`` is its address."""
    language = portfolio.messages.language if language is None else language
    return f"{page}/{language}.md" if language in family_languages(portfolio) else f"{page}.md"


def _family_language_problem(portfolio, language: str) -> str | None:
    if portfolio.speaking(language).messages.english_only:
        main = language.split("-")[0].lower()
        return (f"Flipfolio has no words in '{language}' yet (only {messages.shipped_names()}): add "
                f"portfolio/messages/{main}.yml with its words (see the guide, 'Pages in your language'); until "
                "then the pages for families (this week's, the family page) are not made in it")
    return None


#: The words of the pages for families and of their script (by the start of their keys).
FAMILY_WORDS = ("family.", "week.", "common.", "client.", "date.", "pack.family", "pack.zip", "lesson.in_class_flip")


def check_languages(check) -> None:
    """A family language Flipfolio has no words of is a warning: its pages are
    left out. So is one with only some of the words those pages show: the
    others would show in English on a page marked as in that language."""
    profile = check.portfolio.profile
    if profile is None:
        return
    site = check.portfolio.messages.language.lower()
    for n, language in enumerate(profile.family_languages):
        if language.lower() == site:
            continue
        problem = _family_language_problem(check.portfolio, language)
        if problem is None:
            missing = check.portfolio.speaking(language).messages.untranslated(FAMILY_WORDS)
            if missing:
                main = language.split("-")[0].lower()
                shown = ", ".join(f"'{key}'" for key in missing[:3]) + (", …" if len(missing) > 3 else "")
                problem = (f"portfolio/messages/{main}.yml has not every word of the pages for families: "
                           f"{len(missing)} show in English ({shown}); add them, translated from Flipfolio's "
                           "en.yml (see the guide, 'Pages in your language')")
        if problem is not None:
            check.problems.warning(profile.file, problem, field=f"family_languages[{n}]",
                                   line=profile.line_of("family_languages", n), found=show(language))


def _check(check) -> None:
    printing.check(check)
    check_languages(check)


def outputs(portfolio, layout) -> list[FileSpec]:
    lessons = tuple(_lessons(portfolio))
    specs = []
    due = tuple(lesson for week in all_weeks(portfolio) for lesson in week.lessons)
    if delivery_file(portfolio, "calendar"):
        specs.append(FileSpec(FILES["calendar"], None, "text/calendar; charset=utf-8", made_from=due,
                              template="flipfolio/calendar.ics", item=None))
    specs.append(FileSpec(FILES["feed"], None, "application/atom+xml", made_from=lessons,
                          template="flipfolio/lessons.atom", item=None))
    # The calendar and the feed again in each family language, as the family versions link them.
    for language in family_languages(portfolio):
        for what, media_type, made_from in (("calendar", "text/calendar; charset=utf-8", due),
                                            ("feed", "application/atom+xml", lessons)):
            path = delivery_file(portfolio, what, language)
            if path is not None:
                specs.append(FileSpec(path, None, media_type, made_from=made_from,
                                      writer=partial(_in_language, portfolio, layout, language, what, path)))
    specs += printing.outputs(portfolio, layout)
    specs += pack.outputs(portfolio, layout)
    return specs


def _in_language(portfolio, layout, language: str, what: str, path: str, stream, tools) -> None:
    """Write the calendar or the feed (`what`) with Flipfolio's words in `language` (a `FileSpec.writer`)."""
    template = {"calendar": "flipfolio/calendar.ics", "feed": "flipfolio/lessons.atom"}[what]
    view = tools.view
    if view is None:  # (an engine that lends no view: the site's, as it makes it)
        index_pages = {spec.kind: spec.src for spec in all_pages(portfolio, layout) if spec.item is None}
        view = View(portfolio, layout, directory_urls=tools.directory_urls, index_pages=index_pages)
    view = view.in_language(language)
    stream.write(tools.render(template, page_url=path, item=None, ff=view).encode("utf-8"))


FEATURE = Feature(
    name="delivery",
    pages=pages,
    outputs=outputs,
    check=_check,
    ahead=printing.ahead,
    helpers={"weeks": all_weeks, "week_date": week_date, "week_pick": week_pick, "week_minutes": week_minutes,
             "time_zone": time_zone, "time_zone_name": time_zone_name, "delivery_file": delivery_file, "site_date": site_date,
             "feed_entries": feed_entries, "feed_id": feed_id, "absolute": absolute, "icalendar": icalendar,
             "icalendar_event": icalendar_event, "calendar_lessons": calendar_lessons,
             "family_languages": family_languages, "delivery_page": delivery_page,
             "offline_pack": pack.pack_link, "offline_packs": pack.pack_links,
             **printing.HELPERS},
    root_pages={WEEK_PAGE: "the this-week page's address", FAMILY_PAGE: "the family page's address"},
)
