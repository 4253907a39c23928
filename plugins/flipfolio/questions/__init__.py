"""Question sets: the questions students answer as they watch.

- `format.py`: `QuestionSet`, `Question` (nine types), `Choice`, `Pair`;
- `answers.py`: how answers are compared (short answers, numbers), ids, shuffles;
- `checks.py`: lessons naming a set, question times against their video, ids;
- `gift.py`: the Moodle GIFT export of a set, one file per set a published lesson uses;
- `qti.py`: the Canvas QTI 1.2 zip of a set, beside its GIFT file;
- `classpage.py`: a lesson's class page, where the teacher reads the class's
  receipts (templates/flipfolio/class.html, assets/flipfolio/class.js).

A unit with published lessons that use sets has both exports too, of the sets
of those lessons in the unit's order (`exports/questions/units/<unit>.gift`…).
"""

from __future__ import annotations

import base64
import hashlib
import json

import msgspec

from ..core.features import Feature, Kind
from ..core.outputs import FileSpec
from ..lessons.helpers import lessons_in
from . import answers, checks, classpage, gift, qti
from .format import QuestionSet

#: Where the teachers' exports of question sets are published in the site.
EXPORTS = "exports/questions"

#: Field names a teacher writes for a question's ('options:' for 'choices:'): the hint of an unknown field.
_MEANT = {"question": "prompt", "q": "prompt", "text": "prompt", "options": "choices", "answers_list": "answers",
          "correct": "answer", "correct_answer": "answer", "solution": "answer", "name": "title"}


def question_set_of(portfolio, lesson):
    return portfolio.question_sets.get(lesson.questions) if lesson.questions else None


def _exported(portfolio) -> dict[str, QuestionSet]:
    """The sets that published lessons use, by id (only those are exported)."""
    def make():
        sets = portfolio.question_sets
        used = sorted({lesson.questions for lesson in portfolio.lessons.values() if lesson.questions in sets})
        return {set_id: sets[set_id] for set_id in used}

    return portfolio.remember("questions.exported", make)


def _unit_exported(portfolio) -> dict[str, tuple]:
    """By unit id, each unit with a published lesson that uses a set: (unit,
    [(lesson, set), …]), the lessons in the unit page's order (the lessons
    feature's `lessons_in`, which lists published lessons only)."""
    def make():
        sets = portfolio.question_sets
        found = {}
        for unit_id, unit in sorted(portfolio.units.items()):
            pairs = [(lesson, sets[lesson.questions]) for lesson in lessons_in(portfolio, unit)
                     if lesson.questions in sets]
            if pairs:
                found[unit_id] = (unit, pairs)
        return found

    return portfolio.remember("questions.unit_exported", make)


def outputs(portfolio, layout):
    """Each exported set's GIFT and QTI files, unit by unit: a unit's sets, then
    the unit's own exports (made from the same items, let go of then); sets of
    lessons outside any unit last; then the class pages."""
    def set_files(set_id, qset):
        return [FileSpec(f"{EXPORTS}/{set_id}.gift", (lambda: gift.gift(qset)), "text/plain; charset=utf-8",
                         made_from=(qset,)),
                FileSpec(f"{EXPORTS}/{set_id}.qti.zip", (lambda: qti.qti_zip(qset)), "application/zip",
                         made_from=(qset,))]

    specs, exported, done = [], _exported(portfolio), set()
    for unit_id, (unit, pairs) in _unit_exported(portfolio).items():
        for lesson, qset in pairs:
            if lesson.questions not in done:
                done.add(lesson.questions)
                specs += set_files(lesson.questions, qset)
        made_from = (unit, *(lesson for lesson, _ in pairs), *(qset for _, qset in pairs))
        specs.append(FileSpec(f"{EXPORTS}/units/{unit_id}.gift", (lambda u=unit, p=pairs: gift.unit_gift(u, p)),
                              "text/plain; charset=utf-8", made_from=made_from))
        specs.append(FileSpec(f"{EXPORTS}/units/{unit_id}.qti.zip", (lambda u=unit, p=pairs: qti.unit_qti_zip(u, p)),
                              "application/zip", made_from=made_from))
    for set_id, qset in exported.items():
        if set_id not in done:
            specs += set_files(set_id, qset)
    specs += classpage.outputs(portfolio, layout, portfolio.question_sets)
    return specs


