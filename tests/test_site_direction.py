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

ARABIC = {"family.title": "للعائلات", "week.title": "هذا الأسبوع",
          "common.other_languages": "هذه الصفحة بلغات أخرى:"}


def _family_words_in_arabic() -> str:
    """A teacher's messages file with every word of the pages for families (a few in Arabic)."""
    nested: dict = {}
    for key, value in messages.shipped("en").items():
        if key.startswith(FAMILY_WORDS):
            *path, last = key.split(".")
            place = nested
            for part in path:
                place = place.setdefault(part, {})
            place[last] = ARABIC.get(key, value)
    return yaml.safe_dump(nested, allow_unicode=True)


def test_a_version_for_families_in_arabic_is_right_to_left_on_a_left_to_right_site(site_factory):
    site = site_factory({
        "portfolio/profile.yml": "name: Sam Teacher\nschool: Test School\nsubjects: [Science]\ngrades: [7]\n"
                                 "bio: Teaches science.\nfamily_languages: [ar]\n",
        "portfolio/messages/ar.yml": _family_words_in_arabic(),
    }).build()
    for page in ("family/ar/index.html", "this-week/ar/index.html"):
        version = site.article(page).select_one("div[lang='ar']")
        assert version is not None and version["dir"] == "rtl", page
        assert version.select_one("a[hreflang='en']")["dir"] == "ltr"  # "English", in a right-to-left line
    own = site.article("family/ar/index.html").select("div[lang='ar'] span[lang='en']")
    assert own and all(span.get("dir") == "ltr" for span in own)  # the teacher's name, school, subjects
    assert site.article("family/ar/index.html").select_one("h1").get_text() == "للعائلات"
    # On the site's own page, in English: the link to the Arabic version is right to left, nothing else.
    english = site.article("family/index.html")
    assert english.select_one("a[hreflang='ar']")["dir"] == "rtl"
    assert english.select("[dir]") == [english.select_one("a[hreflang='ar']")]


@pytest.fixture(scope="module")
def arabic_site(tmp_path_factory):
    from sites import BASE, MKDOCS_YML, Site

    site = Site(tmp_path_factory.mktemp("arabic"))
    site.write({"mkdocs.yml": MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: ar\n")})
    site.write(BASE)
    return site.build()


def test_every_page_of_a_site_in_arabic_is_right_to_left(arabic_site):
    pages = sorted(arabic_site.out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        soup = arabic_site.html(page.relative_to(arabic_site.out).as_posix())
        where = page.relative_to(arabic_site.out).as_posix()
        # Material's pages say it on <body>; Flipfolio's own (print, class) on <html>.
        assert "rtl" in (soup.html.get("dir"), soup.body.get("dir") if soup.body else None), where
        assert soup.html["lang"] == "ar", where


def test_english_words_on_a_right_to_left_page_are_isolated_left_to_right(arabic_site):
    lesson = arabic_site.article("lessons/what-is-a-cell/index.html")
    marked = lesson.select("span[lang='en']")
    assert len(marked) > 5 and all(span.get("dir") == "ltr" for span in marked)
    assert messages.direction("he") == messages.direction("fa-IR") == "rtl"
    assert messages.direction("en") == messages.direction("vi") == messages.direction("not-a-code") == "ltr"
