"""Lesson pages reached by Material's instant navigation (`navigation.instant`, on
in the example site): the page is swapped in without a reload, and Flipfolio's
script must still start on it.

In headless Chromium, from the lessons index to a lesson, back through the
breadcrumb and on to another lesson, all by clicks: on each lesson the transcript
lines are buttons, Play creates the player, a line seeks the video file from its
moment even on the first click, and the transcript follows stub YouTube and
Vimeo players. The stubs answer at the players' real addresses (Playwright
routes them; nothing leaves the machine) and speak the players' own
postMessage protocols: the YouTube IFrame Player API's JSON text after the
page's "listening", Vimeo player.js' "ready", "ping" and "timeupdate".
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

import pytest

import sitecheck

try:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
except ImportError:  # (the browser fixture says what is missing)
    PlaywrightTimeout = TimeoutError

YOUTUBE = re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
VIMEO = re.compile(r"^https://player\.vimeo\.com/video/")

#: A YouTube player as its page sees it: it answers only after the page's
#: {"event":"listening"} (JSON text), then sends initialDelivery, onReady and
#: infoDelivery reports with the time; `report(t)` sends one, as playing does.
YOUTUBE_STUB = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>YouTube player (test stub)</title></head>
<body><p id="stub">stub YouTube player</p><script>
var heard = [], listening = null, time = Number(new URL(location.href).searchParams.get("start") || 0);
function say(event, info) {
  parent.postMessage(JSON.stringify({event: event, info: info, id: listening, channel: "widget"}), "*");
}
function report(t) { time = t; if (listening !== null) say("infoDelivery", {currentTime: t, playerState: 1}); }
addEventListener("message", function (e) {
  var data;
  try { data = JSON.parse(e.data); } catch (x) { return; }  // the player takes JSON text only
  heard.push(data);
  if (data.event === "listening" && listening === null) {
    listening = data.id;
    say("initialDelivery", {currentTime: time, playerState: -1});
    say("onReady", null);
  } else if (data.event === "command" && data.func === "seekTo") {
    report(data.args[0]);
  }
});
</script></body></html>"""

