"""A site in a language Flipfolio has only some words of: the words it shows
in English are marked English, for screen readers (WCAG 3.1.2, language of
parts), and nothing else is.

The example portfolio is built in Italian (``theme.language: it``) with a
catalogue of the portfolio giving one message (``lesson.objectives``). Every
text of every page's content is read with the language it is in (the
nearest ``lang`` around it): an English word of Flipfolio's catalogue must
be in English, the Italian word and the teacher's own words must not be. An
attribute, a ``<title>``, an ``<option>`` and the feed cannot hold a mark:
none of them may hold one.
"""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Comment

from flipfolio.core import messages

REPO = Path(__file__).resolve().parent.parent
ITALIAN = "Alla fine della lezione saprai"


@pytest.fixture(scope="module")
def italian_site(tmp_path_factory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    folder = tmp_path_factory.mktemp("italian")
    portfolio = folder / "portfolio"
    shutil.copytree(REPO / "portfolio", portfolio)
    (portfolio / "messages").mkdir()
    (portfolio / "messages" / "it.yml").write_text(f"lesson:\n  objectives: {ITALIAN}\n", encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    config_file.write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_config(str(config_file), strict=True, site_dir=str(folder / "site"), docs_dir=str(REPO / "docs"),
                         theme={**config["theme"], "language": "it", "custom_dir": str(REPO / "overrides")},
                         plugins=["search", {"flipfolio": {"portfolio_dir": str(portfolio)}}])
    loaded.plugins.on_startup(command="build", dirty=False)
    try:
        build(loaded)
    finally:
        loaded.plugins.on_shutdown()
    return folder / "site"


def _english_words() -> re.Pattern:
    """Whole words of Flipfolio's English messages that the teacher's example never uses
    (so that a match is Flipfolio's word, not the teacher's)."""
    teacher = " ".join(p.read_text(encoding="utf-8", errors="replace")
                       for p in (REPO / "portfolio").rglob("*") if p.is_file() and p.suffix in (".md", ".yml"))
    found = set()
    for key, value in messages.shipped("en").items():
        if key.startswith(("date.", "client.")):
            continue
        for form in (value.values() if isinstance(value, dict) else [value]):
            for literal, _, _, _ in string.Formatter().parse(form):
                part = literal.strip(" .,:;()“”\"'·–—-")
                if len(part) > 12 and " " in part and part not in teacher:
                    found.add(part)
    return re.compile("|".join(re.escape(p) for p in sorted(found, key=len, reverse=True)))


def _language(element) -> str | None:
    while element is not None:
        if getattr(element, "attrs", None) and element.get("lang"):
            return element["lang"]
        element = element.parent
    return None


def test_words_shown_in_english_are_marked_english_and_nothing_else_is(italian_site):
    english = _english_words()
    pages = sorted(italian_site.rglob("*.html"))
    unmarked, marked_italian, marks_in_attributes = set(), set(), set()
    english_marks = 0
    # The teacher's own pages (docs/) quote Flipfolio's words in English: only Flipfolio's pages count.
    own = {"index.html" if p.stem == "index" else f"{p.stem}/index.html" for p in (REPO / "docs").glob("*.md")}
    for page in pages:
        where = page.relative_to(italian_site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        version = re.match(r"(?:family|this-week)/([a-z-]+)/", where)  # a family page's version: its language
        assert soup.html["lang"] == (version.group(1) if version else "it"), where
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                if "lang=" in str(value) or "<span" in str(value):
                    marks_in_attributes.add(f"{where}: {name}= on <{element.name}>")
        for element in soup.select("title, option, textarea"):
            if element.find(True) is not None or "<span" in element.get_text():
                marks_in_attributes.add(f"{where}: <{element.name}> {element.get_text()[:60]!r}")
        content = soup.select_one("article.md-content__inner") or soup.select_one("body.ff-class")
        if content is None or where in own:
            continue
        for element in content.select("script, style, template"):
            element.decompose()
        for text in content.find_all(string=True):
            if isinstance(text, Comment) or not text.strip():
                continue
            language = _language(text.parent)
            english_marks += language == "en"
            if language == "en":
                if ITALIAN in text:
                    marked_italian.add(f"{where}: {text.strip()[:80]!r}")
            elif language in ("it", None):
                for match in english.finditer(text):
                    unmarked.add(f"{where}: {match.group(0)!r} in {text.strip()[:100]!r}")
    assert len(pages) > 30 and english_marks > 500
    assert unmarked == set(), "\n".join(sorted(unmarked)[:40])
    assert marked_italian == set()
    assert marks_in_attributes == set(), "\n".join(sorted(marks_in_attributes)[:40])
    # The feed and the calendar are not HTML: no mark in them.
    for name in ("lessons.atom", "calendar.ics"):
        text = (italian_site / name).read_text(encoding="utf-8")
        assert "<span" not in text and "&lt;span" not in text


def test_the_teachers_words_inside_an_english_message_keep_the_pages_language(italian_site):
    lesson = BeautifulSoup((italian_site / "lessons/plant-and-animal-cells/index.html").read_text(encoding="utf-8"),
                           "html.parser")
    # The objectives' heading is Italian here; "Hint" is English; a choice of the teacher's question, shown
    # inside "Not this one: {choice}", is in the page's language.
    heading = next(h for h in lesson.select("article h2") if h.get_text(strip=True) == ITALIAN)
    assert _language(heading) == "it"
    hint = lesson.select_one("details.ff-hint summary")
    assert hint.get_text(strip=True) == "Hint" and _language(hint.find(string=True).parent) == "en"
    shown = next(li for li in lesson.select("li") if li.get_text(" ", strip=True).startswith("Not this one: Chloroplast"))
    words = [(str(t), _language(t.parent)) for t in shown.find_all(string=True) if t.strip()]
    assert words[:2] == [("Not this one: ", "en"), ("Chloroplast", "it")], words


def test_a_page_in_english_or_a_complete_language_has_no_mark():
    for language in ("en", "en-GB", "es", "es-MX", "fr", "fr-CA", "pt", "pt-PT", "vi", "ar", "zh", "zh-TW"):
        catalogue = messages.load(language)
        shown = [catalogue.t(key, **{name: 2 if name == "count" else "x" for name in messages.placeholders(value)})
                 for key, value in catalogue.entries.items()]
        assert len(shown) > 400 and not any("lang=" in s for s in shown), language


@pytest.mark.parametrize("key, values, expected", [
    ("lesson.before_class", {}, "Prima della lezione"),
    ("family.title", {}, '<span lang="en">For families</span>'),
    ("common.lessons", {"count": 2}, '<span lang="en">2 lessons</span>'),
    ("video.play", {"title": "Le <cellule>"},
     '<span lang="en">Play “</span>Le &lt;cellule&gt;<span lang="en">”</span>'),
])
def test_a_message_in_english_marks_its_words_not_the_values(tmp_path, key, values, expected):
    (tmp_path / "messages").mkdir()
    (tmp_path / "messages" / "it.yml").write_text("lesson:\n  before_class: Prima della lezione\n", encoding="utf-8")
    italian = messages.load("it", tmp_path, [])
    assert str(italian.t(key, **values)) == expected
    assert "<span" not in italian.text(key, **values)
