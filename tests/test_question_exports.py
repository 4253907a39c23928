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
    # The prompt names its unit ("How many legs…"): it is not said again ("… (in legs)").
    assert (answer.value, answer.tolerance) == (6, 0) and "How many legs has an insect?" in found.text
    assert "(in legs)" not in found.text
    assert item.find(".//{*}render_fib").get("fibtype") == "Decimal"
    assert [v.text for v in item.findall(".//{*}varequal")] == ["6"]
    assert "How many legs has an insect?" in _text(item) and "(in legs)" not in _text(item)


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


def test_two_builds_give_the_same_exports_byte_for_byte_and_the_pages_link_them(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE})
    paths = ("exports/questions/cell-check.gift", "exports/questions/cell-check.qti.zip",
             "exports/questions/units/cells.gift", "exports/questions/units/cells.qti.zip")
    first = [(site.build().out / p).read_bytes() for p in paths]
    second = [(site.build().out / p).read_bytes() for p in paths]
    assert first == second
    assert len(_items(first[1])) == 9
    links = site.article("lessons/what-is-a-cell/index.html").select(".ff-export a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("export questions (GIFT, for Moodle)", "../../exports/questions/cell-check.gift"),
        ("export questions (QTI 1.2 zip, for Canvas)", "../../exports/questions/cell-check.qti.zip")]
    # The unit page links the unit's exports, for teachers, out of the search index.
    unit = site.article("units/cells/index.html")
    links = unit.select(".ff-export a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("export this unit's questions (GIFT, for Moodle)", "../../exports/questions/units/cells.gift"),
        ("export this unit's questions (QTI 1.2 zip, for Canvas)", "../../exports/questions/units/cells.qti.zip")]
    assert all(a.has_attr("download") and a.find_parent("p").has_attr("data-search-exclude") for a in links)
    # A unit whose published lessons use no set has neither exports nor links.
    assert not site.article("units/forces/index.html").select(".ff-export")
    assert not (site.out / "exports/questions/units/forces.gift").exists()
    index = " ".join(f"{d['title']} {d['text']}" for d in site.search_index()["docs"])
    assert "export this unit" not in index and "export questions" not in index


def test_a_draft_lessons_set_is_not_exported(site_factory):
    site = site_factory({
        "portfolio/lessons/secret-draft.md": "---\ntitle: Unfinished draft lesson\nunit: forces\nstatus: draft\n"
                                             "questions: draft-check\n---\n\nNot ready.\n",
        "portfolio/questions/draft-check.yml": "title: Draft check\nquestions:\n  - prompt: DRAFT-Q?\n    answer: x\n",
    })
    _, files = _files(site.root / "portfolio", "")
    exported = sorted(p for p in files if p.startswith("exports/questions/"))
    assert exported == ["exports/questions/cell-check.gift", "exports/questions/cell-check.qti.zip",
                        "exports/questions/units/cells.gift", "exports/questions/units/cells.qti.zip"]
    built = site.build(strict=False)
    assert not (built.out / "exports/questions/draft-check.qti.zip").exists()
    assert not (built.out / "exports/questions/draft-check.gift").exists()
    assert not (built.out / "exports/questions/units/forces.gift").exists()
    assert (built.out / "exports/questions/cell-check.qti.zip").is_file()


def test_qti_zip_is_deterministic_in_memory():
    portfolio, _ = _files(REPO / "portfolio", ".qti.zip")
    qset = next(iter(portfolio.question_sets.values()))
    assert qti.qti_zip(qset) == qti.qti_zip(qset)


# ---- Per unit: the sets of its published lessons, in the unit's order

