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
tolerance; the unit is added to the question text), matching. Ordering, open
and Watch-Summarize-Question questions have no GIFT type: they are essays,
with a note in the text and the expected answer in the general feedback.
"""

from __future__ import annotations

from .format import Question, QuestionSet

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\~=#{}:"})


def escape(text: str) -> str:
    """`text` for GIFT: special characters escaped, line breaks as ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return text.translate(_SPECIAL).replace("\n", "\\n")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _clock(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return (f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}")


def _feedback(text: str | None) -> str:
    return f"#{escape(text)}" if text else ""


def _general(q: Question, extra: str = "") -> str:
    parts = [p for p in (extra, q.explanation or "") if p]
    return f"\n####{escape(chr(10).join(parts))}" if parts else ""


def _share(count: int) -> str:
    return _number(round(100 / count, 5))


def question(qset: QuestionSet, index: int) -> str:
    """One question in GIFT (lines, no blank line)."""
    q = qset.questions[index]
    qid = qset.question_id(index)
    name = f"{index + 1}. {qid}"
    if q.at is not None:
        name += f" @{_clock(q.at)}" + (f" video {q.video}" if q.video else "")
    comments = [f"// question {index + 1}: {q.type}, id {qid}"]
    prompt = q.prompt
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
        if q.unit:
            prompt += f" (in {q.unit})"
        body.append(f"\t#{_number(q.number())}:{_number(q.tolerance)}")
        general = _general(q)
    elif q.type == "matching":
        body += [f"\t={escape(p.left)} -> {escape(p.right)}" for p in q.pairs]
        general = _general(q)
    else:
        note, expected = _essay(q, qid)
        comments.append(f"// {q.type} question exported as an essay question: GIFT has no {q.type} type")
        prompt += "\n\n" + note
        general = _general(q, expected)
    head = f"::{escape(name)}::[plain]{escape(prompt)}"
    if not body:
        return "\n".join(comments + [f"{head} {{{general.strip()}}}" if general else head + " {}"])
    return "\n".join(comments + [head + " {"] + body + ([general.strip()] if general else []) + ["}"])


def _essay(q: Question, qid: str) -> tuple[str, str]:
    """(what the student reads, what the teacher expects) of a type GIFT has not."""
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


SUMMARY_PROMPT = "Summarize the video in a few sentences."
QUESTION_PROMPT = "Write a question of your own about the video to bring to class."


def gift(qset: QuestionSet) -> bytes:
    """The whole set in GIFT, one category named after the set."""
    lines = [f"// {qset.title}: exported by Flipfolio from questions/{qset.id}.yml",
             f"$CATEGORY: $course$/Flipfolio/{qset.id}"]
    text = "\n".join(lines) + "\n\n" + "\n\n".join(question(qset, n) for n in range(len(qset.questions))) + "\n"
    return text.encode("utf-8")
