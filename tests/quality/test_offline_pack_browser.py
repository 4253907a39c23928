"""A unit's offline pack in headless Chromium, as a student uses it: the
example site's ``offline/cells.zip`` (the session's shared build) unzipped
into a temporary folder and opened from disk (``file:`` addresses, no
server). Its pages and links work, a question is answered and the answer is
still there after a reload (localStorage works from disk), the unit page
marks the lesson, the search finds a lesson, the teacher's own clip plays
from the pack, and no page requests anything from any http(s) host, or
anything at all outside the pack's folder. axe-core on its pages."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
import sitecheck

PACK = "offline/cells.zip"


@pytest.fixture(scope="module")
def unpacked(example_site, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("offline-pack")
    with zipfile.ZipFile(example_site / PACK) as pack:
        pack.extractall(folder)
    return folder / "cells"


@pytest.fixture
def open_pack(new_page, unpacked):
    """open_pack(name="index.html", **options) -> a page at file:///…/cells/<name>; every
    request it makes is in `page.requests` (and any to another host in `page.other_requests`)."""

    root = unpacked.as_uri() + "/"

    def route(route):
        # (Before the fixture's own route, which lets only http://127.0.0.1 through.)
        if route.request.url.startswith(root):
            route.continue_()
        else:
            route.fallback()  # recorded in page.other_requests and refused

    def make(name: str = "index.html", **options):
        page = new_page(**options)
        page.requests = []
        page.context.on("request", lambda request: page.requests.append(request.url))
        page.route("**/*", route)
        page.goto((unpacked / name).as_uri())
        page.wait_for_load_state("load")
        return page

    return make


def no_request_left_the_pack(page, unpacked: Path) -> None:
    root = unpacked.as_uri() + "/"
    assert root + "assets/flipfolio/pack.css" in page.requests  # (requests are seen)
    assert page.other_requests == []
    assert not [url for url in page.requests if url.startswith(("http:", "https:", "ws:", "wss:"))]
    assert all(url.startswith((root, "data:", "blob:")) for url in page.requests), page.requests


def test_the_pages_open_from_disk_and_link_to_each_other(open_pack, unpacked):
    page = open_pack()
    assert page.locator("h1").inner_text() == "Cells: The Building Blocks of Life"
    lessons = page.locator("table.ff-lessons a")
    assert lessons.count() == 4
    page.get_by_role("link", name="Cell Theory and Living Things").click()
    page.wait_for_load_state("load")
    assert page.url == (unpacked / "cell-theory.html").as_uri()
    assert page.locator("h1").inner_text() == "Cell Theory and Living Things"
    assert page.locator(".ff-questions[data-ff-ready]").count() == 1  # the script ran
    page.locator("a[rel=next]").click()
    page.wait_for_load_state("load")
    assert page.locator("h1").inner_text() == "Plant and Animal Cells"
    page.locator(".ff-pack-unit a").click()
    page.wait_for_load_state("load")
    assert page.url == (unpacked / "index.html").as_uri()
    no_request_left_the_pack(page, unpacked)


def test_an_answer_is_kept_after_a_reload_and_the_unit_marks_the_lesson(open_pack, unpacked):
    page = open_pack("cell-theory.html")
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-check")
    item = page.locator(".ff-question-choice").first
    item.get_by_label("A cell is the smallest thing that can carry out all the processes of life").click()
    item.get_by_role("button", name="Check").click()
    assert item.locator(".ff-feedback").inner_text().startswith("Right.")
    assert page.locator(".ff-progress").inner_text().startswith("1 of 6 answered")
    stored = page.evaluate("Object.keys(localStorage)")
    assert stored == ["flipfolio:v1:pack:cells/cell-theory.html"]  # (not the folder it was unzipped in)

    page.reload()
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-check")
    assert page.locator(".ff-progress").inner_text().startswith("1 of 6 answered")
    item = page.locator(".ff-question-choice").first
    assert item.locator(".ff-feedback").inner_text().startswith("Right.")
    assert item.get_by_label("A cell is the smallest thing that can carry out all the processes of life").is_checked()

    page.goto((unpacked / "index.html").as_uri())
    page.wait_for_selector("table.ff-lessons .ff-chip--done")
    row = page.locator("table.ff-lessons tr", has=page.get_by_role("link", name="Cell Theory and Living Things"))
    assert row.locator(".ff-chip--done").inner_text() == "1 of 6 answered"
    no_request_left_the_pack(page, unpacked)

    # The pack unzipped again somewhere else (another folder, a USB stick): the answers are still there.
    elsewhere = unpacked.parent.parent / "unzipped again" / "cells"
    if not elsewhere.exists():
        shutil.copytree(unpacked, elsewhere)
    page.route(elsewhere.as_uri() + "/**", lambda route: route.continue_())
    page.goto((elsewhere / "cell-theory.html").as_uri())
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-check")
    assert page.locator(".ff-progress").inner_text().startswith("1 of 6 answered")


def test_the_search_finds_a_lesson_by_its_text_and_its_transcript(open_pack, unpacked):
    page = open_pack("plant-and-animal-cells.html")
    search = page.get_by_role("searchbox", name="Search the lessons")
    assert search.is_visible()
    search.fill("Virchow")  # in the text of "Cell Theory and Living Things"
    results = page.locator("[data-ff-pack-results] a")
    assert results.all_inner_texts() == ["Cell Theory and Living Things"]
    assert page.get_by_role("status").inner_text() == "Lessons that match:"
    search.fill("CÉLULAR tres")  # a Spanish transcript of the teacher's clip, in any case and accents
    assert results.all_inner_texts() == ["Cell Theory and Living Things"]
    search.fill("microscope")
    assert results.first.inner_text() == "Using a Compound Light Microscope"  # a title match comes first
    assert results.count() >= 2
    search.fill("zzzz nothing")
    assert results.count() == 0 and page.get_by_role("status").inner_text() == "No lesson matches these words."
    search.fill("Virchow")
    search.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Cell Theory and Living Things"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == (unpacked / "cell-theory.html").as_uri()
    no_request_left_the_pack(page, unpacked)


def test_the_teachers_clip_plays_from_the_pack_and_other_videos_say_they_need_the_internet(open_pack, unpacked):
    page = open_pack("cell-theory.html")
    clip, story = page.locator("[data-ff-video]").nth(0), page.locator("[data-ff-video]").nth(1)
    duration = clip.locator("video").evaluate(
        "v => new Promise(done => { v.preload = 'metadata';"
        " v.addEventListener('loadedmetadata', () => done(v.duration)); v.load(); })")
    assert duration > 1
    # Its captions, in each of their languages: a page opened from disk may load no captions file.
    tracks = clip.locator("video").evaluate(
        "v => new Promise(done => { [...v.textTracks].forEach(t => { t.mode = 'hidden'; });"
        " setTimeout(() => done([...v.querySelectorAll('track')].map(t => [t.srclang, t.readyState,"
        " t.track.cues ? t.track.cues.length : 0])), 1000); })")
    assert "Download the video" not in clip.inner_text()  # (it is in the pack)
    assert [language for language, _, _ in tracks] == ["en", "es"]
    assert all(state == 2 and cues > 3 for _, state, cues in tracks), tracks  # 2: loaded
    assert story.locator("button, iframe, video").count() == 0
    assert "needs the internet" in story.locator(".ff-offline-note").inner_text()
    transcript = story.locator("details.ff-transcript")
    transcript.locator("summary").click()
    assert transcript.locator(".ff-cues li").count() > 3
    no_request_left_the_pack(page, unpacked)


def test_without_javascript_the_pages_still_read_and_link(open_pack, unpacked):
    page = open_pack("index.html", java_script_enabled=False)
    assert page.locator("form[data-ff-pack-search]").is_hidden()
    page.get_by_role("link", name="From Cells to Body Systems").click()
    page.wait_for_load_state("load")
    assert "Show the answer" in page.locator(".ff-questions").inner_text()
    no_request_left_the_pack(page, unpacked)


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
@pytest.mark.parametrize("name", ["index.html", "cell-theory.html"])
def test_axe_finds_no_violation_in_the_pack(open_pack, unpacked, axe_source, scheme, name):
    page = open_pack(name, scheme=scheme, bypass_csp=True)  # (the pack's pages allow no inline script: axe is one)
    page.add_script_tag(content=axe_source)
    results = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]
    assert violations == []


def test_the_packs_pages_are_valid_html(unpacked, java):
    messages = sitecheck.vnu(java, [unpacked], unpacked)
    assert not messages, "invalid HTML:\n" + "\n".join(map(str, messages[:40]))
