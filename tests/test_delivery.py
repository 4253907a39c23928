"""Delivery: the week logic (tables), the this-week and family pages, the
iCalendar file of due dates and the Atom feed of lessons, in a tiny real site
built once (BASE, whose draft lesson is given a due date) and from the example
portfolio rendered without MkDocs."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from types import SimpleNamespace

import feedparser
import icalendar
import pytest
from mkdocs.exceptions import Abort
from sites import BASE, MKDOCS_YML, Site

from flipfolio.core import clock
from flipfolio.core.model import load
from flipfolio.core.outputs import Layout, content_date, outputs
from flipfolio.core.render import Renderer
from flipfolio.core.view import View
from flipfolio.delivery import calendar_stamp
from flipfolio.delivery import weeks as w
from flipfolio.mkdocs.config import address_clashes

REPO = Path(__file__).resolve().parent.parent
D = dt.date


def lesson(id, due, title=None, draft=False):
    return SimpleNamespace(id=id, due=due, title=title or id, is_draft=draft)


# -- the week logic ----------------------------------------------------------------

@pytest.mark.parametrize("day, monday", [
    (D(2026, 3, 2), D(2026, 3, 2)),  # a Monday
    (D(2026, 3, 8), D(2026, 3, 2)),  # its Sunday
    (D(2026, 3, 4), D(2026, 3, 2)),
    (D(2026, 1, 1), D(2025, 12, 29)),  # across the new year
    (D(2024, 3, 1), D(2024, 2, 26)),  # across a leap day
])
def test_a_week_runs_monday_to_sunday(day, monday):
    assert w.monday(day) == monday
    assert w.Week(monday).end == monday + dt.timedelta(days=6)


def test_weeks_group_lessons_by_due_date_and_leave_out_drafts_and_undated():
    found = w.weeks([
        lesson("b", D(2026, 3, 4)), lesson("a", D(2026, 3, 4)), lesson("c", D(2026, 3, 2)),
        lesson("late", D(2026, 3, 10)), lesson("draft", D(2026, 3, 3), draft=True), lesson("undated", None),
    ])
    assert [(week.id, [l.id for l in week.lessons]) for week in found] == [
        ("week-2026-03-02", ["c", "a", "b"]), ("week-2026-03-09", ["late"])]
    assert [(day, [l.id for l in ls]) for day, ls in found[0].days()] == [
        (D(2026, 3, 2), ["c"]), (D(2026, 3, 4), ["a", "b"])]
    assert w.weeks([]) == []


WEEKS = w.weeks([lesson("one", D(2025, 9, 9)), lesson("two", D(2025, 9, 24)), lesson("three", D(2025, 11, 12))])


@pytest.mark.parametrize("today, expected", [
    (D(2025, 9, 1), (0, "next")),   # before everything: the first week, not this one
    (D(2025, 9, 8), (0, "now")),    # its Monday
    (D(2025, 9, 14), (0, "now")),   # its Sunday: after the due date, still this week
    (D(2025, 9, 15), (1, "next")),  # nothing due the week of 15 September
    (D(2025, 9, 22), (1, "now")),
    (D(2025, 11, 16), (2, "now")),
    (D(2025, 11, 17), (None, "none")),  # everything has ended
    (D(2030, 1, 1), (None, "none")),
])
def test_the_week_shown_on_a_day(today, expected):
    assert w.pick(WEEKS, today) == expected


def test_no_week_to_pick_without_due_dates():
    assert w.pick([], D(2025, 9, 1)) == (None, "none")


@pytest.mark.parametrize("minutes, expected", [
    ({"one": 4, "two": 3, "three": 3}, (3, 4)),
    ({"one": 4, "two": 4, "three": 5}, (4, 5)),  # 4.33 rounds to 4
    ({"one": 0, "two": 0, "three": 0}, (0, 0)),
    ({"one": None, "two": 2, "three": 1}, (1, 2)),
])
def test_minutes_per_week(minutes, expected):
    assert w.minutes_per_week(WEEKS, lambda l: minutes[l.id]) == expected
    assert w.minutes_per_week([], lambda l: 1) == (0, 0)


@pytest.mark.parametrize("env, zone, now, expected", [
    ({"FLIPFOLIO_BUILD_DATE": "2025-11-12"}, None, None, D(2025, 11, 12)),
    ({"SOURCE_DATE_EPOCH": "1763337600"}, None, None, D(2025, 11, 17)),  # 2025-11-17 00:00 UTC
    ({"SOURCE_DATE_EPOCH": "1763337600"}, "America/Los_Angeles", None, D(2025, 11, 16)),
    ({}, None, dt.datetime(2025, 11, 17, 5, tzinfo=dt.timezone.utc), D(2025, 11, 17)),
    ({}, "America/Los_Angeles", dt.datetime(2025, 11, 17, 5, tzinfo=dt.timezone.utc), D(2025, 11, 16)),
    ({}, "Pacific/Kiritimati", dt.datetime(2025, 11, 16, 12, tzinfo=dt.timezone.utc), D(2025, 11, 17)),
])
def test_the_build_date_is_the_portfolios_not_the_machines(monkeypatch, env, zone, now, expected):
    monkeypatch.delenv("FLIPFOLIO_BUILD_DATE", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # the machine's zone never counts
    assert clock.build_date(zone, now=now) == expected


@pytest.mark.parametrize("name, value, message", [
    ("FLIPFOLIO_BUILD_DATE", "2026-13-01", "FLIPFOLIO_BUILD_DATE: the environment variable's build date is no date: "
     "write it YYYY-MM-DD (e.g. 2026-09-01), or leave it unset for today, found '2026-13-01'"),
    ("SOURCE_DATE_EPOCH", "yesterday", "SOURCE_DATE_EPOCH: the environment variable is no time: seconds since "
     "1970-01-01 UTC (e.g. 1788220800), or leave it unset for today, found 'yesterday'"),
])
def test_a_build_date_that_is_no_date_is_an_error_not_a_traceback(site_factory, monkeypatch, name, value, message):
    monkeypatch.delenv("FLIPFOLIO_BUILD_DATE", raising=False)
    monkeypatch.setenv(name, value)
    site = site_factory()
    assert message in [str(p) for p in load(site.root / "portfolio").problems.errors]
    with pytest.raises(Abort):
        site.build()


def test_the_pages_addresses_are_taken():
    clashes = address_clashes({"lessons_url": "this-week", "units_url": "family", "credentials_url": "credentials"})
    assert clashes == [
        ("lessons_url", "'this-week' is the this-week page's address; choose another address, e.g. 'my-this-week'"),
        ("units_url", "'family' is the family page's address; choose another address, e.g. 'my-family'"),
    ]


# -- the example portfolio, rendered without MkDocs --------------------------------

@pytest.fixture(scope="module")
def example_files():
    portfolio = load(REPO / "portfolio")
    layout = Layout.default(site_url="https://flipfolio.example.org/")
    layout = Layout(layout.prefixes, site_url="https://flipfolio.example.org/")
    renderer = Renderer(View(portfolio, layout, index_pages={"lessons": "lessons/index.md"}))
    files = {spec.path: spec.data(renderer.render) for spec in outputs(portfolio, layout)}
    return portfolio, files


def test_the_example_calendar_has_every_due_date(example_files):
    portfolio, files = example_files
    calendar = icalendar.Calendar.from_ical(files["calendar.ics"])
    events = calendar.walk("VEVENT")
    due = sorted((l.due, l.id) for l in portfolio.everything["lessons"].values() if l.due and not l.is_draft)
    assert len(due) >= 12
    assert sorted((e.decoded("dtstart"), str(e["uid"]).split("@")[0][len("due-"):]) for e in events) == due
    for event in events:
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(days=1)
        assert not isinstance(event.decoded("dtstart"), dt.datetime)  # all-day
        stamp = content_date(portfolio)  # the content's date, never the clock's (see below for one to come)
        assert event.decoded("dtstamp") == dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.timezone.utc)
        assert "last-modified" not in event  # a static site cannot know when an event last changed
        assert str(event["url"]).startswith("https://flipfolio.example.org/lessons/")
        lesson = portfolio.lessons[str(event["uid"]).split("@")[0][len("due-"):]]
        # An in-class flip with nothing to watch before is a class, not work due.
        assert str(event["summary"]).startswith("In class: " if lesson.in_class_only else "Due: ")
    assert any(l.in_class_only for l in portfolio.lessons.values() if l.due)
    drafts = [l for l in portfolio.everything["lessons"].values() if l.is_draft and l.due]
    assert drafts and all(l.title not in files["calendar.ics"].decode() for l in drafts)
    assert b"\r\n" in files["calendar.ics"] and str(calendar["x-wr-calname"]) == "Due dates: Ms. Ana Rivera"


def test_the_example_feed_parses_and_lists_published_lessons(example_files):
    portfolio, files = example_files
    feed = feedparser.parse(files["lessons.atom"])
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    titles = {l.title for l in portfolio.lessons.values()}
    assert {e.title for e in feed.entries} == titles
    assert all(e.link.startswith("https://flipfolio.example.org/lessons/") for e in feed.entries)
    dates = [e.updated for e in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert "Ecosystem" not in " ".join(e.title for e in feed.entries if "change" in e.title.lower())


def test_the_files_are_the_same_whatever_the_clock_and_zone(example_files, monkeypatch):
    portfolio, files = example_files
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    monkeypatch.setenv("FLIPFOLIO_BUILD_DATE", "2031-07-01")
    again = load(REPO / "portfolio")
    layout = Layout(Layout.default().prefixes, site_url="https://flipfolio.example.org/")
    renderer = Renderer(View(again, layout, index_pages={"lessons": "lessons/index.md"}))
    assert {spec.path: spec.data(renderer.render) for spec in outputs(again, layout)
            if spec.path in files and spec.path in ("calendar.ics", "lessons.atom")} == \
        {path: files[path] for path in ("calendar.ics", "lessons.atom")}


#: calendar.ics as an earlier version wrote it, which a site may have copied: its events as a list.
EARLIER_CALENDAR_ICS = """\
{%- set site = ff.layout.site_url -%}
{%- set who = ff.profile.name if ff.profile else "" -%}
{%- set events = [] -%}
{%- for week in ff.weeks() -%}
  {%- for lesson in week.lessons -%}
    {%- set minutes = ff.minutes(lesson) -%}
    {%- set work = ff.text("calendar.video", count=minutes) if lesson.pre_class_videos else ff.text("calendar.no_video") -%}
    {%- set _ = events.append({
      "uid": "due-" ~ lesson.id,
      "date": lesson.due,
      "summary": ff.text("calendar.due", title=lesson.title),
      "description": ((lesson.summary ~ "\\n\\n") if lesson.summary else "") ~ work ~ ("\\n" ~ ff.absolute(site, ff.url(lesson)) if site else ""),
      "url": ff.absolute(site, ff.url(lesson)) if site else "",
    }) -%}
  {%- endfor -%}
{%- endfor -%}
{{ ff.icalendar(events, name=ff.text("calendar.name_of", who=who) if who else ff.text("calendar.name"), description=ff.text("calendar.description_of", who=who) if who else ff.text("calendar.description"), site_url=site) }}
"""


def test_a_calendar_template_copied_from_an_earlier_version_makes_the_same_calendar(example_files, tmp_path):
    portfolio, files = example_files
    (tmp_path / "flipfolio").mkdir()
    (tmp_path / "flipfolio" / "calendar.ics").write_text(EARLIER_CALENDAR_ICS)
    layout = Layout(Layout.default().prefixes, site_url="https://flipfolio.example.org/")
    renderer = Renderer(View(portfolio, layout, index_pages={"lessons": "lessons/index.md"}), [tmp_path])
    spec = next(spec for spec in outputs(portfolio, layout) if spec.path == "calendar.ics")
    # (Only an in-class flip's summary differs: the earlier version called its class day "Due".)
    assert spec.data(renderer.render) == files["calendar.ics"].replace(b"SUMMARY:In class: ", b"SUMMARY:Due: ")
    assert files["calendar.ics"].count(b"BEGIN:VEVENT") > 3


@pytest.mark.parametrize("build_date, stamped", [("2026-12-08", "20261208"), ("2031-07-01", "20270101")])
def test_a_calendar_is_never_stamped_with_a_date_to_come(site_factory, monkeypatch, build_date, stamped):
    """A lesson due next month makes the content's latest date one to come:
    the calendar is stamped with the build's date until then."""
    monkeypatch.setenv("FLIPFOLIO_BUILD_DATE", build_date)
    site = site_factory({"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\ndue: 2027-01-01\n---\n"}).build()
    text = site.text("calendar.ics")
    assert text.count(f"DTSTAMP:{stamped}T000000Z") == text.count("BEGIN:VEVENT") > 0
    assert "LAST-MODIFIED" not in text
    assert calendar_stamp(load(site.root / "portfolio")) == dt.date(int(stamped[:4]), int(stamped[4:6]), int(stamped[6:]))


