"""Printing (delivery/printing.py): the `stations:` of a lesson and their
errors, the public address each QR code carries, and the print views of a
tiny real site: a notes sheet per published lesson, a booklet per unit,
station cards; drafts never get one (not even while previewing), and nothing
of theirs reaches any print view. (In the browser, as PDF: tests/quality/test_print.py.)"""

from __future__ import annotations

import re
import textwrap
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from markupsafe import escape
from sites import BASE, MKDOCS_YML, Site, qr_text

from flipfolio.core.model import load
from flipfolio.core.outputs import Layout, outputs
from flipfolio.delivery import printing
from flipfolio.videos.urls import parse_video_url

LESSON = "---\ntitle: Pushes\nunit: forces\n{}---\nBody\n"
VIDEO = "videos:\n  - url: https://vimeo.com/1\n    title: T\n    duration: 60\n    no_captions_reason: No speech.\n"


def problems_of(tmp_path, front_matter: str) -> list[str]:
    Site(tmp_path).write({**BASE, "portfolio/lessons/pushes.md": LESSON.format(front_matter)})
    return [str(p) for p in load(tmp_path / "portfolio").problems]


# -- the format: stations ----------------------------------------------------------

STATION_CASES = [
    ("no minutes", "stations:\n  - title: Lab\n    task: Measure.\n",
     ["portfolio/lessons/pushes.md:5: field 'stations[0].minutes': this field is required. Add it: how long groups "
      "spend at the station, in minutes."]),
    ("zero minutes", "stations:\n  - title: Lab\n    task: Measure.\n    minutes: 0\n",
     ["portfolio/lessons/pushes.md:7: field 'stations[0].minutes': expected a whole number from 1 to 240, found 0"]),
    ("minutes in words", "stations:\n  - title: Lab\n    task: Measure.\n    minutes: ten\n",
     ["portfolio/lessons/pushes.md:7: field 'stations[0].minutes': expected a whole number, found 'ten'"]),
    ("an empty title", "stations:\n  - title: ''\n    task: Measure.\n    minutes: 5\n",
     ["portfolio/lessons/pushes.md:5: field 'stations[0].title': expected some text, found ''"]),
    ("no task, second station", "stations:\n  - {title: A, task: B, minutes: 5}\n  - title: Lab\n    minutes: 5\n",
     ["portfolio/lessons/pushes.md:6: field 'stations[1].task': this field is required. Add it: what students do at "
      "the station, in a few sentences (plain text; a blank line starts a new paragraph)."]),
    ("a misspelt field", "stations:\n  - title: Lab\n    task: Measure.\n    minutes: 5\n    vidoe: 1\n",
     ["portfolio/lessons/pushes.md:8: field 'stations[0].vidoe': unknown field; remove it or check its spelling. "
      "Did you mean 'video'?"]),
    ("a station that is not fields", "stations:\n  - Lab\n",
     ["portfolio/lessons/pushes.md:5: field 'stations[0]': expected fields (name: value), one per line, found 'Lab'"]),
    ("a video the lesson does not have", VIDEO + "stations:\n  - {title: Lab, task: Watch., minutes: 5, video: 2}\n",
     ["portfolio/lessons/pushes.md:10: field 'stations[0].video': the lesson has 1 video; 'video' names the one "
      "watched at the station, from 1 to 1, found 2"]),
    ("a video, and the lesson has none", "stations:\n  - title: Lab\n    task: Watch.\n    minutes: 5\n    video: 1\n",
     ["portfolio/lessons/pushes.md:8: field 'stations[0].video': the lesson has no videos; 'video' names the one "
      "watched at the station: add it to 'videos' first, found 1"]),
    ("video zero", VIDEO + "stations:\n  - {title: Lab, task: Watch., minutes: 5, video: 0}\n",
     ["portfolio/lessons/pushes.md:10: field 'stations[0].video': expected a whole number from 1 to 100, found 0"]),
]


@pytest.mark.parametrize("case, front_matter, expected", STATION_CASES, ids=[c[0] for c in STATION_CASES])
def test_stations_errors_name_the_file_line_and_field(tmp_path, case, front_matter, expected):
    found = problems_of(tmp_path, front_matter)
    for message in expected:
        assert message in found, "\n".join(found)


