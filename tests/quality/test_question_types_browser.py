"""Every question type answered in headless Chromium, on a tiny site whose
lesson has one question of each type: ordering by the move buttons (keyboard)
and by dragging (mouse), matching by selects, open answers and WSQ; the end of
the set (summary, receipts as text and JSON, "Hand in" with the teacher's
form); progress that survives an edit of another question; lessons marked done
on the lessons index and the unit page; axe-core in both colour schemes, with
questions answered or not; focus visible on every control."""

from __future__ import annotations

import json
import zlib
from urllib.parse import unquote

import pytest
import sitecheck
from sites import BASE, MKDOCS_YML, Site

LESSON = "lessons/what-is-a-cell/"
FORM = "https://forms.school.example/hand-in"

EVERY_TYPE = """\
title: Every type
submit_url: https://forms.school.example/hand-in
questions:
  - prompt: Pick the smallest unit of life.
    id: pick
    choices:
      - {text: Cell, correct: true, feedback: FEED-cell}
      - {text: Organ, feedback: FEED-organ}
  - prompt: Pick both living things.
    id: both
    type: multiple
    choices: [Moss, Rock, Fern]
    answers: [Moss, Fern]
  - prompt: Every living thing is made of cells.
    id: tf
    answer: true
    feedback_wrong: Even bacteria are cells.
  - prompt: Name the cell's control centre.
    id: centre
    answers: [nucleus, the nucleus]
  - prompt: How many legs has an insect?
    id: legs
    type: numeric
    answer: 6
  - prompt: Order the levels, smallest first.
    id: order
    items: [cell, tissue, organ]
    explanation: Each level is made of the one before.
  - prompt: Match each part with its job.
    id: match
    pairs:
      - {left: Membrane, right: controls what enters}
      - {left: Wall, right: gives support}
      - {left: Nucleus, right: holds the DNA}
  - prompt: Explain why cells divide.
    id: why
    type: open
    min_words: 5
    look_for: [LOOK-growth]
  - prompt: Watch, summarize, ask.
    id: wsq
    type: wsq
    sentence_starters: [I wonder why]
"""

ANSWERS = 9


def build(root, questions: str = EVERY_TYPE) -> Site:
    site = Site(root)
    site.write({"mkdocs.yml": MKDOCS_YML})
    site.write(BASE)
    site.write({"portfolio/questions/cell-check.yml": questions})
    return site.build()


@pytest.fixture(scope="module")
def every_type_url(tmp_path_factory):
    site = build(tmp_path_factory.mktemp("every-type"))
    with sitecheck.serve(site.out) as url:
        yield url


@pytest.fixture
def lesson(new_page, every_type_url):
    def open_lesson(**options):
        page = new_page(**options)
        page.goto(every_type_url + LESSON)
        sitecheck.wait_until_settled(page)
        page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
        return page

    return open_lesson


def item(page, qid):
    return page.locator(f'[data-ff-question="{qid}"]')


def feedback(question) -> str:
    return " ".join(question.locator(".ff-feedback").inner_text().split())


def order_shown(question) -> list[str]:
    return [t.strip() for t in question.locator(".ff-order li span").all_inner_texts()]


def focused(page) -> str:
    return page.evaluate("document.activeElement.getAttribute('aria-label') || document.activeElement.textContent")


def test_ordering_with_the_keyboard_alone(lesson):
    page = lesson()
    question = item(page, "order")
    assert question.locator(".ff-choices").is_hidden()  # the plain list gives way to the buttons
    while order_shown(question)[0] != "cell":
        question.get_by_role("button", name="Move up: cell").focus()
        page.keyboard.press("Enter")
        assert feedback(question).startswith("cell: now ")  # said in the live region
    assert focused(page) in ("Move up: cell", "Move down: cell")  # focus stays with the item moved
    if order_shown(question)[1] != "tissue":
        question.get_by_role("button", name="Move up: tissue").focus()
        page.keyboard.press("Enter")
    assert order_shown(question) == ["cell", "tissue", "organ"]
    assert question.get_by_role("button", name="Move up: cell").is_disabled()
    question.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    assert feedback(question) == "Right. Each level is made of the one before."
    assert question.get_by_role("button", name="Move down: cell").is_disabled()  # locked until Try again
    page.keyboard.press("Enter")  # Try again has the focus
    assert not question.get_by_role("button", name="Move down: cell").is_disabled()


