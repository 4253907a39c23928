"""Questions at a moment of a video (moments.js) in headless Chromium, on a tiny
site: a video file of the repository's fixtures, and stub YouTube and Vimeo
players answering at the players' real addresses (Playwright routes them;
nothing leaves the machine) that play, report their time and take commands as
the real ones do. A question pauses its video when playback reaches its time
and shows under the player; answering it or "Skip for now" plays on; a seek
back asks again; with `no_skip`, a seek past a question not answered is pulled
back until the video has been watched to the end; the transcript marks the
moments; the page stays a plain list before the video plays; axe-core finds
nothing with a question shown."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sitecheck
from sites import BASE, MKDOCS_YML, Site

MEDIA = Path(__file__).resolve().parents[1] / "fixtures" / "media"

YOUTUBE = re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
VIMEO = re.compile(r"^https://player\.vimeo\.com/video/")

#: Three videos (a file of 4 s, YouTube, Vimeo) and a question at a moment of each.
LESSON = "lessons/what-is-a-cell/"
#: A file and a YouTube video; the set asks students not to skip ahead.
NO_SKIP = "lessons/cell-parts/"

VIDEOS = """\
videos:
  - url: media/clip.mp4
    title: Adding fractions
    duration: 4
    captions: media/clip.en.vtt
  - url: https://youtu.be/abcdefghijk
    title: Cells up close
    duration: 20
    captions: media/cells.en.vtt
"""

FILES = {
    "portfolio/lessons/what-is-a-cell.md": "---\ntitle: What is a cell?\nunit: cells\norder: 1\n" + VIDEOS + """\
  - url: https://vimeo.com/76979871
    title: Inside the cell
    duration: 20
    captions: media/cells.en.vtt
questions: cell-check
---

## Before class

Watch the videos.
""",
    "portfolio/lessons/cell-parts.md": "---\ntitle: Parts of a cell\nunit: cells\norder: 2\n" + VIDEOS +
    "questions: no-skip-check\n---\n\n## Before class\n\nWatch.\n",
    "portfolio/questions/cell-check.yml": """\
        title: Cell check
        questions:
          - prompt: What is one half plus one half?
            id: halves
            at: 1
            answer: one
          - prompt: What do all living things have?
            id: cells
            at: 3
            choices:
              - {text: Cells, correct: true}
              - {text: Wheels}
          - prompt: Is an onion made of cells?
            id: onion
            video: 2
            at: 3
            answer: true
          - prompt: Is a cell alive?
            id: alive
            video: 3
            at: 3
            answer: true
          - prompt: Name a thing that is not alive.
            id: plain
            answer: rock
        """,
    "portfolio/questions/no-skip-check.yml": """\
        title: Do not skip
        no_skip: true
        questions:
          - prompt: Which fraction is larger, a half or a third?
            id: larger
            at: 2
            answer: a half
          - prompt: Did you see the onion cell?
            id: seen
            video: 2
            at: 5
            answer: true
        """,
}

#: A YouTube player: answers the page's {"event":"listening"} (JSON text) with
#: initialDelivery and onReady, plays at once (autoplay=1) and, while playing,
#: reports its time every 200 ms (0.25 s of video each: a little faster than
#: real time) in infoDelivery messages; takes playVideo, pauseVideo and seekTo
#: commands; at the end says onStateChange 0 (ended). `heard` keeps each message
#: with the video's time when it came.
YOUTUBE_STUB = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>YouTube player (test stub)</title></head>
<body><p>stub YouTube player</p><script>
var heard = [], listening = null, time = 0, state = -1, timer = null, END = 20;
function say(event, info) { parent.postMessage(JSON.stringify({event: event, info: info, id: listening, channel: "widget"}), "*"); }
function report() { say("infoDelivery", {currentTime: time, playerState: state}); }
function play() {
  if (timer) return;
  state = 1;
  timer = setInterval(function () {
    time = Math.min(END, time + 0.25);
    report();
    if (time >= END) { stop(0); say("onStateChange", 0); }
  }, 200);
}
function stop(s) { clearInterval(timer); timer = null; state = s; report(); }
function jump(t) { time = t; report(); }  // the student drags the player's own progress bar
addEventListener("message", function (e) {
  var data;
  try { data = JSON.parse(e.data); } catch (x) { return; }
  heard.push({message: data, time: time});
  if (data.event === "listening" && listening === null) {
    listening = data.id;
    say("initialDelivery", {currentTime: time, playerState: -1});
    say("onReady", null);
    play();
  } else if (data.event === "command") {
    if (data.func === "playVideo") play();
    else if (data.func === "pauseVideo") stop(2);
    else if (data.func === "seekTo") jump(data.args[0]);
  }
});
</script></body></html>"""