def test_stations_are_read_with_their_video(tmp_path):
    assert problems_of(tmp_path, VIDEO + "stations:\n  - {title: Lab, task: Watch., minutes: 5, video: 1}\n"
                       "  - {title: Graph, task: Plot it., minutes: 10}\n") == []
    lesson = load(tmp_path / "portfolio").lessons["pushes"]
    assert [(s.title, s.minutes, s.video) for s in lesson.stations] == [("Lab", 5, 1), ("Graph", 10, None)]
    assert printing.station_video(None, lesson, lesson.stations[0]) is lesson.videos[0]
    assert printing.station_video(None, lesson, lesson.stations[1]) is None


# -- the address a QR code carries --------------------------------------------------

@pytest.mark.parametrize("url, start, site_url, expected", [
    ("https://youtu.be/abcdefghijk?t=30", None, "", "https://www.youtube.com/watch?v=abcdefghijk&t=30s"),
    ("https://www.youtube.com/embed/abcdefghijk", None, "", "https://www.youtube.com/watch?v=abcdefghijk"),
    ("https://www.youtube.com/watch?v=abcdefghijk&list=x", 75, "", "https://www.youtube.com/watch?v=abcdefghijk&t=75s"),
    ("https://vimeo.com/76979871", None, "", "https://vimeo.com/76979871"),
    ("https://player.vimeo.com/video/76979871?h=0123abcd", 12, "", "https://vimeo.com/76979871/0123abcd#t=12s"),
    ("media/videos/my clip.mp4", None, "https://t.example/site/",
     "https://t.example/site/portfolio/media/videos/my%20clip.mp4"),
    ("media/videos/clip.mp4", None, "", ""),  # no site address: no QR code
    ("https://media.example.org/clip.webm", None, "", "https://media.example.org/clip.webm"),
])
def test_the_qr_code_carries_the_videos_public_address(url, start, site_url, expected):
    source = parse_video_url(url)
    info = SimpleNamespace(start=start if start is not None else source.start)
    video = SimpleNamespace(source=source, info=info, start=start)
    assert printing.watch_address(None, video, site_url) == expected


def test_qr_codes_are_svg_data_addresses_made_at_build_time():
    uri = printing.qr(None, "https://vimeo.com/76979871")
    assert uri.startswith("data:image/svg+xml") and "viewBox" in uri and not re.search(r'[\s"<>]', uri)
    assert str(escape(uri)) == uri  # nothing HTML escapes: a page holds the address as it is
    assert printing.qr(None, "https://vimeo.com/76979871") == uri  # the same every build


def test_a_data_address_is_percent_encoded_as_urllib_encodes_it():
    from urllib.parse import quote

    from flipfolio.core import qrcode

    every = "".join(map(chr, range(128)))
    assert every.translate(qrcode._PERCENT) == quote(every, safe=qrcode._SAFE)
    for text in ("https://vimeo.com/76979871", "https://t.example/?a=1&b='2'"):
        assert qrcode.data_address(text) == "data:image/svg+xml," + quote(qrcode.svg(text), safe="/:=,.-")


@pytest.mark.parametrize("text", [
    "https://vimeo.com/76979871",
    "https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=75s",
    "https://t.example/media/videos/week%201/clip.mp4#t=12",
    "https://t.example/" + "lessons/a-much-longer-address-for-a-larger-code/" * 4,
])
def test_each_qr_code_reads_back_as_its_address(text):
    from urllib.parse import unquote

    assert qr_text(unquote(printing.qr(None, text).removeprefix("data:image/svg+xml,"))) == [text]


@pytest.mark.parametrize("page_url, folder, expected", [
    ("lessons/cells/", "print", "lessons/cells/print/"),
    ("lessons/cells.html", "stations", "lessons/cells/stations/index.html"),
    ("units/cells/", "print", "units/cells/print/"),
])
def test_print_view_addresses_follow_the_sites_style(page_url, folder, expected):
    assert printing.address(page_url, folder) == expected