def test_a_move_button_keeps_the_focus_to_be_pressed_again(lesson):
    """A keyboard user presses Enter again and again on the same button: the
    item goes on moving (its row moved in the list, the button keeps the focus)."""
    page = lesson()
    question = item(page, "order")
    first = order_shown(question)[0]
    question.get_by_role("button", name=f"Move down: {first}").focus()
    for place in (1, 2):
        page.keyboard.press("Enter")
        assert order_shown(question).index(first) == place
        assert focused(page) == (f"Move down: {first}" if place < 2 else f"Move up: {first}")
    page.keyboard.press("Enter")  # now on Move up, the last place's only way
    assert order_shown(question).index(first) == 1 and focused(page) == f"Move up: {first}"


def test_ordering_by_dragging_with_the_mouse(lesson):
    page = lesson()
    question = item(page, "order")
    shown = order_shown(question)
    rows = question.locator(".ff-order li")
    # Drag the last item onto the first: it takes the first place.
    rows.nth(2).drag_to(rows.nth(0))
    assert order_shown(question) == [shown[2], shown[0], shown[1]]
    question.get_by_role("button", name="Check").click()
    placed = sum(a == b for a, b in zip(order_shown(question), ["cell", "tissue", "organ"]))
    expected = "Right." if placed == 3 else f"Not quite. {placed} of 3 in the right place."
    assert feedback(question).startswith(expected)


def test_matching_by_mouse_and_by_keyboard(lesson):
    page = lesson()
    question = item(page, "match")
    question.get_by_role("button", name="Check").click()
    assert feedback(question) == "Match every item first."
    question.get_by_label("Membrane").select_option(label="controls what enters")
    question.get_by_label("Wall").select_option(label="holds the DNA")
    question.get_by_label("Nucleus").select_option(label="gives support")
    question.get_by_role("button", name="Check").click()
    assert feedback(question).startswith("Not quite. 1 of 3 pairs right.")
    question.get_by_role("button", name="Try again").click()
    # The keyboard alone: a select takes arrow keys.
    for left, right in (("Wall", "gives support"), ("Nucleus", "holds the DNA")):
        select = question.get_by_label(left)
        select.focus()
        page.keyboard.press("Home")
        for _ in range(5):
            if select.evaluate("s => s.options[s.selectedIndex].text") == right:
                break
            page.keyboard.press("ArrowDown")
        assert select.evaluate("s => s.options[s.selectedIndex].text") == right
    question.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    assert feedback(question) == "Right."


def test_an_open_answer_is_counted_kept_and_never_marked(lesson):
    page = lesson()
    question = item(page, "why")
    field = question.get_by_label("Your answer")
    field.fill("To grow.")
    assert "2 words (at least 5)" in question.inner_text()
    question.get_by_role("button", name="Save my answer").click()
    assert feedback(question) == "Write at least 5 words first (you have 2)."
    field.focus()
    page.keyboard.press("End")
    page.keyboard.type(" And to repair damaged tissue.")
    question.get_by_role("button", name="Save my answer").focus()
    page.keyboard.press("Enter")
    assert feedback(question) == "Saved. Compare it with what to look for, below."
    assert "Right" not in feedback(question) and "Not quite" not in feedback(question)
    assert question.locator("details.ff-answer").get_attribute("open") is not None
    assert "LOOK-growth" in question.locator("details.ff-answer").inner_text()
    assert question.get_attribute("data-ff-result") == "kept"