@pytest.mark.parametrize("events, description", [
    ([], ""),
    ([{"uid": "due-a", "date": D(2026, 3, 4), "summary": "Due: A"}], "Due dates"),
    ([{"uid": "due-a", "date": D(2026, 3, 4), "summary": "Due: A", "description": "Watch 4 min\n\nof video",
       "url": "https://t.example/lessons/a/"},
      {"uid": "due-b", "date": D(2026, 3, 4), "summary": "Fällig: Zellen, Gewebe; Organe " * 4,  # folded lines
       "description": "Résumé: " + "ç" * 90}], "Fechas de entrega de la profesora Ana"),
])
def test_a_calendar_of_events_written_one_by_one_is_the_librarys_calendar_of_them(events, description):
    """The calendar is written event by event (a preview keeps each lesson's
    event), then put together: the same bytes as the library's own calendar
    holding the same events."""
    from flipfolio.delivery.calendar import REFRESH, icalendar_event, icalendar_text

    stamp = D(2026, 3, 1)
    text = icalendar_text("".join(icalendar_event(e, stamp=stamp, domain="t.example") for e in events),
                          name="Due dates", description=description, stamp=stamp)
    whole = icalendar.Calendar()
    for name, value in [("prodid", "-//Flipfolio//Due dates//EN"), ("version", "2.0"), ("calscale", "GREGORIAN"),
                        ("method", "PUBLISH"), ("x-wr-calname", "Due dates"), ("name", "Due dates")]:
        whole.add(name, value)
    if description:
        whole.add("x-wr-caldesc", description)
        whole.add("description", description)
    whole.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    whole.add("x-published-ttl", "PT12H")
    stamped = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    for e in events:
        event = icalendar.Event()
        for name, value in [("uid", f"{e['uid']}@t.example"), ("dtstamp", stamped),
                            ("dtstart", e["date"]), ("dtend", e["date"] + dt.timedelta(days=1)),
                            ("summary", e["summary"])]:
            event.add(name, value)
        for name in ("description", "url"):
            if e.get(name):
                event.add(name, e[name])
        event.add("transp", "TRANSPARENT")
        whole.add_component(event)
    assert text == whole.to_ical().decode("utf-8")
    assert len(icalendar.Calendar.from_ical(text).walk("VEVENT")) == len(events)


