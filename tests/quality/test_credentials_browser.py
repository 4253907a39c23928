"""The credentials of the example site in headless Chromium: the badge wall's
filters used with the keyboard alone; the wall read completely with
JavaScript off; the expiry re-check in the visitor's browser (the browser's
clock moved past an expiry date turns the card "Expired" and the counts
follow); the script under Material's instant navigation; and axe-core's WCAG
2.1 A/AA rules on the wall, a stack page and credential pages in both colour
schemes.

The example's credentials come from scripts/make-example-badges.py: every
status (active, no expiry, expired, revoked, in progress, not yet) and every
verification result (verified, not verified, self-reported)."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest
import sitecheck

WALL = "credentials/"
STACK = "credentials/stacks/flipped-classroom-practitioner/"
#: Credential pages: verified (3.0 JWT, active), revoked (3.0 status list), not yet (attempts,
#: rubric per criterion), not verified (a changed proof), expired (2.0 signed).
CREDENTIALS = ["credentials/accessible-media/", "credentials/student-discourse/", "credentials/family-communication/",
               "credentials/udl-science-lessons/", "credentials/flipped-classroom-foundations/"]
#: An active credential of the example and its expiry date (portfolio/credentials/formative-video-questions.yml).
ACTIVE, EXPIRES = "formative-video-questions", dt.date(2028, 12, 12)


@pytest.fixture(scope="module")
def feed(example_site) -> dict:
    return json.loads((example_site / "credentials" / "feed.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def the_example_only():
    if os.environ.get("FLIPFOLIO_QUALITY_CONFIG"):
        pytest.skip("these are the example site's credentials")


@pytest.fixture
def open_page(new_page, example_url):
    def open_(address: str, **options):
        page = new_page(**options)
        page.goto(example_url + address)
        sitecheck.wait_until_settled(page)
        if address == WALL and options.get("java_script_enabled", True):
            page.wait_for_selector("[data-ff-wall][data-ff-ready]")
        return page

    return open_


def tab_until(page, locator, limit: int = 150) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"not reachable with the keyboard: {locator}")


def has_focus_ring(locator) -> bool:
    return locator.evaluate("""el => { const s = getComputedStyle(el);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }""")


def shown_cards(page) -> list[str]:
    return sorted({c.get_attribute("data-ff-id") for c in page.locator("[data-ff-card]:visible").all()})


def ids_with(feed, **wanted) -> list[str]:
    return sorted(c["id"] for c in feed["credentials"] if all(c.get(k) == v for k, v in wanted.items()))


def test_the_example_shows_every_status_and_verification_result(feed):
    statuses = {c["status"] for c in feed["credentials"]}
    outcomes = {c["verification"]["outcome"] for c in feed["credentials"]}
    assert statuses == {"active", "no-expiry", "expired", "revoked", "in-progress", "not-yet"}
    assert outcomes == {"verified", "not-verified", "self-reported"}
    assert len(feed["credentials"]) >= 7 and all(c["issuer"]["sample"] for c in feed["credentials"])
    assert ACTIVE in ids_with(feed, status="active", expires=EXPIRES.isoformat())


def test_the_filters_work_with_the_keyboard_alone(open_page, feed):
    page = open_page(WALL)
    every = sorted(c["id"] for c in feed["credentials"])
    assert shown_cards(page) == every
    page.emulate_media(media="print")
    assert page.locator("form[data-ff-filters]").is_hidden()  # nothing to choose on paper
    page.emulate_media(media="screen")
    assert page.locator("form[data-ff-filters]").is_visible()
    status = page.locator("select[data-ff-filter=status]")
    tab_until(page, status)
    assert has_focus_ring(status), "the status filter shows no focus"
    # Arrow keys choose an option of a closed list box; each choice filters at once.
    while status.input_value() != "expired":
        page.keyboard.press("ArrowDown")
    assert shown_cards(page) == ids_with(feed, status="expired")
    count = page.locator("[data-ff-count]")
    assert count.inner_text() == f"1 of {len(every)} credentials shown"
    assert count.get_attribute("role") == "status"  # said to screen reader users
    # A group with no card left is hidden with its heading; the other stack is gone.
    assert page.locator("#stack-inclusive-science-teaching").is_hidden()
    # A second filter narrows the first: another issuer than the expired credential's leaves none.
    issuer = page.locator("select[data-ff-filter=issuer]")
    page.keyboard.press("Shift+Tab")  # back past the year to the issuer
    page.keyboard.press("Shift+Tab")
    assert issuer.evaluate("el => el === document.activeElement")
    while issuer.input_value() != "Tidewater Science Teaching Collaborative":
        page.keyboard.press("ArrowDown")
    assert shown_cards(page) == []
    assert count.inner_text() == f"0 of {len(every)} credentials shown"
    # "Show all" (Enter on the reset button) brings every card back.
    reset = page.get_by_role("button", name="Show all")
    tab_until(page, reset)
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('[data-ff-card][hidden]').length === 0")
    assert shown_cards(page) == every and status.input_value() == "" and issuer.input_value() == ""
    # A competency tag and a year, chosen the same way.
    tag = page.locator("select[data-ff-filter=tag]")
    tab_until(page, tag)
    while tag.input_value() != "accessibility":
        page.keyboard.press("ArrowDown")
    assert shown_cards(page) == sorted(c["id"] for c in feed["credentials"] if "accessibility" in c["tags"])


def test_the_wall_reads_completely_without_javascript(open_page, feed):
    page = open_page(WALL, java_script_enabled=False)
    assert page.locator("form[data-ff-filters]").is_hidden()  # the filters need the script
    cards = page.locator("[data-ff-card]")
    assert shown_cards(page) == sorted(c["id"] for c in feed["credentials"])
    assert cards.count() == page.locator("[data-ff-card]:visible").count()
    for item in feed["credentials"]:
        card = page.locator(f"[data-ff-card][data-ff-id='{item['id']}']").first
        text = " ".join(card.inner_text().split())
        assert item["name"] in text and item["issuer"]["name"] in text and "sample issuer" in text, text
        assert item["status_label"] in text, (item["id"], text)
        assert {"verified": "Verified", "not-verified": "Not verified",
                "self-reported": "Self-reported"}[item["verification"]["outcome"]] in text
        if item["issued"] and item["status"] != "not-yet":
            assert card.locator("time").first.is_visible()
        assert card.locator("img").first.is_visible()
    summary = " ".join(page.locator(".ff-summary").inner_text().split())
    assert f"{holding(feed)} earned and valid" in summary
    failing = sum(1 for c in feed["credentials"] if earned(c) and c["verification"]["outcome"] == "not-verified")
    assert failing and f"{failing} earned, but the proof does not verify" in summary, summary
    for stack in ("flipped-classroom-practitioner", "inclusive-science-teaching"):
        assert page.locator(f"#stack-{stack}").is_visible()
        assert " of " in page.locator(f"[data-ff-progress={stack}]").inner_text()


def earned(credential) -> bool:
    return credential["status"] in ("active", "no-expiry")


def holding(feed, stack: str | None = None) -> int:
    """The credentials earned and valid (of `stack`): earned, and no proof that fails its verification."""
    return sum(1 for c in feed["credentials"] if earned(c) and c["verification"]["outcome"] != "not-verified"
               and (stack is None or stack in c["stacks"]))


def test_a_card_turns_expired_when_the_browsers_date_is_past_its_expiry(new_page, example_url, feed):
    page = new_page()
    # The visitor's clock, a month after the example's active credential expired (the build said "Earned").
    page.clock.set_fixed_time(dt.datetime.combine(EXPIRES + dt.timedelta(days=30), dt.time(12)))
    page.goto(example_url + WALL)
    sitecheck.wait_until_settled(page)
    page.wait_for_selector("[data-ff-wall][data-ff-ready]")
    card = page.locator(f"[data-ff-card][data-ff-id={ACTIVE}]")
    assert card.get_attribute("data-ff-status") == "expired"
    assert card.locator("[data-ff-status-label]").inner_text() == "Expired"
    assert "expired on" in card.inner_text()
    # The other active credential expires later: still earned that day.
    later = [c for c in ids_with(feed, status="active") if c != ACTIVE]
    assert later and all(page.locator(f"[data-ff-card][data-ff-id={c}]").get_attribute("data-ff-status") == "active"
                         for c in later)
    # The counts follow: one earned fewer, in the summary and in the stack's progress.
    # (A credential whose proof fails its verification is not counted, before or after: the page's script
    # counts as the build does.)
    summary = " ".join(page.locator(".ff-summary").inner_text().split())
    expired = sum(1 for c in feed["credentials"] if c["status"] == "expired") + 1
    assert f"{holding(feed) - 1} earned and valid" in summary and f"{expired} expired" in summary, summary
    stack = "flipped-classroom-practitioner"
    before = holding(feed, stack)
    progress = page.locator(f"[data-ff-progress={stack}]")
    assert progress.locator("[data-ff-done]").inner_text() == str(before - 1)
    assert progress.locator("progress").evaluate("p => p.value") == before - 1
    # The status filter finds it among the expired ones.
    page.select_option("select[data-ff-filter=status]", "expired")
    assert ACTIVE in shown_cards(page)
    # Its own page says so too.
    page.goto(example_url + f"credentials/{ACTIVE}/")
    sitecheck.wait_until_settled(page)
    head = page.locator(".ff-credential-head")
    page.wait_for_function("() => document.querySelector('.ff-credential-head').dataset.ffStatus === 'expired'")
    assert head.locator("[data-ff-status-label]").inner_text() == "Expired"


def test_before_the_expiry_the_card_stays_earned(new_page, example_url):
    page = new_page()
    page.clock.set_fixed_time(dt.datetime.combine(EXPIRES, dt.time(12)))  # the last day it is valid
    page.goto(example_url + WALL)
    page.wait_for_selector("[data-ff-wall][data-ff-ready]")
    card = page.locator(f"[data-ff-card][data-ff-id={ACTIVE}]")
    assert card.get_attribute("data-ff-status") == "active"
    assert card.locator("[data-ff-status-label]").inner_text() == "Earned"


def test_the_script_starts_on_pages_reached_by_instant_navigation(open_page, feed):
    page = open_page("")
    page.locator(".md-tabs, .md-nav").get_by_role("link", name="Credentials").first.click()
    page.wait_for_selector("[data-ff-wall][data-ff-ready]")
    assert page.evaluate("() => !!window.document$")  # swapped in by Material, not loaded
    page.select_option("select[data-ff-filter=status]", "revoked")
    assert shown_cards(page) == ids_with(feed, status="revoked")
    # On to a credential and back by the breadcrumb: the wall starts again, once.
    page.select_option("select[data-ff-filter=status]", "")
    page.locator(f"[data-ff-card][data-ff-id={ACTIVE}] a").first.click()
    page.wait_for_selector("[data-ff-copy]:not([hidden])")
    page.locator("nav.ff-crumbs a").first.click()
    page.wait_for_selector("[data-ff-wall][data-ff-ready]")
    page.select_option("select[data-ff-filter=status]", "not-yet")
    assert shown_cards(page) == ids_with(feed, status="not-yet")
    count = page.locator("[data-ff-count]").inner_text()
    assert count == f"1 of {len(feed['credentials'])} credentials shown"


def test_the_script_is_loaded_only_where_it_is_needed(example_site):
    pages = sitecheck.html_pages(example_site)
    loading = {sitecheck.url_of(example_site, p) for p in pages if "credentials.js" in p.read_text(encoding="utf-8")}
    assert {WALL, STACK, *CREDENTIALS} <= loading
    assert all(a.startswith("credentials/") for a in loading), sorted(loading)


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
@pytest.mark.parametrize("address", [WALL, STACK, *CREDENTIALS])
def test_axe_finds_no_violation(open_page, axe_source, scheme, address):
    page = open_page(address, scheme=scheme)
    result = sitecheck.run_axe(page, axe_source, f"{address} ({scheme})")
    assert result.violations == [], "\n".join(result.lines())


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
def test_axe_finds_no_violation_on_the_filtered_wall(open_page, axe_source, scheme):
    page = open_page(WALL, scheme=scheme)
    page.select_option("select[data-ff-filter=status]", "expired")
    result = sitecheck.run_axe(page, axe_source, f"{WALL} filtered ({scheme})")
    assert result.violations == [], "\n".join(result.lines())


def test_the_example_feed_validates_against_the_schema_published_beside_it(example_site, feed):
    import jsonschema

    schema = json.loads((example_site / "credentials" / "feed.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(feed, schema)
    assert any(c["name"] == "Page" for item in feed["credentials"] for c in item["verification"]["checks"])


def test_past_its_expiry_a_verified_proof_turns_not_verified_as_a_build_that_day_says(new_page, example_url, feed):
    """A build after the expiry says "Expired" and "Not verified" (Dates: expired)
    and offers no LinkedIn: the page's re-check in the browser says the same."""
    item = next(c for c in feed["credentials"] if c["id"] == ACTIVE)
    assert item["verification"]["outcome"] == "verified"
    page = new_page()
    page.clock.set_fixed_time(dt.datetime.combine(EXPIRES - dt.timedelta(days=1), dt.time(12)))
    page.goto(example_url + f"credentials/{ACTIVE}/")
    sitecheck.wait_until_settled(page)
    assert page.locator(".ff-credential-status .ff-chip").all_inner_texts() == [
        "Earned", item["verification"]["label"]]
    assert page.locator(".ff-share a[href*=linkedin]").is_visible()
    assert page.locator("[data-ff-expired-reason]").is_hidden()

    page = new_page()
    page.clock.set_fixed_time(dt.datetime.combine(EXPIRES + dt.timedelta(days=30), dt.time(12)))
    page.goto(example_url + f"credentials/{ACTIVE}/")
    sitecheck.wait_until_settled(page)
    page.wait_for_function("() => document.querySelector('.ff-credential-head').dataset.ffStatus === 'expired'")
    assert page.locator(".ff-credential-status .ff-chip").all_inner_texts() == ["Expired", "Not verified"]
    result = " ".join(page.locator("#verification + p").inner_text().split())
    assert result.startswith("Not verified Dates: expired on"), result
    dates = page.locator("table.ff-checks tr", has=page.locator("th", has_text="Dates")).locator("td").first
    assert dates.inner_text() == "Failed"
    assert page.locator(".ff-share a[href*=linkedin]").count() == 0 or not page.locator(
        ".ff-share a[href*=linkedin]").is_visible()
    # On the wall, its card says so too.
    page.goto(example_url + WALL)
    sitecheck.wait_until_settled(page)
    page.wait_for_selector("[data-ff-wall][data-ff-ready]")
    card = page.locator(f"[data-ff-card][data-ff-id={ACTIVE}]")
    assert card.locator(".ff-chip").all_inner_texts()[-1] == "Not verified"
    assert card.get_attribute("data-ff-verification") == "not-verified"
