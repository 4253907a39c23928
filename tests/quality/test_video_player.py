"""The lesson page's videos in headless Chromium: privacy before play, the
click-to-load player, transcript seeking, the transcript's language, keyboard
use and axe-core."""

from __future__ import annotations

import gzip

import pytest

import sitecheck
from sitecheck import FIGURES

# The example lesson with a video file of the portfolio (first; captions in English and Spanish)
# and a YouTube video (second).
LESSON = "lessons/cell-theory/"
STUB = "<!doctype html><html><head><title>stub player</title></head><body><p id=stub>stub player</p></body></html>"


@pytest.fixture
def lesson(new_page, example_url):
    def open_lesson(**options):
        page = new_page(**options)
        page.goto(example_url + LESSON)
        sitecheck.wait_until_settled(page)
        return page

    return open_lesson


SCRIPT = "assets/flipfolio/flipfolio.js"
#: The transcript shown (a video with captions in several languages shows the chosen one).
SHOWN = ".ff-transcript:not([hidden])"
#: The budget of the videos' and questions' script (player and questions, issue 10: 15 KB),
#: gzip-compressed as web hosts send it (bytes).
SCRIPT_BUDGET = 15 * 1024


def test_the_script_is_small_and_only_in_the_content_of_pages_with_videos_or_questions(example_site):
    """One script, in the page's content (`[data-md-component=container]`), where Material's
    instant navigation runs the scripts of the pages it swaps in; only on pages with videos
    or questions to answer, and on lists of lessons with questions (marked done, progress.js)."""
    body = (example_site / SCRIPT).read_bytes()
    size = len(gzip.compress(body, compresslevel=6, mtime=0))
    FIGURES["videos' and questions' script"] = f"{len(body):,} bytes, {size:,} gzip-compressed (budget {SCRIPT_BUDGET:,})"
    assert size <= SCRIPT_BUDGET
    with_videos = 0
    for page in sitecheck.html_pages(example_site):
        doc = sitecheck.soup(page)
        scripts = [s for s in doc.find_all("script", src=True) if s["src"].endswith(SCRIPT)]
        videos = doc.select("[data-ff-video]")
        questions = doc.select("[data-ff-key]") or doc.select("a[data-ff-of]")
        where = sitecheck.url_of(example_site, page)
        assert len(scripts) == (1 if videos or questions else 0), \
            f"{where}: {len(scripts)} scripts, {len(videos)} videos, {len(questions)} questions"
        if videos or questions:
            with_videos += 1
            assert scripts[0].find_parent(attrs={"data-md-component": "container"}) is not None, where
    assert with_videos >= 2


def test_without_the_script_transcripts_and_chapters_are_text(example_site):
    doc = sitecheck.soup(sitecheck.page_file(example_site, LESSON))
    box = doc.select_one("[data-ff-video]")
    assert box.select(".ff-chapters li[data-ff-seek]") and box.select(".ff-cues li[data-ff-seek]")
    assert not box.select(".ff-chapters button, .ff-cues button")


def test_loading_a_lesson_page_contacts_no_other_host(lesson):
    page = lesson()
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-ff-video]").count() == 2
    assert page.other_requests == []


def test_pressing_play_creates_the_privacy_enhanced_embed(lesson):
    page = lesson()
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body=STUB, content_type="text/html"))
    youtube = page.locator("[data-ff-video]").nth(1)
    assert youtube.locator("iframe").count() == 0
    assert page.other_requests == []
    youtube.locator(".ff-player__play").click()
    frame = youtube.locator("iframe.ff-player__frame")
    frame.wait_for()
    src = frame.get_attribute("src")
    assert src.startswith("https://www.youtube-nocookie.com/embed/Ze4Wq1hJ9sM?")
    assert "autoplay=1" in src
    assert frame.get_attribute("title") == "The Story of Cell Theory: From Hooke to Virchow"
    assert page.frame_locator("[data-ff-video] iframe.ff-player__frame").locator("#stub").inner_text() == "stub player"
    assert not any("youtube.com/" in url and "nocookie" not in url for url in page.other_requests)


TROUBLE = ".ff-player__trouble[role=status]"


