"""The lesson page's questions in headless Chromium: answering choice, multiple,
true-false, short and numeric questions with the mouse and the keyboard alone,
feedback in a live region, Try again, progress kept in the browser across a
reload and forgotten on request, answer keys not readable in the page's source,
and axe-core after answering in both colour schemes."""

from __future__ import annotations

import base64
import json

import pytest
import sitecheck

from flipfolio.questions.answers import _unit, normalise, parse_number

# Short, choice, choice, true-false, multiple and matching questions, and two videos.
LESSON = "lessons/cell-theory/"
# Numeric questions (the first: 10 %, give or take 2).
NUMERIC_LESSON = "lessons/energy-pyramids/"
KEY = "flipfolio:v1:"


@pytest.fixture
def lesson(new_page, example_url):
    def open_lesson(address=LESSON, **options):
        page = new_page(**options)
        page.goto(example_url + address)
        sitecheck.wait_until_settled(page)
        page.wait_for_selector(".ff-questions[data-ff-ready] .ff-check")
        return page

    return open_lesson


def question(page, kind, n=0):
    return page.locator(f".ff-question-{kind}").nth(n)


def feedback(item) -> str:
    return " ".join(item.locator(".ff-feedback").inner_text().split())


def test_a_choice_question_answered_with_the_mouse_shows_the_choice_feedback(lesson):
    page = lesson()
    item = question(page, "choice")
    assert item.locator(".ff-choices").is_hidden()  # the plain list gives way to radio buttons
    assert item.locator(".ff-feedback").get_attribute("aria-live") == "polite"
    # One answer, two things read out (its feedback, "n of m answered"), not three (the score at the end too):
    # at the end of the set, only what the receipt's buttons did is read out.
    assert page.locator(".ff-summary [aria-live]").count() == page.locator(".ff-summary").count()
    assert page.locator(".ff-summary p[aria-live]:not(.ff-meta)").count() == 0
    item.get_by_label("All cells in all organisms are the same size").click()
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Not quite.")
    assert "a nerve cell can be more than a meter long" in feedback(item)
    assert item.get_by_role("button", name="Check").is_hidden() and item.get_by_label("Cells are made of smaller living things").is_disabled()
    item.get_by_role("button", name="Try again").click()
    assert feedback(item) == ""
    item.get_by_label("A cell is the smallest thing that can carry out all the processes of life").click()
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Right.")
    assert "A single cell can take in food" in feedback(item)
    assert page.locator(".ff-progress").inner_text().startswith("1 of 6 answered")


def test_multiple_and_true_false_questions(lesson):
    page = lesson()
    item = question(page, "multiple")
    item.get_by_label("Matthias Schleiden").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Not quite.")  # one of two
    item.get_by_role("button", name="Try again").click()
    item.get_by_label("Theodor Schwann").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Right.") and "Schwann studied animals" in feedback(item)

    item = question(page, "true-false")
    item.get_by_label("False").check()
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Right. Cork is tree bark")
    assert "Leeuwenhoek" in feedback(item)  # the explanation


def test_a_short_answer_with_the_keyboard_alone(lesson):
    page = lesson()
    item = question(page, "short")
    field = item.get_by_label("Your answer")
    field.focus()
    page.keyboard.type("atoms")
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Not quite.")
    assert page.evaluate("document.activeElement.textContent") == "Try again"
    page.keyboard.press("Enter")  # Try again
    assert page.evaluate("document.activeElement === document.querySelector('.ff-question-short input')")
    page.keyboard.press("Control+A")
    page.keyboard.type("  CELLS. ")  # case, spacing and punctuation are forgiven
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    assert feedback(item) == "Right. All living things are made of one or more cells, from one-celled bacteria to whales."


def test_a_choice_with_the_keyboard_alone(lesson):
    page = lesson()
    item = question(page, "choice", 1)
    item.locator("input").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check"
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Right.") and "Virchow" in feedback(item)