# -- a tiny real site (built once) -------------------------------------------------

SITE_FILES = {
    "mkdocs.yml": MKDOCS_YML.replace("site_name: Test portfolio\n", "site_name: Test portfolio\nsite_url: https://t.example/\n"),
    "portfolio/lessons/cell-parts.md": BASE["portfolio/lessons/cell-parts.md"].replace(
        "order: 2\n", "order: 2\n        due: 2025-09-12\n"),
    "portfolio/lessons/pushes.md": BASE["portfolio/lessons/pushes.md"].replace(
        "unit: forces\n", "unit: forces\n        due: 2025-10-01\n"),
    "portfolio/lessons/secret-draft.md": BASE["portfolio/lessons/secret-draft.md"].replace(
        "status: draft\n", "status: draft\n        due: 2025-09-04\n"),
    "docs/family.md": "---\ntemplate: flipfolio/family.html\ntitle: For families\n---\n\nOur class meets on Tuesdays and Thursdays.\n",
}
DRAFT = "Unfinished draft lesson"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("delivery") / "site-src"
    site = Site(root).write({**BASE, **SITE_FILES})
    old = os.environ.get("FLIPFOLIO_BUILD_DATE")
    os.environ["FLIPFOLIO_BUILD_DATE"] = "2025-09-10"
    try:
        site.build()
    finally:
        if old is None:
            del os.environ["FLIPFOLIO_BUILD_DATE"]
        else:
            os.environ["FLIPFOLIO_BUILD_DATE"] = old
    return site