def _zip_text(data: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return "".join(archive.read(name).decode("utf-8") for name in archive.namelist())


def _categories(text: str) -> list[str]:
    """The category of each question of a GIFT file, read as Moodle reads it:
    blocks between blank lines, comment lines left out, a block starting
    ``$CATEGORY:`` sets the category of the questions after it.
    (pygiftparser reads a category only up to its first dash.)"""
    category, found = "", []
    for block in text.split("\n\n"):
        body = "\n".join(line for line in block.splitlines() if not line.strip().startswith("//")).strip()
        if body.startswith("$CATEGORY:"):
            category = body[len("$CATEGORY:"):].strip()
        elif body:
            found.append(category)
    return found


def _check_unit(portfolio, files, unit_id, lessons):
    """The unit's GIFT and QTI files hold exactly the questions of `lessons`
    (lesson ids, in order): a category and an assessment per lesson."""
    from pygiftparser import parser

    unit = portfolio.units[unit_id]
    pairs = [(portfolio.lessons[l], portfolio.question_sets[portfolio.lessons[l].questions]) for l in lessons]
    gift_spec = files[f"exports/questions/units/{unit_id}.gift"]
    qti_spec = files[f"exports/questions/units/{unit_id}.qti.zip"]
    assert gift_spec.media_type == "text/plain; charset=utf-8" and qti_spec.media_type == "application/zip"
    assert gift_spec.made_from == qti_spec.made_from
    assert gift_spec.made_from[0] is unit and all(l in gift_spec.made_from and s in gift_spec.made_from
                                                  for l, s in pairs)
    # GIFT: one question per question, each in its lesson's category, lessons in order.
    text = gift_spec.data().decode("utf-8")
    parsed = parser.parseFile(io.StringIO(text))
    assert all(q.valid for q in parsed)
    assert _categories(text) == [f"$course$/Flipfolio/units/{unit_id}/{lesson.id}"
                                 for lesson, qset in pairs for _ in qset.questions]
    assert [type(q.answers).__name__ for q in parsed] == [GIFT_TYPES[q.type] for _, qset in pairs
                                                          for q in qset.questions]
    # QTI: an assessment per lesson, named after it, with an item per question.
    data = qti_spec.data()
    assessments = _assessments(data)
    assert [a.get("ident") for a in assessments] == [f"flipfolio-{unit_id}_{lesson.id}" for lesson, _ in pairs]
    assert [a.get("title") for a in assessments] == [lesson.title for lesson, _ in pairs]
    for assessment, (lesson, qset) in zip(assessments, pairs):
        items = assessment.findall("{*}section/{*}item")
        assert [_question_type(i) for i in items] == [EXPECTED[q.type] for q in qset.questions]
        assert [i.get("ident") for i in items] == [f"flipfolio-{unit_id}_{lesson.id}_{qset.question_id(n)}"
                                                   for n in range(len(qset.questions))]
    idents = _idents(data)
    assert len(idents) == len(set(idents)), sorted(i for i in idents if idents.count(i) > 1)
    assert gift_spec.data() == gift_spec.data() and data == qti_spec.data()
    return gift_spec.data().decode("utf-8"), _zip_text(data)


def test_unit_exports_of_the_example_portfolio():
    from flipfolio.lessons.helpers import lessons_in

    portfolio, files = _files(REPO / "portfolio", "")
    units = sorted(p for p in files if p.startswith("exports/questions/units/"))
    expected = {}
    for unit in portfolio.units.values():
        with_sets = [l.id for l in lessons_in(portfolio, unit) if l.questions in portfolio.question_sets]
        if with_sets:
            expected[unit.id] = with_sets
    assert units == sorted(f"exports/questions/units/{u}{ext}" for u in expected for ext in (".gift", ".qti.zip"))
    for unit_id, lessons in expected.items():
        _check_unit(portfolio, files, unit_id, lessons)


UNIT_SITE = {
    "portfolio/questions/cell-check.yml": EVERY_TYPE,  # what-is-a-cell, order 1
    "portfolio/questions/parts-check.yml": "title: Parts check\nquestions:\n  - prompt: PARTS-Q?\n    answer: membrane\n",
    "portfolio/lessons/cell-parts.md": "---\ntitle: Parts of a cell\nunit: cells\norder: 2\nquestions: parts-check\n"
                                       "---\n\nParts.\n",
    # Drafts: one first in the cells unit, one in the forces unit (whose only published lesson has no set).
    "portfolio/lessons/cell-draft.md": "---\ntitle: Draft cell lesson\nunit: cells\norder: 0\nstatus: draft\n"
                                       "questions: draft-check\n---\n\nNot ready.\n",
    "portfolio/lessons/secret-draft.md": "---\ntitle: Unfinished draft lesson\nunit: forces\nstatus: draft\n"
                                         "questions: draft-check\n---\n\nNot ready.\n",
    "portfolio/questions/draft-check.yml": "title: Draft check\nquestions:\n  - prompt: DRAFT-Q?\n    answer: DRAFT-A\n",
}


def test_a_unit_export_holds_its_published_lessons_sets_in_order_and_no_drafts(site_factory):
    site = site_factory(UNIT_SITE)
    portfolio, files = _files(site.root / "portfolio", "")
    assert sorted(p for p in files if p.startswith("exports/questions/units/")) == [
        "exports/questions/units/cells.gift", "exports/questions/units/cells.qti.zip"]
    gift_text, qti_text = _check_unit(portfolio, files, "cells", ["what-is-a-cell", "cell-parts"])
    assert gift_text.count("// question ") == 10 and gift_text.count("$CATEGORY:") == 2
    for text in (gift_text, qti_text):
        assert "PARTS-Q?" in text and "ORD-tissue" in text
        assert "DRAFT" not in text and "draft-check" not in text and "cell-draft" not in text
    built = site.build(strict=False)
    assert sorted(p.name for p in (built.out / "exports/questions/units").iterdir()) == ["cells.gift", "cells.qti.zip"]
    assert b"DRAFT" not in (built.out / "exports/questions/units/cells.gift").read_bytes()
    assert "DRAFT" not in _zip_text((built.out / "exports/questions/units/cells.qti.zip").read_bytes())


def test_unit_identifiers_are_unique_whatever_the_ids_and_a_shared_set_is_in_each_lesson(site_factory):
    """Lesson `a` with question `b-c` and lesson `a-b` with question `c`
    would both be `…a-b-c` if ids were joined with dashes; a set two lessons
    use is in each lesson's category and assessment, under its own ids."""
    choice = "  - prompt: {p}\n    id: {id}\n    choices: [Right, Wrong]\n    answer: Right\n"
    lesson = "---\ntitle: Lesson {id}\nunit: cells\norder: {order}\nquestions: {set}\n---\n\nText.\n"
    site = site_factory({
        "portfolio/questions/first.yml": "title: First\nquestions:\n" + choice.format(p="One?", id="b-c"),
        "portfolio/questions/second.yml": "title: Second\nquestions:\n" + choice.format(p="Two?", id="c"),
        "portfolio/lessons/a.md": lesson.format(id="a", order=3, set="first"),
        "portfolio/lessons/a-b.md": lesson.format(id="a-b", order=4, set="second"),
        "portfolio/lessons/again.md": lesson.format(id="again", order=5, set="first"),
    })
    portfolio, files = _files(site.root / "portfolio", "")
    _check_unit(portfolio, files, "cells", ["what-is-a-cell", "a", "a-b", "again"])