#: A Vimeo player: says "ready" when loaded, answers "ping", and once asked
#: {"method":"addEventListener","value":"timeupdate"} sends timeupdate events.
VIMEO_STUB = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vimeo player (test stub)</title></head>
<body><p id="stub">stub Vimeo player</p><script>
var heard = [], listening = false, at = /#t=(\\d+)s/.exec(location.hash), time = at ? Number(at[1]) : 0;
function say(message) { parent.postMessage(message, "*"); }
function report(t) {
  time = t;
  if (listening) say({event: "timeupdate", data: {seconds: t, percent: t / 600, duration: 600}});
}
addEventListener("message", function (e) {
  var data = e.data;
  try { if (typeof data === "string") data = JSON.parse(data); } catch (x) { return; }
  heard.push(data);
  if (data.method === "ping") say({method: "ping"});
  else if (data.method === "addEventListener" && data.value === "timeupdate") listening = true;
  else if (data.method === "setCurrentTime") { say({method: "setCurrentTime", value: data.value}); report(data.value); }
});
say(JSON.stringify({event: "ready", player_id: null}));
</script></body></html>"""


@dataclass
class Lesson:
    address: str
    kinds: dict[str, int]  # "file" / "youtube" / "vimeo" -> index of a video of that kind with a transcript


def lessons_with_transcripts(site) -> list[Lesson]:
    found = []
    for page in sitecheck.html_pages(site):
        kinds: dict[str, int] = {}
        for index, box in enumerate(sitecheck.soup(page).select("[data-ff-video]")):
            button = box.select_one(".ff-player__play")
            kind = "file" if box.select_one("video") else button.get("data-ff-site") if button else None
            if kind and len(box.select(".ff-cues li[data-ff-seek]")) >= (3 if kind == "file" else 4):
                kinds.setdefault(kind, index)
        if kinds:
            found.append(Lesson(sitecheck.url_of(site, page), kinds))
    return found


@pytest.fixture(scope="module")
def lessons(example_site, example_config):
    if os.environ.get("FLIPFOLIO_QUALITY_CONFIG"):
        pytest.skip("these lessons are the example site's")
    features = (sitecheck.read_config(example_config).get("theme") or {}).get("features") or []
    assert "navigation.instant" in features, "the example site is checked with Material's instant navigation on"
    return lessons_with_transcripts(example_site)


def pick(lessons: list[Lesson], *kinds: str, other_than: tuple[str, ...] = ()) -> Lesson:
    for lesson in lessons:
        if all(k in lesson.kinds for k in kinds) and lesson.address not in other_than:
            return lesson
    pytest.fail(f"the example site has no lesson with transcripts of {kinds} besides {other_than}")


@pytest.fixture
def site_page(new_page, example_site, example_config, example_url):
    """A page with stub players at the YouTube and Vimeo addresses, on the lessons index."""
    page = new_page()
    page.route(YOUTUBE, lambda route: route.fulfill(body=YOUTUBE_STUB, content_type="text/html"))
    page.route(VIMEO, lambda route: route.fulfill(body=VIMEO_STUB, content_type="text/html"))
    # Material swaps in only pages listed in sitemap.xml, by their address at `site_url`
    # (it puts in the protocol and host it is served from, not the port). Served here
    # from a port of 127.0.0.1, the sitemap lists the pages there, as when the site is
    # served from its own address (and as `mkdocs serve` does).
    site_url = sitecheck.read_config(example_config)["site_url"].rstrip("/") + "/"
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8").replace(site_url, example_url)
    page.route(example_url + "sitemap.xml",
               lambda route: route.fulfill(body=sitemap, content_type="application/xml"))
    page.goto(example_url + "lessons/")
    sitecheck.wait_until_settled(page)
    page.wait_for_load_state("networkidle")  # Material's sitemap is loaded: links are now instant
    assert page.evaluate("JSON.parse(document.getElementById('__config').textContent).features"
                         ".includes('navigation.instant')")
    page.evaluate("window.ffNoReload = 'the first page'")  # a full page load would lose it
    return page


def follow(page, example_url, address: str, arrived: str) -> None:
    """Click the link to `address` in the page's content; once the new page is in
    (`arrived`, a script expression, is true), check that it was swapped in, not loaded."""
    page.locator(f'article a[href="{example_url + address}"], article a[href$="/{address}"]').first.click()
    page.wait_for_url(example_url + address)  # (Material changes the address first, then fetches the page)
    page.wait_for_function(f"() => {arrived}")
    assert page.evaluate("window.ffNoReload") == "the first page", f"{address} was loaded, not swapped in"


def arrive(page, example_url, lesson: Lesson) -> None:
    """From the lessons index to `lesson` by a click; its videos are set up."""
    follow(page, example_url, lesson.address, "document.querySelector('[data-ff-video]') !== null")
    try:
        page.wait_for_function("n => document.querySelectorAll('[data-ff-video][data-ff-ready]').length === n",
                               arg=page.locator("[data-ff-video]").count(), timeout=10000)
    except PlaywrightTimeout:
        pytest.fail(f"the videos of {lesson.address} were not set up after instant navigation", pytrace=False)


def back_to_index(page, example_url) -> None:
    """From a lesson to the lessons index by its breadcrumb."""
    crumb = page.locator("nav.ff-crumbs a").first
    address = crumb.get_attribute("href").removeprefix(example_url)
    assert address == "lessons/"
    follow(page, example_url, address, "document.querySelector('[data-ff-video]') === null")


def check_transcripts_are_buttons(page) -> None:
    lines = page.locator(".ff-cues li")
    assert lines.count() > 0
    assert page.locator(".ff-cues > li > button.ff-cue[data-ff-seek]").count() == lines.count()
    assert page.locator(".ff-cues li[data-ff-seek], .ff-cues button button").count() == 0
    assert page.locator(".ff-cues[tabindex]").count() == 0


#: The transcript shown (a video with captions in several languages shows the chosen one).
SHOWN = ".ff-transcript:not([hidden])"


def open_transcript(box):
    box.locator(f"{SHOWN} summary").click()
    return box.locator(f"{SHOWN} .ff-cue")


def highlighted(box) -> list[int]:
    """The highlighted lines of the transcript shown (none of another is ever highlighted)."""
    assert box.locator(".ff-transcript[hidden] .ff-cue[aria-current]").count() == 0
    return box.locator(f"{SHOWN} .ff-cue").evaluate_all(
        "cues => cues.map((c, i) => c.getAttribute('aria-current') === 'time' ? i : -1).filter(i => i >= 0)")


def wait_highlighted(page, box, index: int) -> None:
    cues = box.locator(f"{SHOWN} .ff-cue")
    cues.nth(index).and_(box.locator(".ff-cue[aria-current=time]")).wait_for(timeout=5000)
    assert highlighted(box) == [index]


def middle(cue) -> float:
    start, end = float(cue.get_attribute("data-ff-seek")), float(cue.get_attribute("data-ff-end"))
    return (start + end) / 2


def check_a_line_seeks_the_video_file(page, box) -> None:
    """The first click on a line, before the video has loaded anything, plays from that line."""
    video = box.locator("video")
    assert video.evaluate("v => v.readyState") == 0, "the video file loads nothing before it is played"
    cues = open_transcript(box)
    cue = cues.nth(2)
    start = float(cue.get_attribute("data-ff-seek"))
    assert start > 2
    cue.click()
    video.evaluate("(v, s) => new Promise((ok, fail) => { setTimeout(() => fail('not playing at ' + v.currentTime), 15000);"
                   " (function wait() { if (!v.paused && v.currentTime >= s - 0.3 && v.played.length) ok();"
                   " else setTimeout(wait, 50); })(); })", start)
    played = sitecheck.played_ranges(video)
    assert sitecheck.seconds_played_before(played, start) < 0.5, f"played {played}, not from the line at {start:.2f} s"
    assert highlighted(box) == [2]


def stub(page, box):
    """The stub player's frame of a video box, once its page has loaded."""
    box.locator("iframe.ff-player__frame").wait_for()
    frame = box.locator("iframe.ff-player__frame").element_handle().content_frame()
    frame.wait_for_function("() => typeof report === 'function'")
    return frame