def test_drafts_reach_neither_the_calendar_nor_the_feed_nor_the_page(site):
    calendar = icalendar.Calendar.from_ical(site.text("calendar.ics"))
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == [
        "Due: Parts of a cell", "Due: Pushes and pulls", "Due: What is a cell?"]
    feed = feedparser.parse(site.text("lessons.atom"))
    assert not feed.bozo and sorted(e.title for e in feed.entries) == ["Parts of a cell", "Pushes and pulls",
                                                                       "What is a cell?"]
    for path in ("calendar.ics", "lessons.atom", "this-week/index.html", "family/index.html"):
        assert DRAFT not in site.text(path) and "secret-draft" not in site.text(path), path


def test_without_javascript_the_week_page_lists_what_is_due_from_the_build_date(site):
    page = site.article("this-week/index.html")
    status = page.select_one("[data-ff-week-status]")
    assert " ".join(status.get_text(" ", strip=True).split()) == "Due this week (on 10 September 2025 ):"
    earlier = page.select_one("details[data-ff-earlier]")
    assert [s["id"] for s in earlier.select("[data-ff-week]")] == ["week-2025-09-01"]
    shown = [s["id"] for s in page.select("[data-ff-week]") if not s.find_parent("details")]
    assert shown == ["week-2025-09-08", "week-2025-09-29"]
    week = page.select_one("#week-2025-09-08")
    assert week.select_one("h3").get_text(" ", strip=True) == "Due Friday 12 September 2025"
    assert "2 min of video" in week.get_text(" ")  # 95 seconds, to the nearest minute
    first = page.select_one("#week-2025-09-01 a[data-ff-of]")
    assert first["href"] == "../lessons/what-is-a-cell/" and first["data-ff-of"] == "1"
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select(".ff-subscribe a")}
    assert links == {"Calendar of due dates": "../calendar.ics", "New lessons": "../lessons.atom",
                     "For families": "../family/"}
    assert "https://t.example/calendar.ics" in page.get_text()
    assert site.html("this-week/index.html").select_one("script[src$='flipfolio.js']")


