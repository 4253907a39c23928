"""A lesson's class page, the Python side: where it is written, that it is
outside the navigation, search and sitemap, what it knows of the set, that
the lesson page links it, and that a file made from a template still passes
the publishing gate. (The page at work, in Chromium: quality/test_class_page.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from flipfolio import features
from flipfolio.core.features import Feature
from flipfolio.core.model import load
from flipfolio.core.outputs import FileSpec, Layout, outputs
from flipfolio.questions import classpage

REPO = Path(__file__).resolve().parent.parent

SET = """\
title: Check <b>this</b>
questions:
  - prompt: Pick the smallest unit of life.
    id: pick
    shuffle: true
    choices: [Organ, {text: Cell, correct: true}, Tissue, Organ system]
  - prompt: Order the levels, smallest first.
    id: order
    items: [cell, tissue, organ]
  - prompt: Match each part with its job.
    id: match
    pairs: [{left: Wall, right: gives support}, {left: Membrane, right: controls what enters}]
  - prompt: How fast?
    id: speed
    type: numeric
    answer: 2.5
    tolerance: 0.1
    unit: m/s
  - prompt: Name the control centre.
    id: centre
    answers: [nucleus, the nucleus]
    case_sensitive: true
  - prompt: True or false?
    id: tf
    answer: false
  - prompt: Your question?
    id: wsq
    type: wsq
