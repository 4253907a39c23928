"""The example site built in Spanish (``theme.language: es``), and in every
other language Flipfolio has words of, has no English string from Flipfolio on
any page.

The example portfolio is built from the repository's mkdocs.yml with only
the language changed. Every page's content (what Flipfolio renders: the
article of a Material page, a whole class page), the calendar and the feed
are searched for the literal parts of every English message of the
catalogue. The teacher's own words (the portfolio, the docs, mkdocs.yml)
stay English and are taken out first; Material's own strings (header,
navigation, footer, search) are outside the article and are Material's to
translate.
"""

from __future__ import annotations

import html
import json
import re
import string
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Comment

from flipfolio.core import messages

REPO = Path(__file__).resolve().parent.parent
#: Attributes whose words a visitor meets (read aloud, shown, written by the script).
WORDED = ("aria-label", "alt", "title", "placeholder", "data-ff-now", "data-ff-next", "data-ff-none", "data-ff-other",
          "data-ff-shown", "data-ff-expired", "data-ff-copied")


_BUILT: dict[str, Path] = {}


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> Path:
    """The example site in Spanish, built with --strict."""
    return _built(tmp_path_factory, "es")


@pytest.fixture(scope="module", params=["es", "fr", "pt", "vi", "ar", "zh", "zh-Hant"])
def translated_site(request, tmp_path_factory) -> tuple[str, Path]:
    """The example site in each language Flipfolio has words of but English, built with --strict."""
    return request.param, _built(tmp_path_factory, request.param)


def _built(tmp_path_factory, language: str) -> Path:
    if language in _BUILT:
        return _BUILT[language]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["language"] == "en"
    folder = tmp_path_factory.mktemp(language)
    out = folder / "site"
    config_file = folder / "mkdocs.yml"
    config_file.write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    # The same site, from the repository's folders, with only the language changed.
    loaded = load_config(str(config_file), strict=True, site_dir=str(out), docs_dir=str(REPO / "docs"),
                         theme={**config["theme"], "language": language, "custom_dir": str(REPO / "overrides")},
                         plugins=["search", {"flipfolio": {"portfolio_dir": str(REPO / "portfolio")}}])
    loaded.plugins.on_startup(command="build", dirty=False)
    try:
        build(loaded)
    finally:
        loaded.plugins.on_shutdown()
    _BUILT[language] = out
    return out


def _fragments(language: str) -> re.Pattern:
    """The English literal parts of every message `language` says otherwise, as one pattern."""
    english, spanish = messages.shipped("en"), messages.shipped(language)
    found: set[str] = set()
    for key, value in english.items():
        if key.startswith("date."):
            continue
        other = spanish[key]
        other_text = " ".join(other.values()) if isinstance(other, dict) else other
        for form in (value.values() if isinstance(value, dict) else [value]):
            for literal, _, _, _ in string.Formatter().parse(form):
                part = literal.strip(" .,:;()“”\"'·–—-")
                # Words only (not "min", "KB", "zip"), and not what Spanish says the same.
                if re.search(r"[A-Za-z]{2,}", part) and part not in other_text and len(part) > 2:
                    found.add(part)
    ordered = sorted(found, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![\w-])")


def _teacher_words() -> tuple[str, list[str]]:
    """The teacher's own words: every text file of the portfolio, the docs and
    mkdocs.yml (as one text), and its pieces (values, lines) to take out of
    the text of a page where Flipfolio's words surround them."""
    files = [REPO / "mkdocs.yml"]
    for folder in ("portfolio", "docs", "overrides"):
        files += [p for p in (REPO / folder).rglob("*") if p.is_file()]
    texts, pieces = [], set()
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        texts.append(text)
        if path.suffix == ".json":
            try:
                stack = [json.loads(text)]
            except ValueError:
                stack = []
            while stack:
                item = stack.pop()
                if isinstance(item, dict):
                    stack += list(item.values())
                elif isinstance(item, list):
                    stack += item
                elif isinstance(item, str):
                    pieces.add(item.strip())
        for line in text.splitlines():
            line = re.sub(r"^\s*(?:[-#>*]+\s+|[\w-]+:\s*)*", "", line).strip().strip("\"'")
            pieces.add(line)
    blob = " ".join(" ".join(texts).split())
    return blob, sorted((p for p in pieces if len(p) >= 3), key=len, reverse=True)


