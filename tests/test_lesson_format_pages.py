"""What the lesson format's fields for a real portfolio show on built pages:
videos watched in class, in-class flip lessons, caption tracks in several
languages, unit subtitles, dates and essential questions, the profile's role,
district and licence address, and which video a question's time is in."""

from __future__ import annotations

import logging
import re

import pytest

from flipfolio.videos.cache import Track, VideoInfo, timing_problems
from flipfolio.videos.urls import parse_video_url

SCRIPT = "assets/flipfolio/flipfolio.js"

STATION_LESSON = """\
    ---
    title: Pushes and pulls
    unit: forces
    flip: in-class
    videos:
      - url: https://youtu.be/abcdefghijk
        title: Forces at home
        duration: 120
        no_captions_reason: No speech.
      - url: https://vimeo.com/76979871
        title: Station video
        duration: 300
        in_class: true
        captions: media/station.en.vtt
    ---

    Forces everywhere.

    ## Before class

    Watch the first video.

    ## In class

    Stations around the room.
    """

STATION_VTT = "WEBVTT\n\n00:00.000 --> 00:03.000\nWelcome to the station.\n"


def minutes_in(text: str) -> int:
    return int(re.search(r"(\d+) min", text).group(1))


def scripts(site, path: str) -> list:
    return [s for s in site.html(path).find_all("script", src=True) if s["src"].endswith(SCRIPT)]


def test_an_in_class_video_is_in_the_in_class_part_and_not_in_the_pre_class_minutes(site_factory):
    site = site_factory({"portfolio/lessons/pushes.md": STATION_LESSON,
                         "portfolio/media/station.en.vtt": STATION_VTT}).build()
    page = site.article("lessons/pushes/index.html")
    pre, inside = page.select_one(".ff-pre-class"), page.select_one(".ff-in-class")
    assert [h.get_text() for h in pre.select(".ff-video__title")] == ["Forces at home"]
    assert [h.get_text() for h in inside.select(".ff-video__title")] == ["Station video"]
    # At the end of the lesson's own "In class" part, under a heading of the part's level + 1.
    html = str(page)
    assert html.index('id="in-class"') < html.index("Stations around the room.") < html.index('class="ff-in-class"')
    assert html.index('class="ff-pre-class"') < html.index('id="in-class"')
    assert inside.h3.get_text() == "Watch in class" and inside.select_one(".ff-video__title").name == "h4"
    # Marked, with its player and transcript; ids unique across both blocks (its place among all videos).
    assert inside.select_one(".ff-video__meta .ff-chip").get_text() == "Watched in class"
    assert inside.select_one(".ff-player__play")["data-ff-site"] == "vimeo"
    assert "Welcome to the station." in inside.select_one(".ff-cues").get_text()
    assert [box["id"] for box in page.select("[data-ff-video]")] == ["ff-video-1", "ff-video-2"]
    assert pre.select_one(".ff-video__meta .ff-chip") is None
    # Not pre-class time: 2 min on the page, in its block, in the index and on the unit page.
    assert minutes_in(page.select_one(".ff-facts").get_text()) == 2
    assert pre.select_one(".ff-meta").get_text() == "1 video, 2 min in all."
    index = site.article("lessons/index.html")
    forces = index.select_one("section[aria-labelledby=unit-forces]")
    assert "1 lesson · 2 min of pre-class video" in forces.get_text(" ", strip=True)
    assert minutes_in(site.article("units/forces/index.html").select_one("p.ff-meta").get_text()) == 2
    # The videos' script once, in the pre-class block.
    found = scripts(site, "lessons/pushes/index.html")
    assert len(found) == 1 and found[0].find_parent(class_="ff-pre-class") is not None


