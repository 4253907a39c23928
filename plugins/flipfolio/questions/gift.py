"""Moodle GIFT export of a question set (written here: the format is small).

One file per set, UTF-8, questions separated by a blank line, each question's
text on its own lines with no blank line inside. Text is escaped as Moodle's
own exporter does: a backslash before each of ``~ = # { } :`` and ``\\``,
line breaks written ``\\n``. The name of each question (``::…::``) carries
its number, its id and its moment of the video, which GIFT has no field for.

Types: choice and multiple (per-choice feedback; multiple with shares of
100 % for the right choices and -100 % for a wrong one), true-false
(feedback for a wrong and a right answer), short (every accepted answer;
GIFT cannot say "case sensitive": a comment notes it), numeric (answer and
tolerance; the unit is added to the question text), matching, open (an
essay, the fewest words in the text, what to look for and the sample answer in
the general feedback). Ordering and Watch-Summarize-Question questions have no
GIFT type: they are essays too, with a note in the text (the items to order;
the summary and question prompts) and, for ordering, the right order in the
general feedback.

`gift` writes one set, in one category named after it; `unit_gift` the sets
of a unit's published lessons, one category per lesson in the unit's order.
"""

from __future__ import annotations

from ..core.format import clock
from .format import Question, QuestionSet

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\~=#{}:"})


def escape(text: str) -> str:
    """`text` for GIFT: special characters escaped, line breaks as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text.translate(_SPECIAL).replace("\n", "\\n")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _feedback(text: str | None) -> str:
    return f"#{escape(text)}" if text else ""


def _general(q: Question, extra: str = "") -> str:
    parts = [p for p in (extra, q.explanation or "") if p]
    return f"\n####{escape(chr(10).join(parts))}" if parts else ""


def _comment(text: str) -> str:
    """`text` on one line, for a ``//`` comment (a line break would end it)."""
    return " ".join(text.split())


def _share(count: int) -> str:
    return _number(round(100 / count, 5))


def title(qset: QuestionSet, index: int) -> str:
    """A question's name in Moodle (its title in Canvas), which teachers see
    and students do not: its number and id, its moment of the video and, for
    a type exported as an essay question, which type it was."""
    q = qset.questions[index]
    name = f"{index + 1}. {qset.question_id(index)}"
    if q.at is not None:
        name += f" @{clock(q.at)}" + (f" video {q.video}" if q.video else "")
    if q.type in AS_ESSAY:
        name += f" ({AS_ESSAY[q.type]}, as an essay)"
    return name


def question(qset: QuestionSet, index: int) -> str:
    """One question in GIFT (lines, no blank line)."""
    q = qset.questions[index]
    qid = qset.question_id(index)
    name = title(qset, index)
    comments = [f"// question {index + 1}: {q.type}, id {qid}"]
    prompt = q.prompt_with_unit()
    body: list[str] = []
    general = ""
    if q.type in ("choice", "multiple"):
        right = [c for c in q.choices if c.correct]
        for c in q.choices:
            if q.type == "choice":
                mark = "=" if c.correct else "~"
            else:
                mark = f"~%{_share(len(right))}%" if c.correct else "~%-100%"
            body.append(f"\t{mark}{escape(c.text)}{_feedback(c.feedback)}")
        general = _general(q)
    elif q.type == "true-false":
        # {T#feedback for a wrong answer#feedback for a right one}
        wrong = _feedback(q.feedback_wrong) or ("#" if q.feedback_right else "")
        body.append(f"\t{'TRUE' if q.answer else 'FALSE'}{wrong}{_feedback(q.feedback_right)}")
        general = _general(q)
    elif q.type == "short":
        if q.case_sensitive:
            comments.append("// case sensitive in Flipfolio: set 'Case sensitivity' in Moodle after import")
        body += [f"\t={escape(a)}" for a in q.accepted()]
        general = _general(q)
    elif q.type == "numeric":
        body.append(f"\t#{_number(q.number())}:{_number(q.tolerance)}")
        general = _general(q)
    elif q.type == "matching":
        body += [f"\t={escape(p.left)} -> {escape(p.right)}" for p in q.pairs]
        general = _general(q)
    else:
        note, expected = _essay(q, qid)
        comments.append("// " + NOTE[q.type].format(lms="GIFT"))
        prompt += "\n\n" + note
        general = _general(q, expected)
    head = f"::{escape(name)}::[plain]{escape(prompt)}"
    if not body:
        return "\n".join(comments + [f"{head} {{{general.strip()}}}" if general else head + " {}"])
    return "\n".join(comments + [head + " {"] + body + ([general.strip()] if general else []) + ["}"])