def test_a_numeric_answer_with_the_keyboard_alone(lesson):
    page = lesson(NUMERIC_LESSON)
    item = question(page, "numeric")
    item.get_by_label("Your answer").focus()
    page.keyboard.type("25 %")
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Not quite.")
    page.keyboard.press("Enter")
    page.keyboard.press("Control+A")
    page.keyboard.type("１１ ％")  # full-width, within the tolerance of 2
    page.keyboard.press("Enter")
    assert feedback(item).startswith("Right. Only about 10% is stored")


def test_a_right_number_in_another_unit_is_said(lesson):
    """The number is right but the unit is written otherwise: not counted, and
    the student is told how the question writes it, without being told the
    number is right (3 km/h is no 3 m/s); a sentence's full stop after the unit
    is no other unit."""
    page = lesson(NUMERIC_LESSON)
    item = question(page, "numeric")
    item.get_by_label("Your answer").fill("10 percent")
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Not quite.")
    assert "Check the unit: write the answer in %, or leave the unit out." in feedback(item)
    assert "number is right" not in feedback(item)
    item.get_by_role("button", name="Try again").click()
    item.get_by_label("Your answer").fill("10 %.")
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Right.")


def test_when_the_browser_cannot_keep_the_answers_the_page_says_so(new_page, example_url):
    page = new_page()
    page.add_init_script("Storage.prototype.setItem = function () {"
                         " throw new DOMException('full', 'QuotaExceededError'); };")
    page.goto(example_url + LESSON)
    sitecheck.wait_until_settled(page)
    assert page.locator(".ff-unkept").is_hidden()  # (nothing to keep yet)
    item = question(page, "short")
    item.get_by_label("Your answer").fill("cells")
    item.get_by_role("button", name="Check").click()
    assert feedback(item).startswith("Right.")  # the answer is marked all the same
    note = page.locator(".ff-unkept[role=status]")
    assert note.inner_text() == ("This browser cannot keep your answers (its storage is off or full): they last until "
                                 "you leave the page. Download or copy them below before you go.")


def test_progress_survives_a_reload_and_is_forgotten_on_request(lesson, example_url):
    page = lesson()
    item = question(page, "short")
    item.get_by_label("Your answer").fill("cells")
    item.get_by_role("button", name="Check").click()
    item = question(page, "choice")
    item.get_by_label("Cells are made of smaller living things").check()
    item.get_by_role("button", name="Check").click()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{KEY}/{LESSON}')"))
    assert (stored["done"], stored["of"]) == (2, 6)
    assert len(stored["answers"]) == 2
    assert all(set(v) == {"answer", "right", "tries", "answered", "seconds"} for v in stored["answers"].values())

    page.reload()
    sitecheck.wait_until_settled(page)
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-check")
    assert page.locator(".ff-progress").inner_text().startswith("2 of 6 answered")
    short = question(page, "short")
    assert short.get_by_label("Your answer").input_value() == "cells"
    assert feedback(short).startswith("Right.")
    assert feedback(question(page, "choice")).startswith("Not quite.")
    assert question(page, "choice").get_by_label("Cells are made of smaller living things").is_checked()

    # "Forget my answers" asks first: answers stay when the student says no.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Forget my answers").click()
    assert asked == ["Forget your answers to every question of this lesson, on this device?"]
    assert not page.locator(".ff-progress").inner_text().startswith("0 of 6 answered")
    assert page.evaluate(f"localStorage.getItem('{KEY}/{LESSON}')") is not None
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget my answers").click()
    assert page.locator(".ff-progress").inner_text().startswith("0 of 6 answered")
    assert feedback(short) == "" and short.get_by_label("Your answer").input_value() == ""
    assert page.evaluate(f"localStorage.getItem('{KEY}/{LESSON}')") is None
    page.reload()
    sitecheck.wait_until_settled(page)
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-check")
    assert feedback(question(page, "short")) == ""