def test_offline_the_player_is_not_made_and_the_page_says_why(lesson):
    page = lesson()
    youtube = page.locator("[data-ff-video]").nth(1)
    page.context.set_offline(True)
    youtube.locator(".ff-player__play").click()
    assert youtube.locator("iframe").count() == 0 and youtube.locator(".ff-player__play").is_visible()
    assert youtube.locator(TROUBLE).inner_text() == (
        "You are offline: the YouTube player needs the internet. The transcript below has what the video says.")
    page.context.set_offline(False)  # back online: the same button makes the player
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body=STUB, content_type="text/html"))
    youtube.locator(".ff-player__play").click()
    youtube.locator("iframe.ff-player__frame").wait_for()


def test_a_player_that_never_answers_is_said_and_one_that_answers_late_clears_it(lesson):
    page = lesson()
    page.clock.install()
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body=STUB, content_type="text/html"))
    youtube = page.locator("[data-ff-video]").nth(1)
    youtube.locator(".ff-player__play").click()
    youtube.locator("iframe.ff-player__frame").wait_for()
    page.clock.run_for(5000)
    assert youtube.locator(TROUBLE).count() == 0  # (a slow link is given time)
    page.clock.run_for(8000)
    assert youtube.locator(TROUBLE).inner_text().startswith(
        "The YouTube player has not answered: the internet may be slow or off, or YouTube blocked on this network.")
    # It answers after all (a YouTube player's first message): the note goes.
    page.evaluate("""() => window.dispatchEvent(new MessageEvent('message', {
        data: JSON.stringify({event: 'onReady'}), origin: 'https://www.youtube-nocookie.com',
        source: document.querySelector('iframe.ff-player__frame').contentWindow}))""")
    assert youtube.locator(TROUBLE).count() == 0


def test_clicking_a_transcript_cue_seeks_the_video_file(lesson):
    page = lesson()
    box = page.locator("[data-ff-video]").first
    assert box.locator("video source").get_attribute("src").endswith("media/videos/cell-theory-recap.mp4")
    box.locator(f"{SHOWN} summary").click()
    cue = box.locator(f"{SHOWN} .ff-cue").nth(2)
    start = float(cue.get_attribute("data-ff-seek"))
    assert start > 1
    cue.click()
    page.wait_for_function(
        "([start]) => Math.abs(document.querySelector('[data-ff-video] video').currentTime - start) < 0.6", arg=[start])
    assert cue.get_attribute("aria-current") == "time"
    assert box.locator(".ff-cue[aria-current]").count() == 1


def test_chapters_seek_the_video_file(lesson):
    page = lesson()
    box = page.locator("[data-ff-video]").first
    assert box.locator(".ff-chapters li").count() == box.locator(".ff-chapters li > button[data-ff-seek]").count()
    chapter = box.locator(".ff-chapters button").nth(3)
    assert "Idea 3" in chapter.inner_text()
    start = float(chapter.get_attribute("data-ff-seek"))
    assert start >= 9
    chapter.click()  # the first click, before the video loaded anything: it plays from the chapter
    page.wait_for_function("s => { const v = document.querySelector('[data-ff-video] video');"
                           " return !v.paused && v.currentTime >= s - 0.3 && v.played.length; }", arg=start)
    played = sitecheck.played_ranges(box.locator("video"))
    assert sitecheck.seconds_played_before(played, start) < 0.5, f"played {played}, not from the chapter at {start} s"


def tab_until(page, locator, limit: int = 120) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"not reachable with the keyboard: {locator}")


def test_keyboard_alone_plays_and_uses_the_transcript(lesson):
    page = lesson()
    page.route("https://www.youtube-nocookie.com/**", lambda route: route.fulfill(body=STUB, content_type="text/html"))
    box = page.locator("[data-ff-video]").first
    summary = box.locator(f"{SHOWN} summary")
    tab_until(page, summary)
    page.keyboard.press("Enter")
    assert box.locator(SHOWN).get_attribute("open") is not None
    page.keyboard.press("Tab")
    first_cue = box.locator(f"{SHOWN} .ff-cue").first
    assert first_cue.evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    second = float(box.locator(f"{SHOWN} .ff-cue").nth(1).get_attribute("data-ff-seek"))
    page.wait_for_function(
        "([t]) => Math.abs(document.querySelector('[data-ff-video] video').currentTime - t) < 0.6", arg=[second])

    youtube = page.locator("[data-ff-video]").nth(1)
    play = youtube.locator(".ff-player__play")
    tab_until(page, play)
    page.keyboard.press("Enter")
    youtube.locator("iframe.ff-player__frame").wait_for()
    assert youtube.locator("iframe.ff-player__frame").evaluate("el => el === document.activeElement")


