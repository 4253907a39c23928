"""Teachers' exports of question sets: the Canvas QTI 1.2 zip beside the Moodle
GIFT file, per question set and per unit (the sets of its published lessons)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from test_questions import EVERY_TYPE

from flipfolio.core.model import load
from flipfolio.core.outputs import Layout, outputs
from flipfolio.questions import qti

REPO = Path(__file__).resolve().parent.parent

EXPECTED = {"choice": "multiple_choice_question", "multiple": "multiple_answers_question",
            "true-false": "true_false_question", "short": "short_answer_question",
            "numeric": "numerical_question", "matching": "matching_question",
            "ordering": "essay_question", "open": "essay_question", "wsq": "essay_question"}


def _files(root, ending):
    portfolio = load(root)
    assert portfolio.problems.errors == []
    return portfolio, {f.path: f for f in outputs(portfolio, Layout.default()) if f.path.endswith(ending)}


def _assessments(data: bytes) -> list[ET.Element]:
    """The assessments of a QTI zip, in the manifest's order, after checking
    that the manifest names each of them and nothing else is in the zip."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names == sorted(names) and "imsmanifest.xml" in names
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    resources = manifest.findall("{*}resources/{*}resource")
    assert resources and all(r.get("type") == "imsqti_xmlv1p2" for r in resources)
    hrefs = [r.find("{*}file").get("href") for r in resources]
    assert [r.get("href") for r in resources] == hrefs
    assert sorted(names) == sorted(["imsmanifest.xml", *hrefs])
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    found = []
    for resource, href in zip(resources, hrefs):
        root = ET.fromstring(archive.read(href))
        assert root.tag == "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}questestinterop"
        assessment = root.find("{*}assessment")
        assert assessment.get("ident") == resource.get("identifier")
        found.append(assessment)
    return found


def _items(data: bytes) -> list[ET.Element]:
    """The items of a set's QTI zip, after checking that its manifest names its one assessment."""
    [assessment] = _assessments(data)
    return assessment.findall("{*}section/{*}item")