"""


def data_of(site, address: str) -> dict:
    return json.loads(site.html(address).select_one("script#ff-class-data").string)


def test_a_class_page_beside_each_published_lesson_with_a_set(site_factory):
    site = site_factory({
        "portfolio/questions/cell-check.yml": SET,
        "portfolio/lessons/secret-draft.md": "---\ntitle: Unfinished draft lesson\nunit: forces\nstatus: draft\n"
                                             "questions: cell-check\n---\n\nNot ready.\n",
    }).build()
    assert site.exists("lessons/what-is-a-cell/class/index.html")
    assert not site.exists("lessons/cell-parts/class/index.html")  # no questions
    assert not site.exists("lessons/secret-draft/class/index.html")  # a draft: the gate keeps it home
    assert "Unfinished draft lesson" not in site.all_text()
    page = site.html("lessons/what-is-a-cell/class/index.html")
    assert page.title.get_text() == "Your class's answers: What is a cell?"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "connect-src 'none'" in policy and "default-src 'none'" in policy and "form-action 'none'" in policy
    assert page.select_one('link[rel="icon"]')["href"] == "data:,"  # no request for a favicon either
    # Its own stylesheet and script, published, and nothing of the theme's.
    assert [l["href"] for l in page.select('link[rel="stylesheet"]')] == ["../../../assets/flipfolio/class.css"]
    assert [s["src"] for s in page.select("script[src]")] == ["../../../assets/flipfolio/flipfolio-class.js"]
    assert site.exists("assets/flipfolio/class.css") and site.exists("assets/flipfolio/flipfolio-class.js")
    script = site.text("assets/flipfolio/flipfolio-class.js")
    assert "ff.answers" in script and "crc32" in script  # the shared parts, not copies
    assert page.select_one("header a")["href"] == "../"
    # Outside the navigation, the search index and the sitemap.
    assert "class/" not in site.text("sitemap.xml")
    assert all("/class/" not in doc["location"] for doc in site.search_index()["docs"])
    assert not [d for d in site.search_index()["docs"] if d["location"].startswith("lessons/") and "see your class" in d["text"]]
    # The lesson page links it, for teachers, out of search.
    lesson = site.article("lessons/what-is-a-cell/index.html")
    link = lesson.select_one(".ff-class-link")
    assert link.has_attr("data-search-exclude") and link.a["href"] == "class/"
    assert link.get_text(" ", strip=True).startswith("For teachers: see your class's answers")
    assert not site.article("lessons/cell-parts/index.html").select(".ff-class-link")


def test_the_class_page_knows_the_set_as_the_lesson_page_shows_it(site_factory):
    site = site_factory({"portfolio/questions/cell-check.yml": SET}).build()
    data = data_of(site, "lessons/what-is-a-cell/class/index.html")
    lesson = site.article("lessons/what-is-a-cell/index.html")
    box = lesson.select_one(".ff-questions")
    assert data["lesson"] == {"id": "what-is-a-cell", "title": "What is a cell?", "in_class_flip": False}
    assert data["set"] == {"id": "cell-check", "title": "Check <b>this</b>", "version": box["data-ff-set-version"]}
    items = box.select("li[data-ff-question]")
    assert [q["id"] for q in data["questions"]] == [li["data-ff-question"] for li in items]
    assert [q["version"] for q in data["questions"]] == [li["data-ff-version"] for li in items]
    assert [q["n"] for q in data["questions"]] == list(range(1, 8))
    by_id = {q["id"]: q for q in data["questions"]}
    # Choices, items and right sides in the order the lesson page shows them (shuffled ones too).
    for qid in ("pick", "order"):
        shown = [li.get_text() for li in lesson.select_one(f'[data-ff-question="{qid}"] .ff-choices').find_all("li")]
        assert by_id[qid]["shown"] == shown
    rights = lesson.select_one('[data-ff-question="match"]').select(".ff-choices")[1].find_all("li")
    assert by_id["match"]["shown"] == [li.get_text() for li in rights]
    assert by_id["match"]["lefts"] == ["Wall", "Membrane"]
    assert by_id["pick"]["right_answer"] == "Cell" and by_id["pick"]["marked"]
    assert by_id["order"]["right_answer"] == "cell \u2192 tissue \u2192 organ"
    assert by_id["match"]["right_answer"] == "Wall = gives support; Membrane = controls what enters"
    assert (by_id["speed"]["right_answer"], by_id["speed"]["unit"]) == ("2.5 m/s (\u00b1 0.1)", "m/s")
    assert (by_id["centre"]["right_answer"], by_id["centre"]["case"]) == ("nucleus or the nucleus", True)
    assert (by_id["tf"]["shown"], by_id["tf"]["right_answer"]) == (["True", "False"], "False")
    assert not by_id["wsq"]["marked"] and by_id["wsq"]["right_answer"] == ""


def test_an_in_class_flip_and_hostile_text_in_the_class_page(site_factory):
    hostile = "</script><script>alert(1)</script><!--"
    site = site_factory({
        "portfolio/lessons/what-is-a-cell.md": f"---\ntitle: '{hostile}'\nunit: cells\nflip: in-class\n"
                                               "questions: cell-check\n---\n\nText.\n",
        "portfolio/questions/cell-check.yml": f"title: Check\nquestions:\n  - prompt: '{hostile}'\n    answer: x\n",
    }).build()
    page = site.html("lessons/what-is-a-cell/class/index.html")
    # the page's script and its data, nothing more; the words it writes in a template (partials/messages.html)
    assert len(page.find_all("script")) == 2 and len(page.find_all("template", attrs={"data-ff-messages": True})) == 1
    data = data_of(site, "lessons/what-is-a-cell/class/index.html")
    assert data["lesson"]["title"] == hostile and data["questions"][0]["prompt"] == hostile
    assert data["lesson"]["in_class_flip"] is True
    assert hostile in page.title.get_text() and hostile in page.h1.get_text()


def test_without_directory_addresses(site_factory):
    site = site_factory(mkdocs_yml="site_name: T\nuse_directory_urls: false\ntheme: {name: material, font: false}\n"
                                   "plugins: [search, flipfolio]\n").build()
    assert site.exists("lessons/what-is-a-cell/class/index.html")
    lesson = site.html("lessons/what-is-a-cell.html")
    assert lesson.select_one(".ff-class-link a")["href"] == "what-is-a-cell/class/index.html"
    back = site.html("lessons/what-is-a-cell/class/index.html").select_one("header a")["href"]
    assert back == "../../what-is-a-cell.html"


@pytest.mark.parametrize("lesson_url, expected", [
    ("lessons/cells/", "lessons/cells/class/"),
    ("lessons/cells.html", "lessons/cells/class/index.html"),
    ("work/y7/cells/", "work/y7/cells/class/"),
])
def test_the_class_page_address_follows_the_lesson_page(lesson_url, expected):
    assert classpage.address(lesson_url) == expected


def test_the_class_page_path_follows_the_layout():
    assert classpage.path(Layout.default(), "cells") == "lessons/cells/class/index.html"
    assert classpage.path(Layout.default(lesson="work/y7"), "cells") == "work/y7/cells/class/index.html"


def test_every_lesson_of_the_example_with_questions_has_a_class_page():
    portfolio = load(REPO / "portfolio")
    made = {spec.path: spec for spec in outputs(portfolio, Layout.default()) if spec.template == classpage.TEMPLATE}
    with_sets = sorted(l.id for l in portfolio.lessons.values() if l.questions in portfolio.question_sets)
    assert with_sets and sorted(made) == [f"lessons/{lesson_id}/class/index.html" for lesson_id in with_sets]
    assert all(spec.item is portfolio.lessons[spec.path.split("/")[1]] for spec in made.values())


def test_a_file_made_from_a_template_needs_a_renderer():
    spec = FileSpec("x/index.html", None, "text/html", template="flipfolio/class.html", item=object())
    with pytest.raises(TypeError, match="needs a renderer"):
        spec.data()
    seen = {}

    def render(template, *, page_url, item):
        seen.update(template=template, page_url=page_url, item=item)
        return "<p>é</p>"

    assert spec.data(render) == "<p>é</p>".encode()
    assert seen == {"template": "flipfolio/class.html", "page_url": "x/index.html", "item": spec.item}


def test_a_file_made_from_a_template_of_an_unpublished_item_is_refused(site_factory, monkeypatch):
    def leaky(portfolio, layout):
        draft = portfolio.everything["lessons"]["secret-draft"]
        return [FileSpec("secret/index.html", None, "text/html", template="flipfolio/class.html", item=draft)]

    monkeypatch.setattr(features, "FEATURES", (*features.FEATURES, Feature(name="leaky", outputs=leaky)))
    site = site_factory()
    with pytest.raises(Abort):
        site.build(strict=False)
    assert not (site.out / "secret/index.html").exists()
