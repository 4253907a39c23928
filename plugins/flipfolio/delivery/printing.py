"""Printing: a notes sheet per lesson, a booklet per unit, station cards.

Three kinds of standalone HTML file, made from Flipfolio templates (like a
lesson's class page: outside the site's navigation, search index and
sitemap, no theme and no script, the same under any engine), each in a
folder beside the page it prints:

- ``<lesson page>/print/index.html`` (templates/flipfolio/print-lesson.html):
  the lesson's notes sheet in the Watch-Summarize-Question layout: title,
  objectives, each video with its length and a QR code to it, the questions
  with room to write, then room to summarize and to ask;
- ``<unit page>/print/index.html`` (print-unit.html): the unit's sheets as
  one booklet, a lesson to a page;
- ``<lesson page>/stations/index.html`` (print-stations.html): one card per
  station of a lesson that lists ``stations:``, with its task, its minutes
  and a QR code (to its video, or to the lesson page).

Their stylesheet is assets/flipfolio/print.css; the lesson page itself
prints as a clean sheet too (``@media print`` in flipfolio.css, the QR codes
of partials/video.html). QR codes are made here at build time (`core.qrcode`, SVG,
as ``data:`` addresses: no file, no web service) and point at the video's
public address: the watch page on YouTube or Vimeo, the file's address on
the site (when the site says its own address, `site_url`), the address given
for a video elsewhere on the web. Only published lessons that are not drafts
get a sheet or cards (even while previewing), and a booklet holds only them.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ..core import qrcode
from ..core.outputs import MEDIA_PREFIX, FileSpec, Layout
from ..lessons.helpers import lessons_in, ordered_units
from ..questions import question_set_of

#: The folders of a lesson's (or unit's) notes sheet and of a lesson's station cards.
SHEET, CARDS = "print", "stations"
MEDIA_TYPE = "text/html; charset=utf-8"
TEMPLATES = {"lesson": "flipfolio/print-lesson.html", "unit": "flipfolio/print-unit.html",
             "stations": "flipfolio/print-stations.html"}
#: The print views' stylesheet, published from the package's assets.
STYLESHEET = "assets/flipfolio/print.css"
STYLESHEET_FILE = Path(__file__).resolve().parent.parent / "assets" / "flipfolio" / "print.css"


def printed_lessons(portfolio) -> dict:
    """The lessons that get a notes sheet, by id: published, and not drafts."""
    return portfolio.remember("delivery.printed", lambda: {
        lesson_id: lesson for lesson_id, lesson in sorted(portfolio.lessons.items()) if not lesson.is_draft})


def unit_lessons(portfolio, unit) -> list:
    """A unit's lessons in its booklet: those of its page (the lessons feature's
    order), without drafts."""
    return [lesson for lesson in lessons_in(portfolio, unit) if not lesson.is_draft]


def path(layout: Layout, page: str, item_id: str, folder: str) -> str:
    """Where a print view is written: the page's source path without ``.md``,
    then ``<folder>/index.html`` (``lessons/cells/print/index.html``). Ids
    are single words, so no page of the site can take that address."""
    return f"{layout.src(page, item_id)[: -len('.md')]}/{folder}/index.html"


def address(page_url: str, folder: str) -> str:
    """A print view's address, given its page's (site-relative), in the site's
    own style: ``lessons/cells/`` gives ``lessons/cells/print/``, and
    ``lessons/cells.html`` ``lessons/cells/print/index.html``."""
    if page_url.endswith(".html"):
        return f"{page_url[: -len('.html')]}/{folder}/index.html"
    return f"{page_url.rstrip('/')}/{folder}/" if page_url else f"{folder}/"


def outputs(portfolio, layout: Layout) -> list[FileSpec]:
    specs = [FileSpec(STYLESHEET, STYLESHEET_FILE.read_bytes(), "text/css")]
    for lesson_id, lesson in printed_lessons(portfolio).items():
        qset = question_set_of(portfolio, lesson)
        made_from = (lesson, qset) if qset is not None else (lesson,)
        specs.append(FileSpec(path(layout, "lesson", lesson_id, SHEET), None, MEDIA_TYPE, made_from=made_from,
                              template=TEMPLATES["lesson"], item=lesson))
        if lesson.stations:
            specs.append(FileSpec(path(layout, "lesson", lesson_id, CARDS), None, MEDIA_TYPE, made_from=(lesson,),
                                  template=TEMPLATES["stations"], item=lesson))
    for unit in ordered_units(portfolio):
        lessons = unit_lessons(portfolio, unit)
        if not lessons:
            continue
        sets = tuple(s for s in (question_set_of(portfolio, lesson) for lesson in lessons) if s is not None)
        specs.append(FileSpec(path(layout, "unit", unit.id, SHEET), None, MEDIA_TYPE,
                              made_from=(unit, *lessons, *sets), template=TEMPLATES["unit"], item=unit))
    return specs


def check(check) -> None:
    """Each station's `video` names one of its lesson's videos."""
    for lesson in check.portfolio.everything["lessons"].values():
        count = len(lesson.videos)
        for n, station in enumerate(lesson.stations):
            if station.video is not None and station.video > count:
                check.problems.error(
                    lesson.file,
                    f"the lesson has {count or 'no'} video{'' if count == 1 else 's'}; 'video' names the one "
                    "watched at the station" + (f", from 1 to {count}" if count else ": add it to 'videos' first"),
                    field=f"stations[{n}].video", line=lesson.line_of("stations", n, "video"),
                    found=str(station.video),
                )


# ---- template helpers (ff.<name>)


def print_sheet(portfolio, item, page_url: str) -> str | None:
    """The address of the notes sheet of a lesson, or of the booklet of a
    unit, given the page's address (``ff.print_sheet(lesson, ff.url(lesson))``);
    None when it has none (a draft, a unit without published lessons)."""
    if item.kind == "units":
        return address(page_url, SHEET) if unit_lessons(portfolio, item) else None
    return address(page_url, SHEET) if printed_lessons(portfolio).get(item.id) is item else None


def station_cards(portfolio, lesson, page_url: str) -> str | None:
    """The address of a lesson's station cards, or None when it has none."""
    if not lesson.stations or printed_lessons(portfolio).get(lesson.id) is not lesson:
        return None
    return address(page_url, CARDS)


