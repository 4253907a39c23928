"""Building tiny real sites: which pages exist and what they show."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort
from sites import MKDOCS_YML


def test_a_page_per_published_lesson_and_none_for_drafts(site_factory):
    site = site_factory().build()
    for lesson in ("what-is-a-cell", "cell-parts", "pushes"):
        assert site.exists(f"lessons/{lesson}/index.html"), lesson
    assert not site.exists("lessons/secret-draft/index.html")
    everything = site.all_text()
    assert "Unfinished draft lesson" not in everything
    assert "secret-draft" not in everything


def test_lesson_page_shows_its_parts_videos_and_questions(site_factory):
    site = site_factory().build()
    page = site.article("lessons/what-is-a-cell/index.html")
    assert page.h1.get_text(strip=True) == "What is a cell?"
    headings = [h.get_text(strip=True) for h in page.find_all("h2")]
    assert headings.index("Before class") < headings.index("In class")
    # The pre-class block sits inside the "Before class" part, before "In class".
    html = str(page)
    assert html.index("Cells up close") < html.index("Microscope lab")
    video = page.select_one(".ff-video a")
    assert video["href"] == "https://youtu.be/abcdefghijk?t=30"
    assert "On YouTube · 4:00 long · starts at 0:30" in page.select_one(".ff-video__meta").get_text(" ", strip=True)
    assert page.select_one(".ff-questions h3").get_text() == "Cell check"
    assert [li.get_text() for li in page.select(".ff-choices li")] == ["Cells", "Wheels"]
    assert page.find("time", attrs={"datetime": "2025-09-03"}).get_text() == "3 September 2025"
    crumbs = page.select_one("nav.ff-crumbs")
    assert [a["href"] for a in crumbs.find_all("a")] == ["../", "../../units/cells/"]
    evidence = page.select_one(".ff-evidence-for a")
    assert evidence.get_text() == "Flipped Video Design"
    assert evidence["href"] == "../../credentials/video-design/"


def test_lesson_without_parts_gets_a_before_class_heading_for_its_videos(site_factory):
    site = site_factory().build()
    page = site.article("lessons/cell-parts/index.html")
    assert page.select_one(".ff-pre-class h3").get_text() == "Watch and check"
    plain = site.article("lessons/pushes/index.html")
    assert plain.select_one(".ff-pre-class") is None  # no videos, no questions
    assert "Forces everywhere." in plain.get_text()


def test_lessons_index_lists_units_in_order_with_dates_and_minutes(site_factory):
    site = site_factory().build()
    page = site.article("lessons/index.html")
    assert [h.get_text(strip=True) for h in page.find_all("h2")] == ["Cells", "Forces"]
    cells = page.select_one("section[aria-labelledby=unit-cells]")
    rows = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in cells.select("tbody tr")]
    assert rows[0] == ["What is a cell?", "1 September 2025", "3 September 2025", "4 min"]
    assert rows[1][0] == "Parts of a cell"
    assert "2 lessons · 6 min of pre-class video" in cells.get_text(" ", strip=True)


def test_unit_page_lists_only_its_lessons(site_factory):
    site = site_factory().build()
    page = site.article("units/forces/index.html")
    assert page.h1.get_text() == "Forces"
    assert [a.get_text() for a in page.select("table a")] == ["Pushes and pulls"]


def test_badge_wall_and_credential_pages(site_factory):
    site = site_factory().build()
    wall = site.article("credentials/index.html")
    stack = wall.select_one("section[aria-labelledby=stack-flipped]")
    assert stack.h2.get_text() == "Flipped Practitioner"
    assert "1 of 2 earned" in stack.get_text()
    assert [a.get_text() for a in stack.select(".ff-badge a")] == ["Flipped Video Design", "Questioning Strategies"]
    page = site.article("credentials/video-design/index.html")
    assert page.h1.get_text() == "Flipped Video Design"
    assert "Designs short instructional videos" in page.get_text()
    rubric = page.select_one("table.ff-rubric tbody tr")
    assert [cell.get_text() for cell in rubric.find_all(["th", "td"])] == ["Video length", "Proficient", "Yes"]
    evidence_links = [a.get_text() for a in page.select(".ff-evidence a")]
    assert evidence_links == ["Cell lesson"]
    assert site.exists("credentials/questioning/index.html")


def test_private_items_never_reach_site_search_or_sitemap(site_factory):
    site = site_factory({"mkdocs.yml": "site_name: T\nsite_url: https://t.example/\ntheme: {name: material, font: false}\n"
                         "plugins: [search, flipfolio]\n"}).build()
    everything = site.all_text()
    assert "Confidential Personal Award" not in everything
    assert "hidden-award" not in everything
    assert not site.exists("credentials/hidden-award/index.html")
    # Student work without consent stays off, even as a link.
    assert "Lab report by a student" not in everything
    assert "school.example/work.pdf" not in everything
    assert "credentials/video-design/" in site.text("sitemap.xml")
    locations = {doc["location"] for doc in site.search_index()["docs"]}
    assert any(loc.startswith("lessons/what-is-a-cell/") for loc in locations)
    assert not any("secret-draft" in loc or "hidden-award" in loc for loc in locations)


def test_search_finds_lesson_text_transcripts_and_questions_but_not_answers(site_factory):
    site = site_factory().build()
    lesson = " ".join(f"{d['title']} {d['text']}" for d in site.search_index()["docs"]
                      if d["location"].startswith("lessons/what-is-a-cell/"))
    assert "Cells are the units of life." in lesson  # the lesson's text
    assert "onion cell under the microscope" in lesson  # the video's transcript
    assert "What do all living things have?" in lesson and "Wheels" in lesson  # the question and its choices
    # A search result must not give the answer away; player notices are the same on every page.
    assert "Not this one" not in lesson and "Right" not in lesson
    assert "Pressing play" not in lesson and "Open on YouTube" not in lesson
    # The page itself shows all of it.
    page = site.article("lessons/what-is-a-cell/index.html")
    assert "Not this one: Wheels" in page.select_one(".ff-answer").get_text()
    assert "Pressing play loads the YouTube player" in page.select_one(".ff-player__notice").get_text()


def test_student_work_with_consent_is_shown(site_factory):
    site = site_factory({"portfolio/credentials/video-design.yml": """\
        name: Flipped Video Design
        issuer: {name: Educators Network}
        competency: Designs videos.
        award:
          issued: 2025-10-01
          evidence:
            - title: Lab report by a student
              kind: student-work
              url: media/report.txt
              consent: {date: 2025-09-20, given_by: the student and a parent, scope: this report on my portfolio}
        """, "portfolio/media/report.txt": "A lab report.\n", "portfolio/media/unused.txt": "not linked\n"}).build()
    link = site.article("credentials/video-design/index.html").select_one(".ff-evidence a")
    assert link.get_text() == "Lab report by a student"
    assert link["href"] == "../../portfolio/media/report.txt"
    assert site.exists("portfolio/media/report.txt")
    assert not site.exists("portfolio/media/unused.txt")  # only what published pages use is copied


def test_a_markdown_file_at_the_same_path_overrides_the_generated_page(site_factory):
    site = site_factory({
        "docs/lessons/pushes.md": "# My own page about pushes\n\nHand-written.\n",
        "docs/credentials/index.md": "# Hand-made badge wall\n",
    }).build()
    page = site.article("lessons/pushes/index.html")
    assert page.h1.get_text(strip=True).startswith("My own page about pushes")
    assert page.select_one(".ff-crumbs") is None
    assert site.article("credentials/index.html").h1.get_text(strip=True).startswith("Hand-made badge wall")
    # Other generated pages are still there.
    assert site.article("lessons/cell-parts/index.html").h1.get_text() == "Parts of a cell"


def test_site_templates_in_custom_dir_override_the_package_ones(site_factory):
    site = site_factory({
        "mkdocs.yml": "site_name: T\ntheme: {name: material, font: false, custom_dir: overrides}\nplugins: [flipfolio]\n",
        "overrides/flipfolio/unit.html": '<h1>{{ item.title }}</h1><p id="mine">{{ item.title }} by my template, '
                                         '{{ ff.lessons_in(item) | length }} lessons</p>',
    }).build()
    article = site.article("units/cells/index.html")  # the theme's page places the content
    assert article.select_one("#mine").get_text() == "Cells by my template, 2 lessons"
    assert "Units" not in article.get_text() and site.html("units/cells/index.html").select_one("header.md-header")

    # A template edited between two builds in one process (a preview) is the one the next build uses.
    import os

    template = site.root / "overrides/flipfolio/unit.html"
    template.write_text('<h1>{{ item.title }}</h1><p id="mine">edited</p>', encoding="utf-8")
    os.utime(template, (template.stat().st_atime + 5, template.stat().st_mtime + 5))
    assert site.build().article("units/cells/index.html").select_one("#mine").get_text() == "edited"


def test_a_hand_page_keeps_a_generated_list_with_its_template(site_factory):
    site = site_factory({"docs/lessons/index.md": "---\ntemplate: flipfolio/lessons.html\n---\n\nMY-OWN-WORDS about lessons.\n"})
    site.build()
    article = site.article("lessons/index.html")
    assert "MY-OWN-WORDS" in article.get_text()
    assert [a.get_text() for a in article.select("h2 a")] == ["Cells", "Forces"]
    assert article.select_one("h1").get_text() == "Lessons"


def test_plugin_options_change_addresses(site_factory):
    site = site_factory({"mkdocs.yml": "site_name: T\ntheme: {name: material, font: false}\nplugins:\n"
                         "  - flipfolio:\n      lessons_url: flipped/lessons\n      credentials_url: badges\n"}).build()
    assert site.exists("flipped/lessons/index.html")
    assert site.exists("flipped/lessons/pushes/index.html")
    assert site.exists("badges/video-design/index.html")
    assert site.article("units/cells/index.html").select_one("table a")["href"] == "../../flipped/lessons/what-is-a-cell/"


@pytest.mark.parametrize("value", ["Lessons", "/", "les sons", "../up"])
def test_bad_plugin_options_are_refused_by_mkdocs(site_factory, mkdocs_log, value):
    site = site_factory({"mkdocs.yml": f"site_name: T\ntheme: material\nplugins:\n  - flipfolio:\n      lessons_url: '{value}'\n"})
    with pytest.raises(Abort):
        site.build()
    assert "option 'lessons_url': expected lowercase words" in mkdocs_log.text


def test_missing_portfolio_folder_is_a_config_error(site_factory, mkdocs_log):
    site = site_factory({"mkdocs.yml": "site_name: T\ntheme: material\nplugins:\n  - flipfolio:\n      portfolio_dir: nowhere\n"})
    with pytest.raises(Abort):
        site.build()
    assert re.search(r"option 'portfolio_dir': The path .*/nowhere' isn't an existing directory; 'flipfolio new' "
                     r"creates a site with its portfolio folder", mkdocs_log.text)


def test_a_portfolio_folder_named_in_another_letter_case_is_named(site_factory, mkdocs_log):
    site = site_factory()
    (site.root / "portfolio").rename(site.root / "Portfolio")
    with pytest.raises(Abort):
        site.build()
    assert re.search(r"option 'portfolio_dir': The path .*/portfolio' isn't an existing directory; a folder "
                     r"'Portfolio' is there: names differ in letter case on most systems, so rename it to "
                     r"'portfolio' or write 'portfolio_dir: Portfolio'", mkdocs_log.text)


def test_generated_pages_make_no_third_party_request(site_factory):
    site = site_factory().build()
    for path in ("lessons/what-is-a-cell/index.html", "credentials/index.html", "lessons/index.html"):
        soup = site.html(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr) or ""
                if tag == "link" and "stylesheet" not in (element.get("rel") or []) and "icon" not in (element.get("rel") or []):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{path}: {tag} loads {value}"


def test_links_and_pictures_in_lesson_text_reach_their_targets(site_factory):
    site = site_factory({
        "portfolio/lessons/cells/deep.md": "---\ntitle: Deep\nunit: cells\n---\n\nSee [pushes](../pushes.md#top) and\n\n"
                                          "![An onion cell under the microscope](../../media/onion.png)\n",
        "portfolio/media/onion.png": "not really a png",
    }).build(strict=True)
    page = site.article("lessons/deep/index.html")
    assert page.find("a", string="pushes")["href"] == "../pushes/#top"
    img = page.find("img", alt="An onion cell under the microscope")
    assert img["src"] == "../../portfolio/media/onion.png"
    assert site.exists("portfolio/media/onion.png")


def test_address_prefixes_must_differ(site_factory, mkdocs_log):
    site = site_factory({"mkdocs.yml": "site_name: T\ntheme: material\nplugins:\n  - flipfolio:\n"
                         "      units_url: lessons\n"})
    with pytest.raises(Abort):
        site.build()
    assert "'lessons_url', 'units_url' and 'credentials_url' must differ, found 'lessons', 'lessons', 'credentials'" \
        in mkdocs_log.text


#: A lesson whose text links every kind of target, with headings for its outline.
LINKING_LESSON = """\
---
title: Pushes and pulls
unit: forces
---

