"""Languages written right to left (Arabic, Hebrew, Persian, Urdu …): a page,
or a part of one, in such a language says so (``dir="rtl"``), and words of a
language written the other way inside it are isolated (``dir="ltr"``), so
that a browser lays out and a screen reader reads each the right way
(WCAG 1.3.2, meaningful sequence; the Unicode bidirectional algorithm)."""

from __future__ import annotations

import pytest
import yaml

from flipfolio.core import messages
from flipfolio.delivery import FAMILY_WORDS

HEBREW = {"family.title": "למשפחות", "week.title": "השבוע", "common.other_languages": "דף זה בשפות אחרות:"}


def _family_words_in_hebrew() -> str:
    """A teacher's messages file with every word of the pages for families (a few in Hebrew)."""
    nested: dict = {}
    for key, value in messages.shipped("en").items():
        if key.startswith(FAMILY_WORDS):
            *path, last = key.split(".")
            place = nested
            for part in path:
                place = place.setdefault(part, {})
            place[last] = HEBREW.get(key, value)
    return yaml.safe_dump(nested, allow_unicode=True)


def test_a_version_for_families_in_hebrew_is_right_to_left_on_a_left_to_right_site(site_factory):
    site = site_factory({
        "portfolio/profile.yml": "name: Sam Teacher\nschool: Test School\nsubjects: [Science]\ngrades: [7]\n"
                                 "bio: Teaches science.\nfamily_languages: [he]\n",
        "portfolio/messages/he.yml": _family_words_in_hebrew(),
        "portfolio/lessons/cell-parts.md": "---\ntitle: Parts of a cell\nunit: cells\norder: 2\ndue: 2025-09-17\n---\n\n"
                                          "Read about them.\n",  # (due a fortnight later: two weeks, linked)
    }).build()
    for page in ("family/he/index.html", "this-week/he/index.html"):
        version = site.article(page).select_one("div[lang='he']")
        assert version is not None and version["dir"] == "rtl", page
        assert version.select_one("a[hreflang='en']")["dir"] == "ltr"  # "English", in a right-to-left line
    own = site.article("family/he/index.html").select("div[lang='he'] span[lang='en']")
    assert own and all(span.get("dir") == "ltr" for span in own)  # the teacher's name, school, subjects
    assert site.article("family/he/index.html").select_one("h1").get_text() == "למשפחות"
    for page in ("family/he/index.html", "this-week/he/index.html"):  # the page itself: its title is in Hebrew
        html = site.html(page).html
        assert (html["lang"], html["dir"]) == ("he", "rtl"), page
    assert site.html("family/index.html").html["lang"] == "en" and not site.html("family/index.html").html.get("dir")
    # The theme's own words are Hebrew too, laid out right to left; the site's words in them (its name, the
    # navigation's titles) are marked English, left to right, and the page's outline Hebrew again.
    page = site.html("family/he/index.html")
    assert page.body["dir"] == "rtl" and page.select_one("input.md-search__input")["placeholder"] == "חיפוש"
    assert page.select_one("a.md-skip[href='#ff-content']").get_text(strip=True) == "לדלג לתוכן"
    marked = [page.select_one(selector) for selector in ("label.md-nav__title[for=__drawer]", "ul.md-nav__list[data-md-scrollfix]",
                                                         ".md-header__topic:not([data-md-component])")]
    assert all((tag["lang"], tag["dir"]) == ("en", "ltr") for tag in marked), marked
    outlines = page.select("nav.md-nav--secondary")
    assert outlines and all((nav["lang"], nav["dir"]) == ("he", "rtl") for nav in outlines)
    # Every other page, made before it or after it (the privacy page), speaks the site's language.
    for other in ("family/index.html", "privacy/index.html", "index.html"):
        english = site.html(other)
        assert english.body["dir"] == "ltr" and english.select_one("input.md-search__input")["placeholder"] == "Search"
        assert not english.select("ul.md-nav__list[lang], nav.md-nav--secondary[lang]"), other
    # The links to other weeks point the way Hebrew reads: back is to the right.
    nav = site.article("this-week/he/index.html").select(".ff-week-nav a")
    arrows = {a["rel"][0]: a.select_one("[aria-hidden]").get_text() for a in nav}
    assert arrows and arrows.get("prev", "→") == "→" and arrows.get("next", "←") == "←", arrows
    # On the site's own page, in English: the link to the Hebrew version is right to left, nothing else.
    english = site.article("family/index.html")
    assert english.select_one("a[hreflang='he']")["dir"] == "rtl"
    assert english.select("[dir]") == [english.select_one("a[hreflang='he']")]


@pytest.fixture(scope="module")
def hebrew_site(tmp_path_factory):
    from sites import BASE, MKDOCS_YML, Site

    site = Site(tmp_path_factory.mktemp("hebrew"))
    site.write({"mkdocs.yml": MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: he\n")})
    site.write(BASE)
    return site.build()


def test_every_page_of_a_site_in_hebrew_is_right_to_left(hebrew_site):
    pages = sorted(hebrew_site.out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        soup = hebrew_site.html(page.relative_to(hebrew_site.out).as_posix())
        where = page.relative_to(hebrew_site.out).as_posix()
        # Material's pages say it on <body>; Flipfolio's own (print, class) on <html>.
        assert "rtl" in (soup.html.get("dir"), soup.body.get("dir") if soup.body else None), where
        assert soup.html["lang"] == "he", where


def test_english_words_on_a_right_to_left_page_are_isolated_left_to_right(hebrew_site):
    lesson = hebrew_site.article("lessons/what-is-a-cell/index.html")
    marked = lesson.select("span[lang='en']")
    assert len(marked) > 5 and all(span.get("dir") == "ltr" for span in marked)
    assert messages.direction("ar") == messages.direction("fa-IR") == "rtl"
    assert messages.direction("en") == messages.direction("vi") == messages.direction("not-a-code") == "ltr"