def test_a_wsq_with_a_sentence_starter_and_the_keyboard(lesson):
    page = lesson()
    question = item(page, "wsq")
    question.get_by_role("button", name="Save").click()
    assert feedback(question) == "Write a summary and a question first."
    question.locator("textarea").first.fill("Cells make up every living thing.")
    question.locator("textarea").nth(1).focus()
    question.get_by_role("button", name="Start with: I wonder why").click()
    assert question.locator("textarea").nth(1).evaluate("f => f === document.activeElement")
    page.keyboard.type("cells are so small?")
    assert question.locator("textarea").nth(1).input_value() == "I wonder why cells are so small?"
    page.keyboard.press("Tab")  # the starter
    page.keyboard.press("Tab")  # Save
    assert focused(page) == "Save"
    page.keyboard.press("Enter")
    assert feedback(question) == "Saved. Bring your question to class."


def answer_everything(page):
    """Every question answered; the three marked wrong are the multiple, numeric and matching ones."""
    item(page, "pick").get_by_label("Cell").check()
    item(page, "both").get_by_label("Moss").check()
    item(page, "tf").get_by_label("True").check()
    item(page, "centre").get_by_label("Your answer").fill("The Nucleus!")
    item(page, "legs").get_by_label("Your answer").fill("8")
    for left, right in (("Membrane", "gives support"), ("Wall", "controls what enters"), ("Nucleus", "holds the DNA")):
        item(page, "match").get_by_label(left).select_option(label=right)
    item(page, "why").get_by_label("Your answer").fill("Cells divide so that living things grow.")
    item(page, "wsq").locator("textarea").first.fill("Cells are the units of life.")
    item(page, "wsq").locator("textarea").nth(1).fill("Why are cells small?")
    question = item(page, "order")
    while order_shown(question) != ["cell", "tissue", "organ"]:
        shown = order_shown(question)
        wrong = next(i for i, text in enumerate(shown) if text != ["cell", "tissue", "organ"][i])
        question.get_by_role("button", name=f"Move up: {['cell', 'tissue', 'organ'][wrong]}").click()
    for qid in ("pick", "both", "tf", "centre", "legs", "order", "match", "why", "wsq"):
        item(page, qid).locator(".ff-check-button").click()


def test_the_summary_and_the_receipts_hold_the_answers(lesson):
    page = lesson()
    summary = page.locator(".ff-summary")
    assert "0 of 9 answered." in summary.inner_text() and "Still to answer: 1, 2, 3" in summary.inner_text()
    answer_everything(page)
    assert "9 of 9 answered; 4 of 7 right." in summary.inner_text()
    assert "Still to answer" not in summary.inner_text()
    summary.get_by_label("Your name, for the receipt (kept on this device only)").fill("Ana Díaz")
    summary.get_by_label("Your name, for the receipt (kept on this device only)").press("Tab")
    assert page.evaluate("localStorage.getItem('flipfolio:v1:name')") == '"Ana Díaz"'

    with page.expect_download() as download:
        summary.get_by_role("button", name="Download as JSON").click()
    assert download.value.suggested_filename == "what-is-a-cell-answers-ana-díaz.json"
    receipt = json.loads(open(download.value.path(), encoding="utf-8").read())
    body = {k: v for k, v in receipt.items() if k != "checksum"}
    crc = zlib.crc32(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode())
    assert receipt["checksum"] == f"crc32:{crc:08x}"
    assert (receipt["receipt"], receipt["version"], receipt["student"]) == ("flipfolio-answers", 1, "Ana Díaz")
    assert receipt["lesson"] == {"id": "what-is-a-cell", "title": "What is a cell?", "path": "/" + LESSON}
    assert receipt["set"]["id"] == "cell-check" and len(receipt["set"]["version"]) == 12
    assert receipt["questions"] == 9
    answers = {a["id"]: a for a in receipt["answers"]}
    assert list(answers) == ["pick", "both", "tf", "centre", "legs", "order", "match", "why", "wsq"]
    assert {k: answers[k]["right"] for k in answers} == {
        "pick": True, "both": False, "tf": True, "centre": True, "legs": False, "order": True, "match": False,
        "why": None, "wsq": None}
    assert answers["pick"]["answer"] == "Cell" and answers["both"]["answer"] == "Moss"
    assert answers["centre"]["answer"] == "The Nucleus!" and answers["legs"]["answer"] == "8"
    assert answers["order"]["answer"] == "cell \u2192 tissue \u2192 organ"
    assert answers["match"]["answer"] == ("Membrane = gives support; Wall = controls what enters; "
                                          "Nucleus = holds the DNA")
    assert answers["why"]["answer"] == "Cells divide so that living things grow."
    assert answers["wsq"]["given"] == {"summary": "Cells are the units of life.", "question": "Why are cells small?"}
    assert all(a["tries"] == 1 and a["answered"] and len(a["version"]) == 8 for a in receipt["answers"])

    with page.expect_download() as download:
        summary.get_by_role("button", name="Download as text").click()
    text = open(download.value.path(), encoding="utf-8").read()
    assert "Student: Ana Díaz" in text and "9 of 9 answered; 4 of 7 right" in text
    assert "5. How many legs has an insect?\n   Answer: 8 (not right)" in text
    last = text.strip().splitlines()[-1]
    assert last.startswith("flipfolio-receipt: ")
    again = json.loads(last.removeprefix("flipfolio-receipt: "))
    assert again["answers"] == receipt["answers"] and again["checksum"].startswith("crc32:")