def question_exports(portfolio, item) -> list[tuple[str, str]]:
    """(message key of its label, site path) of the exports of a question set,
    or of the questions of a unit's lessons (`item` a unit), when it has any."""
    if item is None:
        return []
    if item.kind == "units":
        found = _unit_exported(portfolio).get(item.id)
        if found is None or found[0] is not item:
            return []
        base = f"{EXPORTS}/units/{item.id}"
    elif _exported(portfolio).get(item.id) is item:
        base = f"{EXPORTS}/{item.id}"
    else:
        return []
    return [("question.format_gift", f"{base}.gift"), ("question.format_qti", f"{base}.qti.zip")]


def shuffled(portfolio, items, seed):
    return answers.shuffled(items, seed)


def any_questions(portfolio, lessons) -> bool:
    """Whether one of `lessons` has questions: its page loads the script that marks lessons done."""
    lessons = lessons.values() if isinstance(lessons, dict) else lessons
    return any(question_set_of(portfolio, lesson) for lesson in lessons)


def set_version(portfolio, qset) -> str:
    """A short digest of a set's questions: a receipt names the version it answers."""
    return hashlib.sha256(msgspec.json.encode(qset.questions)).hexdigest()[:12]


def question_version(portfolio, q) -> str:
    """A short digest of one question: an answer to an edited question can be told apart."""
    return hashlib.sha256(msgspec.json.encode(q)).hexdigest()[:8]


def class_page(portfolio, lesson_url: str) -> str:
    """The address of a lesson's class page, given the lesson page's
    (``ff.class_page(ff.url(lesson))``): every published lesson with a set has one."""
    return classpage.address(lesson_url)


def class_data(portfolio, lesson) -> dict:
    """What a lesson's class page knows of its set (classpage.py), for its script."""
    qset = question_set_of(portfolio, lesson)
    return classpage.class_data(qset, lesson, set_version(portfolio, qset),
                                [question_version(portfolio, q) for q in qset.questions], portfolio.messages)


def shown_choices(portfolio, q, qid):
    """The choices of a choice or multiple question in the order shown: the
    given order, or one fixed by the question's id with `shuffle`."""
    return answers.shuffled(q.choices, qid) if q.shuffle else list(q.choices)


def prompt_says(portfolio, q, key: str) -> bool:
    """Whether the question's prompt already says what the message `key`
    tells students ("Pick all that apply."): the page then does not say it twice."""
    said = answers.normalise(portfolio.messages.text(key))
    return bool(said) and f" {said} " in f" {answers.normalise(q.prompt)} "


def answer_key(portfolio, q, qid) -> str:
    """The answer key of `q` for the page's script (questions.js): base64 of
    JSON (encoded, not secret: it keeps the answer out of the page's readable
    source and search index). Positions are those of the page, where choices,
    ordering items and matching sides may be shuffled. Short answers are given
    already normalised (`answers.normalise`), so the script only normalises the
    student's text and compares. Open and WSQ questions are not marked: their
    key holds only the fewest words to write."""
    if q.type in ("choice", "multiple"):
        shown = shown_choices(portfolio, q, qid)
        key = {"right": [i for i, c in enumerate(shown) if c.correct], "feedback": [c.feedback or "" for c in shown]}
    elif q.type == "true-false":
        right, wrong = q.feedback_right or "", q.feedback_wrong or ""
        key = {"right": [0 if q.answer else 1], "feedback": [right, wrong] if q.answer else [wrong, right]}
    elif q.type == "short":
        key = {"accepted": [answers.normalise(a, q.case_sensitive) for a in q.accepted()],
               "case": bool(q.case_sensitive)}
    elif q.type == "numeric":
        key = {"number": q.number(), "tolerance": q.tolerance,
               "unit": answers._unit(q.unit or ""), "unit_as": q.unit or ""}
    elif q.type == "ordering":  # the shown items' positions, in the right order
        shown = answers.shuffled(q.items, qid)
        key = {"right": [shown.index(item) for item in q.items]}
    elif q.type == "matching":  # for each left side, the position of its right side as shown
        shown = answers.shuffled([p.right for p in q.pairs], qid)
        key = {"right": [shown.index(p.right) for p in q.pairs]}
    else:
        key = {"min": q.min_words or 0}
    key["explanation"] = q.explanation or ""
    text = json.dumps(key, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return base64.b64encode(text.encode("ascii")).decode("ascii")


FEATURE = Feature(
    name="questions",
    kinds=(Kind("question_sets", "questions", QuestionSet, label="a question set in questions/", noun="question set",
                meant=_MEANT),),
    check=checks.check,
    outputs=outputs,
    helpers={"question_set_of": question_set_of, "question_exports": question_exports, "shuffled": shuffled,
             "answer_key": answer_key, "shown_choices": shown_choices, "prompt_says": prompt_says, "set_version": set_version, "any_questions": any_questions,
             "question_version": question_version, "class_page": class_page, "class_data": class_data},
)