# -- a tiny real site ---------------------------------------------------------------

STATIONS = """\
        stations:
          - title: Video corner
            task: |-
              Watch the video with headphones.

              Then sketch an onion cell.
            minutes: 12
            video: 1
          - title: "Microscope <b>lab</b>"
            task: Focus on the cheek cells & draw them.
            minutes: 15
"""
SECRET = "Secret station of the draft"
SITE_FILES = {
    "mkdocs.yml": MKDOCS_YML.replace("site_name: Test portfolio\n",
                                     "site_name: Test portfolio\nsite_url: https://t.example/\n"),
    "portfolio/lessons/what-is-a-cell.md": BASE["portfolio/lessons/what-is-a-cell.md"].replace(
        "questions: cell-check\n", "questions: cell-check\n" + STATIONS),
    "portfolio/lessons/secret-draft.md": """\
        ---
        title: Unfinished draft lesson
        unit: forces
        status: draft
        videos:
          - url: https://youtu.be/zyxwvutsrqp
            title: Draft video
            duration: 60
            no_captions_reason: No speech.
        questions: draft-set
        stations:
          - title: Secret station of the draft
            task: Nobody should see this.
            minutes: 5
            video: 1
        ---

        Not ready.
        """,
    "portfolio/questions/draft-set.yml": "title: Draft set\nquestions:\n  - prompt: A question only the draft asks?\n"
                                         "    answer: nothing\n",
    "portfolio/questions/cell-check.yml": """\
        title: Cell check
        questions:
          - prompt: What do all living things have?
            choices:
              - {text: Cells, correct: true}
              - {text: Wheels}
          - prompt: Name the cell's control centre.
            answers: [nucleus]
          - prompt: Watch, summarize, ask.
            type: wsq
            summary_prompt: Summarize what a cell is.
            question_prompt: What would you ask a cell biologist?
            sentence_starters: [I learned that…]
        """,
}
DRAFT_WORDS = ("Unfinished draft lesson", "secret-draft", SECRET, "Nobody should see this", "zyxwvutsrqp",
               "A question only the draft asks", "Draft set")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("printing") / "site-src"
    return Site(root).write({**BASE, **SITE_FILES}).build()


def doc(site, path) -> BeautifulSoup:
    return BeautifulSoup(site.text(path), "html.parser")