def test_the_summary_says_how_to_hand_in_and_refuses_an_empty_receipt(lesson):
    """A student is told what to do with the receipt; nothing answered gives
    no file to hand in, and a file without a name says so."""
    page = lesson()
    summary = page.locator(".ff-summary")
    assert "download them (or copy them) and send them to your teacher" in summary.inner_text()
    downloads = []
    page.on("download", lambda got: downloads.append(got))
    summary.get_by_role("button", name="Download as text").click()
    assert summary.locator("[aria-live]").inner_text() == (
        "You have not answered any question yet: answer some first, then hand in.")
    assert downloads == []
    item(page, "pick").get_by_label("Cell").check()
    item(page, "pick").get_by_role("button", name="Check").click()
    with page.expect_download() as download:
        summary.get_by_role("button", name="Download as JSON").click()
    assert download.value.suggested_filename == "what-is-a-cell-answers.json"
    assert summary.locator("[aria-live]").inner_text().startswith(
        "Downloaded what-is-a-cell-answers.json, without your name: type it above")


def test_hand_in_copies_the_answers_and_opens_the_teachers_form(lesson):
    page = lesson()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    item(page, "pick").get_by_label("Organ").check()
    item(page, "pick").get_by_role("button", name="Check").click()
    with page.expect_popup() as popup:
        page.locator(".ff-summary").get_by_role("button", name="Hand in").click()
    assert popup.value.url.startswith(FORM) or FORM in page.other_requests
    assert "copied: paste them into the form" in page.locator(".ff-summary").inner_text()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "1. Pick the smallest unit of life.\n   Answer: Organ (not right)" in copied
    assert "2. Pick both living things.\n   Not answered." in copied
    # Nothing else left the page: the form opened only on the click.
    assert all(url.startswith(FORM) for url in page.other_requests)


def test_hand_in_by_email_puts_the_answers_in_the_message_or_on_the_clipboard(new_page, tmp_path):
    """A short receipt goes in the email link itself; a long one (mail programs
    cut links of about 2,000 characters, and the receipt's line with them) is
    copied, and the message that opens asks for it to be pasted."""
    site = build(tmp_path / "site", EVERY_TYPE.replace(f"submit_url: {FORM}", "submit_url: mailto:ms.rivera@school.example"))
    with sitecheck.serve(site.out) as url:
        page = new_page()
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        page.goto(url + LESSON)
        page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
        page.evaluate("flipfolio.receipt.go = address => { window.wentTo = address; }")
        summary = page.locator(".ff-summary")
        item(page, "pick").get_by_label("Cell").check()
        item(page, "pick").get_by_role("button", name="Check").click()
        summary.get_by_role("button", name="Hand in").click()
        went = page.evaluate("window.wentTo")
        assert went.startswith("mailto:ms.rivera@school.example?subject=") and len(went) <= 1800
        assert "flipfolio-receipt" in unquote(went)
        assert summary.locator("[aria-live]").inner_text() == "Your email program opens with your answers in a new message."
        why = item(page, "why")
        why.get_by_label("Your answer").fill("Cells divide so that living things grow. " * 40)
        why.locator(".ff-check-button").click()
        summary.get_by_role("button", name="Hand in").click()
        page.wait_for_function("window.wentTo && window.wentTo.endsWith(encodeURIComponent('Paste your answers here.'))")
        assert "Your answers are copied: paste them into the new message" in summary.locator("[aria-live]").inner_text()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.strip().splitlines()[-1].startswith("flipfolio-receipt: ") and len(copied) > 1800


