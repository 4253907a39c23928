"""Teachers' exports of question sets: the Canvas QTI 1.2 zip beside the Moodle GIFT file."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

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


def _items(data: bytes) -> list[ET.Element]:
    """The items of a QTI zip, after checking that its manifest names its one assessment."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    names = archive.namelist()
    assert names == sorted(names) and "imsmanifest.xml" in names
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    resources = manifest.findall("{*}resources/{*}resource")
    assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"]
    href = resources[0].find("{*}file").get("href")
    assert href in names and sorted(names) == sorted(["imsmanifest.xml", href])
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())
    assessment = ET.fromstring(archive.read(href))
    assert assessment.tag == "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}questestinterop"
    return assessment.findall("{*}assessment/{*}section/{*}item")


def _question_type(item: ET.Element) -> str:
    for field in item.findall(".//{*}qtimetadatafield"):
        if field.findtext("{*}fieldlabel") == "question_type":
            return field.findtext("{*}fieldentry")
    raise AssertionError("no question_type")


def test_qti_of_the_example_portfolio_has_one_item_per_question():
    portfolio, files = _files(REPO / "portfolio", ".qti.zip")
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
        assert spec.data() == spec.data()


def test_qti_maps_every_type(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": EVERY_TYPE + "  - prompt: 'Tags <b>&amp; \"quotes\"'\n"
                         "    answer: '<i>x</i> & y'\n    case_sensitive: true\n"})
    _, files = _files(site.root / "portfolio", ".qti.zip")
    items = _items(files["exports/questions/cell-check.qti.zip"].data())
    assert [_question_type(i) for i in items] == [
        "multiple_choice_question", "multiple_answers_question", "true_false_question", "short_answer_question",
        "numerical_question", "essay_question", "matching_question", "essay_question", "essay_question",
        "short_answer_question"]
    choice, multiple, true_false, short, numeric, ordering, matching, open_, wsq, tricky = items
    # Choice: one response_lid, the right choice scored.
    lid = choice.find("{*}presentation/{*}response_lid")
    assert lid.get("rcardinality") == "Single"
    labels = [label.get("ident") for label in lid.findall(".//{*}response_label")]
    right = [c.findtext("{*}conditionvar/{*}varequal") for c in choice.findall(".//{*}respcondition")
             if c.find("{*}setvar") is not None]
    assert right == [labels[0]] and labels == ["flipfolio-cell-check-pick-c1", "flipfolio-cell-check-pick-c2"]
    # Multiple: the right ones, and not the wrong one.
    assert multiple.find("{*}presentation/{*}response_lid").get("rcardinality") == "Multiple"
    both = multiple.find(".//{*}conditionvar/{*}and")
    assert len(both.findall("{*}varequal")) == 2 and len(both.findall("{*}not/{*}varequal")) == 1
    # True-false: feedback for right and wrong.
    feedback = {f.get("ident"): "".join(f.itertext()) for f in true_false.findall(".//{*}itemfeedback")}
    assert "RIGHT-TF" in feedback["correct_fb"] and "WRONG-TF" in feedback["general_incorrect_fb"]
    # Short: every accepted answer.
    assert [v.text for v in short.findall(".//{*}varequal")] == ["nucleus", "the nucleus"]
    # Numeric: the answer, the unit in the text.
    assert numeric.find(".//{*}render_fib").get("fibtype") == "Decimal"
    assert [v.text for v in numeric.findall(".//{*}varequal")] == ["6"]
    assert "(in legs)" in numeric.findtext("{*}presentation/{*}material/{*}mattext")
    # Matching: a response per left side, scored against its right side.
    lids = matching.findall("{*}presentation/{*}response_lid")
    assert [lid.findtext("{*}material/{*}mattext") for lid in lids] == ["<p>Membrane</p>", "<p>Wall</p>"]
    assert len(list(matching.findall(".//{*}setvar"))) == 2
    # Essays, with a note and what the teacher expects.
    for essay, kind in ((ordering, "ordering"), (open_, "open"), (wsq, "wsq")):
        assert f"{kind} question exported as an essay question" in essay.findtext("{*}qticomment")
        assert essay.find("{*}presentation/{*}response_str") is not None
    assert "1. ORD-cell; 2. ORD-tissue; 3. ORD-organ" in "".join(ordering.find("{*}itemfeedback").itertext())
    assert "LOOK-growth" in "".join(open_.find("{*}itemfeedback").itertext())
    assert "Write at least 30 words." in open_.findtext("{*}presentation/{*}material/{*}mattext")
    assert "I wonder why" in wsq.findtext("{*}presentation/{*}material/{*}mattext")
    # Text is escaped, never markup: the prompt is HTML-escaped inside the XML text.
    assert tricky.findtext("{*}presentation/{*}material/{*}mattext") == "<p>Tags &lt;b&gt;&amp;amp; &quot;quotes&quot;</p>"
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