def test_the_family_page_is_made_from_the_profile_and_keeps_the_teachers_words(site):
    page = site.article("family/index.html")
    text = " ".join(page.get_text(" ", strip=True).split())
    assert text.startswith("For families Sam Teacher teaches Science in grade 7 at Test School as a flipped class.")
    assert "Our class meets on Tuesdays and Thursdays." in text  # docs/family.md, with the template
    assert re.search(r"Before class there is about \d+ min of video a week \(never more than \d+ min in one week\)", text)
    for heading in ("What is flipped learning?", "How this class uses it", "Without internet or a device at home",
                    "How you can help"):
        assert page.find("h2", string=heading), heading
    hrefs = {a["href"] for a in page.select("a")}
    assert {"../this-week/", "../calendar.ics", "../privacy/"} <= hrefs


def test_both_pages_are_in_the_navigation(site):
    nav = site.html("index.html").select_one("nav.md-nav--primary")
    labels = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    assert "This week" in labels and "For families" in labels


# -- the family page in the languages families speak at home ---------------------------------

FAMILY_LANGUAGES = {
    "portfolio/profile.yml": BASE["portfolio/profile.yml"] + "family_languages: [es, ko, it, en]\n",
    # Korean: a few of Flipfolio's words, from the teacher's own file (the rest show in English).
    "portfolio/messages/ko.yml": "family:\n  title: 가족을 위한 안내\ncommon:\n  other_languages: \"이 페이지의 다른 언어:\"\n",
    # The Spanish version keeps Flipfolio's page and adds the teacher's own words.
    "docs/family/es.md": "---\ntemplate: flipfolio/family.html\ntitle: Para las familias\n---\n\nLa clase se reúne "
                         "los martes.\n",
}


