"""Question sets: the nine types, how answers are matched, authoring errors,
the page as a plain list, and the GIFT export for teachers."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import formats as schema
from flipfolio.core.model import load
from flipfolio.core.outputs import Layout, outputs
from flipfolio.core.validate import validate
from flipfolio.questions import gift
from flipfolio.questions.answers import derived_id, normalise, parse_number, same_number, same_text, shuffled

REPO = Path(__file__).resolve().parent.parent


# ---- Short answers

@pytest.mark.parametrize("given,accepted,case_sensitive,right", [
    ("cell membrane", ["cell membrane"], False, True),
    ("  Cell   Membrane. ", ["cell membrane"], False, True),        # case, spacing, punctuation
    ("ｃｅｌｌ　ｍｅｍｂｒａｎｅ", ["cell membrane"], False, True),   # full-width letters and space
    ("cell-membrane", ["cell membrane"], False, True),              # a dash is punctuation
    ("cell wall", ["cell membrane"], False, False),
    ("the sun", ["the sun", "sun", "sunlight"], False, True),
    ("Sunlight!", ["the sun", "sun", "sunlight"], False, True),      # one of several accepted answers
    ("Paris", ["paris"], True, False),                               # case_sensitive
    ("paris", ["paris"], True, True),
    ("café", ["café"], False, True),
    ("cafe\u0301", ["café"], False, True),                            # decomposed accent = composed
    ("CAFÉ", ["café"], False, True),
    ("cafe", ["café"], False, False),                                # accents are not forgiven
    ("Straße", ["STRASSE"], False, True),                             # casefold
    ("细胞膜", ["细胞膜"], False, True),                              # Chinese
    ("细胞膜。", ["细胞膜"], False, True),                            # Chinese full stop
    ("（细胞膜）", ["细胞膜"], False, True),                          # full-width brackets
    ("细胞壁", ["细胞膜"], False, False),
    ("", ["cell"], False, False),                                     # nothing typed is never right
    ("?!", ["..."], False, False),
])
def test_short_answer_matching(given, accepted, case_sensitive, right):
    assert same_text(given, accepted, case_sensitive) is right


def test_normalise_keeps_words_apart():
    assert normalise("  A,B  c ") == "a b c"


# ---- Numbers

@pytest.mark.parametrize("text,parsed", [
    ("1000", (1000.0, "")), ("1,000", (1000.0, "")), ("12,345.5", (12345.5, "")), ("1 000", (1000.0, "")),
    ("1\u202f000,5", (1000.5, "")), ("3.5", (3.5, "")), ("3,5", (3.5, "")), ("3,25", (3.25, "")),
    ("1,500", (1500.0, "")),     # three digits after a comma: thousands, never 1.5
    (".5", (0.5, "")), ("-4", (-4.0, "")), ("\u22124", (-4.0, "")), ("+2", (2.0, "")),
    ("65 %", (65.0, "%")), ("65%", (65.0, "%")), ("18 N", (18.0, "N")), ("1.5 m/s", (1.5, "m/s")),
    ("１２", (12.0, "")),        # full-width digits
    ("ten", None), ("", None), ("3 4", None), ("1,2,3", None), ("12a", (12.0, "a")),
    ("3/4", (0.75, "")), ("12/5", (2.4, "")), ("3 / 4", (0.75, "")), ("1 1/2", (1.5, "")),  # fractions
    ("1\u00bd", (1.5, "")), ("\u00be", (0.75, "")), ("-1 1/4 m", (-1.25, "m")), ("1\u20442", (0.5, "")),
    ("6/3 m/s", (2.0, "m/s")), ("72 /min", (72.0, "/min")),
    ("1/0", None), ("1/2/3", None), ("3/", None),
    ("3e8", (3e8, "")), ("1.6E-19", (1.6e-19, "")), ("3 \u00d7 10^8", (3e8, "")), ("3x10^-5 m", (3e-5, "m")),  # powers
    ("3 \u00d7 10\u2078", (3e8, "")), ("6.02 \u00d7 10\u00b2\u00b3", (6.02e23, "")), ("10^8", (1e8, "")),
    ("-2.5 \u00d7 10\u207b\u00b3 m/s", (-2.5e-3, "m/s")), ("3\u00b710^8", (3e8, "")),
    ("12 m\u00b2", (12.0, "m2")),  # a squared unit stays a unit
    ("3 eggs", (3.0, "eggs")), ("2^3", None), ("1e999", None), ("3 e8", (3.0, "e8")),
])
def test_numbers_are_read(text, parsed):
    assert parse_number(text) == parsed


@pytest.mark.parametrize("prompt, unit, shown", [
    ("How fast does it go?", "m/s", "How fast does it go? (in m/s)"),
    ("How fast does it go, in m/s?", "m/s", "How fast does it go, in m/s?"),
    ("How many legs has an insect?", "legs", "How many legs has an insect?"),
    ("What share is stored (%)?", "%", "What share is stored (%)?"),
    ("How many seconds?", "s", "How many seconds? (in s)"),  # ('s' in a word is not the unit)
])
def test_an_export_says_a_numeric_questions_unit_once(prompt, unit, shown):
    from flipfolio.questions.format import Question

    assert Question(prompt=prompt, type="numeric", answer="1", unit=unit).prompt_with_unit() == shown


@pytest.mark.parametrize("given,answer,tolerance,unit,right", [
    ("10", 10, 2, None, True), ("12", 10, 2, None, True), ("12.5", 10, 2, None, False),
    ("1,000", 1000, 0, None, True), ("1.33", 1.33, 0.02, None, True), ("1,34", 1.33, 0.02, None, True),
    ("65 %", 65, 0, "%", True), ("65", 65, 0, "%", True),            # a unit may be left out
    ("65 kg", 65, 0, "%", False),                                      # but not another unit
    ("3 M/S", 3, 0, "m/s", True), ("0.1", 0.3, 0.2, None, True),       # float rounding is forgiven
    ("abc", 1, 0, None, False),
    ("3/4", 0.75, 0, None, True), ("0.75", 0.75, 0, None, True), ("3/4", 3, 0, None, False),
    ("0.33", 1 / 3, 0.01, None, True), ("1/3", 1 / 3, 0, None, True),
    ("1.6 x 10^-19", 1.6e-19, 0, None, True), ("2e-19", 1.6e-19, 0, None, False),  # tiny numbers are compared
    ("0.0000000001", 0, 0, None, False), ("0", 0, 0, None, True), ("3.00e8", 3e8, 0, None, True),
    ("18 N.", 18, 0, "N", True), ("1.5m/s.", 1.5, 0, "m/s", True),  # a sentence's full stop is no unit
    ("400\u00d7", 400, 0, "x", True), ("400x", 400, 0, "\u00d7", True),  # the times sign is x
    ("18 newtons", 18, 0, "N", False), ("400x", 400, 0, None, False),  # another unit, or one not asked for
])
def test_numeric_matching(given, answer, tolerance, unit, right):
    assert same_number(given, answer, tolerance, unit) is right


# ---- Ids and shuffles

def test_derived_ids_depend_only_on_the_set_and_the_prompt():
    one = derived_id("cells", "Which part controls what enters the cell?")
    assert one == derived_id("cells", "Which part controls what enters the cell?")
    assert one.startswith("which-part-controls-") and len(one.rsplit("-", 1)[1]) == 6
    assert one != derived_id("cells", "Which part controls what leaves the cell?")
    assert one != derived_id("other-set", "Which part controls what enters the cell?")
    assert derived_id("s", "细胞是什么？").startswith("q-")


def test_editing_one_question_keeps_the_others_ids(tmp_path):
    def ids(second_prompt):
        folder = tmp_path / str(len(second_prompt))
        (folder / "questions").mkdir(parents=True)
        (folder / "profile.yml").write_text("name: T\n")
        (folder / "questions" / "s.yml").write_text(
            f"title: S\nquestions:\n  - prompt: First?\n    answer: a\n  - prompt: {second_prompt}\n    answer: b\n"
            "  - prompt: Third?\n    id: third\n    answer: c\n")
        qset = load(folder).question_sets["s"]
        return [qset.question_id(n) for n in range(3)]

    before, after = ids("Second?"), ids("Second, edited?")
    assert before[0] == after[0] and before[2] == after[2] == "third" and before[1] != after[1]


def test_shuffles_are_fixed_and_never_the_answer():
    items = ["a", "b", "c", "d"]
    assert shuffled(items, "q1") == shuffled(items, "q1") != items
    assert sorted(shuffled(items, "q1")) == items
    assert all(shuffled(["x", "y"], seed) == ["y", "x"] for seed in ("a", "b", "c", "d"))


# ---- The types, and files written before them

@pytest.mark.parametrize("data,kind", [
    ({"prompt": "p", "answer": "x"}, "short"),
    ({"prompt": "p", "choices": ["a", "b"], "answer": "b"}, "choice"),
    ({"prompt": "p", "answer": False}, "true-false"),
    ({"prompt": "p", "items": ["a", "b"]}, "ordering"),
    ({"prompt": "p", "pairs": [{"left": "a", "right": "1"}, {"left": "b", "right": "2"}]}, "matching"),
    ({"prompt": "p", "type": "open", "min_words": 20, "look_for": ["x"], "sample": "s"}, "open"),
    ({"prompt": "p", "type": "wsq", "sentence_starters": ["I wonder"]}, "wsq"),
    ({"prompt": "p", "type": "numeric", "answer": "65 %"}, "numeric"),
    ({"prompt": "p", "type": "multiple", "choices": ["a", "b", "c"], "answers": ["a", "c"]}, "multiple"),
])
def test_every_type_loads(data, kind):
    value, issues = validate(data, schema.Question)
    assert issues == [] and value.type == kind


def test_short_keeps_answer_as_one_accepted_answer_and_choices_named_by_answer_are_right():
    short, _ = validate({"prompt": "p", "answer": "sun", "answers": ["the sun", "sun"]}, schema.Question)
    assert short.accepted() == ["sun", "the sun"]
    multiple, _ = validate({"prompt": "p", "type": "multiple", "choices": ["a", {"text": "b", "correct": True}, "c"],
                            "answers": ["c"]}, schema.Question)
    assert [c.correct for c in multiple.choices] == [False, True, True]
    numeric, _ = validate({"prompt": "p", "type": "numeric", "answer": "65 %"}, schema.Question)
    assert (numeric.number(), numeric.unit) == (65.0, "%")
    fraction, _ = validate({"prompt": "p", "type": "numeric", "answer": "3/4"}, schema.Question)
    assert (fraction.number(), fraction.unit) == (0.75, None)  # not 3 with the unit "/4"
    zero, issues = validate({"prompt": "p", "type": "numeric", "answer": "1/0"}, schema.Question)
    assert any("needs a number as 'answer', found '1/0'" in str(issue) for issue in issues)


def test_the_example_portfolio_loads_as_before():
    portfolio = load(REPO / "portfolio")
    assert portfolio.problems.errors == []
    qset = portfolio.question_sets["energy-pyramid-check"]
    assert [q.type for q in qset.questions] == ["numeric", "choice", "numeric", "numeric"]
    assert qset.questions[0].number() == 10 and qset.questions[0].tolerance == 2


# ---- Authoring errors: file, line, question and field

SET = "portfolio/questions/cell-check.yml"
HEAD = "title: Q\nquestions:\n"


@pytest.mark.parametrize("name,text,message", [
    ("no correct choice", "  - prompt: Why?\n    choices: [a, b]\n",
     f"{SET}:4: field 'questions[0].choices': mark the right choice with 'correct: true' (or name it in 'answer')"),
    ("no correct choice in a multiple", "  - prompt: Why?\n    type: multiple\n    choices: [a, b]\n",
     f"{SET}:5: field 'questions[0].choices': mark at least one choice with 'correct: true' (or name them in "
     "'answers')"),
    ("an answer not among the choices", "  - prompt: Why?\n    choices: [a, b]\n    answer: c\n",
     f"{SET}:5: field 'questions[0].answer': 'c' is not among the choices (a, b)"),
    ("a yes for a true-false answer", "  - prompt: Cells are alive.\n    answer: yes\n",
     f"{SET}:4: field 'questions[0].answer': 'yes' makes this a typed question, where the student types 'yes'; for "
     "a true-false question write 'answer: true' or 'answer: false' (no quotes), or add 'type: short' to keep a "
     "typed answer"),
    ("an answer given as the choice's letter", "  - prompt: Which?\n    choices: [Water, Ice, Steam]\n    answer: B\n",
     f"{SET}:5: field 'questions[0].answer': 'B' is not among the choices (Water, Ice, Steam); write the choice's "
     "words, not its letter: 'Ice'"),
    ("an answer written otherwise", "  - prompt: Which?\n    type: multiple\n    choices: [Water, Ice, Steam]\n"
     "    answers: [steam]\n",
     f"{SET}:6: field 'questions[0].answers[0]': 'steam' is not among the choices (Water, Ice, Steam); did you mean "
     "'Steam', as the choice writes it?"),
    ("a right choice not among the choices", "  - prompt: Why?\n    type: multiple\n    choices: [a, b]\n"
     "    answers: [a, z]\n",
     f"{SET}:6: field 'questions[0].answers[1]': 'z' is not among the choices (a, b)"),
    ("no short answer", "  - prompt: Why?\n    type: short\n",
     f"{SET}:3: field 'questions[0]': a short question needs an 'answer' (or several in 'answers')"),
    ("no true-false answer", "  - prompt: Why?\n    type: true-false\n    answer: maybe\n",
     f"{SET}:5: field 'questions[0].answer': a true-false question needs 'answer: true' or 'answer: false', "
     "found 'maybe'"),
    ("a numeric answer that is no number", "  - prompt: Why?\n    type: numeric\n    answer: ten\n",
     f"{SET}:5: field 'questions[0].answer': a numeric question needs a number as 'answer', found 'ten'"),
    ("ordering with one item", "  - prompt: Order\n    type: ordering\n    items: [a]\n",
     f"{SET}:5: field 'questions[0].items': an ordering question needs at least two 'items', in the right order"),
    ("ordering with an item twice", "  - prompt: Order\n    items: [a, b, a]\n",
     f"{SET}:4: field 'questions[0].items[2]': 'a' is given twice; each item has one place"),
    ("matching with a left side twice", "  - prompt: Match\n    pairs:\n      - {left: a, right: '1'}\n"
     "      - {left: a, right: '2'}\n",
     f"{SET}:6: field 'questions[0].pairs[1].left': 'a' is also the left side of pair 1; each left side is "
     "given once"),
    ("matching with a right side twice", "  - prompt: Match\n    pairs:\n      - {left: a, right: '1'}\n"
     "      - {left: b, right: '1'}\n",
     f"{SET}:6: field 'questions[0].pairs[1].right': '1' is also the right side of pair 1; each right side is "
     "given once"),
    ("matching with one pair", "  - prompt: Match\n    type: matching\n    pairs:\n      - {left: a, right: '1'}\n",
     f"{SET}:5: field 'questions[0].pairs': a matching question needs at least two 'pairs'"),
    ("an empty prompt", "  - prompt: '  '\n    answer: x\n",
     f"{SET}:3: field 'questions[0].prompt': expected some text, found '  '"),
    ("a field of another type", "  - prompt: Why?\n    choices: [a, b]\n    answer: a\n    items: [x, y]\n",
     f"{SET}:6: field 'questions[0].items': 'items' is for ordering questions; this is a choice question"),
    ("an id that is no id", "  - prompt: Why?\n    id: Question 1\n    answer: x\n",
     f"{SET}:4: field 'questions[0].id': expected an id of lowercase letters, digits and dashes (such as 'q1' or "
     "'cell-wall'), found 'Question 1'"),
    ("the same id twice", "  - prompt: One?\n    id: q1\n    answer: x\n  - prompt: Two?\n    id: q1\n"
     "    answer: y\n",
     f"{SET}:7: field 'questions[1].id': question 2 has the id of question 1; give each question its own 'id', "
     "found 'q1'"),
    ("the same prompt twice", "  - prompt: One?\n    answer: x\n  - prompt: One?\n    answer: y\n",
     f"{SET}:5: field 'questions[1].prompt': question 2 has the same prompt as question 1, so the same id; give "
     f"one of them an 'id', found '{derived_id('cell-check', 'One?')}'"),
])
def test_authoring_errors(site_factory, name, text, message):
    site = site_factory({SET: HEAD + text})
    messages = [str(p) for p in load(site.root / "portfolio").problems.errors]
    assert message in messages, messages


# ---- The page: every type, a plain list answerable on paper

EVERY_TYPE = """\
title: Every type
questions:
  - prompt: Pick the smallest unit of life.
    id: pick
    choices: [Cell, Organ]
    answer: Cell
    hint: HINT-PICK
  - prompt: Pick both living things.
    type: multiple
    choices: [Moss, Rock, Fern]
    answers: [Moss, Fern]
  - prompt: Every living thing is made of cells.
    answer: true
    feedback_right: RIGHT-TF
    feedback_wrong: WRONG-TF
  - prompt: Name the cell's control centre.
    answers: [nucleus, the nucleus]
  - prompt: How many legs has an insect?
    type: numeric
    answer: 6
    unit: legs
  - prompt: Order the levels, smallest first.
    items: [ORD-cell, ORD-tissue, ORD-organ]
  - prompt: Match each part with its job.
    pairs:
      - {left: Membrane, right: MATCH-controls what enters}
      - {left: Wall, right: MATCH-gives support}
  - prompt: Explain why cells divide.
    type: open
    lang: es
    min_words: 30
    look_for: [LOOK-growth]
    sample: SAMPLE-Cells divide so that living things grow.
  - prompt: Watch, summarize, ask.
    type: wsq
    summary_prompt: Summarize cell theory.
    sentence_starters: [I wonder why]
    explanation: Bring your question to class.