def words(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def test_every_published_lesson_has_a_notes_sheet_and_each_unit_a_booklet(site):
    for lesson in ("what-is-a-cell", "cell-parts", "pushes"):
        assert site.exists(f"lessons/{lesson}/print/index.html"), lesson
    assert site.exists("units/cells/print/index.html") and site.exists("units/forces/print/index.html")
    assert site.exists("lessons/what-is-a-cell/stations/index.html")
    assert not site.exists("lessons/cell-parts/stations/index.html")  # no stations, no cards
    assert site.exists("assets/flipfolio/print.css")


def test_the_notes_sheet_is_watch_summarize_question(site):
    page = doc(site, "lessons/what-is-a-cell/print/index.html")
    sheet = page.select_one("article.ff-sheet")
    assert [words(h) for h in sheet.select("h2")] == ["1. Watch", "2. Summarize", "3. Question",
                                                      "Transcript: Cells up close"]
    assert words(sheet.select_one("h1")) == "What is a cell?"
    video = sheet.select_one(".ff-sheet__video")
    assert words(video.select_one("h3")) == "Cells up close"
    assert "4:00 long" in words(video)  # 4:30 from 0:30
    assert words(video.select_one(".ff-address")) == "https://www.youtube.com/watch?v=abcdefghijk&t=30s"
    assert video.select_one("img.ff-qr")["src"].startswith("data:image/svg+xml")
    assert video.select_one("img.ff-qr")["alt"]
    prompts = [words(li.p) for li in sheet.select(".ff-sheet__questions > li")]
    assert prompts == ["What do all living things have?", "Name the cell's control centre."]  # the WSQ one is below
    assert "Summarize what a cell is." in words(sheet) and "What would you ask a cell biologist?" in words(sheet)
    assert "I learned that…" in words(sheet)
    # A student without a screen reads the video instead: its transcript, each paragraph with its time.
    assert "Read the video's transcript at the end of this sheet." in words(sheet.select_one(".ff-sheet__videos").find_previous("p"))
    transcript = sheet.select_one(".ff-sheet__transcript")
    assert transcript.select_one("[lang]")["lang"] == "en"
    assert [words(p) for p in transcript.select("p")] == [
        "0:00 All living things are made of cells. Let's look at an onion cell under the microscope."]
    assert words(sheet.select_one(".ff-sheet__bring")) == "Bring this sheet to class."
    text = site.text("lessons/what-is-a-cell/print/index.html")
    assert "nucleus" not in text  # no answers on the sheet
    assert not page.select("script") and not page.select("nav")
    assert "default-src 'none'" in page.select_one("meta[http-equiv=Content-Security-Policy]")["content"]
    assert page.select_one("link[rel=stylesheet]")["href"] == "../../../assets/flipfolio/print.css"
    assert page.select_one(".ff-print-bar a")["href"] == "../"  # the lesson page


@pytest.mark.parametrize("cues, expected", [
    ([], []),
    ([(0, "One."), (4, "Two."), (29.9, "Three.")], [(0, "One. Two. Three.")]),
    ([(0, "One."), (30, "Two."), (31, "Three."), (75, "Four.")], [(0, "One."), (30, "Two. Three."), (75, "Four.")]),
    ([(2, "  Spaced\n out  "), (3, " "), (40, "<b>kept as text</b>")], [(2, "Spaced out"), (40, "<b>kept as text</b>")]),
])
def test_a_printed_transcript_is_paragraphs_of_half_a_minute_with_their_time(cues, expected):
    from flipfolio.delivery.printing import transcript_paragraphs
    from flipfolio.videos.cache import Cue

    assert transcript_paragraphs(None, [Cue(start, start + 1, text) for start, text in cues]) == expected


def test_station_cards_have_task_time_and_qr_and_escape_the_teachers_text(site):
    page = doc(site, "lessons/what-is-a-cell/stations/index.html")
    cards = page.select("article.ff-card")
    assert [words(c.h2) for c in cards] == ["Video corner", "Microscope <b>lab</b>"]
    assert "<b>lab</b>" not in site.text("lessons/what-is-a-cell/stations/index.html")  # escaped, not markup
    assert [words(c.select_one(".ff-card__time")) for c in cards] == ["12 minutes", "15 minutes"]
    assert [words(p) for p in cards[0].select(".ff-card__task p")] == ["Watch the video with headphones.",
                                                                       "Then sketch an onion cell."]
    assert "https://www.youtube.com/watch?v=abcdefghijk&t=30s" in words(cards[0].figure)
    assert "https://t.example/lessons/what-is-a-cell/" in words(cards[1].figure)  # no video: the lesson page
    assert all(c.select_one("img.ff-qr")["alt"] for c in cards)


def test_the_lesson_and_unit_pages_link_their_print_views(site):
    links = site.article("lessons/what-is-a-cell/index.html").select_one(".ff-print-links")
    assert links.has_attr("data-search-exclude")
    assert [a["href"] for a in links.select("a")] == ["print/", "stations/"]
    assert [a["href"] for a in site.article("lessons/cell-parts/index.html").select(".ff-print-links a")] == ["print/"]
    assert [a["href"] for a in site.article("units/cells/index.html").select(".ff-print-links a")] == ["print/"]
    # The family page says what a sheet holds and links each unit's booklet, in the units' order.
    family = site.article("family/index.html")
    assert [(words(a), a["href"]) for a in family.select(".ff-booklet-links a")] == [
        ("Cells", "../units/cells/print/"), ("Forces", "../units/forces/print/")]
    assert "what the videos say" in words(family.select_one(".ff-booklet-links").parent)
    # The lesson page prints its own QR codes (hidden on screen).
    qr = site.article("lessons/what-is-a-cell/index.html").select_one(".ff-print-only.ff-print-qr")
    assert words(qr) == "https://www.youtube.com/watch?v=abcdefghijk&t=30s" and qr.img["alt"]


def test_the_booklet_holds_the_units_published_lessons_in_order(site):
    page = doc(site, "units/cells/print/index.html")
    assert [words(a) for a in page.select(".ff-contents a")] == ["What is a cell?", "Parts of a cell"]
    assert [s["id"] for s in page.select("article.ff-sheet")] == ["sheet-what-is-a-cell", "sheet-cell-parts"]
    assert [words(h) for h in page.select("article.ff-sheet h2")] == ["What is a cell?", "Parts of a cell"]
    forces = doc(site, "units/forces/print/index.html")
    assert [s["id"] for s in forces.select("article.ff-sheet")] == ["sheet-pushes"]


def test_drafts_never_get_a_print_view_and_reach_none(site):
    assert not site.exists("lessons/secret-draft/print/index.html")
    assert not site.exists("lessons/secret-draft/stations/index.html")
    printed = [p for p in site.out.rglob("index.html") if p.parent.name in ("print", "stations")]
    assert len(printed) == 6
    for path in printed:
        text = path.read_text(encoding="utf-8")
        for word in DRAFT_WORDS:
            assert word not in text, (path, word)
    for word in DRAFT_WORDS:
        assert word not in site.all_text(), word
    sitemap = site.text("sitemap.xml")
    assert "/print/" not in sitemap and "/stations/" not in sitemap
    assert "/print/" not in site.text("search/search_index.json")


def test_while_previewing_drafts_still_get_no_print_view(tmp_path):
    Site(tmp_path).write({**BASE, **SITE_FILES})
    portfolio = load(tmp_path / "portfolio", include_drafts=True)
    assert "secret-draft" in portfolio.lessons  # the preview shows the draft's page…
    paths = [spec.path for spec in outputs(portfolio, Layout.default())]
    printed = [p for p in paths if "/print/" in p or "/stations/" in p]
    assert not [p for p in printed if "secret-draft" in p]  # …but never a print view of it
    assert "units/forces/print/index.html" in paths
    booklet = next(s for s in outputs(portfolio, Layout.default()) if s.path == "units/forces/print/index.html")
    assert [lesson.id for lesson in booklet.made_from if getattr(lesson, "kind", "") == "lessons"] == ["pushes"]
    assert printing.print_sheet(portfolio, portfolio.lessons["secret-draft"], "lessons/secret-draft/") is None
    assert printing.station_cards(portfolio, portfolio.lessons["secret-draft"], "lessons/secret-draft/") is None


def test_a_unit_with_only_drafts_has_no_booklet(tmp_path):
    files = {**BASE, "portfolio/lessons/pushes.md": None}
    Site(tmp_path).write(files)
    portfolio = load(tmp_path / "portfolio")
    paths = [spec.path for spec in outputs(portfolio, Layout.default())]
    assert "units/cells/print/index.html" in paths and "units/forces/print/index.html" not in paths
    assert printing.print_sheet(portfolio, portfolio.units["forces"], "units/forces/") is None


def test_without_a_site_address_a_hosted_video_has_no_qr_code(tmp_path):
    files = {**BASE, "mkdocs.yml": MKDOCS_YML, "portfolio/lessons/pushes.md": textwrap.dedent("""\
        ---
        title: Pushes and pulls
        unit: forces
        videos:
          - url: media/videos/push.mp4
            title: Push it
            duration: 30
            no_captions_reason: No speech.
        stations:
          - {title: Watch, task: Watch the clip., minutes: 5, video: 1}
        ---
        """), "portfolio/media/videos/push.mp4": "not really a video"}
    site = Site(tmp_path).write(files).build()
    sheet = doc(site, "lessons/pushes/print/index.html").select_one(".ff-sheet__video")
    assert sheet.select_one("img") is None and words(sheet.select_one(".ff-address")) == "On the lesson's page."
    card = doc(site, "lessons/pushes/stations/index.html").select_one(".ff-card")
    assert card.select_one("figure") is None and re.search(r"5 minutes", words(card))
