"""Printing, in headless Chromium: a lesson page printed as it is (Ctrl+P), a
lesson's notes sheet, a unit's booklet and station cards, each rendered to PDF
with the print media (Playwright's page.pdf) and read back: its text
(pdftotext) has the questions and no navigation, player or answers; a picture
of each page (pdftoppm) has QR codes that zxing-cpp decodes to the videos'
public addresses. The picture of each first page is kept under
test-results/print/. axe-core finds no WCAG 2.1 A/AA violation on the print
views, on screen and in the print media. (The example site is the session's
shared build; its site_url is https://flipfolio.example.org/.)"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import sitecheck

OUT = sitecheck.REPO / "test-results" / "print"
SITE = "https://flipfolio.example.org/"
LESSON = "lessons/energy-pyramids/"  # a YouTube video from 0:42, timed questions
LESSON_VIDEO = "https://www.youtube.com/watch?v=Tq4nX8bWd2k&t=42s"  # youtu.be/Tq4nX8bWd2k?t=42
LESSON_QUESTIONS = ("About what percentage of the energy at one level of an energy pyramid is stored",
                    "Where does most of the energy that is not passed on go?",
                    "It is used for life processes and released as heat.")
STATIONS = "lessons/mass-and-acceleration/stations/"  # the in-class flip, with its video station
STATION_VIDEO = "https://vimeo.com/853301846"
#: Words of the site's navigation and of the page's screen-only parts, which no printed page shows.
NOT_PRINTED = ("Make your own portfolio", "Quality and privacy", "This week", "Skip to content", "Lessons ›",
               "Pressing play loads", "Show the answer", "Transcript", "To print:", "Back to the lesson",
               "Print command")


def _missing(what: str, hint: str):
    message = f"{what} is missing ({hint}); scripts/test installs it when run as root"
    if sitecheck.CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def zxing():
    try:
        import zxingcpp
        from PIL import Image
    except ImportError:
        _missing("zxing-cpp or Pillow", "pip install -e .[test]")
    for tool in ("pdftoppm", "pdftotext"):
        if not shutil.which(tool):
            _missing(tool, "apt-get install poppler-utils")
    return lambda png: [found.text for found in zxingcpp.read_barcodes(Image.open(png))]


def printed(page, name: str, tmp_path: Path, decode) -> tuple[list[str], list[list[str]]]:
    """The page in the print media as PDF: the text of each page, and the QR
    codes found on each page's picture. The first page's picture is kept."""
    page.emulate_media(media="print")
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="Letter")
    assert pdf.read_bytes().startswith(b"%PDF-")
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / name)], check=True)
    pictures = sorted(tmp_path.glob(f"{name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    assert pictures, "pdftoppm made no picture"
    OUT.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pictures[0], OUT / f"{name}.png")
    texts = []
    for number in range(1, len(pictures) + 1):
        out = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                             capture_output=True, text=True, check=True).stdout
        texts.append(" ".join(out.split()))
    return texts, [decode(p) for p in pictures]


def open_page(new_page, base: str, address: str, **options):
    page = new_page("light", "desktop", **options)
    page.goto(base + address)
    sitecheck.wait_until_settled(page)
    return page


def no_navigation(text: str, allowed: tuple[str, ...] = ()) -> None:
    for words in NOT_PRINTED:
        assert words in allowed or words not in text, f"{words!r} is printed"


def test_a_lesson_page_prints_as_a_clean_sheet(example_url, new_page, zxing, tmp_path):
    page = open_page(new_page, example_url, LESSON)
    assert page.locator(".ff-print-qr").is_hidden()  # on screen, no QR code
    texts, codes = printed(page, "lesson-page", tmp_path, zxing)
    text = " ".join(texts)
    assert "Energy Pyramids and the 10 Percent Rule" in texts[0]
    for question in LESSON_QUESTIONS:
        assert question in text
    assert LESSON_VIDEO in [code for found in codes for code in found]
    no_navigation(text)
    assert page.other_requests == []


def test_a_lesson_page_with_a_video_file_prints_no_player(example_url, new_page):
    """A video the browser plays itself (a <video>, not a button until played) prints no black box either."""
    page = open_page(new_page, example_url, "lessons/cell-theory/")  # its first video is a file of the portfolio
    page.emulate_media(media="print")
    assert page.locator("video.ff-player__media").count() and not page.locator("video.ff-player__media").first.is_visible()
    assert not page.locator(".ff-player").first.is_visible()


def test_a_lessons_notes_sheet_prints_watch_summarize_question(example_url, new_page, zxing, tmp_path):
    page = open_page(new_page, example_url, LESSON + "print/")
    assert page.locator("script").count() == 0
    texts, codes = printed(page, "notes-sheet", tmp_path, zxing)
    text = " ".join(texts)
    assert texts[0].startswith("Ecosystems") and "Energy Pyramids and the 10 Percent Rule" in texts[0]
    assert codes[0] == [LESSON_VIDEO]  # beside the video, on the first page
    for question in LESSON_QUESTIONS:
        assert question in text
    assert text.index("1. Watch") < text.index(LESSON_QUESTIONS[0]) < text.index("2. Summarize") < text.index(
        "3. Question")
    assert "Only about 10% is stored" not in text  # no answers
    # After them, what to do with the sheet, and what the video says for a student who cannot watch it.
    assert text.index("3. Question") < text.index("Bring this sheet to class.") < text.index("Transcript: ")
    assert "Read the video's transcript at the end of this sheet." in texts[0]
    no_navigation(text, allowed=("Transcript",))  # (the sheet's transcript, not the page's screen one)
    assert page.other_requests == []


def test_no_page_of_a_notes_sheet_ends_on_a_heading(example_url, new_page, zxing, tmp_path):
    """A heading stays with what follows it (the questions of "Speed check" were on the next page)."""
    page = open_page(new_page, example_url, "lessons/speed-distance-time/print/")
    headings = [" ".join(h.split()) for h in page.eval_on_selector_all(
        ".ff-sheet :is(h2, h3, h4, h5)", "hs => hs.map(h => h.textContent)")]
    texts, _ = printed(page, "notes-sheet-long", tmp_path, zxing)
    assert len(texts) > 1  # (long enough to break)
    for number, text in enumerate(texts[:-1], 1):
        assert not any(text.endswith(heading) for heading in headings), (number, text[-80:])
    # "Question" whole on one page: its heading, prompt and box (its box alone was on a page of its own).
    assert all(text.strip() for text in texts), texts


def test_station_cards_print_one_card_per_station(example_url, new_page, zxing, tmp_path):
    page = open_page(new_page, example_url, STATIONS)
    texts, codes = printed(page, "station-cards", tmp_path, zxing)
    text = " ".join(texts)
    for n, title in enumerate(("The video", "Cart runs", "Make sense of it"), start=1):
        assert f"Station {n} of 3 · Mass, Force and Acceleration {title} 15 minutes" in text
    assert "Watch the station video with headphones" in texts[0]
    assert "Hang a 50 g mass from the string over the pulley" in text
    assert codes[0][0] == STATION_VIDEO  # the video station's card comes first, its code to the video
    lesson_page = SITE + "lessons/mass-and-acceleration/"
    assert sorted(code for found in codes for code in found) == sorted([STATION_VIDEO, lesson_page, lesson_page])
    no_navigation(text)


def test_a_unit_prints_as_one_booklet_a_lesson_to_a_page(example_url, new_page, zxing, tmp_path):
    page = open_page(new_page, example_url, "units/forces-and-motion/print/")
    lessons = page.locator("article.ff-sheet h2").all_inner_texts()
    assert lessons == ["Speed, Distance and Time", "Balanced and Unbalanced Forces",
                       "Action and Reaction: Newton's Third Law", "Mass, Force and Acceleration"]
    texts, codes = printed(page, "unit-booklet", tmp_path, zxing)
    assert texts[0].startswith("Notes booklet Forces and Motion")
    starts = [next(i for i, t in enumerate(texts) if t.startswith(f"Forces and Motion {title}")
                   or t.startswith(f"Forces and Motion · In-class flip {title}")) for title in lessons]
    assert starts == sorted(starts) and starts[0] == 1  # each lesson on a page of its own, after the contents
    found = {code for page_codes in codes for code in page_codes}
    # a video file of the portfolio, at its address on the site; YouTube and Vimeo at their watch pages
    assert {SITE + "portfolio/media/videos/speed-formula.mp4", STATION_VIDEO} <= found
    assert all(code.startswith(("https://www.youtube.com/watch?v=", "https://vimeo.com/", SITE)) for code in found)
    no_navigation(" ".join(texts), allowed=("Transcript",))


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
def test_axe_finds_no_violation_on_the_print_views(example_url, new_page, axe_source, scheme):
    results = []
    for address in (LESSON + "print/", STATIONS, "units/forces-and-motion/print/"):
        page = new_page(scheme, "desktop")
        page.goto(example_url + address)
        sitecheck.wait_until_settled(page)
        results.append(sitecheck.run_axe(page, axe_source, f"{address} ({scheme})"))
        page.emulate_media(media="print")
        results.append(sitecheck.run_axe(page, axe_source, f"{address} printed ({scheme})"))
        assert page.other_requests == []
    lines = [line for result in results for line in result.lines()]
    assert not lines, "axe-core found WCAG 2.1 A/AA violations:\n" + "\n".join(lines)


def test_the_print_views_keep_out_of_navigation_search_and_sitemap(example_site):
    sitemap = (example_site / "sitemap.xml").read_text(encoding="utf-8")
    index = (example_site / "search" / "search_index.json").read_text(encoding="utf-8")
    for address in (LESSON + "print/", STATIONS, "units/forces-and-motion/print/"):
        assert (example_site / address / "index.html").is_file()
        assert address not in sitemap and address not in index
    lesson = sitecheck.soup(sitecheck.page_file(example_site, "lessons/mass-and-acceleration/"))
    assert [a["href"] for a in lesson.select(".ff-print-links a")] == ["print/", "stations/"]


def test_on_paper_a_badge_card_is_never_cut_and_the_profiles_links_show_their_address(example_url, new_page):
    page = open_page(new_page, example_url, "credentials/")
    page.emulate_media(media="print")
    cards = page.eval_on_selector_all(".ff-badge", "cards => cards.map(c => getComputedStyle(c).breakInside)")
    assert cards and set(cards) == {"avoid"}
    page = open_page(new_page, example_url, "")
    page.emulate_media(media="print")
    shown = page.eval_on_selector_all(".ff-profile a[href^='http']",
                                      "links => links.map(a => [a.href, getComputedStyle(a, '::after').content])")
    assert shown and all(href in after for href, after in shown), shown