def test_without_the_script_every_transcript_is_shown_with_its_language(example_site):
    """The first video has captions in English and Spanish: two tracks, and a transcript per
    language, each in its own box; the language choice waits for the script (hidden)."""
    box = sitecheck.soup(sitecheck.page_file(example_site, LESSON)).select_one("[data-ff-video]")
    assert [(t["srclang"], t["label"]) for t in box.select("video track")] == [("en", "English"), ("es", "Español")]
    transcripts = box.select("details.ff-transcript")
    assert [(d["data-ff-lang"], d.select_one("ol.ff-cues")["lang"]) for d in transcripts] == [("en", "en"), ("es", "es")]
    assert not any(d.has_attr("hidden") for d in transcripts)
    assert box.select_one(".ff-transcript-lang").has_attr("hidden")


def test_the_transcript_shown_is_the_chosen_language_and_only_it_follows_the_video(lesson, axe_source):
    page = lesson()
    box = page.locator("[data-ff-video]").first
    choice = box.get_by_label("Transcript language")
    assert choice.is_visible() and choice.input_value() == "en"
    tab_until(page, choice)  # reachable by keyboard
    assert box.locator(".ff-transcript").count() == 2
    assert box.locator(SHOWN).count() == 1 and box.locator(SHOWN).get_attribute("data-ff-lang") == "en"
    box.locator(f"{SHOWN} summary").click()
    tracks = "[...document.querySelector('[data-ff-video] video').textTracks].map(t => t.language + ':' + t.mode)"
    page.evaluate("document.querySelector('[data-ff-video] video').textTracks[0].mode = 'showing'")  # captions on

    choice.select_option("es")
    assert page.evaluate(tracks) == ["en:disabled", "es:showing"]  # the captions follow the transcript's language
    shown = box.locator(SHOWN)
    assert shown.count() == 1 and shown.get_attribute("data-ff-lang") == "es"
    assert shown.get_attribute("open") is not None  # open, as the English one was
    assert shown.locator("ol.ff-cues").get_attribute("lang") == "es"
    cue = shown.locator(".ff-cue").nth(2)
    assert "unidad básica de la vida" in cue.inner_text()
    start = float(cue.get_attribute("data-ff-seek"))
    cue.click()
    # Playing from that line (the seek done), then paused there.
    page.wait_for_function("s => { const v = document.querySelector('[data-ff-video] video');"
                           " return !v.paused && !v.seeking && v.played.length && Math.abs(v.currentTime - s) < 0.6; }",
                           arg=start)
    page.evaluate("document.querySelector('[data-ff-video] video').pause()")
    # (once the video's last time report is in: the line highlighted is the one of the time it stopped at)
    page.wait_for_function("""() => {
        const video = document.querySelector('[data-ff-video] video');
        const line = document.querySelector('[data-ff-video] .ff-transcript:not([hidden]) .ff-cue[aria-current]');
        return video.paused && line && line.dataset.ffSeek - 0.3 <= video.currentTime
            && video.currentTime < Number(line.dataset.ffEnd); }""")
    assert box.locator(".ff-cue[aria-current]").count() == 1  # in the transcript shown only
    line = shown.locator(".ff-cue").evaluate_all("cues => cues.findIndex(c => c.hasAttribute('aria-current'))")
    result = sitecheck.run_axe(page, axe_source, LESSON + " (Spanish transcript)")
    assert result.violations == [], "\n".join(result.lines())

    choice.select_option("en")  # back: the English line of the same moment is highlighted at once
    assert box.locator(SHOWN).get_attribute("data-ff-lang") == "en"
    assert box.locator(".ff-transcript[data-ff-lang=es]").get_attribute("hidden") is not None
    assert box.locator(".ff-cue[aria-current]").count() == 1
    assert box.locator(f"{SHOWN} .ff-cue").nth(line).get_attribute("aria-current") == "time"


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
def test_axe_finds_no_violation_on_the_lesson_page_in_use(lesson, axe_source, scheme):
    page = lesson(scheme=scheme)
    for summary in page.locator(f"{SHOWN} summary").all():
        summary.click()
    result = sitecheck.run_axe(page, axe_source, LESSON)
    assert result.violations == [], "\n".join(result.lines())
