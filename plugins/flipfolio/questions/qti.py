"""Canvas-importable QTI 1.2 exports: one zip per question set, one per unit.

A set's zip holds ``imsmanifest.xml`` (an IMS content package naming one
resource of type ``imsqti_xmlv1p2``) and ``<ident>/<ident>.xml``, the
assessment, with one ``<item>`` per question in the shapes Canvas's own
exports and text2qti use: ``itemmetadata`` giving Canvas's ``question_type``,
``response_lid``/``render_choice`` for choices, ``response_str``/``render_fib``
for typed answers, ``respcondition`` setting ``SCORE`` for the right answer
and showing per-choice and general feedback (``itemfeedback``).

Types: choice (multiple_choice_question), multiple
(multiple_answers_question: full marks for exactly the right choices), true-false
(true_false_question, feedback for a right and a wrong answer), short
(short_answer_question, every accepted answer; Canvas does not compare case, a
comment notes ``case_sensitive``), numeric (numerical_question, the answer and
its tolerance; the unit is added to the question text), matching
(matching_question, the right sides as the choices of each left side), open
(essay_question: the fewest words in the text, what to look for and the
sample answer in the general feedback). Ordering and Watch-Summarize-Question
questions have no Canvas type: they are essay_question items too, with a note
in the text, the item's title and its comment, and the right order of an
ordering question in the general feedback.

A unit's zip holds one assessment per published lesson with a question set,
in the unit's order, each a resource of the manifest: Canvas makes a quiz (and
a question bank) of each, as it does of a course export with several quizzes,
and the teacher assigns them lesson by lesson.

Identifiers are unique in a zip: they are made of slugs (lowercase letters,
digits, dashes) joined with ``_``, which no slug holds (an assessment
``flipfolio-<set>`` or ``flipfolio-<unit>_<lesson>``; its items
``<assessment>-<question id>`` in a set's zip, ``<assessment>_<question
id>`` in a unit's; an item's choices ``<item>_c1``…).

The XML is written with ElementTree (so every text is escaped) and the zip
is the same byte for byte build to build: entries sorted, a fixed date, fixed
permissions and compression; identifiers come from the set's and the
questions' ids.
"""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
import zipfile

from .answers import shuffled
from .format import Question, QuestionSet
from ..core.format import clock
from .gift import NOTE, _essay, _number, title

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: Canvas's question type for each Flipfolio type.
CANVAS_TYPES = {
    "choice": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "true-false": "true_false_question",
    "short": "short_answer_question",
    "numeric": "numerical_question",
    "matching": "matching_question",
    "ordering": "essay_question",
    "open": "essay_question",
    "wsq": "essay_question",
}