## Forces around us

Back to [the first lesson](what-is-a-cell.md#before-class), [the cells unit](../units/cells.yml),
[a badge](../credentials/video-design.yml "The badge"), [a private one](../credentials/hidden-award.yml),
[the draft](secret-draft.md) and [the notes](<../media/notes v2.pdf>).

![Onion *cells*](<../media/onion cells.png>) and ![far away](https://example.org/far.png)

A [reference][unit], [a site](https://example.org/?a=1&b=2) and [the top](#forces-around-us).
Code keeps `[text](secret-draft.md)` as it is.

[unit]: ../units/forces.yml

### Pulling **hard**

Done.
"""
#: A lesson linking a file outside the portfolio folder, relative to it: MkDocs converts its page.
OUTSIDE_LESSON = "---\ntitle: Outside\nunit: forces\n---\n\nSee [the about page](../../docs/about.md).\n"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_lesson_text_converted_once_gives_the_site_mkdocs_gives(site_factory, tmp_path, mkdocs_log,
                                                                   directory_urls):
    """A lesson page takes its text converted once for it and its unit's pack
    (lessons/text.py). A site with another plugin or hook that changes pages'
    Markdown has MkDocs convert the page instead: the same site either way."""
    import shutil

    files = {"portfolio/lessons/pushes.md": LINKING_LESSON, "portfolio/lessons/outside.md": OUTSIDE_LESSON,
             "portfolio/media/onion cells.png": "not really a png", "portfolio/media/notes v2.pdf": "notes",
             "docs/about.md": "# About\n", "hooks.py": "def on_page_markdown(markdown, **kwargs):\n    return markdown\n"}
    yml = MKDOCS_YML + f"use_directory_urls: {str(directory_urls).lower()}\n"
    site = site_factory(files, mkdocs_yml=yml).build(strict=False)
    once = tmp_path / "once"
    shutil.copytree(site.out, once)
    site.write({"mkdocs.yml": yml + "hooks:\n  - hooks.py\n"}).build(strict=False)
    built = sorted(p.relative_to(site.out) for p in site.out.rglob("*") if p.is_file())
    assert built == sorted(p.relative_to(once) for p in once.rglob("*") if p.is_file())
    assert [str(p) for p in built if (once / p).read_bytes() != (site.out / p).read_bytes()] == []

    page = site.html("lessons/pushes/index.html" if directory_urls else "lessons/pushes.html")
    up = "../" if directory_urls else ""
    article = page.select_one("article")
    hrefs = {a.get_text(" ", strip=True): a["href"] for a in article.select("a[href]")}
    assert hrefs["the first lesson"] == (f"{up}what-is-a-cell/#before-class" if directory_urls else
                                         "what-is-a-cell.html#before-class")
    assert hrefs["the cells unit"] == (f"{up}../units/cells/" if directory_urls else "../units/cells.html")
    assert hrefs["reference"] == (f"{up}../units/forces/" if directory_urls else "../units/forces.html")
    assert hrefs["the notes"] == f"{up}../portfolio/media/notes%20v2.pdf"
    assert hrefs["a site"] == "https://example.org/?a=1&b=2" and hrefs["the top"] == "#forces-around-us"
    assert article.find("img", alt="Onion *cells*")["src"] == f"{up}../portfolio/media/onion%20cells.png"
    for refused in ("a private one", "the draft"):
        assert refused in article.get_text() and refused not in hrefs
    assert "[text](secret-draft.md)" in article.find("code").get_text()
    outline = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--secondary a")]
    assert outline[:2] == ["Forces around us", "Pulling hard"]
    # A relative link out of the portfolio folder leads nowhere on the site: its words, in both builds.
    outside = site.article("lessons/outside/index.html" if directory_urls else "lessons/outside.html")
    assert "the about page" in outside.get_text() and not outside.find("a", string="the about page")
    assert len([r for r in mkdocs_log.records if "'../../docs/about.md' is shown as plain text: it leads outside"
                in r.getMessage()]) == 2


_COUNT_COMPILES = """
import os, sys
import jinja2

real = jinja2.Environment.compile


def compile(self, source, name=None, filename=None, *args, **kwargs):
    with open(os.environ["COMPILED"], "a") as f:  # each process of the build adds its own
        f.write(f"{name}\\n")
    return real(self, source, name, filename, *args, **kwargs)


jinja2.Environment.compile = compile
from mkdocs.__main__ import cli

sys.argv = ["mkdocs", "build", "--strict", "-q", "-f", sys.argv[1], "-d", sys.argv[2]]
cli()
"""


def test_templates_are_compiled_once_and_kept_compiled_for_the_next_build(site_factory, tmp_path):
    """Flipfolio's templates and the theme's are compiled by the first build only (Jinja's bytecode
    cache, in the user's temporary folder); the next loads them compiled, and makes the same site.
    A cache that cannot be made changes nothing but the time."""
    import os
    import subprocess
    import sys

    site = site_factory()
    temp = tmp_path / "temp"
    temp.mkdir()

    def build(out: str, temp_dir: Path) -> list[str]:
        compiled = tmp_path / f"{out}.compiled"
        compiled.touch()
        env = {**os.environ, "TMPDIR": str(temp_dir), "COMPILED": str(compiled), "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run([sys.executable, "-c", _COUNT_COMPILES, str(site.root / "mkdocs.yml"), str(tmp_path / out)],
                       env=env, check=True, cwd=site.root)
        return compiled.read_text().split()

    def files(out: str) -> dict[str, bytes]:
        root = tmp_path / out
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    first = build("first", temp)
    assert {"flipfolio/lesson.html", "flipfolio/lessons.html", "main.html", "base.html"} <= set(first)
    cache = next(temp.glob("_jinja2-cache-*"))
    assert len(list(cache.glob("__flipfolio_*.cache"))) >= 20
    second = build("second", temp)
    # Only what Material compiles in environments of its own (a language partial) is compiled again.
    assert second and not [name for name in second if name.startswith("flipfolio/") or name.endswith(("main.html",
                                                                                                      "base.html"))]
    assert len(second) < len(first) / 5
    assert files("second") == files("first") and len(files("first")) > 30

    broken = tmp_path / "broken-temp"
    broken.mkdir()
    (broken / f"_jinja2-cache-{os.getuid()}").write_text("not a folder")
    build("third", broken)
    assert files("third") == files("first")


def test_a_portfolio_whose_dates_are_all_before_1970_builds(site_factory):
    """The pages' "last updated" date is the content's latest date; MkDocs dates
    sitemap.xml.gz with it, and a gzip date starts in 1970 (a build failed with a traceback)."""
    import gzip
    import textwrap

    from sites import BASE

    old = {path: re.sub(r"\b20\d\d-(\d\d)-(\d\d)\b", r"1965-\1-\2", textwrap.dedent(text))
           for path, text in BASE.items() if path.startswith("portfolio/")}
    assert sum("1965-" in text for text in old.values()) >= 3
    site = site_factory(old).build()
    data = (site.out / "sitemap.xml.gz").read_bytes()
    assert "urlset" in gzip.decompress(data).decode()
    assert int.from_bytes(data[4:8], "little") == 315532800  # dated 1980-01-01, the earliest a site's file gets


def test_lesson_text_too_deep_to_convert_is_an_error_naming_the_lesson(site_factory, mkdocs_log):
    """Python-Markdown works nested emphasis out by recursion: ten thousand '*'
    around a word ended the build with a RecursionError's traceback."""
    site = site_factory({"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\n---\n\n"
                                                        + "*" * 5000 + "x" + "*" * 5000 + "\n"})
    with pytest.raises(Abort):
        site.build(strict=False)
    errors = "\n".join(r.getMessage() for r in mkdocs_log.records if r.levelname == "ERROR")
    assert "portfolio/lessons/pushes.md: the lesson text nests quotes, lists, brackets or emphasis marks" in errors


def test_the_plugin_sees_each_page_last_after_every_other_plugin():
    """A preview writes a kept page itself in on_post_page and hands MkDocs nothing: other plugins'
    rewrites (Material's privacy, a minifier) must have run before it."""
    from flipfolio.mkdocs.plugin import FlipfolioPlugin

    assert FlipfolioPlugin.on_post_page.mkdocs_priority == -100
    assert [name for name, hook in vars(FlipfolioPlugin).items()
            if getattr(hook, "mkdocs_priority", None) is not None and not name.startswith("on_")] == []


def test_every_page_skips_to_the_start_of_its_content(site_factory):
    """Material's "Skip to content" leads to a page's first heading of its outline (past the
    teacher's name on the home page), and a page without an outline (the badge wall) has none."""
    site = site_factory().build()
    for page in ("index.html", "credentials/index.html", "lessons/what-is-a-cell/index.html", "privacy/index.html"):
        html = site.html(page)
        skips = html.select("a.md-skip")
        assert [(a["href"], a.get_text(strip=True)) for a in skips] == [("#ff-content", "Skip to content")], page
        assert html.select_one("article#ff-content.md-content__inner")["tabindex"] == "-1", page


def test_the_page_of_a_missing_address_says_where_to_go(site_factory):
    """Shown at any address, its links start at the site's root."""
    site = site_factory().build()
    article = site.article("404.html")
    assert article.h1.get_text() == "This page is not here"
    assert [(a.get_text(), a["href"]) for a in article.select("a")] == [
        ("Home page", "/"), ("Lessons", "/lessons/"), ("Credentials", "/credentials/")]
