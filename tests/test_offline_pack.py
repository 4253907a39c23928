"""A unit's offline pack (delivery/pack.py): a zip per unit of its published
lessons, made through the publishing gate, the same byte for byte build to
build; linked from the unit page and the family page with its size; the
`offline: true` mark of a video file (format, schema). A tiny real site,
built twice in two folders (BASE, plus lessons in the "cells" unit with the
teacher's own video files, a picture, links of every kind, a draft and
private files)."""

from __future__ import annotations

import base64

import io
import json
import posixpath
import re
import zipfile
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from sites import BASE, MKDOCS_YML, Site

from flipfolio.core.format import json_schemas
from flipfolio.core.model import load

PACK = "offline/cells.zip"
MARKERS = {
    "draft": "DRAFT-IN-CELLS-MARKER",
    "student": "STUDENT-WORK-MARKER",
    "private": "PRIVATE-EVIDENCE-MARKER",
    "other clip": "OTHER-CLIP-MARKER",
    "draft clip": "DRAFT-CLIP-MARKER",
}

FILES = {
    "mkdocs.yml": MKDOCS_YML.replace("site_name: Test portfolio\n",
                                     "site_name: Test portfolio\nsite_url: https://t.example/\n"),
    "portfolio/lessons/own-videos.md": """\
        ---
        title: Our own clips
        unit: cells
        order: 3
        summary: Two clips filmed in our lab.
        videos:
          - url: media/own-clip.mp4
            title: The onion peel
            duration: 20
            offline: true
            captions: media/own-clip.en.vtt
          - url: media/other-clip.mp4
            title: A clip from a colleague
            duration: 30
            no_captions_reason: Music only.
        questions: cell-check
        ---

        Look at the peel: ![Onion cells under the microscope](../media/onion.png)

        Worksheet: [the worksheet](../media/worksheet.txt). Back to [the first lesson](what-is-a-cell.md#before-class),
        on to [forces](pushes.md), the [unit](../units/cells.yml), a [draft](secret-cells-draft.md),
        an [essay](../media/student.jpg) and [notes](../media/private-evidence.txt).
        A picture from elsewhere: ![Far away](https://pictures.example/far.png). [Another site](https://example.org/).
        Searchable word: zymogenic.
        """,
    "portfolio/lessons/secret-cells-draft.md": """\
        ---
        title: DRAFT-IN-CELLS-MARKER lesson
        unit: cells
        status: draft
        videos:
          - url: media/draft-clip.mp4
            title: T
            duration: 3
            offline: true
            no_captions_reason: none
        ---

        DRAFT-IN-CELLS-MARKER body.
        """,
    "portfolio/media/own-clip.mp4": "OWN-CLIP-MARKER",
    "portfolio/media/own-clip.en.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:04.000\nThe peel is one cell thick.\n",
    "portfolio/media/other-clip.mp4": "OTHER-CLIP-MARKER",
    "portfolio/media/draft-clip.mp4": "DRAFT-CLIP-MARKER",
    "portfolio/media/onion.png": "ONION-PICTURE",
    "portfolio/media/worksheet.txt": "WORKSHEET-MARKER",
    "portfolio/media/student.jpg": "STUDENT-WORK-MARKER",
    "portfolio/media/private-evidence.txt": "PRIVATE-EVIDENCE-MARKER",
    "portfolio/credentials/questioning.yml": """\
        name: Questioning Strategies
        issuer: {name: Educators Network}
        competency: Asks questions that make students think.
        award:
          evidence:
            - {title: Essay, kind: student-work, url: media/student.jpg}
        """,
    "portfolio/credentials/hidden-award.yml": """\
        name: Confidential Personal Award
        issuer: {name: Private Body}
        public: false
        competency: Something private.
        award:
          issued: 2025-01-01
          evidence:
            - {title: Notes, kind: document, url: media/private-evidence.txt}
        """,
}


def build(root) -> Site:
    return Site(root).write({**BASE, **FILES}).build(strict=False)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return build(tmp_path_factory.mktemp("pack") / "site-src")


@pytest.fixture(scope="module")
def pack(site) -> zipfile.ZipFile:
    return zipfile.ZipFile(site.out / PACK)