"""


def test_a_page_shows_every_type_and_search_finds_no_answer(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE}).build()
    page = site.article("lessons/what-is-a-cell/index.html")
    questions = page.select(".ff-question")
    assert [q["class"][1] for q in questions] == [
        "ff-question-choice", "ff-question-multiple", "ff-question-true-false", "ff-question-short",
        "ff-question-numeric", "ff-question-ordering", "ff-question-matching", "ff-question-open", "ff-question-wsq"]
    assert questions[0]["data-ff-question"] == "pick"
    assert len({q["data-ff-question"] for q in questions}) == 9
    shown = [[li.get_text() for li in q.select(".ff-choices li")] for q in questions]
    assert shown[:3] == [["Cell", "Organ"], ["Moss", "Rock", "Fern"], ["True", "False"]]
    assert sorted(shown[5]) == ["ORD-cell", "ORD-organ", "ORD-tissue"] and shown[5] != sorted(shown[5])
    assert shown[6][:2] == ["Membrane", "Wall"] and sorted(shown[6][2:]) == ["MATCH-controls what enters",
                                                                             "MATCH-gives support"]
    assert "Answer in legs." in questions[4].get_text()
    assert questions[1].get_text().count("Pick all that apply.") == 1
    assert questions[7]["lang"] == "es" and "Write at least 30 words." in questions[7].get_text()
    assert "Summarize cell theory." in questions[8].get_text() and "I wonder why" in questions[8].get_text()
    answers = [q.select_one(".ff-answer").get_text(" ", strip=True) for q in questions]
    assert "True. RIGHT-TF" in answers[2] and "WRONG-TF" in answers[2]
    assert "nucleus or the nucleus" in answers[3] and "6 legs" in answers[4]
    assert [li.get_text() for li in questions[5].select(".ff-answer ol li")] == ["ORD-cell", "ORD-tissue", "ORD-organ"]
    assert "LOOK-growth" in answers[7] and "SAMPLE-Cells divide" in answers[7]
    # Nothing that gives an answer away is in the search index.
    index = " ".join(f"{d['title']} {d['text']}" for d in site.search_index()["docs"])
    assert "Order the levels, smallest first." in index and "Watch, summarize, ask." in index
    for secret in ("HINT-PICK", "RIGHT-TF", "WRONG-TF", "the nucleus", "LOOK-growth", "SAMPLE-", "Not this one",
                   "export questions"):
        assert secret not in index, secret
    # The teacher's export, linked from the page, is in the site.
    link = page.select_one(".ff-export a")
    assert link.get_text() == "export questions (GIFT, for Moodle)" and link.has_attr("download")
    assert link["href"] == "../../exports/questions/cell-check.gift"
    exported = (site.out / "exports/questions/cell-check.gift").read_text(encoding="utf-8")
    assert exported.count("// question ") == 9 and "::1. pick::" in exported


@pytest.mark.parametrize("prompt, says", [
    ("Which are consumers? Pick all that apply.", True),
    ("Which are consumers? pick ALL that apply", True),
    ("Pick all that apply: which of these are consumers?", True),
    ("Which are consumers?", False),
    ("Which are consumers? Pick all that applies.", False),
])
def test_a_prompt_that_says_pick_all_that_apply_is_not_told_twice(prompt, says):
    from types import SimpleNamespace

    from flipfolio.core import messages
    from flipfolio.questions import prompt_says

    portfolio = SimpleNamespace(messages=messages.load("en"))
    assert prompt_says(portfolio, SimpleNamespace(prompt=prompt), "question.pick_all") is says


def test_the_example_says_pick_all_that_apply_once_per_question():
    from bs4 import BeautifulSoup

    from flipfolio.core.render import Renderer
    from flipfolio.core.view import View

    portfolio = load(Path(__file__).resolve().parent.parent / "portfolio")
    qset = portfolio.question_sets["food-web-check"]
    assert "Pick all that apply." in qset.questions[1].prompt
    html = Renderer(View(portfolio, Layout.default())).render("flipfolio/partials/question-set.html", page_url="lessons/food-webs/",
                                                              qset=qset)
    question = BeautifulSoup(html, "html.parser").select(".ff-question")[1]
    assert question.get_text().count("Pick all that apply.") == 1


# ---- GIFT

def test_gift_escaping():
    assert gift.escape("a~b=c#d{e}f:g\\h\nnext") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\nnext"
    assert gift.escape(r"\frac{a}{b}") == r"\\frac\{a\}\{b\}"


def _gift_files(root):
    portfolio = load(root)
    assert portfolio.problems.errors == []
    return portfolio, {f.path: f.data() for f in outputs(portfolio, Layout.default())
                       if f.path.endswith(".gift") and "/units/" not in f.path}  # per unit: test_question_exports.py


def test_gift_of_the_example_portfolio_parses_one_question_per_question_and_is_the_same_each_build():
    from pygiftparser import parser  # a test dependency, installed by scripts/setup test (without its deps)

    portfolio, files = _gift_files(REPO / "portfolio")
    used = {lesson.questions for lesson in portfolio.lessons.values() if lesson.questions}
    assert sorted(files) == sorted(f"exports/questions/{s}.gift" for s in used)
    for path, data in files.items():
        qset = portfolio.question_sets[path.rsplit("/", 1)[1][: -len(".gift")]]
        parsed = parser.parseFile(io.StringIO(data.decode("utf-8")))
        assert len(parsed) == len(qset.questions), path
        assert all(q.valid for q in parsed), path
        for question, found in zip(qset.questions, parsed):
            expected = {"choice": "SelectSet", "multiple": "MultipleChoicesSet", "numeric": "NumericAnswerSet",
                        "short": "ShortSet", "true-false": "TrueFalseSet", "matching": "MatchingSet",
                        "ordering": "Essay", "open": "Essay", "wsq": "Essay"}[question.type]
            assert type(found.answers).__name__ == expected, (path, question.prompt)
    assert _gift_files(REPO / "portfolio")[1] == files  # byte for byte, build to build


def test_gift_of_every_type_parses(site_factory):
    from pygiftparser import parser

    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE + "  - prompt: 'Braces {a} and: ~#='\n"
                         "    answer: 'x{y}'\n"})
    _, files = _gift_files(site.root / "portfolio")
    text = files["exports/questions/cell-check.gift"].decode("utf-8")
    parsed = parser.parseFile(io.StringIO(text))
    assert len(parsed) == 10 and all(q.valid for q in parsed)
    kinds = [type(q.answers).__name__ for q in parsed]
    assert kinds == ["SelectSet", "MultipleChoicesSet", "TrueFalseSet", "ShortSet", "NumericAnswerSet",
                     "Essay", "MatchingSet", "Essay", "Essay", "ShortSet"], kinds
    assert "// ordering question exported as an essay question" in text
    assert "Braces \\{a\\} and\\: \\~\\#\\=" in text and "=x\\{y\\}" in text


# ---- The answer keys of the page's script (questions.js)

NO_VIDEO_LESSON = """\
---
title: What is a cell?
unit: cells
order: 1
questions: cell-check
---

