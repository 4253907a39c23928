"""The this-week and family pages of the example site in headless Chromium,
with the clock set to fixed days (in and around the example's due dates): the
week shown, in the portfolio's time zone (America/Los_Angeles), other weeks
one click away, progress from what the browser keeps; axe-core on both pages
in both colour schemes. (The example site is the session's shared build.)"""

from __future__ import annotations

import json

import pytest
import sitecheck

WEEK, FAMILY = "this-week/", "family/"


def open_week(new_page, base, when: str, scheme: str = "light", storage: dict | None = None, week: str = WEEK):
    page = new_page(scheme, "desktop")
    page.clock.set_fixed_time(when)
    if storage:
        page.add_init_script("(s => { for (const k in s) localStorage.setItem(k, JSON.stringify(s[k])); })("
                             + json.dumps(storage) + ")")
    page.goto(base + week)
    sitecheck.wait_until_settled(page)
    page.wait_for_selector("[data-ff-weeks][data-ff-shown]", state="attached")
    return page


def shown(page) -> list[str]:
    return page.eval_on_selector_all("[data-ff-week]:not([hidden])", "els => els.map(e => e.id)")


@pytest.mark.parametrize("when, week, status", [
    ("2025-11-11T18:00:00Z", "week-2025-11-10", "Due this week:"),  # Tuesday; Energy pyramids due Wednesday
    # Monday 17 November, 05:00 UTC, is still Sunday 16 November at the school: the week of 10 November.
    ("2025-11-17T05:00:00Z", "week-2025-11-10", "Due this week:"),
    ("2025-11-17T09:00:00Z", "week-2025-11-17", "Due this week:"),
    ("2025-12-20T18:00:00Z", "week-2026-02-02", "Nothing is due this week. Next:"),  # the winter break
    ("2026-06-15T18:00:00Z", "week-2026-03-02", "Nothing more is due. The last week with work due:"),
])
def test_the_week_shown_is_picked_by_the_date_at_the_school(example_url, new_page, when, week, status):
    page = open_week(new_page, example_url, when)
    assert shown(page) == [week]
    assert page.locator("[data-ff-week-status]").inner_text().strip() == status
    assert page.locator("details[data-ff-earlier]").count() == 0  # unfolded: one week at a time
    assert page.locator(f".ff-week-list a[href$='#{week}']").get_attribute("aria-current") == "true"
    assert page.other_requests == []


def test_other_weeks_are_one_click_away_and_progress_is_shown(example_url, new_page):
    done = {"flipfolio:v1:/lessons/energy-pyramids/": {"answers": {"q1": {"answer": 0, "right": True}},
                                                        "done": 4, "of": 4},
            "flipfolio:v1:/lessons/population-limits/": {"answers": {"q1": {"answer": 0, "right": True}},
                                                          "done": 1, "of": 4}}
    page = open_week(new_page, example_url, "2025-11-11T18:00:00Z", storage=done)
    week = page.locator("#week-2025-11-10")
    assert "Energy Pyramids" in week.inner_text() and "3 min of video" in week.inner_text()  # 3:13 (3:55 from 0:42)
    assert week.locator(".ff-chip--done").inner_text() == "Done"
    page.locator("#week-2025-11-10 a[rel=next]").click()
    assert shown(page) == ["week-2025-11-17"]
    assert page.locator("[data-ff-week-status]").inner_text().strip() == "Another week:"
    assert page.locator("#week-2025-11-17 .ff-chip--done").inner_text() == "1 of 4 answered"
    page.locator(".ff-week-list a[href$='#week-2025-09-08']").click()
    assert shown(page) == ["week-2025-09-08"]
    page.locator(".ff-week-list a[href$='#week-2025-11-10']").click()
    assert shown(page) == ["week-2025-11-10"]
    assert page.locator("[data-ff-week-status]").inner_text().strip() == "Due this week:"
    # Back, and back again to the page's own address: the week the page picked, said as such.
    page.locator("#week-2025-11-10 a[rel=next]").click()
    assert shown(page) == ["week-2025-11-17"]
    page.go_back()
    page.go_back()
    page.go_back()
    page.go_back()
    page.wait_for_function("location.hash === ''")
    assert shown(page) == ["week-2025-11-10"]
    assert page.locator("[data-ff-week-status]").inner_text().strip() == "Due this week:"


def test_without_javascript_every_coming_week_is_listed(example_site):
    doc = sitecheck.soup(sitecheck.page_file(example_site, WEEK))
    weeks = doc.select("[data-ff-week]")
    assert len(weeks) == 12 and len(doc.select(".ff-week-list a")) == 12
    # (Built today: what is due from today on is outside the details, the rest folded away.)
    assert all(w.find_parent("details") is not None for w in weeks if w["data-ff-to"] < "2026-12-01")


def test_the_spanish_version_of_the_week_picks_the_week_and_shows_progress_in_spanish(example_url, new_page):
    # The example's profile has family_languages: [es]: this-week/es/ is the same page in Spanish.
    done = {"flipfolio:v1:/lessons/energy-pyramids/": {"answers": {"q1": {"answer": 0, "right": True}},
                                                        "done": 4, "of": 4}}
    page = open_week(new_page, example_url, "2025-11-11T18:00:00Z", storage=done, week=WEEK + "es/")
    assert shown(page) == ["week-2025-11-10"]
    assert page.locator("[data-ff-week-status]").inner_text().strip() == "Tarea de esta semana:"
    assert page.locator("#week-2025-11-10 .ff-chip--done").inner_text() == "Hecho"
    assert page.locator("div[lang=es] h1").inner_text() == "Esta semana"
    page.locator("#week-2025-11-10 a[rel=next]").click()
    assert page.locator("[data-ff-week-status]").inner_text().strip() == "Otra semana:"
    assert page.other_requests == []


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
def test_axe_finds_no_violation_on_the_week_and_family_pages(example_url, new_page, axe_source, scheme):
    page = open_week(new_page, example_url, "2025-11-11T18:00:00Z", scheme)
    results = [sitecheck.run_axe(page, axe_source, f"this-week ({scheme})")]
    page.locator("#week-2025-11-10 a[rel=prev]").click()  # another week, its status line
    results.append(sitecheck.run_axe(page, axe_source, f"this-week, another week ({scheme})"))
    page.goto(example_url + FAMILY)
    sitecheck.wait_until_settled(page)
    results.append(sitecheck.run_axe(page, axe_source, f"family ({scheme})"))
    page.goto(example_url + WEEK + "es/")  # the profile's family_languages: [es]
    sitecheck.wait_until_settled(page)
    results.append(sitecheck.run_axe(page, axe_source, f"this-week, in Spanish ({scheme})"))
    page.goto(example_url + FAMILY + "es/")
    sitecheck.wait_until_settled(page)
    assert page.locator("div[lang=es] h1").inner_text() == "Para las familias"
    results.append(sitecheck.run_axe(page, axe_source, f"family, in Spanish ({scheme})"))
    lines = [line for result in results for line in result.lines()]
    assert not lines, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(lines)


def test_the_example_calendar_and_feed_are_published(example_site):
    import feedparser
    import icalendar

    calendar = icalendar.Calendar.from_ical((example_site / "calendar.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 12
    assert not feedparser.parse((example_site / "lessons.atom").read_bytes()).bozo
