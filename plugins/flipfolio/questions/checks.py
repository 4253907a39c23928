"""Checks of question sets: the lessons that name them, and question times."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.format import clock
from ..core.problems import show
from ..core.validate import if_known, is_partial, is_wrong, right_fields
from .answers import derived_id

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Check


def check(check: Check) -> None:
    portfolio = check.portfolio
    sets = portfolio.everything["question_sets"]
    for qset in sets.values():
        check.guarded(qset.file, _check_ids, qset, check.problems)
    # A set with a wrong field elsewhere: its questions' ids in the same round, as far as they can be read.
    for qset in check.partly_right("question_sets", lambda qset: True):
        check.guarded_partly(qset.file, _check_ids, qset, check.problems)
    named = {lesson.questions for lesson in portfolio.everything["lessons"].values()}
    # (A lesson that did not load may name a set: nothing is said of sets until every lesson has loaded.)
    every_lesson_read = not portfolio.partial.get("lessons") and not any(
        kind == "lessons" for kind, _ in portfolio.broken.values())
    for set_id, qset in sets.items() if every_lesson_read else ():
        if set_id not in named:  # (right, and shown nowhere: a lesson's 'questions' left out or misspelt?)
            check.problems.note(qset.file, f"no lesson names this question set, so its questions are on no page; "
                                f"give a lesson 'questions: {set_id}'")
    for lesson in portfolio.everything["lessons"].values():
        if lesson.questions in sets and not lesson.is_draft:  # (an id that names no set: `references.py`)
            check.guarded(sets[lesson.questions].file, _check_times, lesson, sets[lesson.questions], check.problems)
    # A lesson with wrong fields elsewhere, known not to be a draft: its set's times against its videos, in
    # the same round (what would read a wrong field, a video's among them, waits until it is fixed).
    for lesson in check.partly_right("lessons", lambda lesson: not lesson.is_draft and lesson.questions in sets):
        qset = sets[lesson.questions]
        check.guarded_partly(qset.file, _check_times, lesson, qset, check.problems)
    # A set with a wrong field of its own, named by a lesson that loaded: the times of its questions that
    # can be read, against the lesson's videos, in the same round.
    wrong_sets = {qset.id: qset for qset in check.partly_right("question_sets", lambda qset: True)}
    for lesson in portfolio.everything["lessons"].values():
        if lesson.questions in wrong_sets and not lesson.is_draft:
            qset = wrong_sets[lesson.questions]
            check.guarded_partly(qset.file, _check_times, lesson, qset, check.problems)


def _check_times(lesson, qset, problems) -> None:
    """Each question's `at` time lies within its video (`video`: which one, the
    first by default), counted on that video's own timeline."""
    videos = lesson.videos
    for n, question in _readable(qset):
        if if_known(lambda question=question: question.at) is None:
            continue
        number = question.video or 1
        if not videos:
            problems.error(
                qset.file,
                f"lesson '{lesson.id}' ({lesson.file}) has no videos: a question's 'at' is a time in one of them; "
                "add the video to the lesson's 'videos' first, or remove 'at'",
                field=f"questions[{n}].at", line=qset.line_of("questions", n, "at"),
                found=_seconds(question.at, both=True),
            )
            continue
        if number > len(videos):
            problems.error(
                qset.file,
                f"lesson '{lesson.id}' ({lesson.file}) has {len(videos)} video{'s' if len(videos) != 1 else ''}; "
                f"'video' names the one the question's time is in, from 1 to {len(videos)}",
                field=f"questions[{n}].video" if question.video else f"questions[{n}].at",
                line=qset.line_of("questions", n, "video" if question.video else "at"), found=str(number),
            )
            continue
        video, which = videos[number - 1], "the first video" if number == 1 else f"video {number}"
        info, source = video.info, video.source
        start = video.start if video.start is not None else source.start
        end = video.end if video.end is not None else source.end
        # (Where, only for a problem: a line is found by reading the file again.)
        where = (lambda n=n, question=question: dict(field=f"questions[{n}].at", line=qset.line_of(
            "questions", n, "at"), found=_seconds(question.at, both=True)))
        if info is not None and info.duration is not None and question.at > info.duration:
            problems.warning(qset.file, f"the time is after the end of {which} of lesson '{lesson.id}' "
                                        f"({_seconds(info.duration)} long)", **where())
        elif end is not None and question.at > end:
            problems.warning(qset.file, f"the time is after {which} of lesson '{lesson.id}' stops playing "
                                        f"(at {_seconds(end)}): students would never reach it", **where())
        elif start and question.at < start:
            problems.warning(qset.file, f"the time is before {which} of lesson '{lesson.id}' starts playing "
                                        f"(at {_seconds(start)}): students would never reach it", **where())


def _seconds(seconds: float, both: bool = False) -> str:
    """A time as messages give it: ``50 s``, and from a minute as a teacher
    writes it, ``9:59``, with `both` ``9:59 (599 s)`` (a time may be written either way)."""
    if seconds < 60:
        return f"{seconds:g} s"
    return f"{clock(int(seconds))} ({seconds:g} s)" if both else clock(int(seconds))


def _readable(qset):
    """(index, question) of a set's questions that can be read: all of a set
    that loaded; of a set with wrong fields, those not wrong as a whole."""
    for n, question in enumerate(right_fields(qset).get("questions") or ()):
        if not (is_wrong(question) and not is_partial(question)):
            yield n, question


def _check_ids(qset, problems) -> None:
    """No two questions of a set have the same id (given, or made from the prompt)."""
    seen: dict[str, int] = {}
    for n, question in _readable(qset):  # (a question not read at all: its own problems are said)
        qid = if_known(lambda question=question: question.id or derived_id(qset.id, question.prompt))
        if qid is None:
            continue
        if qid in seen:
            first = seen[qid] + 1
            if question.id:
                problems.error(qset.file, f"question {n + 1} has the id of question {first}; give each question "
                                          "its own 'id'", field=f"questions[{n}].id",
                               line=qset.line_of("questions", n, "id"), found=show(qid))
            else:
                problems.error(qset.file, f"question {n + 1} has the same prompt as question {first}, so the same "
                                          "id; give one of them an 'id'", field=f"questions[{n}].prompt",
                               line=qset.line_of("questions", n, "prompt"), found=show(qid))
            continue
        seen[qid] = n
