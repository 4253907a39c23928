"""The words the scripts write, on a site in a language Flipfolio has no words
of (``theme.language: it``): each English word is marked English for screen
readers (WCAG 3.1.2, language of parts), and the teacher's Italian is not
(messages.js, ``ff.put`` and ``ff.words``). The words the pages are built with
are checked in tests/test_site_untranslated.py."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
import sitecheck
from sites import BASE, MKDOCS_YML, Site

from flipfolio.core import messages

LESSON = "lessons/what-is-a-cell/"

#: The teacher's words, all Italian, each with a word no English message has.
ITALIAN_SET = """\
title: Verifica sulle cellule
questions:
  - prompt: Qual è la più piccola unità della vita?
    id: piu-piccola
    choices:
      - {text: La cellula, correct: true}
      - {text: L'organo}
    explanation: Ogni essere vivente è fatto di cellule.
  - prompt: Quante zampe ha un insetto?
    id: zampe
    type: numeric
    answer: 6
  - prompt: Nomina il centro di controllo della cellula.
    id: centro
    answers: [nucleo, il nucleo]
  - prompt: Spiega perché le cellule si dividono.
    id: perche
    type: open
    min_words: 5
"""
ITALIAN = re.compile(r"cellul|insetto|nucleo|vivente|dividono|organo|Verifica|controllo|zampe", re.IGNORECASE)


def _english_messages() -> list[re.Pattern]:
    """Each English message the scripts write (client.*), as a pattern (its values any text)."""
    found = []
    for key, value in messages.shipped("en").items():
        if not key.startswith("client."):
            continue
        for text in (value.values() if isinstance(value, dict) else [value]):
            parts = re.split(r"\{\w+\}", text.replace("{{", "{").replace("}}", "}"))
            if sum(len(re.findall(r"[A-Za-z]{2,}", part)) for part in parts) >= 1:
                found.append(re.compile(r"\s*" + ".+?".join(re.escape(part) for part in parts) + r"\s*", re.DOTALL))
    return found


@pytest.fixture(scope="module")
def italian_url(tmp_path_factory):
    site = Site(tmp_path_factory.mktemp("italian"))
    site.write({"mkdocs.yml": MKDOCS_YML.replace("  font: false\n", "  font: false\n  language: it\n")})
    site.write(BASE)
    site.write({"portfolio/questions/cell-check.yml": ITALIAN_SET})
    site.build()
    with sitecheck.serve(site.out) as url:
        yield url


def _texts(page, selector: str) -> list[tuple[str, str]]:
    """Every text under `selector`, with the language it is in (the nearest lang)."""
    return page.evaluate("""selector => {
      const found = [];
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.data.trim() || node.parentElement.closest("script, style, template")) continue;
          found.push([node.data, node.parentElement.closest("[lang]").getAttribute("lang")]);
        }
      }
      return found;
    }""", selector)


def test_the_scripts_mark_their_english_words_and_leave_the_teachers_italian(new_page, italian_url):
    page = new_page(width="phone")
    page.goto(italian_url + LESSON)
    sitecheck.wait_until_settled(page)
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
    assert page.evaluate("document.documentElement.lang") == "it"

    # Every state that writes words: an answer missing, wrong, right (with the teacher's explanation), kept.
    pick = page.locator('[data-ff-question="piu-piccola"]')
    pick.get_by_role("button", name="Check").click()
    pick.get_by_label("L'organo").check()
    pick.get_by_role("button", name="Check").click()
    pick.get_by_role("button", name="Try again").click()
    pick.get_by_label("La cellula").check()
    pick.get_by_role("button", name="Check").click()
    legs = page.locator('[data-ff-question="zampe"]')
    legs.get_by_role("textbox").fill("otto")
    legs.get_by_role("button", name="Check").click()
    why = page.locator('[data-ff-question="perche"]')
    why.get_by_role("textbox").fill("Per crescere e riparare")  # the count of words written

    english = _english_messages()
    texts = _texts(page, ".ff-questions")
    assert len(texts) > 20
    wrongly_italian = [text for text, lang in texts if lang != "en" and any(p.fullmatch(text) for p in english)]
    wrongly_english = [text for text, lang in texts if lang == "en" and ITALIAN.search(text)]
    assert wrongly_italian == [], wrongly_italian
    assert wrongly_english == [], wrongly_english
    shown_english = [text for text, lang in texts if lang == "en"]
    for words in ("Check", "Try again", "Not quite", "Your answer", "Right"):  # what a student reads
        assert any(words in text for text in shown_english), (words, shown_english)
    assert any(lang == "it" and "Ogni essere vivente è fatto di cellule." in text for text, lang in texts)

    # The lessons index marks the lesson answered, in English words marked so.
    page.goto(italian_url + "lessons/")
    sitecheck.wait_until_settled(page)
    page.wait_for_selector(".ff-chip--done")
    chips = _texts(page, ".ff-chip--done")
    assert chips and all(lang == "en" for _, lang in chips), chips


def test_an_english_site_has_no_marks(new_page, example_url):
    page = new_page()
    page.goto(example_url + "lessons/cell-theory/")
    sitecheck.wait_until_settled(page)
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
    page.locator(".ff-questions .ff-check-button").first.click()
    assert page.locator(".ff-questions [lang]").count() == 0


@contextmanager
def _lesson_of(new_page, folder, language: str = "en", questions: str | None = None):
    """The lesson page of a tiny site in `language` (with `questions` as its set), open on a phone,
    its questions ready."""
    site = Site(folder)
    site.write({"mkdocs.yml": MKDOCS_YML.replace("  font: false\n", f"  font: false\n  language: {language}\n")})
    site.write(BASE)
    if questions:
        site.write({"portfolio/questions/cell-check.yml": questions})
    site.build()
    with sitecheck.serve(site.out) as url:
        page = new_page(width="phone")
        page.goto(url + LESSON)
        sitecheck.wait_until_settled(page)
        page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
        yield page


def test_on_a_right_to_left_page_the_english_words_are_isolated_and_the_lines_keep_its_alignment(
        new_page, tmp_path):
    with _lesson_of(new_page, tmp_path / "hebrew", "he") as page:
        item = page.locator(".ff-questions li[data-ff-question]").first
        item.get_by_role("button", name="Check").click()  # nothing picked: "Pick an answer first."
        feedback = item.locator(".ff-feedback")
        assert feedback.get_attribute("dir") is None and feedback.get_attribute("lang") is None
        words = feedback.locator("span[lang='en'][dir='ltr']")
        assert words.count() == 1 and words.inner_text().strip()
        assert page.evaluate("getComputedStyle(document.querySelector('.ff-feedback')).direction") == "rtl"
        english = _english_messages()
        texts = _texts(page, ".ff-questions")
        unmarked = [text for text, lang in texts if lang != "en" and any(p.fullmatch(text) for p in english)]
        assert unmarked == [], unmarked
        isolated = page.evaluate("""() => [...document.querySelectorAll('.ff-questions [lang="en"]')]
            .filter(e => e.getAttribute('dir') !== 'ltr' && !['OPTION', 'TEXTAREA'].includes(e.nodeName))
            .map(e => e.outerHTML.slice(0, 80))""")
        assert isolated == []


CHINESE_OPEN = """\
title: Cells
questions:
  - prompt: 细胞为什么会分裂？
    id: why-zh
    type: open
    min_words: 5
    lang: zh
  - prompt: Why do cells divide?
    id: why-en
    type: open
    min_words: 5
"""


def test_words_are_counted_in_languages_written_without_spaces(new_page, tmp_path):
    """Chinese has no spaces between words: a sentence is counted in words, not as one."""
    with _lesson_of(new_page, tmp_path / "chinese", questions=CHINESE_OPEN) as page:
        counts = {}
        for qid, answer in (("why-zh", "细胞通过分裂来生长和修复身体"), ("why-en", "Cells divide to grow")):
            item = page.locator(f'[data-ff-question="{qid}"]')
            item.get_by_role("textbox").fill(answer)
            counts[qid] = int(re.search(r"\d+", item.locator(f"#ff-count-{qid}").inner_text()).group())
        assert counts["why-zh"] >= 5 and counts["why-en"] == 4, counts
        chinese = page.locator('[data-ff-question="why-zh"]')
        chinese.get_by_role("button", name="Save my answer").click()  # enough words: kept, not "write more"
        assert chinese.get_attribute("data-ff-result") == "kept"