def test_no_right_answer_is_readable_in_the_source_outside_the_answer_box(example_site):
    """The key is an encoded attribute (base64 of JSON); the answers, explanations and
    feedback are plain text only in "Show the answer" (kept for readers without the script)."""
    checked = 0
    for address in (LESSON, NUMERIC_LESSON):
        doc = sitecheck.soup(sitecheck.page_file(example_site, address))
        for item in doc.select("[data-ff-key]"):
            key = json.loads(base64.b64decode(item["data-ff-key"]))
            for box in item.select("details.ff-answer, details.ff-hint"):
                box.decompose()
            text = " ".join(item.get_text(" ").split()).casefold()
            html = str(item)
            secrets = [key["explanation"], *key.get("feedback", []), *key.get("accepted", [])]
            for secret in filter(None, secrets):
                assert secret.casefold() not in text and secret not in html, (address, item["data-ff-question"], secret)
            assert "Right" not in text
            checked += 1
    assert checked == 10


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
def test_axe_finds_no_violation_after_answering(lesson, axe_source, scheme):
    page = lesson(scheme=scheme)
    item = question(page, "short")
    item.get_by_label("Your answer").fill("atoms")
    item.get_by_role("button", name="Check").click()
    item = question(page, "choice")
    item.locator("input").first.check()
    item.get_by_role("button", name="Check").click()
    page.locator(".ff-question-multiple input").first.focus()
    result = sitecheck.run_axe(page, axe_source, LESSON + " (questions answered)")
    assert result.violations == [], "\n".join(result.lines())


def test_the_script_reads_answers_as_the_python_rules_do(lesson):
    """questions.js ports answers.py's `normalise` and `parse_number`: the same results."""
    texts = ["1,000", "1000", "65 %", "3,5", "1,500", "1 000", "1\u00a0000,5", "-2.5", "\u22123", ".5", "1000.",
             "\uff13 m/s", "3 4", "1,2,3", "abc", "  CELLS. ", "Stra\u00dfe", "\u7ec6\u80de\u819c\u3002",
             "\uff43\uff45\uff4c\uff4c", "caf\u00e9", "12,345.5", "+7 kcal", "Cell-membrane!", "3/4", "1 1/2",
             "1\u00bd", "-\u00be m", "1/0", "1/2/3", "72 /min", "6/3 m/s", "3e8", "1.6E-19", "3 \u00d7 10^8",
             "3 \u00d7 10\u2078", "-2.5 \u00d7 10\u207b\u00b3 m/s", "10^8", "2^3", "12 m\u00b2", "1e999", "3 eggs",
             # Digits of other scripts: Arabic-Indic with the Arabic separators, Persian, Devanagari, Bengali.
             "\u0663", "\u0663\u066b\u0665 \u0645", "1\u066c000", "\u06f1\u06f2", "\u0967\u0966", "\u09e7\u09e8\u09e9"]
    page = lesson()
    units = ["N.", " m/s. ", "\u00d7", "X", "kcal!", "m\u00b2", "%\u3002", "Km / H"]
    assert page.evaluate("units => units.map(flipfolio.answers.unit)", units) == [_unit(u) for u in units]
    read = page.evaluate("texts => texts.map(t => [flipfolio.questions.parseNumber(t), "
                         "flipfolio.questions.normalise(t, false), flipfolio.questions.normalise(t, true)])", texts)
    assert [tuple(n) if n else None for n, _, _ in read[-6:]] == [(3.0, ""), (3.5, "\u0645"), (1000.0, ""), (12.0, ""),
                                                                    (10.0, ""), (123.0, "")]
    for text, (number, folded, as_written) in zip(texts, read):
        expected = parse_number(text)
        assert (tuple(number) if number else None) == expected, text
        assert (folded, as_written) == (normalise(text), normalise(text, True)), text