def test_a_lesson_with_only_in_class_videos_gets_an_in_class_part_and_the_script_once(site_factory):
    site = site_factory({
        "portfolio/lessons/pushes.md": """\
            ---
            title: Pushes and pulls
            unit: forces
            flip: in-class
            videos:
              - url: https://vimeo.com/76979871
                title: Station video
                duration: 300
                in_class: true
                captions: media/station.en.vtt
            ---

            Forces everywhere.
            """,
        "portfolio/media/station.en.vtt": STATION_VTT,
    }).build()
    page = site.article("lessons/pushes/index.html")
    assert page.select_one(".ff-pre-class") is None  # nothing to do before class
    inside = page.select_one(".ff-in-class")
    assert inside.h2.get_text() == "In class" and inside.select_one(".ff-video__title").name == "h3"
    assert str(page).index("Forces everywhere.") < str(page).index('class="ff-in-class"')
    assert not [dt for dt in page.select(".ff-facts dt") if dt.get_text() == "Pre-class video"]
    row = site.article("lessons/index.html").select_one("section[aria-labelledby=unit-forces] tbody tr")
    assert row.select("td")[-1].get_text() == "none"
    found = scripts(site, "lessons/pushes/index.html")
    assert len(found) == 1 and found[0].find_parent(class_="ff-in-class") is not None
    # No other lesson page loads it twice; the lessons index loads it to mark lessons with questions done.
    assert len(scripts(site, "lessons/what-is-a-cell/index.html")) == 1
    assert len(scripts(site, "lessons/index.html")) == 1 and site.article("lessons/index.html").select("a[data-ff-of]")
    assert scripts(site, "units/forces/index.html") == []  # no lesson with questions there


def test_an_in_class_flip_is_marked_on_the_lesson_the_index_and_the_unit(site_factory):
    site = site_factory({"portfolio/lessons/pushes.md": STATION_LESSON,
                         "portfolio/media/station.en.vtt": STATION_VTT}).build()
    note = site.article("lessons/pushes/index.html").select_one(".ff-flip")
    assert note["role"] == "note"
    assert note.get_text(" ", strip=True).startswith("In-class flip: students watch the video at a station in class")
    for path in ("lessons/index.html", "units/forces/index.html"):
        rows = {tr.select_one("a").get_text(): tr.select_one("td") for tr in site.article(path).select("tbody tr")}
        assert rows["Pushes and pulls"].select_one(".ff-chip").get_text() == "In-class flip", path
        if "Parts of a cell" in rows:
            assert rows["Parts of a cell"].select_one(".ff-chip") is None
    assert site.article("lessons/cell-parts/index.html").select_one(".ff-flip") is None


TWO_TRACKS = {
    "portfolio/media/clip.mp4": "not a real video: only its address matters here\n",
    "portfolio/media/clip.es.vtt": """\
        WEBVTT

        00:00:00.000 --> 00:00:04.000
        Todos los seres vivos están formados por células.

        00:00:04.000 --> 00:00:09.500
        Miremos una célula de cebolla al microscopio.
        """,
    "portfolio/lessons/cell-parts.md": """\
        ---
        title: Parts of a cell
        unit: cells
        order: 2
        videos:
          - url: media/clip.mp4
            title: Cells in two languages
            duration: 10
            captions:
              - {file: media/cells.en.vtt, language: en}
              - {file: media/clip.es.vtt, language: es, label: Español}
        ---

        Read page 12.
        """,
}


def test_two_caption_tracks_give_two_tracks_and_a_transcript_in_each_language(site_factory):
    site = site_factory(TWO_TRACKS).build()
    box = site.article("lessons/cell-parts/index.html").select_one("[data-ff-video]")
    tracks = box.select("video track")
    assert [(t["srclang"], t["label"], t["src"]) for t in tracks] == [
        ("en", "English", "../../portfolio/media/cells.en.vtt"), ("es", "Español", "../../portfolio/media/clip.es.vtt")]
    assert tracks[0].has_attr("default") and not tracks[1].has_attr("default")
    assert site.exists("portfolio/media/clip.es.vtt")
    # One transcript per language, each in its own box (all readable without the script), with its language.
    transcripts = box.select("details.ff-transcript")
    assert [d["data-ff-lang"] for d in transcripts] == ["en", "es"]
    assert [d.select_one("ol.ff-cues")["lang"] for d in transcripts] == ["en", "es"]
    assert [d.summary.get_text() for d in transcripts] == ["Transcript: English", "Transcript: Español"]
    assert transcripts[1].select_one("summary span")["lang"] == "es"
    assert "Miremos una célula de cebolla" in transcripts[1].get_text()
    assert "onion cell" in transcripts[0].get_text() and "onion cell" not in transcripts[1].get_text()
    assert not any(d.has_attr("hidden") for d in transcripts)
    # The language choice, labelled, is there for the script to show (hidden without it).
    choice = box.select_one(".ff-transcript-lang")
    assert choice.has_attr("hidden") and choice.has_attr("data-search-exclude")
    select = choice.select_one("select")
    assert choice.select_one("label")["for"] == select["id"] == "ff-video-1-lang"
    assert [(o["value"], o["lang"], o.get_text()) for o in select.select("option")] == [
        ("en", "en", "English"), ("es", "es", "Español")]
    assert "captions in English, Español" in box.select_one(".ff-video__meta").get_text()
    # Both transcripts are found by search.
    text = " ".join(d["text"] for d in site.search_index()["docs"] if d["location"].startswith("lessons/cell-parts/"))
    assert "onion cell under the microscope" in text and "Miremos una célula" in text