def _words_of(root) -> list[str]:
    """The text nodes and worded attributes of an element."""
    for element in root.select("script, style, a.headerlink, template"):
        element.decompose()
    found = [str(s) for s in root.find_all(string=True) if not isinstance(s, Comment)]
    for element in root.find_all(True):
        found += [str(element.get(name)) for name in WORDED if element.get(name)]
    return [" ".join(text.split()) for text in found if text.strip()]


def test_the_example_in_another_language_has_no_english_string_from_flipfolio(translated_site):
    language, spanish_site = translated_site
    english = _fragments(language)
    blob, pieces = _teacher_words()
    found: dict[str, set[str]] = {}

    def check(where: str, texts: list[str]):
        for text in texts:
            if text in blob:
                continue  # the teacher's own words
            rest = text
            for piece in pieces:
                if piece in rest:
                    rest = rest.replace(piece, " ")
            for match in english.finditer(rest):
                found.setdefault(where, set()).add(f"{match.group(0)!r} in {text[:120]!r}")

    pages = sorted(spanish_site.rglob("*.html"))
    assert len(pages) > 30
    checked = 0
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        where = page.relative_to(spanish_site).as_posix()
        if re.match(r"(family|this-week)/[a-z]{2}/", where):
            continue  # a version for families in another language (profile.yml's family_languages)
        article = soup.select_one("article.md-content__inner")
        if article is not None:
            check(where, _words_of(article))
            checked += 1
        elif soup.select_one("body.ff-class") is not None:  # a class page: Flipfolio's from top to bottom
            assert soup.html["lang"] == language
            check(where, _words_of(soup.body) + [soup.title.get_text()])
            checked += 1
        for block in soup.select("template[data-ff-messages]"):
            words = json.loads(block.get_text())
            class_page = soup.select_one("body.ff-class") is not None
            expected = messages.load(language).client(leave_out=() if class_page else ("class.",))
            assert words == {"lang": language, "messages": expected}, where
            assert class_page or expected and not any(key.startswith("class.") for key in expected)
    assert checked > 30
    for name in ("calendar.ics", "lessons.atom"):
        path = next(spanish_site.rglob(name), None)
        if path is not None:
            text = html.unescape(path.read_text(encoding="utf-8"))
            text = re.sub(r"\r?\n ", "", text)  # iCalendar folds long lines
            lines = [re.sub(r"^[A-Z-]+(;[^:]*)?:", "", line) for line in re.split(r"<[^>]+>|\r?\n|\\n", text)
                     if not line.startswith("PRODID:")]  # (an identifier of the program, not words for people)
            lines = [re.sub(r"\\([,;\\])", r"\1", line) for line in lines]
            check(name, [" ".join(line.split()) for line in lines if line.strip()])
    assert found == {}, "\n".join(f"{where}: {hits}" for where, hits in found.items())


def test_the_spanish_example_speaks_spanish(spanish_site):
    """A few pages, as a reader sees them."""
    def article(path):
        return BeautifulSoup((spanish_site / path).read_text(encoding="utf-8"), "html.parser").select_one("article")

    assert article("this-week/index.html").h1.get_text() == "Esta semana"
    assert article("family/index.html").h1.get_text() == "Para las familias"
    lessons = article("lessons/index.html")
    assert lessons.h1.get_text() == "Lecciones"
    assert re.search(r"\d+ lecciones en \d+ unidades", lessons.get_text())
    dates = [t.get_text() for t in article("lessons/index.html").select("time")]
    assert dates and all(re.fullmatch(r"\d{1,2} de [a-z]+ de \d{4}", d) for d in dates), dates[:5]
    week = " ".join(article("this-week/index.html").get_text(" ").split())
    assert re.search(r"Para el (lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2} de", week)


def test_the_french_example_speaks_french(tmp_path_factory):
    """A few pages, as a reader sees them."""
    site = _built(tmp_path_factory, "fr")

    def article(path):
        return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser").select_one("article")

    assert article("this-week/index.html").h1.get_text() == "Cette semaine"
    assert article("family/index.html").h1.get_text() == "Pour les familles"
    lessons = article("lessons/index.html")
    assert lessons.h1.get_text() == "Leçons"
    assert re.search(r"\d+ leçons en \d+ unités", lessons.get_text())
    dates = [t.get_text() for t in lessons.select("time")]
    assert dates and all(re.fullmatch(r"\d{1,2} [a-zéû]+ \d{4}", d) for d in dates), dates[:5]