def entries(pack: zipfile.ZipFile) -> dict[str, bytes]:
    return {name: pack.read(name) for name in pack.namelist()}


def page(pack: zipfile.ZipFile, name: str) -> BeautifulSoup:
    return BeautifulSoup(pack.read(f"cells/{name}").decode("utf-8"), "html.parser")


def test_a_pack_per_unit_with_published_lessons(site):
    assert sorted(p.name for p in (site.out / "offline").iterdir()) == ["cells.zip", "forces.zip"]


def test_the_pack_is_byte_identical_build_to_build(site, tmp_path):
    again = build(tmp_path / "elsewhere")  # another folder, another moment
    assert (again.out / PACK).read_bytes() == (site.out / PACK).read_bytes()
    assert (again.out / "offline/forces.zip").read_bytes() == (site.out / "offline/forces.zip").read_bytes()


def test_entries_are_sorted_dated_by_the_content_and_in_one_folder(pack):
    names = pack.namelist()
    assert names == sorted(names) and len(names) == len(set(names))
    assert all(name.startswith("cells/") for name in names)
    for info in pack.infolist():
        assert info.date_time == (2025, 10, 1, 0, 0, 0)  # the content's latest date (an award), never the clock
        assert info.create_system == 3 and info.external_attr == 0o100644 << 16
        stored = info.filename.endswith((".mp4", ".png"))
        assert info.compress_type == (zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED), info.filename
    assert pack.testzip() is None


def test_the_pack_holds_the_units_published_lessons_and_what_they_need(pack):
    names = set(pack.namelist())
    assert {"cells/index.html", "cells/what-is-a-cell.html", "cells/cell-parts.html", "cells/own-videos.html",
            "cells/search-index.js", "cells/README.txt", "cells/assets/flipfolio/flipfolio.js",
            "cells/assets/flipfolio/flipfolio.css", "cells/assets/flipfolio/pack.css",
            "cells/assets/flipfolio/pack-search.js"} <= names
    assert {n for n in names if n.endswith(".html")} == {
        "cells/index.html", "cells/what-is-a-cell.html", "cells/cell-parts.html", "cells/own-videos.html"}
    media = {n for n in names if n.startswith("cells/portfolio/")}
    # (The clip's captions are in its page: a browser loads no captions file from a page opened from disk.)
    assert media == {"cells/portfolio/media/own-clip.mp4", "cells/portfolio/media/onion.png",
                     "cells/portfolio/media/worksheet.txt"}


def test_no_draft_no_private_file_and_no_unmarked_video(pack):
    everything = b"".join(entries(pack).values()).decode("utf-8", "replace")
    for what, marker in MARKERS.items():
        assert marker not in everything, what
    assert "secret-cells-draft" not in everything
    assert not any("draft" in name or "student" in name or "private" in name for name in pack.namelist())


def test_only_files_the_site_publishes_are_in_the_pack_the_same(site, pack):
    for name, data in entries(pack).items():
        if name.startswith("cells/portfolio/"):
            published = site.out / name.removeprefix("cells/")
            assert published.is_file() and published.read_bytes() == data, name
    for asset in ("assets/flipfolio/flipfolio.js", "assets/flipfolio/flipfolio.css"):
        assert pack.read(f"cells/{asset}") == (site.out / asset).read_bytes()


def test_every_link_of_the_pack_stays_in_it_or_is_a_full_address(pack):
    names = set(pack.namelist())
    for name in names:
        if not name.endswith(".html"):
            continue
        doc = page(pack, name.removeprefix("cells/"))
        for element, attribute in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
                                   ("source", "src"), ("track", "src"), ("video", "poster")):
            for tag in doc.find_all(element):
                target = tag.get(attribute)
                if not target or target.startswith(("#", "data:")):
                    continue
                parts = urlsplit(target)
                if parts.scheme:
                    assert parts.scheme in ("https", "mailto") and element == "a", (name, target)
                    continue
                resolved = posixpath.normpath(posixpath.join("cells", unquote(parts.path)))
                assert resolved in names, (name, target)


