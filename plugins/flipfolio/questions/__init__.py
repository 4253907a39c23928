"""Question sets: the questions students answer as they watch.

- `format.py`: `QuestionSet`, `Question` (nine types), `Choice`, `Pair`;
- `answers.py`: how answers are compared (short answers, numbers), ids, shuffles;
- `checks.py`: lessons naming a set, question times against their video, ids;
- `gift.py`: the Moodle GIFT export of a set, one file per set a published lesson uses;
- `qti.py`: the Canvas QTI 1.2 zip of a set, beside its GIFT file.
"""

from __future__ import annotations

import base64
import json

from ..core.features import Feature, Kind
from ..core.outputs import FileSpec
from . import answers, checks, gift, qti
from .format import QuestionSet

#: Where the teachers' exports of question sets are published in the site.
EXPORTS = "exports/questions"


def question_set_of(portfolio, lesson):
    return portfolio.question_sets.get(lesson.questions) if lesson.questions else None


def _exported(portfolio) -> dict[str, QuestionSet]:
    """The sets that published lessons use, by id (only those are exported)."""
    def make():
        sets = portfolio.question_sets
        used = sorted({lesson.questions for lesson in portfolio.lessons.values() if lesson.questions in sets})
        return {set_id: sets[set_id] for set_id in used}

    return portfolio.remember("questions.exported", make)


def outputs(portfolio, layout):
    specs = []
    for set_id, qset in _exported(portfolio).items():
        specs.append(FileSpec(f"{EXPORTS}/{set_id}.gift", (lambda qset=qset: gift.gift(qset)),
                              "text/plain; charset=utf-8", made_from=(qset,)))
        specs.append(FileSpec(f"{EXPORTS}/{set_id}.qti.zip", (lambda qset=qset: qti.qti_zip(qset)),
                              "application/zip", made_from=(qset,)))
    return specs


def question_exports(portfolio, qset) -> list[tuple[str, str]]:
    """(label, site path) of the exports of `qset`, when it has any."""
    if qset is None or _exported(portfolio).get(qset.id) is not qset:
        return []
    return [("GIFT, for Moodle", f"{EXPORTS}/{qset.id}.gift"),
            ("QTI 1.2 zip, for Canvas", f"{EXPORTS}/{qset.id}.qti.zip")]


def shuffled(portfolio, items, seed):
    return answers.shuffled(items, seed)


#: The types the page's script lets students answer (questions.js).
ANSWERABLE = ("choice", "multiple", "true-false", "short", "numeric")


def answer_key(portfolio, q) -> str:
    """The answer key of `q` for the page's script: base64 of JSON (encoded,
    not secret: it keeps the answer out of the page's readable source and
    search index). Short answers are given already normalised (`answers.
    normalise`), so the script only normalises the student's text and compares.
    Empty for the types the script does not answer."""
    if q.type not in ANSWERABLE:
        return ""
    if q.type in ("choice", "multiple"):
        key = {"right": [i for i, c in enumerate(q.choices) if c.correct],
               "feedback": [c.feedback or "" for c in q.choices]}
    elif q.type == "true-false":
        right, wrong = q.feedback_right or "", q.feedback_wrong or ""
        key = {"right": [0 if q.answer else 1], "feedback": [right, wrong] if q.answer else [wrong, right]}
    elif q.type == "short":
        key = {"accepted": [answers.normalise(a, q.case_sensitive) for a in q.accepted()],
               "case": bool(q.case_sensitive)}
    else:
        key = {"number": q.number(), "tolerance": q.tolerance,
               "unit": "".join(answers.unicodedata.normalize("NFKC", q.unit or "").split()).casefold()}
    key["explanation"] = q.explanation or ""
    text = json.dumps(key, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    return base64.b64encode(text.encode("ascii")).decode("ascii")


FEATURE = Feature(
    name="questions",
    kinds=(Kind("question_sets", "questions", QuestionSet, label="a question set in questions/", noun="question set"),),
    check=checks.check,
    outputs=outputs,
    helpers={"question_set_of": question_set_of, "question_exports": question_exports, "shuffled": shuffled,
             "answer_key": answer_key},
)