def test_the_family_page_is_also_made_in_the_languages_families_speak(site_factory, mkdocs_log):
    site = site_factory(FAMILY_LANGUAGES).build(strict=False)
    warnings = [r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING"]
    assert any("portfolio/profile.yml:6: field 'family_languages[2]': Flipfolio has no words in 'it' yet" in w
               and "add portfolio/messages/it.yml" in w for w in warnings), warnings
    # Korean has only a few words: the rest show in English, on pages marked as Korean.
    assert any("field 'family_languages[1]': portfolio/messages/ko.yml has not every word of the pages for "
               "families: " in w and " show in English ('client." in w for w in warnings), warnings
    assert len(warnings) == 2, warnings  # 'en', the site's language: its family page is the site's own
    assert not (site.out / "family/it").exists() and not (site.out / "family/en").exists()

    def versions(path):
        nav = site.article(path).select_one("nav.ff-languages")
        return [(a.get_text(strip=True), a["href"], a["hreflang"], a["lang"]) for a in nav.select("a")]

    # The site's own page links each version, named in its own language.
    assert versions("family/index.html") == [("Español", "es/", "es", "es"), ("한국어", "ko/", "ko", "ko")]
    assert versions("family/es/index.html") == [("English", "../", "en", "en"), ("한국어", "../ko/", "ko", "ko")]
    assert versions("family/ko/index.html") == [("English", "../", "en", "en"), ("Español", "../es/", "es", "es")]

    spanish = site.article("family/es/index.html")
    wrapper = spanish.select_one("div[lang='es']")
    assert wrapper is not None and wrapper.select_one("h1").get_text(strip=True) == "Para las familias"
    text = " ".join(wrapper.get_text(" ", strip=True).split())
    assert "Sam Teacher enseña Science en el grado 7 en Test School como clase invertida." in text
    assert "La clase se reúne los martes." in text  # docs/family/es.md, with the template
    assert wrapper.find("h2", string="¿Qué es el aprendizaje invertido?")
    assert "What is flipped learning?" not in text
    assert site.html("family/es/index.html").select_one("title").get_text().startswith("Para las familias")
    # The teacher's own words stay as written, marked in the site's language (a screen reader reads them so).
    marked = [(span["lang"], span.get_text()) for span in wrapper.select("span[lang]")]
    assert {("en", "Sam Teacher"), ("en", "Science"), ("en", "Test School")} <= set(marked), marked
    assert {lang for lang, _ in marked} == {"en"}
    assert site.article("family/index.html").select("span[lang]") == []  # the site's own page: nothing to mark

    korean = site.article("family/ko/index.html").select_one("div[lang='ko']")
    assert korean.select_one("h1").get_text(strip=True) == "가족을 위한 안내"
    assert "이 페이지의 다른 언어:" in korean.get_text()
    # The site's own page is in its language, unmarked; the versions are not in the navigation.
    assert site.article("family/index.html").select_one("div[lang]") is None
    nav = site.html("index.html").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.select("a.md-nav__link")]
    assert "family/" in hrefs and not any("family/es" in h or "family/ko" in h for h in hrefs)
    assert not any("this-week/es" in h or "this-week/ko" in h for h in hrefs)

    # What is due this week, in each language too, each version linking the family page in its language.
    assert versions("this-week/index.html") == [("Español", "es/", "es", "es"), ("한국어", "ko/", "ko", "ko")]
    assert versions("this-week/es/index.html") == [("English", "../", "en", "en"),
                                                   ("한국어", "../ko/", "ko", "ko")]
    week = site.article("this-week/es/index.html").select_one("div[lang='es']")
    assert week.select_one("h1").get_text(strip=True) == "Esta semana"
    assert week.select_one("[data-ff-week-status]")["data-ff-now"] != \
        site.article("this-week/index.html").select_one("[data-ff-week-status]")["data-ff-now"]
    assert {a["href"] for a in week.select(".ff-subscribe a")} >= {"../../family/es/"}
    titles = week.select(".ff-week-lessons a")
    assert titles and all([span["lang"] for span in a.select("span[lang]")] == ["en"] for a in titles)
    assert site.article("this-week/index.html").select(".ff-week-lessons span[lang]") == []
    assert {a["href"] for a in wrapper.select("a")} >= {"../../this-week/es/"}  # the family page's week link
    assert {a["href"] for a in site.article("family/index.html").select("a")} >= {"../this-week/"}
    # The words its script shows (progress, the week picked) are Spanish too.
    words = json.loads(site.html("this-week/es/index.html").select_one("template[data-ff-messages]").decode_contents())
    assert words["lang"] == "es"
    english = json.loads(site.html("this-week/index.html").select_one("template[data-ff-messages]").decode_contents())
    assert english["lang"] == "en" and words["messages"] != english["messages"]


def test_each_family_language_has_its_calendar_and_feed(site_factory):
    """A family reading the Spanish pages subscribes to a calendar and a feed in Spanish."""
    site = site_factory({"portfolio/profile.yml": BASE["portfolio/profile.yml"] + "family_languages: [es]\n"})
    site.build()
    links = {a["href"] for a in site.article("this-week/es/index.html").select(".ff-subscribe a")}
    assert {"../../calendar.es.ics", "../../lessons.es.atom"} <= links
    assert "../../calendar.es.ics" in {a["href"] for a in site.article("family/es/index.html").select("a")}
    assert {"../calendar.ics", "../lessons.atom"} <= {a["href"] for a in site.article("this-week/index.html").select("a")}
    calendar = icalendar.Calendar.from_ical(site.text("calendar.es.ics"))
    english = icalendar.Calendar.from_ical(site.text("calendar.ics"))
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == sorted(
        str(e["summary"]).replace("Due: ", "Para entregar: ") for e in english.walk("VEVENT"))
    feed = feedparser.parse(site.text("lessons.es.atom"))
    assert not feed.bozo and feed.feed.title.startswith("Lecciones")
    # The feed says it is Spanish; a lesson's own (English) title says it is English.
    assert feed.feed.language == "es" and feedparser.parse(site.text("lessons.atom")).feed.language == "en"
    assert {entry.title_detail.language for entry in feed.entries} == {"en"}
    site_feed = feedparser.parse(site.text("lessons.atom"))
    [itself] = [link.href for link in site_feed.feed.links if link.rel == "self"]
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [itself.replace(".atom", ".es.atom")]
    assert len(feed.entries) == len(site_feed.entries)
    for path in ("calendar.es.ics", "lessons.es.atom"):
        assert DRAFT not in site.text(path) and "secret-draft" not in site.text(path), path


