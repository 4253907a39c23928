"""A unit's offline pack: a zip of its published lessons, to use without the internet.

Students without internet at home take the unit home on a USB stick or a
shared computer (``offline/<unit>.zip``, linked from the unit page and the
family page with its size). Unzipped, it is one folder, ``<unit>/``:

- ``index.html``: the unit (its lessons, marked done from what this browser
  keeps) and ``<lesson>.html``, one page per published lesson: the site's own
  content templates (``flipfolio/lesson.html`` and its partials, with
  ``offline`` set) in a small standalone layout (``templates/flipfolio/pack/``),
  with relative ``.html`` links, so that they open from disk (``file:``)
  without a server, where Material's folder addresses and ``fetch()`` fail;
- a search box on every page: a few lines of plain script
  (``assets/flipfolio/pack-search.js``) over an index shipped as a script
  (``search-index.js``; a script element, never fetched);
- ``assets/flipfolio/``: Flipfolio's stylesheet and script, as the site
  publishes them (questions, progress kept in the browser's localStorage,
  transcripts, chapters), and the pack's own small stylesheet;
- ``portfolio/…``: the files the pages show (pictures and files linked from
  lesson text; the poster of a video in the pack; its captions are in the
  page itself, since a browser loads no captions file from disk) and the video
  files the teacher marks ``offline: true`` (their own, to share). A video
  elsewhere (YouTube, Vimeo, a file not so marked) is shown by its title,
  chapters and transcript, with a note that it needs the internet;
- ``README.txt``: how to open it.

What goes in passes the publishing gate like everything else: only published
lessons (drafts never, even while previewing), their question sets, and only
files the gate publishes (`Gate.files`, nothing it keeps private); links to
other pages become their address on the site (when the site says its
address) or plain text. The zip is the same, byte for byte, build to build:
entries sorted, dated by the content (`outputs.content_date`), with fixed
attributes; deflated, except for files that are compressed already.
"""

from __future__ import annotations

import base64
import html
import json
import os
import posixpath
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from functools import partial
from typing import Any, BinaryIO

from markupsafe import Markup

from ..core import links
from ..core.assets import SCRIPT, STYLESHEET, published
from ..core.features import page_kind_of
from ..core.outputs import MEDIA_PREFIX, FileSpec, Layout, Tools, content_date, note_size, written_size
from ..core.view import View
from ..lessons.helpers import lessons_in, ordered_units
from ..lessons.pages import place_blocks
from ..lessons.text import text_of
from ..questions import question_set_of

#: Where the packs are published: ``offline/<unit>.zip``.
FOLDER = "offline"
MEDIA_TYPE = "application/zip"
#: The pack's own client files, beside the site's stylesheet and script.
ASSETS = (STYLESHEET, SCRIPT, "assets/flipfolio/pack.css", "assets/flipfolio/pack-search.js")
INDEX, SEARCH_INDEX, README = "index.html", "search-index.js", "README.txt"
#: Files kept as they are in the zip: compressed already, deflating gains nothing.
_STORED = (".mp4", ".m4v", ".webm", ".ogv", ".mov", ".mp3", ".m4a", ".ogg", ".oga", ".jpg", ".jpeg", ".png",
           ".gif", ".webp", ".avif", ".zip", ".gz")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def path(unit_id: str) -> str:
    """The site path of a unit's pack."""
    return f"{FOLDER}/{unit_id}.zip"


def lessons_of(portfolio, unit) -> list:
    """The lessons a unit's pack holds: its published lessons in order, never a draft."""
    return [lesson for lesson in lessons_in(portfolio, unit) if not lesson.is_draft]


def shared_videos(portfolio, lessons) -> list[tuple]:
    """(lesson, video) of the video files the pack holds: marked ``offline: true``,
    in the portfolio, and published by the gate."""
    files = portfolio.gate.files
    return [(lesson, video) for lesson in lessons for video in lesson.videos
            if getattr(video, "offline", False) and video.source.site == "file" and _norm(video.url) in files]


def outputs(portfolio, layout: Layout) -> list[FileSpec]:
    """A pack for each unit with published lessons, in the units' order."""
    specs = []
    for unit in ordered_units(portfolio):
        lessons = lessons_of(portfolio, unit)
        if not lessons:
            continue
        sets = tuple(qset for lesson in lessons if (qset := question_set_of(portfolio, lesson)) is not None)
        specs.append(FileSpec(path(unit.id), None, MEDIA_TYPE, made_from=(unit, *lessons, *sets),
                              writer=partial(write, portfolio, layout, unit), sized=True))
    return specs


# ---- What the pack's templates see


