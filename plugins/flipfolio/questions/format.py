"""The format of question sets."""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from ..core.format import Entry, Model, Seconds, Text, about, before, text_from_number


class Choice(Model):
    text: Annotated[str, before(text_from_number, "The answer as students see it.", min_length=1)]
    correct: Annotated[bool, about("true for a right answer.")] = False
    feedback: Annotated[str | None, about("Shown after this choice is picked.")] = None


VideoNumber = Annotated[int, msgspec.Meta(ge=1, le=100)]


class Question(Model):
    """One question. `type` is worked out from the fields when left out."""

    prompt: Annotated[str, about("The question.", min_length=1)]
    type: Annotated[Literal["choice", "multiple", "short", "numeric"] | None, about(
        "choice: one right answer; multiple: several; short: a typed word or phrase; numeric: a number."
    )] = None
    at: Annotated[Seconds | None, about(
        "The moment of the video the question belongs to, as seconds or 'mm:ss', on that video's own timeline."
    )] = None
    video: Annotated[VideoNumber | None, about(
        "Which of the lesson's videos 'at' is in: 1 for the first (the default), 2 for the second…"
    )] = None
    choices: Annotated[list[Choice], about("For choice and multiple questions.")] = []
    answer: Annotated[Text | None, about("For short and numeric questions.")] = None
    tolerance: Annotated[float, about("For numeric questions: how far off an answer may be.", ge=0)] = 0
    hint: Annotated[str | None, about("A nudge shown on request.")] = None
    explanation: Annotated[str | None, about("Why the answer is right, shown after answering.")] = None

    def __post_init__(self):
        if self.video is not None and self.at is None:
            raise ValueError("'video' says which video the question's 'at' time is in: give 'at' too")
        kind = self.type or ("choice" if self.choices else "short")
        right = sum(1 for c in self.choices if c.correct)
        if kind in ("choice", "multiple"):
            if len(self.choices) < 2:
                raise ValueError(f"a {kind} question needs at least two 'choices'")
            if kind == "choice" and right == 0:
                raise ValueError("mark the right choice with 'correct: true'")
            if kind == "choice" and right > 1:
                raise ValueError("a choice question has one right answer; use 'type: multiple' for several")
            if kind == "multiple" and right == 0:
                raise ValueError("mark at least one choice with 'correct: true'")
        else:
            if self.answer is None:
                raise ValueError(f"a {kind} question needs an 'answer'")
            if kind == "numeric":
                try:
                    float(self.answer)
                except ValueError:
                    raise ValueError(f"a numeric question needs a number as 'answer', found {self.answer!r}") from None
        self.type = kind


class QuestionSet(Entry):
    """`questions/<id>.yml`: questions students answer while they watch."""

    title: Annotated[str, about("The set's title.", min_length=1)]
    questions: Annotated[list[Question], about("The questions, in order.", min_length=1)]