def station_video(portfolio, lesson, station):
    """The video watched at `station`, or None."""
    if station.video is None or station.video > len(lesson.videos):
        return None
    return lesson.videos[station.video - 1]


def watch_address(portfolio, video, site_url: str = "") -> str:
    """The public address of a video, as a QR code carries it: the watch page
    on YouTube (``https://www.youtube.com/watch?v=…``) or Vimeo, from where
    the lesson starts it; a file of the portfolio at its address on the site
    ("" when the site does not say its own address); the address as given
    for a video elsewhere on the web."""
    source = video.source
    info = video.info
    start = info.start if info is not None else (video.start if video.start is not None else source.start)
    if source.site == "youtube":
        return f"https://www.youtube.com/watch?v={source.id}" + (f"&t={start}s" if start else "")
    if source.site == "vimeo":
        page = f"{source.id}/{source.unlisted_hash}" if source.unlisted_hash else source.id
        return f"https://vimeo.com/{page}" + (f"#t={start}s" if start else "")
    if source.site == "file":
        if not site_url:
            return ""
        return site_url.rstrip("/") + "/" + quote(f"{MEDIA_PREFIX}/{source.url}", safe="/")
    return source.url


def page_address(portfolio, site_url: str, page_url: str) -> str:
    """A page's full address (for a QR code), or "" when the site does not say its own."""
    if not site_url or "://" in page_url:
        return page_url if "://" in page_url else ""
    return site_url.rstrip("/") + "/" + page_url.lstrip("/")


def qr(portfolio, text: str) -> str:
    """A QR code of `text` as an SVG ``data:`` address, for an <img> whose
    alt text the template writes. Made once per build and address: a video's
    code is on its lesson page, its notes sheet and its unit's booklet."""
    if portfolio is None:
        return _qr(text)
    made = portfolio.remember("delivery.qr", dict)
    if text not in made:
        made[text] = _qr(text)
    return made[text]


def ahead(portfolio, layout: Layout, each, tools=None) -> None:
    """The QR codes of the published lessons' videos, made before a build
    splits its work in two processes (`Feature.ahead`): the lesson pages'
    blocks, the notes sheets and the booklets show them, and each process
    would otherwise make most of them again."""
    texts = {watch_address(portfolio, video, layout.site_url)
             for lesson in printed_lessons(portfolio).values() for video in lesson.videos}
    made = portfolio.remember("delivery.qr", dict)
    wanted = sorted(text for text in texts if text and text not in made)
    made.update(zip(wanted, each(_qr, wanted)))


#: A printed transcript's paragraphs start at most this many seconds apart, each with its time.
PARAGRAPH_SECONDS = 30


def transcript_paragraphs(portfolio, cues) -> list[tuple[float, str]]:
    """A transcript to read on paper: (start, text) paragraphs of the cues that
    follow one another within `PARAGRAPH_SECONDS` of the paragraph's start,
    so that a question "at 1:20" can be found by its time."""
    found: list[tuple[float, list[str]]] = []
    for cue in cues:
        text = " ".join(cue.text.split())
        if not text:
            continue
        if not found or cue.start - found[-1][0] >= PARAGRAPH_SECONDS:
            found.append((cue.start, []))
        found[-1][1].append(text)
    return [(start, " ".join(texts)) for start, texts in found]


def _qr(text: str) -> str:
    return qrcode.data_address(text)


HELPERS = {"unit_lessons": unit_lessons, "print_sheet": print_sheet, "station_cards": station_cards,
           "station_video": station_video,
           "watch_address": watch_address, "page_address": page_address, "qr": qr,
           "transcript_paragraphs": transcript_paragraphs}