def test_lesson_text_links_go_through_the_gate(pack):
    doc = page(pack, "own-videos.html")
    links = {a.get_text(" ", strip=True): a["href"] for a in doc.select("main a[href]")}
    assert links["the first lesson"] == "what-is-a-cell.html#before-class"
    assert links["forces"] == "https://t.example/lessons/pushes/"
    assert links["unit"] == "index.html"
    assert links["the worksheet"] == "portfolio/media/worksheet.txt"
    assert links["Another site"] == "https://example.org/"
    text = doc.select_one("main").get_text(" ")
    for plain in ("draft", "essay", "notes"):
        assert plain in text and plain not in links  # refused by the gate: plain text
    assert doc.select_one("img[alt='Onion cells under the microscope']")["src"] == "portfolio/media/onion.png"
    assert not doc.select("img[src^='http']") and "Far away" in text  # a picture from another site: its alt text


def test_videos_in_the_pack_play_from_it_others_show_a_note_and_their_transcript(pack):
    doc = page(pack, "own-videos.html")
    own, other = doc.select("[data-ff-video]")
    assert own.select_one("video source")["src"] == "portfolio/media/own-clip.mp4"
    src = own.select_one("track")["src"]
    assert src.startswith("data:text/vtt;charset=utf-8;base64,")
    assert base64.b64decode(src.split(",", 1)[1]).decode() == FILES["portfolio/media/own-clip.en.vtt"]
    assert "The peel is one cell thick." in own.get_text()
    assert other.select_one("video") is None
    note = other.select_one(".ff-offline-note")
    assert "needs the internet" in note.get_text() and note.a["href"] == "https://t.example/lessons/own-videos/"
    youtube = page(pack, "what-is-a-cell.html").select_one("[data-ff-video]")
    assert youtube.select_one("button, iframe") is None
    assert youtube.select_one(".ff-offline-note a")["href"] == "https://youtu.be/abcdefghijk?t=30"
    assert "All living things are made of cells." in youtube.select_one(".ff-transcript").get_text()
    # the teacher's views of the site are not in the pack
    assert not doc.select(".ff-class-link, .ff-export, .ff-evidence-for, .ff-print-links")


def test_pages_are_standalone_with_relative_links_and_a_search_box(pack):
    doc = page(pack, "index.html")
    assert doc.html["lang"] == "en" and "connect-src 'none'" in doc.select_one("meta[http-equiv]")["content"]
    assert [a["href"] for a in doc.select("table.ff-lessons a")] == ["what-is-a-cell.html", "cell-parts.html",
                                                                    "own-videos.html"]
    assert doc.select_one("table.ff-lessons a")["data-ff-of"] == "1"
    assert doc.select_one("form[data-ff-pack-search][hidden] input[type=search]")
    assert [s["src"] for s in doc.select("script[src]")] == ["search-index.js", "assets/flipfolio/pack-search.js",
                                                             "assets/flipfolio/flipfolio.js"]
    lesson = page(pack, "cell-parts.html")
    assert lesson.select_one("a[rel=prev]")["href"] == "what-is-a-cell.html"
    assert lesson.select_one("a[rel=next]")["href"] == "own-videos.html"
    readme = pack.read("cells/README.txt").decode()
    assert "index.html" in readme and "https://t.example/units/cells/" in readme


def test_the_search_index_is_a_script_of_published_lessons(pack):
    script = pack.read("cells/search-index.js").decode("ascii")
    assert script.startswith("(window.flipfolio = window.flipfolio || {}).packIndex = {")
    index = json.loads(script.split(".packIndex = ", 1)[1].rstrip(";\n"))
    assert [entry["url"] for entry in index["lessons"]] == ["what-is-a-cell.html", "cell-parts.html", "own-videos.html"]
    own = index["lessons"][2]
    assert own["title"] == "Our own clips" and "zymogenic" in own["text"]
    assert "The peel is one cell thick." in own["text"]  # transcripts are searchable
    assert "What do all living things have?" in own["text"]  # so are the questions, not their answers
    assert "Right" not in own["text"] and "Show the answer" not in own["text"]


