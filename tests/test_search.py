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


def test_search_entries_are_those_search_makes_itself_from_one_reading_of_each_page(site_factory, monkeypatch):
    """Flipfolio reads a page it rendered once, for its content checks and for
    search (Material's own parser, told every tag as the checks read them):
    the index is the one search makes when it parses every page itself."""
    from material.plugins.search import plugin as search

    import flipfolio.mkdocs.plugin as glue

    files = {
        # A page of the docs folder (search parses it), and one with Flipfolio's content and
        # search settings of its own (search indexes it, with its boost).
        "docs/notes.md": "# Notes\n\nPlain words.\n\n## More\n\nMore words.\n",
        "docs/all.md": "---\ntemplate: flipfolio/lessons.html\nsearch:\n  boost: 2\n---\n\n# All lessons\n",
    }
    fed = []
    feed = search.Parser.feed
    monkeypatch.setattr(search.Parser, "feed", lambda self, data: (fed.append(data), feed(self, data))[1])
    site = site_factory(files).build()
    once, read_once = site.search_index(), len(fed)
    assert any(entry["location"].startswith("lessons/what-is-a-cell/") for entry in once["docs"])
    assert {e.get("boost") for e in once["docs"] if e["location"].startswith("all/")} == {2}

    fed.clear()
    monkeypatch.setattr(glue, "_search_index", lambda config: None)  # search indexes every page itself
    (site.root / "site").rename(site.root / "site-once")
    itself = site.build().search_index()
    assert once == itself
    # Search parsed only the pages Flipfolio does not render (the home page and notes.md) and
    # the one with search settings of its own.
    assert read_once == 3 and len(fed) == len({e["location"].split("#")[0] for e in itself["docs"]})