def _idents(data: bytes) -> list[str]:
    """Every identifier of a QTI zip that Canvas keeps: the manifest's, the
    assessments', the items', the choices' and the bank references'."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    found = [manifest.get("identifier")]
    for assessment in _assessments(data):
        found.append(assessment.get("ident"))
        for item in assessment.findall(".//{*}item"):
            found.append(item.get("ident"))
            # (a matching item lists its right sides under each left side: each once here)
            found += sorted({label.get("ident") for label in item.findall(".//{*}response_label")} - {"answer1"})
            found += [f.findtext("{*}fieldentry") for f in item.findall(".//{*}qtimetadatafield")
                      if f.findtext("{*}fieldlabel") == "assessment_question_identifierref"]
    return found


def _question_type(item: ET.Element) -> str:
    for field in item.findall(".//{*}qtimetadatafield"):
        if field.findtext("{*}fieldlabel") == "question_type":
            return field.findtext("{*}fieldentry")
    raise AssertionError("no question_type")


def test_qti_of_the_example_portfolio_has_one_item_per_question():
    portfolio, files = _files(REPO / "portfolio", ".qti.zip")
    files = {path: spec for path, spec in files.items() if not path.startswith("exports/questions/units/")}
    used = {lesson.questions for lesson in portfolio.lessons.values() if lesson.questions}
    assert sorted(files) == sorted(f"exports/questions/{s}.qti.zip" for s in used)
    for path, spec in files.items():
        assert spec.media_type == "application/zip"
        qset = portfolio.question_sets[path.rsplit("/", 1)[1][: -len(".qti.zip")]]
        assert spec.made_from == (qset,)
        items = _items(spec.data())
        assert len(items) == len(qset.questions), path
        assert [_question_type(i) for i in items] == [EXPECTED[q.type] for q in qset.questions], path
        idents = [i.get("ident") for i in items]
        assert idents == [f"flipfolio-{qset.id}-{qset.question_id(n)}" for n in range(len(qset.questions))]
        assert len(set(_idents(spec.data()))) == len(_idents(spec.data())), path
        assert spec.data() == spec.data()


# ---- Every type, in both formats: each as Moodle and Canvas have it

#: The types of EVERY_TYPE's questions, in order.
TYPES = ["choice", "multiple", "true-false", "short", "numeric", "ordering", "matching", "open", "wsq"]
GIFT_TYPES = {"choice": "SelectSet", "multiple": "MultipleChoicesSet", "true-false": "TrueFalseSet",
              "short": "ShortSet", "numeric": "NumericAnswerSet", "matching": "MatchingSet",
              "ordering": "Essay", "open": "Essay", "wsq": "Essay"}


@pytest.fixture
def every_type(site_factory):
    """(GIFT text, its parsed questions, the QTI items) of a set of every type."""
    from pygiftparser import parser  # a test dependency, installed by scripts/setup test (without its deps)

    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE})
    _, files = _files(site.root / "portfolio", "")
    text = files["exports/questions/cell-check.gift"].data().decode("utf-8")
    parsed = parser.parseFile(io.StringIO(text))
    assert len(parsed) == 9 and all(q.valid for q in parsed)
    return text, parsed, _items(files["exports/questions/cell-check.qti.zip"].data())


def _answers(found) -> list[tuple]:
    return [(a.answer.strip(), a.fraction) for a in found.answers.answers]


def _scored(item: ET.Element) -> list[str]:
    """The choices a full score is given for."""
    return [v.text for c in item.findall(".//{*}respcondition") if c.findtext("{*}setvar") == "100"
            for v in c.findall(".//{*}varequal")]


def _feedback(item: ET.Element) -> dict[str, str]:
    return {f.get("ident"): "".join(f.itertext()) for f in item.findall(".//{*}itemfeedback")}


def _text(item: ET.Element) -> str:
    return item.findtext("{*}presentation/{*}material/{*}mattext")


def _check_choice(found, item):
    assert _answers(found) == [("Cell", 100), ("Organ", 0)]  # "=" right, "~" wrong: one answer in Moodle
    lid = item.find("{*}presentation/{*}response_lid")
    assert lid.get("rcardinality") == "Single"
    labels = [label.get("ident") for label in lid.findall(".//{*}response_label")]
    assert labels == ["flipfolio-cell-check-pick_c1", "flipfolio-cell-check-pick_c2"]
    assert _scored(item) == [labels[0]]


def _check_multiple(found, item):
    # Shares of 100 % for the right choices, -100 % for a wrong one (Moodle's grades).
    assert _answers(found) == [("Moss", 50), ("Rock", -100), ("Fern", 50)]
    assert item.find("{*}presentation/{*}response_lid").get("rcardinality") == "Multiple"
    both = item.find(".//{*}conditionvar/{*}and")
    assert len(both.findall("{*}varequal")) == 2 and len(both.findall("{*}not/{*}varequal")) == 1


def _check_true_false(found, item):
    assert found.answers.answer is True
    assert (found.answers.feedbackCorrect, found.answers.feedbackWrong) == ("RIGHT-TF", "WRONG-TF")
    feedback = _feedback(item)
    assert "RIGHT-TF" in feedback["correct_fb"] and "WRONG-TF" in feedback["general_incorrect_fb"]
    assert _scored(item) == [item.get("ident") + "_true"]


def _check_short(found, item):
    assert _answers(found) == [("nucleus", 100), ("the nucleus", 100)]
    assert _scored(item) == ["nucleus", "the nucleus"]
    assert item.find(".//{*}render_fib").get("fibtype") is None


def _check_numeric(found, item):
    [answer] = found.answers.answers
    assert (answer.value, answer.tolerance) == (6, 0) and "(in legs)" in found.text
    assert item.find(".//{*}render_fib").get("fibtype") == "Decimal"
    assert [v.text for v in item.findall(".//{*}varequal")] == ["6"]
    assert "(in legs)" in _text(item)


def _check_matching(found, item):
    assert [(a.question.strip(), a.answer.strip()) for a in found.answers.answers] == [
        ("Membrane", "MATCH-controls what enters"), ("Wall", "MATCH-gives support")]
    lids = item.findall("{*}presentation/{*}response_lid")
    assert [lid.findtext("{*}material/{*}mattext") for lid in lids] == ["<p>Membrane</p>", "<p>Wall</p>"]
    rights = {label.get("ident"): "".join(label.itertext()).strip() for label in lids[0].findall(".//{*}response_label")}
    scored = [(v.get("respident"), rights[v.text]) for v in item.findall(".//{*}varequal")]
    assert scored == [(lids[0].get("ident"), "<p>MATCH-controls what enters</p>"),
                      (lids[1].get("ident"), "<p>MATCH-gives support</p>")]
    assert [s.get("action") for s in item.findall(".//{*}setvar")] == ["Add", "Add"]


def _check_essay(found, item, kind):
    """Ordering and WSQ have no type in GIFT or Canvas: essays, with a note
    where the teacher sees it (the name, the comment); open is an essay."""
    assert item.find("{*}presentation/{*}response_str") is not None
    assert [c.find("{*}conditionvar/{*}other") is not None for c in item.findall(".//{*}respcondition")][-1]
    note = f"{kind} question exported as an essay question"
    if kind == "open":
        assert "as an essay" not in found.title and "as an essay" not in item.get("title")
        assert "open question: an essay question" in item.findtext("{*}qticomment")
        assert note not in item.findtext("{*}qticomment")
    else:
        label = {"ordering": "ordering", "wsq": "WSQ"}[kind]
        assert found.title.endswith(f"({label}, as an essay)") and item.get("title").endswith(f"({label}, as an essay)")
        assert note in item.findtext("{*}qticomment")
    return found.text, found.generalFeedback, _text(item), "".join(_feedback(item).get("general_fb", ""))


def _check_ordering(found, item):
    text, general, qti_text, qti_general = _check_essay(found, item, "ordering")
    for shown in (text, qti_text):
        assert "Put these in the right order" in shown and all(f"ORD-{x}" in shown for x in ("cell", "tissue", "organ"))
    for expected in (general, qti_general):
        assert "1. ORD-cell; 2. ORD-tissue; 3. ORD-organ" in expected


def _check_open(found, item):
    text, general, qti_text, qti_general = _check_essay(found, item, "open")
    assert "Write at least 30 words." in text and "Write at least 30 words." in qti_text
    for expected in (general, qti_general):
        assert "LOOK-growth" in expected and "SAMPLE-Cells divide" in expected


def _check_wsq(found, item):
    text, general, qti_text, qti_general = _check_essay(found, item, "wsq")
    for shown in (text, qti_text):
        assert "Summarize cell theory." in shown and "I wonder why" in shown
    assert general == "Bring your question to class." and "Bring your question to class." in qti_general


CHECKS = {"choice": _check_choice, "multiple": _check_multiple, "true-false": _check_true_false,
          "short": _check_short, "numeric": _check_numeric, "ordering": _check_ordering,
          "matching": _check_matching, "open": _check_open, "wsq": _check_wsq}


@pytest.mark.parametrize("kind", TYPES)
def test_each_type_is_mapped_in_gift_and_qti(every_type, kind):
    text, parsed, items = every_type
    n = TYPES.index(kind)
    found, item = parsed[n], items[n]
    assert f"// question {n + 1}: {kind}," in text
    assert type(found.answers).__name__ == GIFT_TYPES[kind]
    assert _question_type(item) == EXPECTED[kind]
    CHECKS[kind](found, item)


def test_qti_text_is_escaped_never_markup(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE + "  - prompt: 'Tags <b>&amp; \"quotes\"'\n"
                         "    answer: '<i>x</i> & y'\n    case_sensitive: true\n"})
    _, files = _files(site.root / "portfolio", ".qti.zip")
    tricky = _items(files["exports/questions/cell-check.qti.zip"].data())[-1]
    assert _question_type(tricky) == "short_answer_question"
    # The prompt is HTML-escaped inside the XML text.
    assert _text(tricky) == "<p>Tags &lt;b&gt;&amp;amp; &quot;quotes&quot;</p>"
    assert [v.text for v in tricky.findall(".//{*}varequal")] == ["<i>x</i> & y"]
    assert "case sensitive" in tricky.findtext("{*}qticomment")


def test_two_builds_give_the_same_exports_byte_for_byte_and_the_page_links_both(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE})
    paths = ("exports/questions/cell-check.gift", "exports/questions/cell-check.qti.zip")
    first = [(site.build().out / p).read_bytes() for p in paths]
    second = [(site.build().out / p).read_bytes() for p in paths]
    assert first == second
    assert len(_items(first[1])) == 9
    links = site.article("lessons/what-is-a-cell/index.html").select(".ff-export a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("export questions (GIFT, for Moodle)", "../../exports/questions/cell-check.gift"),
        ("export questions (QTI 1.2 zip, for Canvas)", "../../exports/questions/cell-check.qti.zip")]


def test_a_draft_lessons_set_is_not_exported(site_factory):
    site = site_factory({
        "portfolio/lessons/secret-draft.md": "---\ntitle: Unfinished draft lesson\nunit: forces\nstatus: draft\n"
                                             "questions: draft-check\n---\n\nNot ready.\n",
        "portfolio/questions/draft-check.yml": "title: Draft check\nquestions:\n  - prompt: DRAFT-Q?\n    answer: x\n",
    })
    _, files = _files(site.root / "portfolio", "")
    exported = sorted(p for p in files if p.startswith("exports/questions/"))
    assert exported == ["exports/questions/cell-check.gift", "exports/questions/cell-check.qti.zip"]
    built = site.build(strict=False)
    assert not (built.out / "exports/questions/draft-check.qti.zip").exists()
    assert not (built.out / "exports/questions/draft-check.gift").exists()
    assert (built.out / "exports/questions/cell-check.qti.zip").is_file()


def test_qti_zip_is_deterministic_in_memory():
    portfolio, _ = _files(REPO / "portfolio", ".qti.zip")
    qset = next(iter(portfolio.question_sets.values()))
    assert qti.qti_zip(qset) == qti.qti_zip(qset)
