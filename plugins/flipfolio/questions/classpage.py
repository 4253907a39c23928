"""The class page of a lesson: the teacher's view of the class's receipts.

One standalone HTML file per published lesson with a question set,
``<lesson page>/class/index.html`` (beside the lesson's own page, from the
site's `Layout`), made from ``templates/flipfolio/class.html``. A file, not a
page of the theme: it is outside the site's navigation, search index and
sitemap by construction, loads none of the theme's scripts, and works the
same under any engine. The teacher drops the receipts the students handed in
onto it; its script (``assets/flipfolio/class.js``) reads them in the browser:
nothing is uploaded, nothing is stored unless the teacher asks.

The page carries the set as JSON (`class_data`): each question's id and
version, what was shown (choices, items, sides) and what is right, so that
the script can group wrong answers by the rules the lesson page marks them
with and name the right answer. (The lesson page carries the same answers,
encoded; the class page is no more secret than "Show the answer".)
"""

from __future__ import annotations

from ..core.messages import Messages, load as load_messages
from ..core.outputs import FileSpec, Layout
from . import answers

#: The file name of a lesson's class page, in a folder beside the lesson page.
FOLDER = "class"
MEDIA_TYPE = "text/html; charset=utf-8"
TEMPLATE = "flipfolio/class.html"


def path(layout: Layout, lesson_id: str) -> str:
    """Where the class page of lesson `lesson_id` is written: the lesson page's
    source path without ``.md``, then ``class/index.html``
    (``lessons/cells/class/index.html``). Lesson ids are single words, so no
    lesson page can take that address."""
    return f"{layout.src('lesson', lesson_id)[: -len('.md')]}/{FOLDER}/index.html"


def address(lesson_url: str) -> str:
    """The class page's address, given the lesson page's (site-relative):
    ``lessons/cells/`` gives ``lessons/cells/class/``, and ``lessons/cells.html``
    (a site without directory addresses) ``lessons/cells/class/index.html``:
    the same file as `path`, in the site's own style of address."""
    if lesson_url.endswith(".html"):
        return f"{lesson_url[: -len('.html')]}/{FOLDER}/index.html"
    return f"{lesson_url.rstrip('/')}/{FOLDER}/" if lesson_url else f"{FOLDER}/"


def outputs(portfolio, layout: Layout, sets: dict) -> list[FileSpec]:
    """A class page for each published lesson with a question set (`sets`: the
    sets by id), in the order of the lessons' ids."""
    specs = []
    for lesson_id, lesson in sorted(portfolio.lessons.items()):
        qset = sets.get(lesson.questions) if lesson.questions else None
        if qset is None:
            continue
        specs.append(FileSpec(path(layout, lesson_id), None, MEDIA_TYPE, made_from=(lesson, qset),
                              template=TEMPLATE, item=lesson))
    return specs


def _right_answer(q, shown: list[str], right: list[int], words: Messages) -> str:
    """The right answer in words, as the class page names it."""
    if q.type in ("choice", "multiple", "true-false"):
        return "; ".join(shown[i] for i in right)
    if q.type == "short":
        return words.text("question.or").join(q.accepted())
    if q.type == "numeric":
        number = str(q.answer)
        unit = f" {q.unit}" if q.unit and q.unit not in number else ""
        return number + unit + (f" (\u00b1 {q.tolerance:g})" if q.tolerance else "")
    if q.type == "ordering":
        return " \u2192 ".join(q.items)
    if q.type == "matching":
        return "; ".join(f"{p.left} = {p.right}" for p in q.pairs)
    return ""


def question_data(qset, index: int, version: str, words: Messages | None = None) -> dict:
    """What the class page's script knows of question `index` of `qset`
    (true and false, and "or", in the language of `words`, as the lesson page shows them)."""
    words = words or load_messages(None)
    q = qset.questions[index]
    qid = qset.question_id(index)
    found = {"id": qid, "n": index + 1, "version": version, "type": q.type, "prompt": q.prompt,
             "marked": q.type not in ("open", "wsq")}
    shown: list[str] = []
    right: list[int] = []
    if q.type in ("choice", "multiple"):
        choices = answers.shuffled(q.choices, qid) if q.shuffle else list(q.choices)
        shown = [c.text for c in choices]
        right = [i for i, c in enumerate(choices) if c.correct]
    elif q.type == "true-false":
        shown, right = [words.text("question.true_label"), words.text("question.false_label")], [0 if q.answer else 1]
    elif q.type == "short":
        found["case"] = bool(q.case_sensitive)
    elif q.type == "numeric":
        found["unit"] = answers._unit(q.unit or "")
    elif q.type == "ordering":
        shown = answers.shuffled(q.items, qid)
    elif q.type == "matching":
        found["lefts"] = [p.left for p in q.pairs]
        shown = answers.shuffled([p.right for p in q.pairs], qid)
    if shown:
        found["shown"] = shown
    found["right_answer"] = _right_answer(q, shown, right, words)
    return found


def class_data(qset, lesson, set_version: str, question_versions: list[str], words: Messages | None = None) -> dict:
    """The JSON the class page carries: the lesson, the set and its questions."""
    return {
        "format": 1,
        "lesson": {"id": lesson.id, "title": lesson.title, "in_class_flip": lesson.flip == "in-class"},
        "set": {"id": qset.id, "title": qset.title, "version": set_version},
        "questions": [question_data(qset, n, version, words) for n, version in enumerate(question_versions)],
    }