def test_a_spanish_site_makes_its_family_page_in_english_too(site_factory):
    site = site_factory({
        "mkdocs.yml": MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: es\n"),
        "portfolio/profile.yml": BASE["portfolio/profile.yml"] + "family_languages: [en]\n",
    }).build()
    english = site.article("family/en/index.html").select_one("div[lang='en']")
    assert english.select_one("h1").get_text(strip=True) == "For families"
    assert english.find("h2", string="What is flipped learning?")
    nav = site.article("family/index.html").select_one("nav.ff-languages")
    assert nav.get_text(" ", strip=True) == "Esta página en otros idiomas: English"


# -- a video whose length is not known yet ----------------------------------------------------

def test_a_lesson_with_a_video_of_unknown_length_never_says_how_many_minutes(site_factory):
    # Before 'flipfolio videos fetch', a video given without 'duration' has no length: the build warns,
    # and no page, sheet, calendar or feed says "0 min" (or counts the other videos only).
    site = site_factory({
        "portfolio/lessons/cell-parts.md": BASE["portfolio/lessons/cell-parts.md"].replace(
            "            duration: 95\n", "").replace("order: 2\n", "order: 2\n        due: 2025-09-12\n"),
        "portfolio/lessons/what-is-a-cell.md": BASE["portfolio/lessons/what-is-a-cell.md"].replace(
            "questions: cell-check\n",
            "  - url: https://vimeo.com/76979872\n            title: A second look\n"
            "            no_captions_reason: No speech.\n        questions: cell-check\n"),
        "portfolio/lessons/pushes.md": BASE["portfolio/lessons/pushes.md"].replace(
            "unit: forces\n", "unit: forces\n        due: 2025-10-01\n"),
    }).build(strict=False)
    for lesson in ("cell-parts", "what-is-a-cell"):
        facts = site.article(f"lessons/{lesson}/index.html").select_one("dl.ff-facts")
        assert "Pre-class video length not known" in " ".join(facts.get_text(" ", strip=True).split()), lesson
        pre_class = site.article(f"lessons/{lesson}/index.html").select_one(".ff-pre-class .ff-meta")
        assert "min" not in pre_class.get_text(), lesson  # "2 videos.", without minutes
        sheet = site.article(f"lessons/{lesson}/print/index.html") or site.html(f"lessons/{lesson}/print/index.html")
        assert "video before class, length not known" in sheet.get_text(), lesson
    rows = {row.select_one("a").get_text(strip=True): row.select("td")[-1].get_text(strip=True)
            for row in site.article("lessons/index.html").select("tbody tr")}
    assert rows["Parts of a cell"] == rows["What is a cell?"] == "length not known"
    assert rows["Pushes and pulls"] == "none"  # no video before class
    assert "video before class, length not known" in site.article("this-week/index.html").get_text()
    events = {str(e["summary"]): str(e["description"])
              for e in icalendar.Calendar.from_ical(site.text("calendar.ics")).walk("VEVENT")}
    assert "A video to watch before class (length not known)." in events["Due: Parts of a cell"]
    feed = {e.title: e.summary for e in feedparser.parse(site.text("lessons.atom")).entries}
    assert "Video before class (length not known)." in feed["Parts of a cell"]
    assert "0 min" not in site.text("lessons/cell-parts/index.html")
    # Totals over several lessons count the lengths known, and say that some are not.
    unknown = "some videos' length not known"
    assert unknown in site.article("units/cells/index.html").select_one(".ff-meta").get_text()
    assert unknown not in site.article("units/forces/index.html").get_text()  # its lesson has no video
    assert "1 lesson · no pre-class video" in site.article("units/forces/index.html").select_one(".ff-meta").get_text(
        " ", strip=True)
    index = site.article("lessons/index.html")
    assert unknown in index.select_one("p.ff-meta").get_text()  # the whole portfolio's
    metas = {s.select_one("h2").get_text(strip=True): s.select_one(".ff-meta").get_text()
             for s in index.select("section.ff-unit")}
    assert unknown in metas["Cells"] and unknown not in metas["Forces"]
    weeks = {w["id"]: w.select_one(".ff-meta").get_text() for w in site.article("this-week/index.html").select(
        "[data-ff-week]")}
    assert unknown in weeks["week-2025-09-08"] and unknown not in weeks["week-2025-09-29"]
    # A week whose lessons have no video before class says so, not "0 min of video".
    assert "no video before class" in weeks["week-2025-09-29"] and "0 min" not in weeks["week-2025-09-29"]
    # The family page's minutes a week say so too.
    family = " ".join(site.article("family/index.html").get_text(" ", strip=True).split())
    assert "of video a week" in family and "Some videos' length is not known yet, so it may be more." in family


