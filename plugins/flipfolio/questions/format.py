"""The format of question sets.

A question is one struct whose `type` says which of its fields apply (a
tagged union would need `type` in every question, and files written before
the nine types leave it out: it is worked out from the fields). The rules of
each type are checked in `Question.__post_init__`, all at once (`broken`);
each message starts with the field it is about, which the loader turns into
the field and line of the problem (``'choices': mark the right choice…``).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

import msgspec

from ..core.format import (Entry, Language, Model, Seconds, Text, WebOrMail, about, before, broken, is_slug,
                           text_from_number)
from . import answers as rules

QuestionType = Literal["choice", "multiple", "true-false", "short", "numeric", "ordering", "matching", "open", "wsq"]

#: The fields that belong to some types only, and those types.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "choices": ("choice", "multiple"),
    "shuffle": ("choice", "multiple"),
    "answer": ("choice", "true-false", "short", "numeric"),
    "answers": ("multiple", "short"),
    "case_sensitive": ("short",),
    "tolerance": ("numeric",),
    "unit": ("numeric",),
    "feedback_right": ("true-false",),
    "feedback_wrong": ("true-false",),
    "items": ("ordering",),
    "pairs": ("matching",),
    "min_words": ("open",),
    "look_for": ("open",),
    "sample": ("open",),
    "summary_prompt": ("wsq",),
    "question_prompt": ("wsq",),
    "sentence_starters": ("wsq",),
}


def _question_id(value):
    if isinstance(value, str) and not is_slug(value.strip()):
        raise ValueError(f"expected an id of lowercase letters, digits and dashes (such as 'q1' or "
                         f"'cell-wall'), found {value!r}")
    return value


class Choice(Model):
    text: Annotated[str, before(text_from_number, "The answer as students see it.", min_length=1)]
    correct: Annotated[bool, about("true for a right answer.")] = False
    feedback: Annotated[str | None, about("Shown after this choice is picked.")] = None


class Pair(Model):
    left: Annotated[str, before(text_from_number, "The item on the left, e.g. a term.", min_length=1)]
    right: Annotated[str, before(text_from_number, "What it goes with, e.g. its meaning.", min_length=1)]


VideoNumber = Annotated[int, msgspec.Meta(ge=1, le=100)]
MinWords = Annotated[int, msgspec.Meta(ge=1, le=10_000)]
Item = Annotated[str, before(text_from_number, "One item.", min_length=1)]


class Question(Model):
    """One question. `type` is worked out from the fields when left out."""

    prompt: Annotated[str, about("The question.", min_length=1)]
    type: Annotated[QuestionType | None, about(
        "choice: one right answer; multiple: several; true-false; short: a typed word or phrase; numeric: a "
        "number; ordering: put items in order; matching: match pairs; open: a written answer nobody marks; "
        "wsq: Watch-Summarize-Question, a summary and a question of the student's own."
    )] = None
    id: Annotated[str | None, before(_question_id, "A stable id (lowercase letters, digits, dashes); by default "
                                     "one made from the set's id and the prompt.")] = None
    at: Annotated[Seconds | None, about(
        "The moment of the video the question belongs to, as seconds or 'mm:ss', on that video's own timeline."
    )] = None
    video: Annotated[VideoNumber | None, about(
        "Which of the lesson's videos 'at' is in: 1 for the first (the default), 2 for the second…"
    )] = None
    lang: Annotated[Language | None, about("The question's language, when not the site's (e.g. 'es').")] = None
    choices: Annotated[list[Choice | Item], about(
        "For choice and multiple questions: the answers to choose from (text, or fields with 'correct')."
    )] = []
    shuffle: Annotated[bool, about("For choice and multiple questions: show the choices in a mixed order.")] = False
    answer: Annotated[Text | bool | None, about(
        "The right answer: for short (one accepted answer), numeric (a number), true-false (true or false) and "
        "choice questions (the text of the right choice)."
    )] = None
    answers: Annotated[list[Item], about(
        "For short questions: every accepted answer; for multiple questions: the texts of the right choices."
    )] = []
    case_sensitive: Annotated[bool, about("For short questions: capitals must match.")] = False
    tolerance: Annotated[float, about("For numeric questions: how far off an answer may be.", ge=0)] = 0
    unit: Annotated[str | None, about("For numeric questions: the unit of the answer, e.g. '%' or 'm/s'.")] = None
    feedback_right: Annotated[str | None, about("For true-false questions: shown after a right answer.")] = None
    feedback_wrong: Annotated[str | None, about("For true-false questions: shown after a wrong answer.")] = None
    items: Annotated[list[Item], about("For ordering questions: the items, in the right order.")] = []
    pairs: Annotated[list[Pair], about("For matching questions: the pairs that go together.")] = []
    min_words: Annotated[MinWords | None, about("For open questions: the fewest words to write.")] = None
    look_for: Annotated[list[Item], about("For open questions: what a good answer mentions, shown after writing.")] = []
    sample: Annotated[str | None, about("For open questions: a sample answer, shown after writing.")] = None
    summary_prompt: Annotated[str | None, about("For wsq questions: what to summarize.")] = None
    question_prompt: Annotated[str | None, about("For wsq questions: what question to bring to class.")] = None
    sentence_starters: Annotated[list[Item], about("For wsq questions: ways to begin, e.g. 'I wonder why…'.")] = []
    hint: Annotated[str | None, about("A nudge shown on request.")] = None
    explanation: Annotated[str | None, about("Why the answer is right, shown after answering.")] = None

    def __post_init__(self):
        broken(self._rules())

    def _rules(self):
        if self.video is not None and self.at is None:
            yield "'video' says which video the question's 'at' time is in: give 'at' too"
        kind = self.type or _worked_out(self)
        if self.type is None and kind == "short" and isinstance(self.answer, str) \
                and self.answer.strip().casefold() in ("yes", "no", "true", "false"):
            yield (f"'answer': {self.answer!r} makes this a typed question, where the student types "
                   f"{self.answer.strip()!r}; for a true-false question write 'answer: true' or 'answer: false' "
                   "(no quotes), or add 'type: short' to keep a typed answer")
        for name, types in TYPE_FIELDS.items():
            if kind not in types and getattr(self, name) not in (None, [], False, 0):
                yield f"'{name}' is for {_or(types)} questions; this is a{_n(kind)} {kind} question"
        self.choices = [c if isinstance(c, Choice) else Choice(text=c) for c in self.choices]
        self.type = kind
        yield from _RULES[kind](self)

    # What templates and exports use.

    def accepted(self) -> list[str]:
        """The accepted answers of a short question."""
        given = [self.answer] if isinstance(self.answer, str) else []
        return given + [a for a in self.answers if a not in given]

    def number(self) -> float:
        """The answer of a numeric question."""
        return rules.parse_number(str(self.answer))[0]

    def prompt_with_unit(self) -> str:
        """The prompt as an export shows it: a numeric question's unit after it
        ("… (in m/s)"), unless the prompt names the unit already ("… in m/s?")."""
        if self.type != "numeric" or not self.unit or re.search(rf"(?<!\w){re.escape(self.unit)}(?!\w)", self.prompt):
            return self.prompt
        return f"{self.prompt} (in {self.unit})"


def _worked_out(q: Question) -> str:
    if q.choices:
        return "choice"
    if isinstance(q.answer, bool):
        return "true-false"
    if q.items:
        return "ordering"
    if q.pairs:
        return "matching"
    return "short"


def _or(types: tuple[str, ...]) -> str:
    return types[0] if len(types) == 1 else ", ".join(types[:-1]) + " and " + types[-1]


def _n(kind: str) -> str:
    return "n" if kind[0] in "aeiou" else ""


def _which_choice(text, texts: list[str]) -> str:
    """What the teacher meant by an answer that is not a choice's text: a
    letter ('B', 'b)'), or the text written otherwise ('steam' for 'Steam')."""
    written = str(text).strip()
    letter = re.fullmatch(r"\(?([A-Za-z])[).:]?", written)
    lettered = any(len(t.strip()) == 1 for t in texts)  # (choices that are letters themselves: no guess)
    if letter and not lettered and ord(letter.group(1).upper()) - ord("A") < len(texts):
        choice = texts[ord(letter.group(1).upper()) - ord("A")]
        return f"; write the choice's words, not its letter: {choice!r}"
    same = [t for t in texts if " ".join(t.casefold().split()) == " ".join(written.casefold().split())]
    return f"; did you mean {same[0]!r}, as the choice writes it?" if same else ""


def _choices(q: Question):
    kind = q.type or "choice"
    if len(q.choices) < 2:
        yield f"'choices': a {kind} question needs at least two 'choices'"
        return
    texts = [c.text for c in q.choices]
    for n, text in enumerate(texts):
        if text in texts[:n]:
            yield f"'choices[{n}]': the choice {text!r} is given twice; keep one"
    named = ([q.answer] if isinstance(q.answer, str) else []) + list(q.answers)
    field = "answer" if isinstance(q.answer, str) else "answers"
    unknown = False
    for n, text in enumerate(named):
        if text not in texts:
            where = field if field == "answer" else f"answers[{n - (1 if isinstance(q.answer, str) else 0)}]"
            yield f"'{where}': {text!r} is not among the choices ({', '.join(texts)})" + _which_choice(text, texts)
            unknown = True
        else:
            q.choices[texts.index(text)].correct = True
    if unknown:
        return  # how many are right is known once the answers are among the choices
    right = sum(1 for c in q.choices if c.correct)
    if kind == "choice" and right == 0:
        yield "'choices': mark the right choice with 'correct: true' (or name it in 'answer')"
    if kind == "choice" and right > 1:
        yield "'choices': a choice question has one right answer; use 'type: multiple' for several"
    if kind == "multiple" and right == 0:
        yield "'choices': mark at least one choice with 'correct: true' (or name them in 'answers')"


def _true_false(q: Question):
    if not isinstance(q.answer, bool):
        found = "nothing" if q.answer is None else repr(q.answer)
        yield f"'answer': a true-false question needs 'answer: true' or 'answer: false', found {found}"


def _short(q: Question):
    if not q.accepted():
        yield "'answer': a short question needs an 'answer' (or several in 'answers')"


def _numeric(q: Question):
    if q.answer is None:
        yield "'answer': a numeric question needs an 'answer'"
        return
    parsed = rules.parse_number(str(q.answer))
    if isinstance(q.answer, bool) or parsed is None:
        yield f"'answer': a numeric question needs a number as 'answer', found {q.answer!r}"
    elif re.match(r"[:_]\d", parsed[1]):  # '1:30' (a time, a ratio), '1_000': not one number
        yield (f"'answer': a numeric question needs one number as 'answer', found {q.answer!r}; " + (
            "write the digits only (1000)" if parsed[1][0] == "_" else "for a time write the seconds or minutes it "
            "is (90); for a ratio or a time students type as written, add 'type: short'"))
    elif parsed[1] and q.unit is None:
        q.unit = parsed[1]  # answer: 65 % is answer 65, unit %
    elif parsed[1] and rules._unit(parsed[1]) != rules._unit(q.unit or ""):
        yield f"'answer': the answer's unit {parsed[1]!r} is not the question's 'unit' {q.unit!r}"


def _ordering(q: Question):
    if len(q.items) < 2:
        yield "'items': an ordering question needs at least two 'items', in the right order"
    for n, item in enumerate(q.items):
        if item in q.items[:n]:
            yield f"'items[{n}]': {item!r} is given twice; each item has one place"


def _matching(q: Question):
    if len(q.pairs) < 2:
        yield "'pairs': a matching question needs at least two 'pairs'"
    for side in ("left", "right"):
        seen = [getattr(p, side) for p in q.pairs]
        for n, text in enumerate(seen):
            if text in seen[:n]:
                yield (f"'pairs[{n}].{side}': {text!r} is also the {side} side of pair {seen.index(text) + 1}; "
                       f"each {side} side is given once")


_RULES = {"choice": _choices, "multiple": _choices, "true-false": _true_false, "short": _short,
          "numeric": _numeric, "ordering": _ordering, "matching": _matching,
          "open": lambda q: (), "wsq": lambda q: ()}


class QuestionSet(Entry):
    """`questions/<id>.yml`: questions students answer while they watch."""

    title: Annotated[str, about("The set's title.", min_length=1)]
    questions: Annotated[list[Question], about("The questions, in order.", min_length=1)]
    no_skip: Annotated[bool, about(
        "true: a student may not skip ahead in a video past a question not yet answered, until they have "
        "watched it to the end once (kept by the student's browser: a request, not a lock)."
    )] = False
    submit_url: Annotated[WebOrMail | None, about(
        "Where students hand in their answers, e.g. a school form: the page offers to open it with the answers "
        "ready to paste. Nothing is sent without the student's click."
    )] = None

    def question_id(self, index: int) -> str:
        """The id of question `index`: its own, or one made from the set's id and its prompt."""
        ids = getattr(self, "_ids", None)
        if ids is None:  # made once: pages, keys and exports ask for them often
            ids = self._ids = [q.id or rules.derived_id(self.id, q.prompt) for q in self.questions]
        return ids[index]