def test_the_unit_and_family_pages_link_the_pack_with_its_size(site):
    size = (site.out / PACK).stat().st_size
    shown = f"{max(1, round(size / 1000))} KB" if size < 1_000_000 else f"{round(size / 1_000_000, 1)} MB"
    note = site.article("units/cells/index.html").select_one(".ff-pack-link")
    assert note.a["href"] == "../../offline/cells.zip" and note.a.has_attr("download")
    assert f"(zip, {shown})" in note.get_text() and "It holds 1 video." in note.get_text()
    family = site.article("family/index.html")
    links = {a.get_text(strip=True): a["href"] for a in family.select(".ff-pack-links a")}
    assert links == {"Cells": "../offline/cells.zip", "Forces": "../offline/forces.zip"}
    assert shown in family.select_one(".ff-pack-links").get_text()


# -- the mark of a video file to share ----------------------------------------------

def test_offline_is_only_for_a_video_file_of_the_portfolio(site_factory):
    site = site_factory({"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\nvideos:\n"
                         "  - url: https://vimeo.com/1\n    title: T\n    duration: 3\n    offline: true\n---\nBody\n"})
    errors = [str(p) for p in load(site.root / "portfolio").problems.errors]
    assert len(errors) == 1 and errors[0].startswith("portfolio/lessons/pushes.md:5: field 'videos[0]': ")
    assert "'offline: true' is for a video file in the portfolio" in errors[0]


def test_the_schema_describes_the_mark():
    video = json_schemas()["lessons.schema.json"]["$defs"]["Video"]["properties"]["offline"]
    assert video["type"] == "boolean" and video["default"] is False
    assert re.search(r"offline pack", video["description"])


def test_a_site_without_its_address_keeps_links_to_other_pages_as_text(tmp_path):
    files = {**BASE, **FILES, "mkdocs.yml": MKDOCS_YML}
    site = Site(tmp_path / "no-url").write(files).build(strict=False)
    with zipfile.ZipFile(site.out / PACK) as pack:
        doc = page(pack, "own-videos.html")
    links = {a.get_text(" ", strip=True): a["href"] for a in doc.select("main a[href]")}
    assert "forces" not in links and links["the first lesson"] == "what-is-a-cell.html#before-class"
    other = doc.select("[data-ff-video]")[1].select_one(".ff-offline-note")
    assert other.a is None and "needs the internet" in other.get_text()
    assert not doc.select_one(".ff-pack-foot a")


def test_a_pack_made_without_an_engine_is_the_same_zip_shape():
    """The pack's FileSpec also works without MkDocs (`FileSpec.data` with a renderer only)."""
    from pathlib import Path

    from flipfolio.core.outputs import Layout, outputs
    from flipfolio.core.render import Renderer
    from flipfolio.core.view import View

    portfolio = load(Path(__file__).resolve().parent.parent / "portfolio")
    layout = Layout(Layout.default().prefixes, site_url="https://flipfolio.example.org/")
    renderer = Renderer(View(portfolio, layout, index_pages={"lessons": "lessons/index.md"}))
    specs = {s.path: s for s in outputs(portfolio, layout) if s.path.startswith("offline/")}
    assert sorted(specs) == ["offline/cells.zip", "offline/ecosystems.zip", "offline/forces-and-motion.zip"]
    data = specs["offline/cells.zip"].data(renderer.render)
    assert data == specs["offline/cells.zip"].data(renderer.render)
    with zipfile.ZipFile(io.BytesIO(data)) as pack:
        assert "cells/portfolio/media/videos/cell-theory-recap.mp4" in pack.namelist()  # marked in the example
        assert "cells/index.html" in pack.namelist()


# -- hostile text ------------------------------------------------------------------

HOSTILE = ['<script>alert("x")</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>",
           "<iframe src=//evil.example>", "</textarea></title></script><b>", "{{ config }}",
           "{% include 'main.html' %}", "<!--", "]]>", "&lt;b&gt;", "javascript:alert(1)",
           "<a href='https://evil.example'>x</a>", "\u202eevil", "*/ alert(1) /*", "'; alert(1); '"]
FIELDS = ["unit_title", "unit_subtitle", "unit_summary", "essential_question", "lesson_title", "lesson_summary",
          "objective", "video_title", "chapter", "cue", "qset_title", "prompt", "choice", "hint", "tag"]