def test_a_captions_file_without_its_language_may_not_share_the_first_language(site_factory):
    """A file without 'language' is in the profile's first language (English
    here): with the English file it would make two English tracks."""
    from flipfolio.core.model import load

    files = dict(TWO_TRACKS)
    files["portfolio/lessons/cell-parts.md"] = files["portfolio/lessons/cell-parts.md"].replace(
        "{file: media/clip.es.vtt, language: es, label: Español}", "{file: media/clip.es.vtt, label: Español}")
    site = site_factory(files)
    errors = [str(p) for p in load(site.root / "portfolio").problems.errors]
    assert errors == [
        "portfolio/lessons/cell-parts.md:9: field 'videos[0].captions': 'captions' has two files in the language "
        "'en': media/cells.en.vtt and media/clip.es.vtt (media/clip.es.vtt has no 'language', so it is taken to be "
        "in 'en', the profile's first language). Give each file its 'language' (es, fr …)"]


def test_a_single_track_keeps_one_transcript_with_its_language_and_no_choice(site_factory):
    site = site_factory().build()
    box = site.article("lessons/what-is-a-cell/index.html").select_one("[data-ff-video]")
    transcripts = box.select("details.ff-transcript")
    assert len(transcripts) == 1 and transcripts[0].summary.get_text() == "Transcript"
    assert transcripts[0].select_one("ol.ff-cues")["lang"] == "en"
    assert box.select_one(".ff-transcript-lang") is None


def test_an_unreadable_track_leaves_out_only_its_transcript(site_factory, mkdocs_log):
    files = dict(TWO_TRACKS)
    files["portfolio/media/clip.es.vtt"] = "WEBVT\n\n00:00:00.000 --> 00:00:04.000\nTodos los seres vivos.\n"  # (WEBVTT)
    site = site_factory(files)
    site.build(strict=False)
    warnings = [r.getMessage() for r in mkdocs_log.records if r.levelno == logging.WARNING]
    assert any("media/clip.es.vtt cannot be read" in w and "the transcript in Español is left out" in w
               for w in warnings), warnings
    box = site.article("lessons/cell-parts/index.html").select_one("[data-ff-video]")
    assert [d["data-ff-lang"] for d in box.select("details.ff-transcript")] == ["en"]
    assert box.select_one(".ff-transcript-lang") is None


@pytest.mark.parametrize("text, found", [
    ("WEBVTT\n\n00:00.000 --> 00:02.000\nA\n\n01:02:03.500 --> 01:02:04.000 align:start\nB\n", []),
    ("WEBVTT\n\n1:02:03.000 --> 1:02:04.000\nOne digit of hours is fine.\n", []),
    ("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nSRT\n", [(3, "a dot, not a comma, before the milliseconds")]),
    ("WEBVTT\n\n0:01.500 --> 0:02.000\nShort\n", [(3, "two digits up to 59")]),
    ("WEBVTT\n\n00:75.000 --> 01:20.000\nToo many seconds\n", [(3, "two digits up to 59")]),
    ("WEBVTT\n\n00:01.50 --> 00:02.000\nTwo digits of milliseconds\n", [(3, "milliseconds as three")]),
    ("WEBVTT\r\n\r\n00:05.000 --> 00:04.000\r\nBackwards\r\n", [(3, "ends before it starts")]),
    ("WEBVTT\n\nNOTE a note, no cue\n\n00:01.000 --> 00:01.000\nNo time at all\n", [(5, "ends before it starts")]),
])
def test_cue_times_a_browser_does_not_read_are_found_by_line(text, found):
    problems = timing_problems(text)
    assert [line for line, _ in problems] == [line for line, _ in found]
    for (_, what), (_, expected) in zip(problems, found):
        assert expected in what