#: The date of every zip entry (the earliest a zip can say): no build time in the file.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def assessment_ident(qset: QuestionSet) -> str:
    return f"flipfolio-{qset.id}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def _html(text: str) -> str:
    """Plain `text` as the HTML Canvas shows: escaped, paragraphs and line breaks kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{'<br>'.join(html.escape(line) for line in p.split(chr(10)))}</p>" for p in paragraphs)


def _material(parent: ET.Element, text: str) -> ET.Element:
    material = _sub(parent, "material")
    _sub(material, "mattext", _html(text), texttype="text/html")
    return material


def _metadata(item: ET.Element, fields: list[tuple[str, str]]) -> None:
    meta = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in fields:
        field = _sub(meta, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _condition(resprocessing: ET.Element, *, proceed: bool, score: str | None = None, action: str = "Set",
               feedback: str | None = None) -> ET.Element:
    """A `respcondition`; returns its `conditionvar` to fill."""
    condition = _sub(resprocessing, "respcondition", **{"continue": "Yes" if proceed else "No"})
    test = _sub(condition, "conditionvar")
    if score is not None:
        _sub(condition, "setvar", score, action=action, varname="SCORE")
    if feedback:
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)
    return test


def _varequal(parent: ET.Element, respident: str, value: str) -> None:
    _sub(parent, "varequal", value, respident=respident)


def _feedback(item: ET.Element, ident: str, text: str) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), text)


def _response_fib(presentation: ET.Element, decimal: bool = False) -> None:
    response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
    fib = _sub(response, "render_fib", **({"fibtype": "Decimal"} if decimal else {}))
    _sub(fib, "response_label", ident="answer1", **({} if decimal else {"rshuffle": "No"}))


def item(qset: QuestionSet, index: int, ident: str | None = None) -> ET.Element:
    """Question `index` of `qset` as a QTI 1.2 `<item>` (`ident`: its
    identifier, by default ``<the set's assessment>-<question id>``)."""
    q: Question = qset.questions[index]
    qid = qset.question_id(index)
    ident = ident or f"{assessment_ident(qset)}-{qid}"
    comments = [f"Flipfolio question {index + 1} of questions/{qset.id}.yml: {q.type}, id {qid}"]
    if q.at is not None:
        comments.append(f"asked at {clock(q.at)} of the lesson's " + (f"video {q.video}" if q.video else "video"))
    prompt = q.prompt_with_unit()
    general = [q.explanation] if q.explanation else []
    kind = CANVAS_TYPES[q.type]
    if q.type == "short" and q.case_sensitive:
        comments.append("case sensitive in Flipfolio: Canvas compares short answers without case")
    if kind == "essay_question":
        note, expected = _essay(q, qid)
        comments.append(NOTE[q.type].format(lms="Canvas"))
        prompt += "\n\n" + note
        general = [t for t in (expected, q.explanation) if t]

    element = ET.Element("item", ident=ident, title=title(qset, index))
    _sub(element, "qticomment", "; ".join(comments))

    # Choices, with their identifiers: (ident, text, correct, feedback).
    choices: list[tuple[str, str, bool, str | None]] = []
    if q.type in ("choice", "multiple"):
        choices = [(f"{ident}_c{n + 1}", c.text, c.correct, c.feedback) for n, c in enumerate(q.choices)]
    elif q.type == "true-false":
        choices = [(f"{ident}_true", "True", q.answer is True, None), (f"{ident}_false", "False", q.answer is False, None)]
    right_sides = [(f"{ident}_r{n + 1}", p.right) for n, p in enumerate(q.pairs)]
    answer_ids = [c[0] for c in choices] or [r[0] for r in right_sides]
    _metadata(element, [("question_type", kind), ("points_possible", "1"),
                        ("original_answer_ids", ",".join(answer_ids)),
                        ("assessment_question_identifierref", f"{ident}_ref")])

    presentation = _sub(element, "presentation")
    _material(presentation, prompt)
    if choices:
        cardinality = "Multiple" if q.type == "multiple" else "Single"
        render = _sub(_sub(presentation, "response_lid", ident="response1", rcardinality=cardinality), "render_choice",
                      **({"shuffle": "Yes"} if q.shuffle else {}))
        for choice_id, text, _, _ in choices:
            _material(_sub(render, "response_label", ident=choice_id), text)
    elif q.type == "matching":
        shown = shuffled(right_sides, qid)
        for n, pair in enumerate(q.pairs):
            response = _sub(presentation, "response_lid", ident=f"response_{ident}_l{n + 1}")
            _material(response, pair.left)
            render = _sub(response, "render_choice")
            for right_id, text in shown:
                _material(_sub(render, "response_label", ident=right_id), text)
    else:
        _response_fib(presentation, decimal=q.type == "numeric")

    processing = _sub(element, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    feedbacks: list[tuple[str, str]] = []
    if general:
        _sub(_condition(processing, proceed=True, feedback="general_fb"), "other")
        feedbacks.append(("general_fb", "\n\n".join(general)))
    right_fb = q.feedback_right if q.type == "true-false" else None
    wrong_fb = q.feedback_wrong if q.type == "true-false" else None
    correct_link = "correct_fb" if right_fb else None
    if choices:
        for choice_id, _, _, feedback in choices:
            if feedback:
                _varequal(_condition(processing, proceed=True, feedback=f"{choice_id}_fb"), "response1", choice_id)
                feedbacks.append((f"{choice_id}_fb", feedback))
        test = _condition(processing, proceed=False, score="100", feedback=correct_link)
        if q.type == "multiple":
            both = _sub(test, "and")
            for choice_id, _, correct, _ in choices:
                _varequal(both if correct else _sub(both, "not"), "response1", choice_id)
        else:
            _varequal(test, "response1", next(c[0] for c in choices if c[2]))
    elif q.type == "short":
        test = _condition(processing, proceed=False, score="100")
        for accepted in q.accepted():
            _varequal(test, "response1", accepted)
    elif q.type == "numeric":
        answer, tolerance = q.number(), q.tolerance
        either = _sub(_condition(processing, proceed=False, score="100"), "or")
        _varequal(either, "response1", _number(answer))
        both = _sub(either, "and")
        _sub(both, "vargte", _number(answer - tolerance), respident="response1")
        _sub(both, "varlte", _number(answer + tolerance), respident="response1")
    elif q.type == "matching":
        share = _number(round(100 / len(q.pairs), 2))
        for n, (right_id, _) in enumerate(right_sides):
            _varequal(_condition(processing, proceed=False, score=share, action="Add"),
                      f"response_{ident}_l{n + 1}", right_id)
    else:
        _sub(_condition(processing, proceed=False), "other")
    if wrong_fb:
        _sub(_condition(processing, proceed=True, feedback="general_incorrect_fb"), "other")
        feedbacks.append(("general_incorrect_fb", wrong_fb))
    if right_fb:
        feedbacks.append(("correct_fb", right_fb))
    for feedback_id, text in feedbacks:
        _feedback(element, feedback_id, text)
    return element


def assessment(qset: QuestionSet, ident: str | None = None, name: str | None = None,
               item_prefix: str | None = None) -> bytes:
    """`qset` as one QTI 1.2 assessment, UTF-8 (by default the set's own:
    its ident and title; `item_prefix` + ``_`` + question id names the items
    of another, e.g. a lesson's in its unit's zip)."""
    root = ET.Element("questestinterop", {
        "xmlns": QTI_NS, "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"})
    test = _sub(root, "assessment", ident=ident or assessment_ident(qset), title=name or qset.title)
    field = _sub(_sub(test, "qtimetadata"), "qtimetadatafield")
    _sub(field, "fieldlabel", "cc_maxattempts")
    _sub(field, "fieldentry", "1")
    _sub(test, "section", ident="root_section")
    # The items, written once per set with a stand-in for their identifier (a
    # set's zip and its unit's name them differently), then put in the section.
    items = "".join(
        "\n      " + text.replace(_STAND_IN, f"{item_prefix}_{qid}" if item_prefix else f"{assessment_ident(qset)}-{qid}")
        for text, qid in zip(_items(qset), (qset.question_id(n) for n in range(len(qset.questions)))))
    return _xml(root).replace(b'<section ident="root_section" />',
                              f'<section ident="root_section">{items}\n    </section>'.encode(), 1)


#: Stands for an item's identifier in its text (no text of a portfolio holds it: it is a control character).
_STAND_IN = "\x00"


def _items(qset: QuestionSet) -> list[str]:
    """The XML of each item of `qset` (at its depth in an assessment), made
    once for the set's own zip and its unit's (`forget_items` lets go)."""
    made = getattr(qset, "_qti_items", None)
    if made is None:
        made = []
        for n in range(len(qset.questions)):
            out: list[str] = []
            _write(item(qset, n, _STAND_IN), 3, out)
            made.append("".join(out))
        qset._qti_items = made
    return made


def forget_items(qset: QuestionSet) -> None:
    """Let go of the items `_items` made (a large portfolio has thousands of sets)."""
    if getattr(qset, "_qti_items", None) is not None:
        qset._qti_items = None


def _path(ident: str) -> str:
    return f"{ident}/{ident}.xml"


def assessment_path(qset: QuestionSet) -> str:
    return _path(assessment_ident(qset))


def manifest(qset: QuestionSet) -> bytes:
    """`imsmanifest.xml` of a set's zip: one resource, the assessment."""
    return _manifest(f"{assessment_ident(qset)}-manifest", [assessment_ident(qset)])


def _manifest(identifier: str, assessments: list[str]) -> bytes:
    """`imsmanifest.xml`: one resource per assessment (by ident), in order."""
    root = ET.Element("manifest", {"identifier": identifier, "xmlns": MANIFEST_NS})
    metadata = _sub(root, "metadata")
    _sub(metadata, "schema", "IMS Content")
    _sub(metadata, "schemaversion", "1.1.3")
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for ident in assessments:
        resource = _sub(resources, "resource", identifier=ident, type="imsqti_xmlv1p2", href=_path(ident))
        _sub(resource, "file", href=_path(ident))
    return _xml(root)


def _xml(root: ET.Element) -> bytes:
    """The XML of `root`, indented by two spaces, as ElementTree writes it
    (`ET.indent`, then `ET.tostring` with its declaration), byte for byte, but
    several times faster: these trees have no namespaces to resolve (the
    namespace declarations are plain attributes) and no tails of their own."""
    out = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
    _write(root, 0, out)
    out.append("\n")
    return "".join(out).encode()


_CDATA = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
                            "\t": "&#09;"})