def hostile_files(values: dict[str, str]) -> dict[str, str]:
    import yaml

    def dump(data) -> str:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    lesson = {"title": values["lesson_title"], "unit": "cells", "summary": values["lesson_summary"],
              "objectives": [values["objective"]], "tags": [values["tag"]], "questions": "check",
              "videos": [{"url": "media/clip.mp4", "title": values["video_title"], "duration": 20, "offline": True,
                          "captions": "media/clip.en.vtt", "chapters": [{"at": 0, "title": values["chapter"]}]},
                         {"url": "https://vimeo.com/76979871", "title": values["video_title"], "duration": 30,
                          "captions": "media/clip.en.vtt"}]}
    return {
        "portfolio/units/cells.yml": dump({"title": values["unit_title"], "subtitle": values["unit_subtitle"],
                                           "summary": values["unit_summary"],
                                           "essential_questions": [values["essential_question"]]}),
        "portfolio/lessons/what-is-a-cell.md": "---\n" + dump(lesson) + "---\n\nBody.\n",
        "portfolio/media/clip.mp4": "not really a video",
        "portfolio/media/clip.en.vtt": f"WEBVTT\n\n00:00:00.000 --> 00:00:05.000\n{values['cue']}\n",
        "portfolio/questions/check.yml": dump({"title": values["qset_title"], "questions": [{
            "prompt": values["prompt"], "hint": values["hint"],
            "choices": [{"text": values["choice"], "correct": True}, {"text": "Plain"}]}]}),
    }


def pack_markup(site: Site) -> tuple[set, set, dict]:
    """The element shapes and the scripts of the pages of the cells pack, and its search index."""
    shapes, code = set(), set()
    with zipfile.ZipFile(site.out / PACK) as pack:
        for name in pack.namelist():
            if name.endswith(".html"):
                for element in BeautifulSoup(pack.read(name).decode("utf-8"), "html.parser").find_all(True):
                    shapes.add((element.name, frozenset(element.attrs)))
                    if element.name in ("script", "style"):
                        code.add((element.name, tuple(sorted((k, str(v)) for k, v in element.attrs.items())),
                                  element.get_text() if element.get("type") != "application/json" else ""))
        script = pack.read("cells/search-index.js").decode("ascii")
    return shapes, code, json.loads(script.split(".packIndex = ", 1)[1].rstrip(";\n"))


@pytest.mark.parametrize("turn", [0, 5, 10])
def test_hostile_text_never_becomes_markup_in_the_pack(tmp_path, turn):
    plain = {name: f"Plain {name}" for name in FIELDS}
    site = Site(tmp_path / "site").write({**BASE, **FILES, **hostile_files(plain)}).build(strict=False)
    plain_shapes, plain_code, _ = pack_markup(site)
    values = {name: HOSTILE[(n + turn) % len(HOSTILE)] for n, name in enumerate(FIELDS)}
    site.write(hostile_files(values)).build(strict=False)
    shapes, code, index = pack_markup(site)
    assert shapes <= plain_shapes, sorted(map(str, shapes - plain_shapes))
    assert code == plain_code
    lesson = next(entry for entry in index["lessons"] if entry["url"] == "what-is-a-cell.html")
    assert lesson["title"] == values["lesson_title"] and values["prompt"] in lesson["text"]


# -- a file written by a function (FileSpec.writer) ------------------------------------

def test_a_file_written_by_a_function_gets_the_sites_markdown(site_factory, monkeypatch):
    from flipfolio import features
    from flipfolio.core.features import Feature
    from flipfolio.core.outputs import FileSpec

    def write(stream, tools):
        stream.write(tools.markdown("!!! note\n    Kept *short*.\n").encode())
        stream.write(f"\ndirectory_urls={tools.directory_urls}\n".encode())

    def notes(portfolio, layout):
        return [FileSpec("exports/notes.html", None, "text/html", writer=write)]

    monkeypatch.setattr(features, "FEATURES", (*features.FEATURES, Feature(name="notes", outputs=notes)))
    yml = MKDOCS_YML + "use_directory_urls: false\nmarkdown_extensions:\n  - admonition\n"
    site = site_factory({"mkdocs.yml": yml}).build()
    text = site.text("exports/notes.html")
    assert '<div class="admonition note">' in text and "<em>short</em>" in text  # the site's Markdown extensions
    assert text.endswith("directory_urls=False\n")
    with pytest.raises(TypeError):
        FileSpec("x", None, "text/plain", writer=write).data()  # a writer needs the engine's tools
