"""What a preview keeps between loads (core/keep.py, `model.load(keep=...)`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from types import SimpleNamespace

import pytest

from flipfolio.core import model
from flipfolio.core.keep import Keep

D = dt.date


def test_the_same_bytes_give_what_was_made_and_other_bytes_make_it_again(tmp_path):
    keep, made = Keep(), []
    path = tmp_path / "a.txt"

    def make():
        made.append(path.read_text())
        return object()

    path.write_text("one")
    first = keep.read("thing", path, make)
    assert keep.read("thing", path, make) is first  # same bytes
    assert keep.read("other", path, make) is not first  # another kind of thing of the same file
    path.write_text("two")  # same size, and maybe the same modification time: compared by content
    second = keep.read("thing", path, make)
    assert second is not first and made == ["one", "one", "two"]
    (tmp_path / "b.txt").unlink(missing_ok=True)
    gone = tmp_path / "b.txt"
    assert keep.read("thing", gone, lambda: "made") == "made"  # unreadable: made every time, never kept


def test_a_load_with_a_keep_equals_a_load_without_and_reuses_unchanged_lessons(site_factory):
    site = site_factory()
    folder = site.root / "portfolio"
    keep = Keep()
    first = model.load(folder, keep=keep)
    lessons = dict(first.everything["lessons"])
    edited = folder / "lessons" / "what-is-a-cell.md"
    edited.write_text(edited.read_text().replace("title: What is a cell?", "title: What is a living cell?"))
    again, fresh = model.load(folder, keep=keep), model.load(folder)
    assert again.everything["lessons"]["what-is-a-cell"].title == "What is a living cell?"
    assert again.everything["lessons"]["what-is-a-cell"] is not lessons["what-is-a-cell"]
    assert all(again.everything["lessons"][k] is lessons[k] for k in lessons if k != "what-is-a-cell")
    assert [str(p) for p in again.problems] == [str(p) for p in fresh.problems]
    assert sorted(again.lessons) == sorted(fresh.lessons)


def test_a_kept_text_s_links_lead_where_the_portfolio_says_now(site_factory):
    """A preview keeps the links found in a lesson's text while the text is the
    same; where they lead (a page, plain text) is worked out at every load."""
    site = site_factory({"portfolio/lessons/pushes.md": "---\ntitle: Pushes\nunit: forces\n---\n\n"
                                                         "Next week: [the draft](secret-draft.md).\n"})
    folder, keep = site.root / "portfolio", Keep()
    warning = "portfolio/lessons/pushes.md:6: the link to 'secret-draft.md' is shown as plain text"
    assert any(str(p).startswith(warning) for p in model.load(folder, keep=keep).problems)
    draft = folder / "lessons" / "secret-draft.md"
    draft.write_text(draft.read_text().replace("status: draft\n", ""))  # published; pushes.md is the same
    again, fresh = model.load(folder, keep=keep), model.load(folder)
    assert not any(str(p).startswith(warning) for p in again.problems)
    assert [str(p) for p in again.problems] == [str(p) for p in fresh.problems]
    assert again.gate.pages == fresh.gate.pages and again.gate.files == fresh.gate.files


def test_a_preview_holds_each_lesson_s_text_as_a_build_reads_it(site_factory):
    """A preview keeps a lesson's text with the lesson (a build reads it from
    the file when a page asks): the same text, line endings as Python reads them."""
    site = site_factory({"portfolio/lessons/pushes.md": "---\r\ntitle: Pushes\r\nunit: forces\r\n---\r\n\r\n"
                                                         "Line one.\r\nLine two.\rLine three.\n"})
    folder = site.root / "portfolio"
    kept, fresh = model.load(folder, keep=Keep()), model.load(folder)
    for lesson_id, lesson in fresh.everything["lessons"].items():
        assert kept.everything["lessons"][lesson_id].body == lesson.body
    assert kept.everything["lessons"]["pushes"].body.strip() == "Line one.\nLine two.\nLine three."
    assert getattr(kept.everything["lessons"]["pushes"], "_body", None) is not None  # held, not read again


def test_a_preview_reads_each_file_once_a_load_comparing_the_digests_it_read(site_factory, monkeypatch):
    from flipfolio.mkdocs.preview import Preview

    site = site_factory()
    folder = site.root / "portfolio"
    preview = Preview()
    try:
        preview.look(folder)
        first = model.load(folder, keep=preview.keep)
        edited = folder / "lessons" / "what-is-a-cell.md"
        assert str(edited.resolve()) in preview.keep.stamps
        edited.write_text(edited.read_text().replace("title: What is a cell?", "title: What is a living cell?"))
        preview.look(folder)
        read = []
        real_read_bytes = type(edited).read_bytes
        monkeypatch.setattr(type(edited), "read_bytes", lambda self: read.append(self.name) or real_read_bytes(self))
        again = model.load(folder, keep=preview.keep)
        assert again.everything["lessons"]["what-is-a-cell"].title == "What is a living cell?"
        assert all(again.everything["lessons"][k] is item for k, item in first.everything["lessons"].items()
                   if k != "what-is-a-cell")
        assert read == ["what-is-a-cell.md"]  # its text, held by the preview; the others compared by digest
        # Digests of the same bytes as last time keep what was made, whatever the file now holds:
        # the next look reads the file again.
        edited.write_text(edited.read_text().replace("a living cell", "a dead cell"))
        assert model.load(folder, keep=preview.keep).everything["lessons"]["what-is-a-cell"].title == \
            "What is a living cell?"
        preview.look(folder)
        assert model.load(folder, keep=preview.keep).everything["lessons"]["what-is-a-cell"].title == \
            "What is a dead cell?"
    finally:
        preview.close()


def test_a_preview_reads_again_only_files_that_changed_or_may_have(tmp_path, monkeypatch):
    from flipfolio.mkdocs import preview as module

    opened = []
    real_open = open
    monkeypatch.setattr(module, "open", lambda path, *a, **kw: opened.append(os.path.basename(path))
                        or real_open(path, *a, **kw), raising=False)
    (tmp_path / "a.md").write_text("one")
    (tmp_path / "b.md").write_text("two")
    known = {}
    first = module._digests(tmp_path, known)
    assert sorted(opened) == ["a.md", "b.md"]
    # Saved again at once, same size: maybe within the same tick of the file system's clock as
    # the reading, so its status may look the same: read again, as is everything changed so recently.
    (tmp_path / "a.md").write_text("uno")
    opened.clear()
    second = module._digests(tmp_path, known)
    assert second["a.md"] != first["a.md"] and second["b.md"] == first["b.md"]
    assert sorted(opened) == ["a.md", "b.md"]
    # Once files are older than the margin: only a changed one is read.
    monkeypatch.setattr(module, "_SETTLED", 0)
    module._digests(tmp_path, known)
    (tmp_path / "b.md").write_text("dos")
    opened.clear()
    third = module._digests(tmp_path, known)
    assert opened == ["b.md"] and third["a.md"] == second["a.md"] and third["b.md"] != second["b.md"]
    opened.clear()
    assert module._digests(tmp_path, known) == third and opened == []


class _Item:
    """An item as templates see one: a kind, an id, a title."""

    def __init__(self, item_id, title, kind="lessons"):
        self.kind, self.id, self.title = kind, item_id, title


def test_a_part_of_a_page_is_rendered_again_only_when_its_item_changed(tmp_path):
    """`render.Parts`: a list page renders each item's part once per key and
    page; a part its page did not use when rendered is let go, those of a page
    not rendered are kept; an item without a key, or a value that is no plain
    value, is rendered every time."""
    from flipfolio.core.render import Parts, Renderer

    (tmp_path / "flipfolio" / "partials").mkdir(parents=True)
    (tmp_path / "flipfolio" / "partials" / "row.html").write_text("<li>{{ item.title }} {{ mark }}</li>")
    (tmp_path / "flipfolio" / "list.html").write_text(
        '{% for item in items %}{{ part("flipfolio/partials/row.html", item=item, mark=mark) }}{% endfor %}')
    keys = {"a": "1", "b": "1"}  # keys are told apart by kind and id too
    parts = Parts(lambda item: keys.get(item.id))
    renderer = Renderer(None, [tmp_path], parts=parts)

    def build(items, mark="*", page="lessons/"):
        html = renderer.render("flipfolio/list.html", page_url=page, items=items, mark=mark)
        made, kept = parts.made, parts.kept
        parts.end_build()
        return html, made, kept

    a, b, c = _Item("a", "Cells"), _Item("b", "Forces"), _Item("c", "Magnets")
    assert build([a, b, c]) == ("<li>Cells *</li><li>Forces *</li><li>Magnets *</li>", 2, 0)
    a.title, b.title, c.title = "Cells!", "Forces!", "Magnets!"  # the same keys: the same rows
    keys["b"] = "2"  # ... but b's
    assert build([a, b, c]) == ("<li>Cells *</li><li>Forces! *</li><li>Magnets! *</li>", 1, 1)
    assert build([a, b], mark="+") == ("<li>Cells! +</li><li>Forces! +</li>", 2, 0)  # another value
    assert build([a], page="units/cells/") == ("<li>Cells! *</li>", 1, 0)  # another page, and a build ...
    assert build([a, b], mark="+") == ("<li>Cells! +</li><li>Forces! +</li>", 0, 2)  # ... that kept these
    build([])  # the page rendered without them ...
    assert build([a, b], mark="+") == ("<li>Cells! +</li><li>Forces! +</li>", 2, 0)  # ... let them go
    assert parts.key("t", "p", {"item": a, "rows": [1]}) is None  # not a plain value: made every time
    assert Renderer(None, [tmp_path]).render("flipfolio/list.html", page_url="", items=[a], mark="") \
        == "<li>Cells! </li>"  # no parts (a full build): rendered every time


@pytest.mark.parametrize("change, same", [
    (lambda keys, week: week, True),  # nothing changed
    (lambda keys, week: keys.update(b="2") or week, False),  # one of its lessons
    (lambda keys, week: keys.update(z="2") or week, True),  # a lesson of another week
    (lambda keys, week: replace(week, after=D(2026, 3, 16)), False),  # the week after it
    (lambda keys, week: replace(week, lessons=week.lessons[:1]), False),  # a lesson less
])
def test_the_key_of_a_week_is_made_of_its_lessons_keys_and_the_weeks_around_it(change, same):
    """A value that says what it is made from (``part_values``, a week of the
    this-week page) is kept under the keys of those values: its lessons' keys
    and the weeks it links; a tuple of items under theirs."""
    from flipfolio.core.render import Parts
    from flipfolio.delivery.weeks import weeks

    keys = {"a": "1", "b": "1", "z": "1"}
    parts = Parts(lambda item: keys.get(item.id))
    lessons = [SimpleNamespace(kind="lessons", id=i, title=i, due=d, is_draft=False)
               for i, d in [("a", D(2026, 3, 2)), ("b", D(2026, 3, 4)), ("z", D(2026, 3, 10))]]
    week = weeks(lessons)[0]
    assert (week.before, week.after) == (None, D(2026, 3, 9))
    before = parts.key("week.html", "p/", {"week": week})
    assert before is not None
    assert (parts.key("week.html", "p/", {"week": change(keys, week)}) == before) is same
    assert parts.key("t", "p/", {"rows": (lessons[0], object())}) is None  # a tuple of what has no key