def _write(element: ET.Element, level: int, out: list[str]) -> None:
    out.append("<" + element.tag)
    for name, value in element.attrib.items():
        out.append(f' {name}="{value.translate(_ATTRIBUTE)}"')
    children = list(element)
    if not children:
        out.append(f">{element.text.translate(_CDATA)}</{element.tag}>" if element.text else " />")
        return
    inner = "\n" + "  " * (level + 1)
    out.append(">" + (element.text.translate(_CDATA) if element.text and element.text.strip() else inner))
    for n, child in enumerate(children):
        _write(child, level + 1, out)
        out.append(inner if n < len(children) - 1 else "\n" + "  " * level)
    out.append(f"</{element.tag}>")


def _zip(files: dict[str, bytes]) -> bytes:
    """A zip of `files`, the same bytes each time: entries sorted, a fixed
    date, permissions and compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def qti_zip(qset: QuestionSet) -> bytes:
    """The set as a Canvas-importable QTI 1.2 zip, the same bytes each time."""
    return _zip({"imsmanifest.xml": manifest(qset), assessment_path(qset): assessment(qset)})


def unit_assessment_ident(unit, lesson) -> str:
    return f"flipfolio-{unit.id}_{lesson.id}"


def unit_qti_zip(unit, lessons: list[tuple[object, QuestionSet]]) -> bytes:
    """The question sets of a unit's lessons, (lesson, set) in the unit's
    order, as one Canvas-importable QTI 1.2 zip: an assessment per lesson,
    named after it (a set two lessons use is in both)."""
    files: dict[str, bytes] = {}
    idents = []
    for lesson, qset in lessons:
        ident = unit_assessment_ident(unit, lesson)
        idents.append(ident)
        files[_path(ident)] = assessment(qset, ident=ident, name=lesson.title, item_prefix=ident)
    files["imsmanifest.xml"] = _manifest(f"flipfolio-units_{unit.id}-manifest", idents)
    for _, qset in lessons:  # made after the sets' own zips (questions.outputs): their items are done with
        forget_items(qset)
    return _zip(files)