def test_captions_with_times_no_browser_reads_are_a_warning_naming_the_file_and_line(site_factory, mkdocs_log):
    # A captions file converted from SRT by renaming it: commas before the milliseconds, with or
    # without the WEBVTT line. Browsers show none of those cues; the build says so.
    files = dict(TWO_TRACKS)
    files["portfolio/media/clip.es.vtt"] = ("WEBVTT\n\n1\n00:00:00,000 --> 00:00:04,000\nTodos los seres vivos.\n\n"
                                           "2\n00:00:04,000 --> 00:00:09,500\nestán hechos de células.\n")
    files["portfolio/media/cells.en.vtt"] = "1\n00:00:00,000 --> 00:00:04,000\nAll living things.\n"
    site_factory(files).build(strict=False)
    warnings = [r.getMessage() for r in mkdocs_log.records if r.levelno == logging.WARNING]
    assert any("the captions file media/clip.es.vtt, line 4: '00:00:00,000 --> 00:00:04,000' is not a cue time a "
               "browser reads (write a dot, not a comma, before the milliseconds" in w
               and "(1 more cue in the file has wrong times too)" in w for w in warnings), warnings
    assert any("media/cells.en.vtt cannot be read (it does not start with the line WEBVTT: an SRT file renamed?" in w
               for w in warnings), warnings
    assert not any("cells.en.vtt, line" in w for w in warnings)  # said once, by the file's first problem
    assert not any("has no cues" in w for w in warnings)


def test_the_cues_of_each_track_are_read_when_asked_for_and_let_go(tmp_path):
    (tmp_path / "a.en.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n", encoding="utf-8")
    (tmp_path / "a.es.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHola.\n", encoding="utf-8")
    english, spanish = Track("a.en.vtt", "en", "teacher"), Track("a.es.vtt", "es", "teacher", "Español")
    info = VideoInfo(parse_video_url("https://vimeo.com/1"), "T", captions=[english, spanish], root=tmp_path)
    assert [c.text for c in info.cues] == ["Hello."] and [c.text for c in info.cues_of(spanish)] == ["Hola."]
    assert info.cues_of(spanish) is info.cues_of(spanish)  # kept until let go
    assert [(t.language, [c.text for c in cues]) for t, cues in info.transcripts] == [("en", ["Hello."]),
                                                                                     ("es", ["Hola."])]
    kept = info.cues_of(spanish)
    info.release_cues()
    assert info.cues_of(spanish) is not kept and info.cues_of(spanish) == kept  # read again
    info.unreadable.add("a.es.vtt")
    assert info.cues_of(spanish) == [] and [t.language for t, _ in info.transcripts] == ["en"]


def test_unit_subtitle_dates_and_essential_questions(site_factory):
    site = site_factory({
        "portfolio/units/forces.yml": """\
            title: Forces
            order: 2
            subtitle: Why do things start & stop?
            starts: 2026-01-05
            ends: 2026-02-13
            essential_questions:
              - What makes things speed up?
              - How do forces <b>pair</b> up?
            """,
        "portfolio/units/cells.yml": "title: Cells\norder: 1\nstarts: 2025-09-01\n",
    }).build()
    page = site.article("units/forces/index.html")
    assert page.h1.find_next_sibling().get_text() == "Why do things start & stop?"
    assert "ff-subtitle" in page.h1.find_next_sibling()["class"]
    meta = page.select_one("p.ff-meta")
    assert [(t["datetime"], t.get_text()) for t in meta.find_all("time")] == [
        ("2026-01-05", "5 January 2026"), ("2026-02-13", "13 February 2026")]
    assert meta.get_text(" ", strip=True).startswith("5 January 2026 – 13 February 2026 · 1 lesson")
    assert page.select_one("h2#essential-questions").get_text() == "Essential questions"
    questions = page.select(".ff-essential-questions li")
    assert [li.get_text() for li in questions] == ["What makes things speed up?", "How do forces <b>pair</b> up?"]
    assert questions[1].find("b") is None  # escaped
    # The lessons index shows each unit's subtitle and dates.
    index = site.article("lessons/index.html")
    forces = index.select_one("section[aria-labelledby=unit-forces]")
    assert forces.select_one(".ff-subtitle").get_text() == "Why do things start & stop?"
    assert forces.select_one("p.ff-meta").get_text(" ", strip=True).startswith("5 January 2026 – 13 February 2026 ·")
    cells = index.select_one("section[aria-labelledby=unit-cells]")
    assert cells.select_one(".ff-subtitle") is None
    assert cells.select_one("p.ff-meta").get_text(" ", strip=True).startswith("From 1 September 2025 · 2 lessons")