Cells are the units of life.
"""


def _keys(page) -> list[dict | None]:
    import base64
    import json

    return [json.loads(base64.b64decode(q["data-ff-key"])) if q.has_attr("data-ff-key") else None
            for q in page.select(".ff-question")]


def test_answer_keys_are_encoded_and_normalised_for_the_script(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE}).build()
    page = site.article("lessons/what-is-a-cell/index.html")
    keys = _keys(page)
    assert keys[0]["right"] == [0] and keys[1]["right"] == [0, 2]
    assert keys[2]["right"] == [0] and keys[2]["feedback"] == ["RIGHT-TF", "WRONG-TF"]
    assert keys[3]["accepted"] == ["nucleus", "the nucleus"] and keys[3]["case"] is False
    assert keys[4]["number"] == 6 and keys[4]["unit"] == "legs"
    # Ordering and matching keys name positions as shown (shuffled by the question's id).
    questions = page.select(".ff-question")
    shown = [li.get_text() for li in questions[5].select(".ff-choices li")]
    assert [shown[i] for i in keys[5]["right"]] == ["ORD-cell", "ORD-tissue", "ORD-organ"]
    rights = [li.get_text() for li in questions[6].select(".ff-choices")[1].select("li")]
    assert [rights[i] for i in keys[6]["right"]] == ["MATCH-controls what enters", "MATCH-gives support"]
    assert keys[7] == {"min": 30, "explanation": ""} and keys[8] == {"min": 0, "explanation": "Bring your question to class."}
    for q in page.select("[data-ff-key]"):
        assert "nucleus" not in q["data-ff-key"] and q["data-ff-type"] in q["class"][1]
    # A key is an attribute: never in the search index.
    index = " ".join(f"{d['title']} {d['text']}" for d in site.search_index()["docs"])
    assert "RIGHT-TF" not in index and "nucleus" not in index


@pytest.mark.parametrize("videos", ["none", "in-class"])
def test_the_script_is_on_a_lesson_with_questions_once_whatever_its_videos(site_factory, videos):
    lesson = NO_VIDEO_LESSON
    if videos == "in-class":
        lesson = lesson.replace("questions: cell-check\n", "questions: cell-check\nvideos:\n"
                                "  - url: https://youtu.be/abcdefghijk\n    title: Lab\n    duration: \"1:00\"\n"
                                "    no_captions_reason: silent demo\n    in_class: true\n")
    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE,
                         "portfolio/lessons/what-is-a-cell.md": lesson}).build()
    page = site.article("lessons/what-is-a-cell/index.html")
    scripts = [s for s in page.find_all("script", src=True) if s["src"].endswith("assets/flipfolio/flipfolio.js")]
    assert len(scripts) == 1 and page.select("[data-ff-key]")
    assert bool(page.select("[data-ff-video]")) == (videos == "in-class")


def test_shuffled_choices_keep_their_order_build_to_build_and_the_key_follows_them(site_factory):
    choices = [f"Choice {n}" for n in range(6)]
    yml = ("title: Shuffled\nquestions:\n  - prompt: Pick choice 4.\n    shuffle: true\n    choices: ["
           + ", ".join(choices) + "]\n    answer: Choice 4\n  - prompt: Unshuffled.\n    choices: [A, B]\n    answer: B\n")
    site = site_factory({"portfolio/questions/cell-check.yml": yml}).build()
    page = site.article("lessons/what-is-a-cell/index.html")
    shown = [li.get_text() for li in page.select(".ff-question")[0].select(".ff-choices li")]
    assert sorted(shown) == choices and shown != choices
    key = _keys(page)[0]
    assert [shown[i] for i in key["right"]] == ["Choice 4"]
    assert [li.get_text() for li in page.select(".ff-question")[1].select(".ff-choices li")] == ["A", "B"]
    assert site.build().article("lessons/what-is-a-cell/index.html").select(".ff-question")[0].select(
        ".ff-choices li")[0].get_text() == shown[0]