@dataclass
class PackView(View):
    """`ff` in the pack's pages: the site's `View`, with the pack's addresses.
    The unit and its lessons are pages of the pack (``index.html``,
    ``<lesson>.html``); other pages are on the site (their full address when
    the site says its own); the portfolio files the pages show are noted
    (`files`), to go into the pack if the gate publishes them. What only the
    site has (the teachers' question exports and class pages, the credentials
    a lesson is evidence for, the print views) is left out."""

    unit: Any = None
    lessons: dict = field(default_factory=dict)
    files: set = field(default_factory=set)

    def __post_init__(self):
        super().__post_init__()
        self._helpers.update({
            "question_exports": lambda item: [],
            "credentials_of": lambda item: [],
            "print_sheet": lambda *args: None,
            "station_cards": lambda *args: None,
            "offline_pack": lambda unit: None,
            "offline_packs": lambda: [],
        })

    def url(self, item=None, kind: str | None = None) -> str:
        if item is None:
            return INDEX  # the lessons index, in a pack: its unit's page
        if item is self.unit:
            return INDEX
        if self.lessons.get(item.id) is item:
            return f"{item.id}.html"
        return self.online(item) or INDEX

    def online(self, item=None) -> str:
        """The full address of an item's page on the site (of the site, without
        an item), when the site says its own address; else ""."""
        site_url = self.layout.site_url
        if not site_url:
            return ""
        if item is None:
            return site_url
        page = page_kind_of(item.kind)
        return site_url.rstrip("/") + "/" + self.layout.url(page, item.id, directory_urls=self.directory_urls)

    def media(self, path: str) -> str:
        if "://" in path or path.startswith("mailto:"):
            return path
        self.files.add(_norm(path))
        return posixpath.join(self.media_prefix, path)

    def captions(self, path: str) -> str:
        """A captions file, in the page itself (a ``data:`` address): a
        browser refuses to load a `<track>` from a page opened from disk
        (``file:`` addresses are each an origin of their own). Only a file
        the gate publishes; another is the file's address, as on the site."""
        gate, norm = self.portfolio.gate, _norm(path)
        if "://" in path or norm not in gate.files or gate.refusal(norm) is not None:
            return self.media(path)
        data = (gate.root / norm).read_bytes()
        return "data:text/vtt;charset=utf-8;base64," + base64.b64encode(data).decode("ascii")


# ---- Making the pack