def test_the_family_page_says_there_are_videos_when_no_length_is_known(site_factory):
    site = site_factory({
        "portfolio/lessons/what-is-a-cell.md": BASE["portfolio/lessons/what-is-a-cell.md"].replace(
            "            duration: \"4:30\"\n", ""),
        "portfolio/lessons/cell-parts.md": BASE["portfolio/lessons/cell-parts.md"].replace(
            "            duration: 95\n", "").replace("order: 2\n", "order: 2\n        due: 2025-09-12\n"),
    }).build(strict=False)
    family = " ".join(site.article("family/index.html").get_text(" ", strip=True).split())
    assert "Before class there are short videos to watch, with a few questions to answer." in family
    assert "of video a week" not in family and "0 min" not in family
    known = site_factory({}).build(strict=False)
    assert "length is not known" not in known.article("family/index.html").get_text()


def test_the_school_time_zone_is_named_as_a_reader_of_the_page_names_it(site_factory):
    site = site_factory({"portfolio/profile.yml": "name: Sam Teacher\nschool: Test School\nsubjects: [Science]\n"
                                                  "grades: [7]\nbio: Teaches science.\ntime_zone: America/Los_Angeles\n"
                                                  "family_languages: [es]\n"}).build()
    said = {page: " ".join(site.article(page).get_text(" ").split())
            for page in ("this-week/index.html", "this-week/es/index.html")}
    assert "Days are counted in the school's time zone (Pacific Time)." in said["this-week/index.html"]
    assert "hora del Pacífico" in said["this-week/es/index.html"]
    assert "America/Los_Angeles" not in said["this-week/index.html"] + said["this-week/es/index.html"]


def test_an_in_class_flip_is_a_class_day_not_work_due(site_factory):
    """An in-class flip with nothing to watch before: its date is the class's.
    The week, the day, the notes sheet, the lesson page, the calendar and the
    feed say "In class", and count it apart from the work due."""
    site = site_factory({
        "portfolio/lessons/carts.md": "---\ntitle: Carts\nunit: forces\nflip: in-class\ndue: 2026-03-04\n---\n",
        "portfolio/lessons/ramps.md": "---\ntitle: Ramps\nunit: forces\ndue: 2026-03-05\n---\n",
    }).build()
    week = next(s for s in site.article("this-week/index.html").select("section.ff-week") if "Carts" in s.get_text())
    said = week.get_text(" ", strip=True)
    assert "1 lesson due · 1 lesson in class" in said
    assert [h.get_text(" ", strip=True) for h in week.select("h3")] == [
        "In class Wednesday 4 March 2026", "Due Thursday 5 March 2026"]
    assert "In class 4 March 2026" in site.html("lessons/carts/print/index.html").get_text(" ")
    assert "Due 5 March 2026" in site.html("lessons/ramps/print/index.html").get_text(" ")
    facts = site.article("lessons/carts/index.html").select_one(".ff-facts").get_text(" ", strip=True)
    assert "In class" in facts and "Due" not in facts
    assert "SUMMARY:In class: Carts" in site.text("calendar.ics") and "SUMMARY:Due: Ramps" in site.text("calendar.ics")
    assert "In class 4 March 2026." in site.text("lessons.atom") and "Due 5 March 2026." in site.text("lessons.atom")