def test_a_unit_without_the_new_fields_shows_none_of_them(site_factory):
    site = site_factory().build()
    page = site.article("units/cells/index.html")
    assert page.select_one(".ff-subtitle") is None and page.select_one("#essential-questions") is None
    assert page.select_one("p.ff-meta time") is None
    assert page.select_one("p.ff-meta").get_text(" ", strip=True).startswith("2 lessons ·")


HOME = "---\ntemplate: flipfolio/home.html\ntitle: Home\n---\n\n## Welcome\n"


def test_profile_role_district_and_licence_link_on_the_home_page(site_factory):
    site = site_factory({
        "docs/index.md": HOME,
        "portfolio/profile.yml": """\
            name: Sam Teacher
            role: Science teacher & lead
            district: Bayside Unified
            licence: CC BY 4.0
            licence_url: https://creativecommons.org/licenses/by/4.0/
            """,
    }).build()
    page = site.article("index.html")
    assert page.select_one(".ff-role").get_text() == "Science teacher & lead · Bayside Unified"
    link = page.select_one(".ff-licence a")
    assert (link.get_text(), link["href"], link["rel"]) == ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/",
                                                           ["license"])
    # The licence's site is listed on the privacy page, as a link.
    privacy = site.article("privacy/index.html").get_text(" ", strip=True)
    assert "creativecommons.org" in privacy


def test_a_profile_without_them_shows_the_licence_as_text(site_factory):
    site = site_factory({
        "docs/index.md": HOME,
        "portfolio/profile.yml": "name: Sam Teacher\nlicence: CC BY 4.0\n",
    }).build()
    page = site.article("index.html")
    assert page.select_one(".ff-role") is None
    assert page.select_one(".ff-licence").get_text() == "Content licence: CC BY 4.0."
    assert page.select_one(".ff-licence a") is None


def test_a_questions_time_says_which_video_it_is_in(site_factory):
    site = site_factory({
        "portfolio/lessons/what-is-a-cell.md": """\
            ---
            title: What is a cell?
            unit: cells
            questions: cell-check
            videos:
              - {url: https://youtu.be/abcdefghijk, title: First, duration: 60, no_captions_reason: x}
              - {url: https://vimeo.com/1, title: Second, duration: 90, no_captions_reason: x}
            ---
            Cells.
            """,
        "portfolio/questions/cell-check.yml": """\
            title: Cell check
            questions:
              - {prompt: "In the first?", at: 30, answer: a}
              - {prompt: "In the second?", at: "1:05", video: 2, answer: b}
              - {prompt: "Anywhere?", answer: c}
            """,
    }).build()
    page = site.article("lessons/what-is-a-cell/index.html")
    times = [q.select_one(".ff-at") for q in page.select(".ff-question")]
    assert times[0].get_text() == "At 0:30 in video 1:" and times[0].a["href"] == "#ff-video-1"
    assert times[1].get_text() == "At 1:05 in video 2:" and times[1].a["href"] == "#ff-video-2"
    assert times[2] is None
    assert page.select_one("#ff-video-2 .ff-video__title").get_text() == "Second"


def test_with_one_video_a_questions_time_names_no_video(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": "title: Cell check\nquestions:\n"
                                                                "  - {prompt: 'When?', at: 33, answer: a}\n"}).build()
    assert site.article("lessons/what-is-a-cell/index.html").select_one(".ff-at").get_text() == "At 0:33:"