def test_progress_survives_an_edit_of_another_question(new_page, tmp_path):
    site = build(tmp_path / "site")
    with sitecheck.serve(site.out) as url:
        page = new_page()
        page.goto(url + LESSON)
        page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
        item(page, "centre").get_by_label("Your answer").fill("nucleus")
        item(page, "centre").get_by_role("button", name="Check").click()
        item(page, "why").get_by_label("Your answer").fill("So that living things can grow bigger.")
        item(page, "why").get_by_role("button", name="Save my answer").click()
        # The teacher rewords one question, removes another and adds one; the site is built again.
        edited = (EVERY_TYPE.replace("Pick the smallest unit of life.", "Which is the smallest unit of life?")
                  .replace("  - prompt: How many legs has an insect?\n    id: legs\n    type: numeric\n    answer: 6\n", "")
                  + "  - prompt: Name a one-celled living thing.\n    answer: bacteria\n")
        build(tmp_path / "site", edited)
        page.reload()
        page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
        assert page.locator(".ff-progress").inner_text().startswith("2 of 9 answered")
        assert item(page, "centre").get_by_label("Your answer").input_value() == "nucleus"
        assert feedback(item(page, "centre")) == "Right."
        assert item(page, "why").get_by_label("Your answer").input_value() == "So that living things can grow bigger."
        assert feedback(item(page, "pick")) == ""  # the reworded question, unanswered


def test_the_lessons_index_and_the_unit_page_mark_the_lesson(lesson, every_type_url):
    page = lesson()
    item(page, "pick").get_by_label("Cell").check()
    item(page, "pick").get_by_role("button", name="Check").click()
    for address in ("lessons/", "units/cells/"):
        page.goto(every_type_url + address)
        page.wait_for_selector(".ff-chip--done")
        row = page.locator("table.ff-lessons tr", has=page.get_by_role("link", name="What is a cell?"))
        assert row.locator(".ff-chip--done").inner_text() == "1 of 9 answered"
        assert page.locator(".ff-chip--done").count() == 1  # the other lessons: nothing answered, no mark
    page.goto(every_type_url + LESSON)
    page.wait_for_selector(".ff-questions[data-ff-ready] .ff-summary")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Forget my answers").click()
    answer_everything(page)
    page.goto(every_type_url + "lessons/")
    page.wait_for_selector(".ff-chip--done")
    assert page.locator(".ff-chip--done").inner_text() == "Done"


@pytest.mark.parametrize("scheme", sitecheck.SCHEMES)
@pytest.mark.parametrize("answered", [False, True], ids=["unanswered", "answered"])
def test_axe_finds_no_violation_on_a_lesson_with_every_type(lesson, axe_source, scheme, answered):
    page = lesson(scheme=scheme)
    if answered:
        answer_everything(page)
    result = sitecheck.run_axe(page, axe_source, f"{LESSON} (every type, {'answered' if answered else 'unanswered'})")
    assert result.violations == [], "\n".join(result.lines())


def test_focus_is_visible_on_every_control_of_the_set(lesson):
    """Tab through the question set: each control shows a focus ring (an outline or a box shadow)."""
    page = lesson()
    page.locator(".ff-questions h3").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    seen = set()
    for _ in range(200):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el.closest('.ff-questions')) return null;
            const style = getComputedStyle(el);
            return {name: el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40),
                    ring: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none'};
        }""")
        if state is None:
            break
        assert state["ring"], f"no visible focus on {state['name']}"
        seen.add(state["name"].split(" ")[0])
    assert {"INPUT", "BUTTON", "SELECT", "TEXTAREA"} <= seen