def check_the_transcript_follows(page, box, frame, *, listening: str) -> None:
    """The stub reports times as its real player does: the highlighted line follows, and a line seeks the player."""
    frame.wait_for_function(f"() => {listening}")
    cues = open_transcript(box)
    assert cues.count() >= 4
    frame.evaluate("t => report(t)", middle(cues.nth(1)))
    wait_highlighted(page, box, 1)
    frame.evaluate("t => report(t)", middle(cues.nth(3)))
    wait_highlighted(page, box, 3)
    # Not heard: the same report from elsewhere than the player (here, the page itself).
    page.evaluate("t => { window.postMessage(JSON.stringify({event: 'infoDelivery', info: {currentTime: t}}), '*');"
                  " window.postMessage({event: 'timeupdate', data: {seconds: t}}, '*'); }", middle(cues.nth(0)))
    page.wait_for_timeout(300)
    assert highlighted(box) == [3]
    # Starting again (instant navigation runs the script on each arrival) sets nothing up twice.
    page.evaluate("window.flipfolio.start()")
    check_transcripts_are_buttons(page)
    # A line, clicked once the player exists, asks the player to seek, once.
    cues.nth(2).click()
    wait_highlighted(page, box, 2)
    start = float(cues.nth(2).get_attribute("data-ff-seek"))
    seeks = ("s => heard.filter(m => (m.func === 'seekTo' && m.args[0] === s)"
             " || (m.method === 'setCurrentTime' && m.value === s)).length")
    frame.wait_for_function(seeks, arg=start)
    page.wait_for_timeout(300)
    assert frame.evaluate(seeks, start) == 1


def press_play(box, address: re.Pattern):
    assert box.locator("iframe").count() == 0
    box.locator(".ff-player__play").click()
    frame = box.locator("iframe.ff-player__frame")
    frame.wait_for()
    assert address.match(frame.get_attribute("src"))
    assert "autoplay=1" in frame.get_attribute("src")


def test_index_to_lesson_to_lesson_by_instant_navigation(site_page, example_url, lessons):
    page = site_page
    first = pick(lessons, "file", "youtube")
    second = pick(lessons, "file", other_than=(first.address,))

    arrive(page, example_url, first)
    check_transcripts_are_buttons(page)
    boxes = page.locator("[data-ff-video]")
    check_a_line_seeks_the_video_file(page, boxes.nth(first.kinds["file"]))
    youtube = boxes.nth(first.kinds["youtube"])
    press_play(youtube, YOUTUBE)
    frame = stub(page, youtube)
    assert frame.evaluate("() => heard[0]") == {"event": "listening", "id": frame.evaluate("() => listening"),
                                                 "channel": "widget"}
    check_the_transcript_follows(page, youtube, frame, listening="listening !== null")

    back_to_index(page, example_url)
    arrive(page, example_url, second)
    check_transcripts_are_buttons(page)
    check_a_line_seeks_the_video_file(page, page.locator("[data-ff-video]").nth(second.kinds["file"]))


