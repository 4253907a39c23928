"""Question sets: the questions students answer as they watch.

- `format.py`: `QuestionSet`, `Question`, `Choice`;
- `checks.py`: lessons naming a set, question times against their video.
"""

from __future__ import annotations

from ..core.features import Feature, Kind
from . import checks
from .format import QuestionSet


def question_set_of(portfolio, lesson):
    return portfolio.question_sets.get(lesson.questions) if lesson.questions else None


FEATURE = Feature(
    name="questions",
    kinds=(Kind("question_sets", "questions", QuestionSet, label="a question set in questions/", noun="question set"),),
    check=checks.check,
    helpers={"question_set_of": question_set_of},
)