def write(portfolio, layout: Layout, unit, stream: BinaryIO, tools: Tools) -> None:
    """Write the pack of `unit` to `stream` (a `FileSpec.writer`)."""
    start = stream.tell()
    lessons = lessons_of(portfolio, unit)
    view = PackView(portfolio, layout, directory_urls=tools.directory_urls, unit=unit,
                    lessons={lesson.id: lesson for lesson in lessons})
    context = {"ff": view, "offline": True, "unit": unit, "lessons": lessons, "made": content_date(portfolio),
               "online": view.online(unit)}
    render = partial(tools.render, **context)
    entries: dict[str, bytes] = {}
    index = []
    for n, lesson in enumerate(lessons):
        page = f"{lesson.id}.html"
        text = text_of(portfolio, lesson, tools)
        body = links.filled(text.html, text.links, _pack_target(view, lesson))
        index.append({"url": page, "title": lesson.title, "summary": lesson.summary,
                      "text": _index_text(portfolio, lesson, body)})
        content = place_blocks(body, lesson, view, partial(render, page_url=page))
        entries[page] = render("flipfolio/pack/lesson.html", page_url=page, body=content, item=lesson,
                               previous=lessons[n - 1] if n else None,
                               next=lessons[n + 1] if n + 1 < len(lessons) else None).encode("utf-8")
    entries[INDEX] = render("flipfolio/pack/unit.html", page_url=INDEX, item=unit).encode("utf-8")
    entries[README] = render("flipfolio/pack/README.txt", page_url=README, item=unit).encode("utf-8")
    script = json.dumps({"lessons": index}, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    entries[SEARCH_INDEX] = f"(window.flipfolio = window.flipfolio || {{}}).packIndex = {script};\n".encode("ascii")
    entries.update(portfolio.remember("delivery.pack_assets", lambda: {asset: published(asset) for asset in ASSETS}))

    # The files the pages show, and only those the gate publishes (never a private one).
    gate = portfolio.gate
    files = sorted(p for p in view.files if p in gate.files and gate.refusal(p) is None)
    stamp = content_date(portfolio)
    date_time = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    names = {f"{unit.id}/{name}": data for name, data in entries.items()}
    names.update({f"{unit.id}/{MEDIA_PREFIX}/{p}": gate.root / p for p in files})
    with zipfile.ZipFile(stream, "w") as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(name, date_time)
            info.create_system = 3  # Unix, whatever machine builds it
            info.external_attr = 0o100644 << 16
            stored = name.lower().endswith(_STORED)
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            source = names[name]
            if isinstance(source, bytes):
                archive.writestr(info, source)
                continue
            info.file_size = os.path.getsize(source)
            with open(source, "rb") as data, archive.open(info, "w", force_zip64=info.file_size > 2**31) as out:
                shutil.copyfileobj(data, out, 1 << 20)
    note_size(portfolio, path(unit.id), stream.tell() - start)


def _pack_target(view: PackView, lesson):
    """Where each link of the lesson's text leads in the pack (for `links.filled`), through the
    publishing gate: lessons of the pack and its unit are pages of the pack,
    files the gate publishes are in it, other pages are on the site (or plain
    text when the site does not say its address), and what the gate refuses
    is plain text. A picture from another site is its alt text: the pack
    requests nothing from anywhere."""
    gate = view.portfolio.gate

    def new_target(found: links.Found):
        target = gate.link_found(lesson.path, found)
        if target.kind == "keep":
            if found.target.startswith("#") or (_SCHEME.match(found.target) and not found.picture):
                return links.KEEP
            return None
        if target.kind == "text":
            return None
        fragment = f"#{target.fragment}" if target.fragment else ""
        if target.kind == "file":
            return view.media(target.path) + fragment
        kind, item_id = target.page
        if kind == "unit" and item_id == view.unit.id:
            return INDEX + fragment
        if kind == "lesson" and item_id in view.lessons:
            return f"{item_id}.html" + fragment
        online = view.layout.site_url
        if not online:
            return None
        return online.rstrip("/") + "/" + view.layout.url(kind, item_id, directory_urls=view.directory_urls) + fragment

    return new_target


_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")


def _index_text(portfolio, lesson, body: str) -> str:
    """What the search box searches in a lesson, besides its title: its
    summary, objectives and text (`body`, its HTML), its videos' titles,
    chapters and transcripts, and its questions as shown (never their answers
    or hints). Taken from the content, not the page: the pack is made for
    every unit at every build."""
    words = [lesson.summary, *lesson.objectives, html.unescape(_TAGS.sub(" ", _SCRIPTS.sub(" ", body)))]
    for video in lesson.videos:
        info = video.info
        if info is None:
            continue
        words.append(info.title)
        words += [chapter.title for chapter in info.chapters]
        words += [cue.text for _, cues in info.transcripts for cue in cues]
    qset = question_set_of(portfolio, lesson)
    if qset is not None:
        words.append(qset.title)
        for q in qset.questions:
            words.append(q.prompt)
            words += [choice.text for choice in getattr(q, "choices", None) or ()]
            words += list(getattr(q, "items", None) or ())
            words += [side for pair in getattr(q, "pairs", None) or () for side in (pair.left, pair.right)]
    return " ".join(" ".join(word for word in words if word).replace("\u00b6", " ").split())


def _norm(path: str) -> str:
    return posixpath.normpath(path.strip())


# ---- The links to the packs, for the site's pages


@dataclass(frozen=True)
class PackLink:
    """A unit's pack, as a page links it: its site path, size (text, or ""
    when not known yet) and how many video files it holds."""

    unit: Any
    path: str
    size: str
    videos: int


def pack_link(portfolio, unit) -> PackLink | None:
    """The pack of `unit`, when it has one (``ff.offline_pack(unit)``)."""
    if unit is None or getattr(unit, "kind", "") != "units" or portfolio.units.get(unit.id) is not unit:
        return None
    lessons = lessons_of(portfolio, unit)
    if not lessons:
        return None
    size = written_size(portfolio, path(unit.id))
    return PackLink(unit, path(unit.id), file_size(portfolio, size) if size is not None else "",
                    len(shared_videos(portfolio, lessons)))


def pack_links(portfolio) -> list[PackLink]:
    """Every unit's pack, in the units' order (``ff.offline_packs()``)."""
    found = (pack_link(portfolio, unit) for unit in ordered_units(portfolio))
    return [link for link in found if link is not None]


def file_size(portfolio, size: int) -> Markup:
    """A size in bytes as the site's language writes it ("84 KB", "1.2 MB"; SI units), as HTML."""
    from babel.numbers import format_decimal

    messages = portfolio.messages
    if size < 1_000_000:
        return messages.t("pack.size_kb", size=format_decimal(max(1, round(size / 1000)), locale=messages.locale))
    return messages.t("pack.size_mb", size=format_decimal(round(size / 1_000_000, 1), locale=messages.locale))

