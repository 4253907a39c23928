"""The example portfolio shows the lesson format a real portfolio needs: an
in-class flip lesson with a video watched in class, a video with captions in
two languages, units with a subtitle, dates and essential questions, a
question tied to a lesson's second video, the profile's role, district and
licence address; its minutes of pre-class video add up on every page; and its
question sets use all nine question types, with timed questions on two videos
of one lesson and a Watch-Summarize-Question set.

Read from the example site built once for the quality gates (no browser)."""

from __future__ import annotations

import os
import re
from urllib.parse import urljoin

import pytest

import sitecheck


@pytest.fixture(scope="module")
def pages(example_site):
    if os.environ.get("FLIPFOLIO_QUALITY_CONFIG"):
        pytest.skip("these are the example site's pages")

    def article(address: str):
        return sitecheck.soup(sitecheck.page_file(example_site, address)).select_one("article.md-content__inner")

    lessons = [sitecheck.url_of(example_site, p) for p in sitecheck.html_pages(example_site)
               if re.fullmatch(r"lessons/[^/]+/", sitecheck.url_of(example_site, p))]
    return article, lessons


def address_of(page: str, href: str) -> str:
    """The site-relative address a link of the page at `page` leads to."""
    return urljoin("/" + page, href).lstrip("/")


def minutes_in(text: str) -> int:
    return int(re.search(r"(\d+) min", text).group(1))


def seconds_in(text: str) -> int:
    """A video's length as its header says it ("3:40 long")."""
    parts = [int(p) for p in re.search(r"(\d+(?::\d\d)+) long", text).group(1).split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))


def test_an_in_class_flip_lesson_with_a_video_watched_in_class(pages):
    article, lessons = pages
    flips = [address for address in lessons if article(address).select_one(".ff-flip")]
    assert flips, "no in-class flip lesson in the example"
    found = False
    for address in flips:
        page = article(address)
        videos = page.select(".ff-in-class [data-ff-video]")
        if not videos:
            continue
        found = True
        assert all(v.select_one(".ff-video__meta .ff-chip").get_text() == "Watched in class" for v in videos)
        assert not page.select(".ff-pre-class .ff-chip--in-class")
        title = page.h1.get_text()
        unit = page.select_one("nav.ff-crumbs a[href*='units/']")["href"]
        for listing in ("lessons/", address_of(address, unit)):
            row = next(tr for tr in article(listing).select("tbody tr") if tr.select_one("a").get_text() == title)
            assert row.select_one(".ff-chip").get_text() == "In-class flip", listing
    assert found, "no in-class flip lesson of the example has a video watched in class"


def test_a_video_with_captions_in_two_languages(pages):
    article, lessons = pages
    for address in lessons:
        for box in article(address).select("[data-ff-video]"):
            languages = [t["srclang"] for t in box.select("video track")]
            transcripts = [ol["lang"] for ol in box.select(".ff-transcript ol.ff-cues")]
            if len(set(languages)) >= 2:
                assert "es" in languages and transcripts == languages, address
                assert box.select_one("video track[srclang=es]")["label"] == "Español"
                assert box.select_one(".ff-transcript-lang select")
                return
    pytest.fail("no video of the example has captions in two languages")


def test_units_with_a_subtitle_dates_and_essential_questions(pages):
    article, _ = pages
    index = article("lessons/")
    units = [a["href"] for a in index.select("section.ff-unit h2 a")]
    shown = 0
    for section, href in zip(index.select("section.ff-unit"), units):
        page = article(address_of("lessons/", href))
        if page.select_one(".ff-subtitle") and page.select("p.ff-meta time") and page.select(".ff-essential-questions li"):
            shown += 1
            assert section.select_one(".ff-subtitle").get_text() == page.select_one(".ff-subtitle").get_text()
            assert len(section.select("p.ff-meta time")) == 2
    assert shown >= 1, "no unit of the example has a subtitle, dates and essential questions"


def test_a_question_tied_to_the_second_video(pages):
    article, lessons = pages
    for address in lessons:
        page = article(address)
        for at in page.select(".ff-at"):
            link = at.select_one("a[href='#ff-video-2']")
            if link is None:
                continue
            assert link.get_text() == "video 2"
            minutes, seconds = map(int, re.search(r"At (\d+):(\d\d)", at.get_text()).groups())
            video = page.select_one("#ff-video-2")
            assert 60 * minutes + seconds <= seconds_in(video.select_one(".ff-video__meta").get_text())
            return
    pytest.fail("no question of the example is tied to a lesson's second video")


def test_the_profile_shows_role_district_and_licence_link(pages):
    article, _ = pages
    home = article("")
    assert " · " in home.select_one(".ff-role").get_text()
    assert home.select_one(".ff-licence a[rel=license]")["href"].startswith("https://")


def test_the_minutes_add_up_on_lesson_unit_and_index_pages(pages):
    article, _ = pages
    index = article("lessons/")
    total = minutes_in(index.select_one("h1 + p.ff-meta").get_text())
    units = 0
    for section in index.select("section.ff-unit"):
        unit = minutes_in(section.select_one("p.ff-meta").get_text())
        rows = section.select("tbody tr")
        assert sum(minutes_in(tr.select("td")[-1].get_text()) if "min" in tr.select("td")[-1].get_text() else 0
                   for tr in rows) == unit
        href = section.select_one("h2 a")["href"]
        assert minutes_in(article(address_of("lessons/", href)).select_one("p.ff-meta").get_text()) == unit
        for tr in rows:
            lesson = article(address_of("lessons/", tr.select_one("a")["href"]))
            facts = [d for d in lesson.select(".ff-facts > div") if d.dt.get_text() == "Pre-class video"]
            cell = tr.select("td")[-1].get_text()
            assert (minutes_in(facts[0].dd.get_text()) if facts else "none") == (minutes_in(cell) if facts else cell)
        units += unit
    assert units == total


def test_the_questions_use_every_type_timed_questions_on_two_videos_and_a_wsq_set(pages):
    from flipfolio.core.model import load
    from typing import get_args

    from flipfolio.questions.format import QuestionType

    TYPES = get_args(QuestionType)

    portfolio = load(sitecheck.REPO / "portfolio")
    assert portfolio.problems.errors == []
    used = {name: portfolio.question_sets[lesson.questions]
            for name, lesson in portfolio.lessons.items() if lesson.questions}
    assert {q.type for qset in used.values() for q in qset.questions} == set(TYPES) and len(TYPES) == 9

    timed = {name: {q.video or 1 for q in qset.questions if q.at is not None} for name, qset in used.items()}
    two = [name for name, videos in timed.items() if len(videos) >= 2]
    assert two, "no lesson of the example has timed questions on two of its videos"
    article, _ = pages
    for name in two:  # each time is shown "At m:ss in video n", linked to that video of the page
        assert max(timed[name]) <= len(portfolio.lessons[name].videos)
        page = article(f"lessons/{name}/")
        linked = {a["href"] for a in page.select(".ff-at a")}
        assert linked == {f"#ff-video-{n}" for n in timed[name]}, name
        assert all(page.select_one(href) for href in linked), name

    wsq = [name for name, qset in used.items() if any(q.type == "wsq" for q in qset.questions)]
    assert wsq, "no published lesson of the example has a Watch-Summarize-Question set"
    assert all(q.summary_prompt and q.question_prompt and q.sentence_starters
               for name in wsq for q in used[name].questions if q.type == "wsq")