#: A Vimeo player (player.js): says "ready" when loaded and answers "ping"; plays
#: at once (autoplay=1) and, once asked {"method":"addEventListener","value":
#: "timeupdate"}, sends timeupdate events every 200 ms while playing; takes the
#: play, pause and setCurrentTime methods; says "ended" at the end when asked to.
VIMEO_STUB = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vimeo player (test stub)</title></head>
<body><p>stub Vimeo player</p><script>
var heard = [], events = [], time = 0, timer = null, END = 20;
function say(message) { parent.postMessage(message, "*"); }
function report() {
  if (events.indexOf("timeupdate") >= 0) say({event: "timeupdate", data: {seconds: time, percent: time / END, duration: END}});
}
function play() {
  if (timer) return;
  timer = setInterval(function () {
    time = Math.min(END, time + 0.25);
    report();
    if (time >= END) { stop(); if (events.indexOf("ended") >= 0) say({event: "ended", data: {seconds: END}}); }
  }, 200);
}
function stop() { clearInterval(timer); timer = null; }
function jump(t) { time = t; report(); }
addEventListener("message", function (e) {
  var data = e.data;
  try { if (typeof data === "string") data = JSON.parse(data); } catch (x) { return; }
  heard.push({message: data, time: time});
  if (data.method === "ping") say({method: "ping"});
  else if (data.method === "addEventListener") events.push(data.value);
  else if (data.method === "play") play();
  else if (data.method === "pause") stop();
  else if (data.method === "setCurrentTime") jump(data.value);
});
say(JSON.stringify({event: "ready", player_id: null}));
play();
</script></body></html>"""


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("timed"))
    site.write({"mkdocs.yml": MKDOCS_YML})
    site.write(BASE)
    site.write(FILES)
    for name in ("clip.mp4", "clip.en.vtt"):
        target = site.root / "portfolio" / "media" / name
        target.write_bytes((MEDIA / name).read_bytes())
    site.build()
    with sitecheck.serve(site.out) as url:
        yield url


@pytest.fixture
def lesson(new_page, site_url):
    def open_lesson(address=LESSON, **options):
        page = new_page(**options)
        page.route(YOUTUBE, lambda route: route.fulfill(body=YOUTUBE_STUB, content_type="text/html"))
        page.route(VIMEO, lambda route: route.fulfill(body=VIMEO_STUB, content_type="text/html"))
        page.goto(site_url + address)
        sitecheck.wait_until_settled(page)
        page.wait_for_selector(".ff-questions[data-ff-ready] .ff-check")
        page.wait_for_function("document.querySelectorAll('[data-ff-video]:not([data-ff-ready])').length === 0")
        return page

    return open_lesson


def video_box(page, n: int):
    return page.locator(f"#ff-video-{n}")


def question(page, qid: str):
    return page.locator(f'li[data-ff-question="{qid}"]')


def panel(page, n: int):
    return video_box(page, n).locator(".ff-moment__panel")


def shown(page, n: int, qid: str) -> None:
    """Wait for question `qid` in the panel under video `n`."""
    panel(page, n).locator(f'li[data-ff-question="{qid}"]').wait_for(timeout=15000)
    assert panel(page, n).is_visible()


def stub(box):
    box.locator("iframe.ff-player__frame").wait_for()
    frame = box.locator("iframe.ff-player__frame").element_handle().content_frame()
    frame.wait_for_function("() => typeof jump === 'function'")
    return frame


def commands(frame) -> list[tuple[str, float, object]]:
    """The commands the stub player received: (name, the video's time then, argument)."""
    return [(m.get("func") or m.get("method"), t, (m.get("args") or [m.get("value")])[0])
            for m, t in ((h["message"], h["time"]) for h in frame.evaluate("() => heard"))
            if m.get("event") == "command" or m.get("method") in ("play", "pause", "setCurrentTime")]


def play_file(page, n: int = 1):
    page.evaluate("n => document.querySelector('#ff-video-' + n + ' video').play()", n)


def time_of(page, n: int = 1) -> float:
    return page.evaluate("n => document.querySelector('#ff-video-' + n + ' video').currentTime", n)


def is_paused(page, n: int = 1) -> bool:
    return page.evaluate("n => document.querySelector('#ff-video-' + n + ' video').paused", n)


def wait_playing_past(page, t: float, n: int = 1) -> None:
    page.wait_for_function("([n, t]) => { const v = document.querySelector('#ff-video-' + n + ' video');"
                           " return !v.paused && v.currentTime > t; }", arg=[n, t], timeout=15000)


def test_before_the_video_plays_the_set_is_a_plain_list(site_url, lesson):
    """Built page: the questions carry their moment and video, in the set's own list, and
    nothing of moments.js is in the HTML. In the browser, before any video reports a
    time, every question is still in its list and no panel is shown."""
    import urllib.request

    from bs4 import BeautifulSoup

    html = urllib.request.urlopen(site_url + LESSON).read().decode("utf-8")
    doc = BeautifulSoup(html, "html.parser")
    timed = {li["data-ff-question"]: (li["data-ff-at"], li["data-ff-in-video"]) for li in doc.select("li[data-ff-at]")}
    assert timed == {"halves": ("1", "1"), "cells": ("3", "1"), "onion": ("3", "2"), "alive": ("3", "3")}
    assert not doc.select(".ff-moment, .ff-cue-q")
    page = lesson()
    assert page.locator(".ff-questions > ol > li.ff-question").count() == 5
    assert page.locator(".ff-moment__panel:visible").count() == 0
    assert page.other_requests == []  # no player is loaded before the student's click


def test_a_question_pauses_the_video_file_at_its_time_and_play_resumes_after_answering(lesson):
    page = lesson()
    box = video_box(page, 1)
    box.locator("video").focus()
    play_file(page)
    shown(page, 1, "halves")
    assert is_paused(page)
    assert 1 <= time_of(page) < 1.6, "paused at its moment"
    # Shown under the player, never over it, with its number; its place in the set says where it is.
    player, shown_box = box.locator("video").bounding_box(), panel(page, 1).bounding_box()
    assert shown_box["y"] >= player["y"] + player["height"]
    assert panel(page, 1).locator("ol").get_attribute("start") == "1"
    assert page.locator(".ff-questions li.ff-moment__away").inner_text() == "Shown under the video"
    # Announced: the focus was in the video's box, so it moves to the panel's title.
    assert page.evaluate("document.activeElement.id") == "ff-video-1-moment"
    assert "Question 1" in page.locator("#ff-video-1-moment").inner_text()
    page.keyboard.press("Tab")  # the prompt's link to its video ("At 0:01 in video 1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('label').textContent").startswith("Your answer")
    page.keyboard.type("one")
    page.keyboard.press("Enter")  # Check
    wait_playing_past(page, 1.7)
    item = panel(page, 1).locator('li[data-ff-question="halves"]')
    assert " ".join(item.locator(".ff-feedback").inner_text().split()).startswith("Right.")  # still readable
    assert page.evaluate("document.activeElement.textContent") == "Try again"  # focus kept in the question
    # The next question of the video: the answered one goes back to its place in the set.
    shown(page, 1, "cells")
    assert is_paused(page) and 3 <= time_of(page) < 3.6
    assert page.locator(".ff-questions > ol > li").nth(0).get_attribute("data-ff-question") == "halves"
    assert page.locator(".ff-questions > ol > li").nth(1).get_attribute("class") == "ff-moment__away"
    # Answered with the mouse: play goes on; "Close" puts it back.
    panel(page, 1).get_by_label("Cells").check()
    panel(page, 1).get_by_role("button", name="Check").click()
    page.wait_for_function("document.querySelector('#ff-video-1 video').ended"
                           " || !document.querySelector('#ff-video-1 video').paused")
    panel(page, 1).get_by_role("button", name="Close").click()
    assert panel(page, 1).is_hidden()
    assert [li.get_attribute("data-ff-question") for li in page.locator(".ff-questions > ol > li").all()] == \
        ["halves", "cells", "onion", "alive", "plain"]
    # Answered questions do not ask again when the video is played again.
    page.evaluate("document.querySelector('#ff-video-1 video').currentTime = 0")
    play_file(page)
    page.wait_for_function("document.querySelector('#ff-video-1 video').currentTime > 3.4", timeout=15000)
    assert panel(page, 1).is_hidden()


def test_after_a_wrong_answer_the_video_waits_to_try_again_or_go_on(lesson):
    page = lesson()
    play_file(page)
    shown(page, 1, "halves")
    item = panel(page, 1).locator('li[data-ff-question="halves"]')
    item.get_by_label("Your answer").fill("two")
    item.get_by_role("button", name="Check").click()
    assert " ".join(item.locator(".ff-feedback").inner_text().split()).startswith("Not quite.")
    page.wait_for_timeout(1200)  # (a video let go would have played on by now)
    assert is_paused(page) and time_of(page) < 1.6 and panel(page, 1).is_visible()
    go_on = panel(page, 1).get_by_role("button", name="Go on with the video")
    assert go_on.is_visible()
    # Try again, right this time: play goes on.
    item.get_by_role("button", name="Try again").click()
    item.get_by_label("Your answer").fill("one")
    item.get_by_role("button", name="Check").click()
    wait_playing_past(page, 1.7)
    # A wrong answer the student lets go: "Go on with the video" plays on.
    shown(page, 1, "cells")
    panel(page, 1).get_by_label("Wheels").check()
    panel(page, 1).get_by_role("button", name="Check").click()
    page.wait_for_timeout(600)
    assert is_paused(page)
    panel(page, 1).get_by_role("button", name="Go on with the video").click()
    page.wait_for_function("document.querySelector('#ff-video-1 video').ended"
                           " || !document.querySelector('#ff-video-1 video').paused")
    assert panel(page, 1).is_hidden()


def test_skip_for_now_plays_on_and_a_seek_back_asks_again(lesson):
    page = lesson()
    play_file(page)
    shown(page, 1, "halves")
    panel(page, 1).get_by_role("button", name="Skip for now").click()
    wait_playing_past(page, 1.6)
    assert panel(page, 1).is_hidden()
    assert page.locator(".ff-questions > ol > li").nth(0).get_attribute("data-ff-question") == "halves"
    assert page.evaluate("document.activeElement.tagName") == "VIDEO"  # back to the player
    shown(page, 1, "cells")
    panel(page, 1).get_by_role("button", name="Skip for now").click()
    # Back before both: the first asks again at its moment (once this playthrough).
    page.evaluate("document.querySelector('#ff-video-1 video').currentTime = 0.2")
    shown(page, 1, "halves")
    assert 1 <= time_of(page) < 1.6
    # A seek over a question does not ask it.
    panel(page, 1).get_by_role("button", name="Skip for now").click()
    wait_playing_past(page, 1.3)
    page.evaluate("document.querySelector('#ff-video-1 video').currentTime = 3.3")
    page.wait_for_function("document.querySelector('#ff-video-1 video').currentTime > 3.6", timeout=15000)
    assert panel(page, 1).is_hidden()


@pytest.mark.parametrize("site, n, qid", [("youtube", 2, "onion"), ("vimeo", 3, "alive")])
def test_a_question_pauses_an_embedded_player_and_play_resumes_after_answering(lesson, site, n, qid):
    page = lesson()
    box = video_box(page, n)
    box.locator(".ff-player__play").click()
    frame = stub(box)
    shown(page, n, qid)
    pause, play = ("pauseVideo", "playVideo") if site == "youtube" else ("pause", "play")
    frame.wait_for_function("() => heard.length && !timer")  # paused
    sent = commands(frame)
    pauses = [t for name, t, _ in sent if name == pause]
    assert len(pauses) == 1 and 3 <= pauses[0] <= 3.75, f"the pause came at {pauses}: {sent}"
    assert not any(name == play for name, _, _ in sent)
    panel(page, n).get_by_label("True").check()
    panel(page, n).get_by_role("button", name="Check").click()
    frame.wait_for_function("() => timer !== null")  # playing again
    sent = commands(frame)
    assert [name for name, _, _ in sent if name in (pause, play)] == [pause, play]
    assert "Right." in panel(page, n).locator(".ff-feedback").inner_text()
    assert page.other_requests == [] or all(YOUTUBE.match(u) or VIMEO.match(u) for u in page.other_requests)


def test_no_skip_pulls_a_seek_past_an_unanswered_question_back_until_the_end(lesson):
    page = lesson(NO_SKIP)
    box = video_box(page, 1)
    note = box.locator(".ff-moment__note")
    assert "don't skip" in note.inner_text()
    play_file(page)
    wait_playing_past(page, 0.6)
    page.evaluate("document.querySelector('#ff-video-1 video').currentTime = 3.5")  # the student drags ahead
    page.wait_for_function("document.querySelector('#ff-video-1 video').currentTime < 1.6")
    assert note.inner_text().startswith("Back to 0:00")
    # Playing on from there, the question asks at its moment.
    shown(page, 1, "larger")
    assert 2 <= time_of(page) < 2.6
    panel(page, 1).get_by_role("button", name="Skip for now").click()
    # Watched to the end: skipping is free.
    page.wait_for_function("document.querySelector('#ff-video-1 video').ended", timeout=15000)
    assert note.inner_text() == "You have watched to the end: skip ahead as you like."
    page.evaluate("document.querySelector('#ff-video-1 video').currentTime = 0.5")
    play_file(page)
    wait_playing_past(page, 0.6)
    page.evaluate("document.querySelector('#ff-video-1 video').currentTime = 3.2")
    page.wait_for_timeout(500)
    assert time_of(page) >= 3.2


def test_no_skip_with_an_embedded_player(lesson):
    page = lesson(NO_SKIP)
    box = video_box(page, 2)
    box.locator(".ff-player__play").click()
    frame = stub(box)
    frame.wait_for_function("() => time >= 1")
    frame.evaluate("() => jump(12)")  # past the question at 0:05
    frame.wait_for_function("() => time < 4")
    seeks = [value for name, _, value in commands(frame) if name == "seekTo"]
    assert len(seeks) >= 1 and all(1 <= s < 4 for s in seeks), seeks
    assert box.locator(".ff-moment__note").inner_text().startswith("Back to 0:0")
    shown(page, 2, "seen")
    # Answered: a seek ahead is free again (no question left to pass).
    panel(page, 2).get_by_label("True").check()
    panel(page, 2).get_by_role("button", name="Check").click()
    frame.wait_for_function("() => timer !== null")
    frame.evaluate("() => jump(15)")
    page.wait_for_timeout(600)
    assert frame.evaluate("() => time") >= 15
    # Watched to the end: free, even past a question no longer answered.
    frame.evaluate("() => jump(19.5)")
    frame.wait_for_function("() => time >= 20")
    assert box.locator(".ff-moment__note").inner_text() == "You have watched to the end: skip ahead as you like."
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget my answers").click()
    frame.evaluate("() => { jump(1); jump(12); }")
    page.wait_for_timeout(600)
    assert frame.evaluate("() => time") >= 12


def test_the_transcript_marks_the_moments_with_a_link_to_the_question(lesson):
    page = lesson()
    box = video_box(page, 1)
    box.locator(".ff-transcript summary").click()
    lines = box.locator(".ff-cues > li")
    # Cues at 0:00 and 0:02: the question at 0:01 is on the first line, the one at 0:03 on the second.
    assert lines.nth(0).locator("a.ff-cue-q").inner_text() == "Question 1"
    assert lines.nth(1).locator("a.ff-cue-q").inner_text() == "Question 2"
    assert lines.nth(1).locator("a.ff-cue-q").get_attribute("href") == "#ff-q-cells"
    assert page.locator("#ff-q-cells").count() == 1
    # (the line is still one button that seeks, beside the link)
    assert lines.nth(1).locator("button.ff-cue").count() == 1
    assert video_box(page, 2).locator(".ff-cues a.ff-cue-q").text_content() == "Question 3"  # (transcript closed)
    # Starting again (as instant navigation does) sets nothing up twice.
    page.evaluate("window.flipfolio.start()")
    assert page.locator(".ff-cue-q").count() == 4
    assert page.locator(".ff-moment").count() == 3
    lines.nth(1).locator("a.ff-cue-q").click()
    assert page.evaluate("location.hash") == "#ff-q-cells"


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
def test_axe_finds_no_violation_with_a_question_shown(lesson, axe_source, scheme):
    page = lesson(NO_SKIP, scheme=scheme)
    box = video_box(page, 1)
    box.locator(".ff-transcript summary").click()
    play_file(page)
    shown(page, 1, "larger")
    result = sitecheck.run_axe(page, axe_source, NO_SKIP + " (a question shown under the video)")
    assert result.violations == [], "\n".join(result.lines())


def test_a_student_typing_the_answer_keeps_the_field_when_its_question_pauses_the_video(lesson):
    """The question moves under the player at its time: a student already typing
    its answer in the set keeps the field, and goes on typing in it."""
    page = lesson()
    field = question(page, "halves").get_by_label("Your answer")
    field.click()
    page.keyboard.type("tw")
    play_file(page)
    shown(page, 1, "halves")
    assert is_paused(page)
    page.keyboard.type("o")
    moved = panel(page, 1).locator('li[data-ff-question="halves"]').get_by_label("Your answer")
    assert moved.input_value() == "two"
    assert page.evaluate("document.activeElement.closest('li').dataset.ffQuestion") == "halves"
    assert video_box(page, 1).locator(".ff-moment__note").inner_text() == "The video is paused for question 1, under it."