def test_vimeo_and_youtube_players_after_instant_navigation(site_page, example_url, lessons):
    page = site_page
    vimeo_lesson = pick(lessons, "vimeo")
    youtube_lesson = pick(lessons, "youtube", other_than=(vimeo_lesson.address,))

    arrive(page, example_url, vimeo_lesson)
    check_transcripts_are_buttons(page)
    vimeo = page.locator("[data-ff-video]").nth(vimeo_lesson.kinds["vimeo"])
    press_play(vimeo, VIMEO)
    frame = stub(page, vimeo)
    check_the_transcript_follows(page, vimeo, frame, listening="listening")

    back_to_index(page, example_url)
    arrive(page, example_url, youtube_lesson)
    check_transcripts_are_buttons(page)
    # A line clicked before the player exists creates it, starting at that line.
    youtube = page.locator("[data-ff-video]").nth(youtube_lesson.kinds["youtube"])
    cues = open_transcript(youtube)
    starts = [float(s) for s in cues.evaluate_all("cues => cues.map(c => c.getAttribute('data-ff-seek'))")]
    # A line starting less than 0.3 s after a whole second: the player starts at whole seconds.
    line = next(i for i, s in enumerate(starts) if i >= 2 and s - int(s) <= 0.3)
    start = starts[line]
    cues.nth(line).click()
    youtube.locator("iframe.ff-player__frame").wait_for()
    src = youtube.locator("iframe.ff-player__frame").get_attribute("src")
    assert YOUTUBE.match(src) and re.search(rf"[?&]start={int(start)}(&|$)", src), src
    frame = stub(page, youtube)
    frame.wait_for_function("() => listening !== null")
    assert frame.evaluate("() => time") == int(start)
    wait_highlighted(page, youtube, line)
    assert page.other_requests == []  # nothing but the stubs answered outside the site


def test_questions_from_lesson_to_lesson_by_instant_navigation(site_page, example_url):
    """Each lesson reached by instant navigation answers its own questions and keeps
    them under its own address; the index, swapped back in, marks them."""
    page = site_page
    first, second = "lessons/cell-theory/", "lessons/cells-to-body-systems/"
    ready = "document.querySelector('.ff-questions[data-ff-ready] .ff-summary') !== null"

    def answer_the_first_true_false():
        item = page.locator(".ff-question-true-false").first
        item.locator("input").first.check()
        item.get_by_role("button", name="Check").click()
        return item

    follow(page, example_url, first, ready)
    assert answer_the_first_true_false().locator(".ff-feedback").inner_text().strip()
    back_to_index(page, example_url)
    page.wait_for_selector(".ff-chip--done")
    row = page.locator("table.ff-lessons tr", has=page.locator(f'a[href$="/{first}"]'))
    assert re.fullmatch(r"1 of \d+ answered", row.locator(".ff-chip--done").inner_text())
    follow(page, example_url, second, ready)
    assert page.locator(".ff-progress").inner_text().startswith("0 of ")  # not the other lesson's answers
    answer_the_first_true_false()
    assert page.locator(".ff-progress").inner_text().startswith("1 of ")
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('flipfolio:v1:/')).sort()")
    assert stored == [f"flipfolio:v1:/{first}", f"flipfolio:v1:/{second}"]
    assert page.locator(".ff-summary").count() == 1  # set up once, though the script ran again


def test_a_link_to_a_part_of_the_lesson_goes_there_without_fetching_the_page_again(site_page, example_url):
    """Material fetches the page again on the first click of a link to a part of
    the same page: the lesson's own links (a question from the transcript) go
    to their part, and the video and an answer not yet checked stay as they were."""
    page = site_page
    follow(page, example_url, "lessons/cell-theory/", "document.querySelector('.ff-cue-q') !== null")
    page.evaluate("document.querySelector('article').dataset.ffMark = 'the same content'")
    field = page.locator(".ff-questions input[type=text], .ff-questions textarea").first
    field.fill("an answer not yet checked")
    link = page.locator("a.ff-cue-q").first
    link.evaluate("a => a.closest('details').open = true")
    target = link.get_attribute("href")
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "cell-theory" in request.url else None)
    link.click()
    page.wait_for_function("hash => location.hash === hash", arg=target)
    page.wait_for_timeout(500)
    assert fetched == [] and page.evaluate("document.querySelector('article').dataset.ffMark") == "the same content"
    assert field.input_value() == "an answer not yet checked"
    assert page.evaluate("document.querySelector(':target').id") == target[1:]
    # A step back returns to where the student was, on the same page.
    page.go_back()
    page.wait_for_function("() => location.hash === ''")
    page.wait_for_timeout(500)
    assert fetched == [] and page.evaluate("document.querySelector('article').dataset.ffMark") == "the same content"
    assert page.url == example_url + "lessons/cell-theory/" and field.input_value() == "an answer not yet checked"
    # The page still answers: nothing of it was swapped out.
    assert page.locator(".ff-questions[data-ff-ready]").count() == 1