def _essay(q: Question, qid: str) -> tuple[str, str]:
    """(what the student reads, what the teacher expects) of a question
    exported as an essay question (ordering, open, wsq)."""
    if q.type == "ordering":
        from .answers import shuffled

        listed = "\n".join(f"- {item}" for item in shuffled(q.items, qid))
        return (f"Put these in the right order:\n{listed}",
                "The right order: " + "; ".join(f"{n}. {item}" for n, item in enumerate(q.items, 1)))
    if q.type == "open":
        note = f"Write at least {q.min_words} words." if q.min_words else "Write your answer."
        expected = []
        if q.look_for:
            expected.append("Look for: " + "; ".join(q.look_for))
        if q.sample:
            expected.append("A sample answer: " + q.sample)
        return note, "\n".join(expected)
    summary = q.summary_prompt or SUMMARY_PROMPT
    ask = q.question_prompt or QUESTION_PROMPT
    note = f"1. Summarize: {summary}\n2. Ask: {ask}"
    if q.sentence_starters:
        note += "\nSentence starters: " + "; ".join(q.sentence_starters)
    return note, ""


#: The note on each type exported as an essay question (`lms`: "GIFT", "Canvas"):
#: open questions are essays; ordering and WSQ questions have no type of their own.
NOTE = {
    "open": "open question: an essay question, marked by hand",
    "ordering": "ordering question exported as an essay question: {lms} has no ordering type",
    "wsq": "wsq question exported as an essay question: {lms} has no Watch-Summarize-Question type",
}

#: The types with no type of their own in GIFT or Canvas, as the names say them.
AS_ESSAY = {"ordering": "ordering", "wsq": "WSQ"}

SUMMARY_PROMPT = "Summarize the video in a few sentences."
QUESTION_PROMPT = "Write a question of your own about the video to bring to class."


def _questions(qset: QuestionSet) -> str:
    return "\n\n".join(question(qset, n) for n in range(len(qset.questions)))


def gift(qset: QuestionSet) -> bytes:
    """The whole set in GIFT, one category named after the set."""
    lines = [f"// {_comment(qset.title)}: exported by Flipfolio from questions/{qset.id}.yml",
             f"$CATEGORY: $course$/Flipfolio/{qset.id}"]
    text = "\n".join(lines) + "\n\n" + _questions(qset) + "\n"
    return text.encode("utf-8")


def unit_category(unit, lesson) -> str:
    """The Moodle category of a lesson's questions in its unit's export (ids
    are slugs: no ``/`` to escape, and the same whatever the titles become)."""
    return f"$course$/Flipfolio/units/{unit.id}/{lesson.id}"


def unit_gift(unit, lessons: list[tuple[object, QuestionSet]]) -> bytes:
    """The question sets of a unit's lessons, (lesson, set) in the unit's
    order, in GIFT: a ``$CATEGORY:`` per lesson, then its set's questions. A
    set two lessons use is in both categories. (The header comment shares the
    first category's block: a block of comments alone is not a question.)"""
    blocks = []
    for n, (lesson, qset) in enumerate(lessons, 1):
        head = [f"// {_comment(unit.title)}: the questions of the unit's published lessons, exported by Flipfolio "
                f"from units/{unit.id}.yml, one category per lesson"] if n == 1 else []
        head += [f"// lesson {n}: {_comment(lesson.title)} (lesson {lesson.id}), "
                 f"questions/{qset.id}.yml: {_comment(qset.title)}",
                 f"$CATEGORY: {unit_category(unit, lesson)}"]
        blocks += ["\n".join(head), _questions(qset)]
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
