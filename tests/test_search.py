"""Found by search: unit and credential pages are searchable like lessons;
answers, hints and private items never are."""

from __future__ import annotations


def entries(site) -> dict[str, str]:
    """Search text by page address (all the page's sections together)."""
    found: dict[str, str] = {}
    for entry in site.search_index()["docs"]:
        page = entry["location"].split("#")[0]
        found[page] = found.get(page, "") + " " + entry["title"] + " " + entry["text"]
    return found


def test_unit_and_credential_pages_are_searchable(site_factory):
    site = site_factory({
        "portfolio/units/cells.yml": "title: Cells\norder: 1\nsummary: Mitochondria make energy for the cell.\n"
                                     "standards: [MS-LS1-2]\n",
    }).build()
    index = entries(site)
    assert "Mitochondria make energy" in index["units/cells/"] and "MS-LS1-2" in index["units/cells/"]
    # Its list of lessons is not repeated there: each lesson is found by its own page.
    assert "What is a cell?" not in index["units/cells/"] and "lessons/what-is-a-cell/" in index
    credential = index["credentials/video-design/"]
    assert "Designs short instructional videos with embedded questions." in credential
    assert "Educators Network" in credential
    assert "Flipped Practitioner" in index["credentials/"]


def test_answers_hints_and_private_items_are_never_searchable(site_factory):
    site = site_factory({
        "portfolio/questions/cell-check.yml": """\
            title: Cell check
            questions:
              - prompt: What do all living things have?
                hint: HINT-MARKER think small
                explanation: EXPLANATION-MARKER every living thing
                choices:
                  - {text: Cells, correct: true, feedback: FEEDBACK-MARKER right}
                  - {text: Wheels}
              - prompt: How many legs has an insect?
                type: numeric
                answer: 6
            """,
    }).build()
    text = " ".join(entries(site).values())
    assert "What do all living things have?" in text  # the question itself is searchable
    for hidden in ("HINT-MARKER", "EXPLANATION-MARKER", "FEEDBACK-MARKER", "Confidential Personal Award",
                   "Unfinished draft lesson", "Lab report by a student"):
        assert hidden not in text, hidden
