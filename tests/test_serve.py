"""`mkdocs serve`: drafts are shown, and editing the portfolio reloads the site."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from serving import fetch, free_port, wait_for
from serving import serve as _serve
from serving import up as _up
from sites import MKDOCS_YML


@pytest.fixture
def served(site_factory, tmp_path, request):
    """A real `mkdocs serve` of a small site, stopped at the end with Ctrl-C
    (SIGINT) or the signal the test gives (`indirect` parametrisation)."""
    site = site_factory()
    port = free_port()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    process = _serve(site, port, tmp)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: _up(base))
        yield site, base
        process.send_signal(getattr(request, "param", signal.SIGINT))
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    # The preview's folders (they hold drafts) go with it. What stays is the templates compiled (no
    # content: Jinja's cache, which the next build or preview uses).
    left = [p.name for p in tmp.iterdir()]
    assert left in ([], [f"_jinja2-cache-{os.getuid()}"])
    assert all(p.name.startswith("__flipfolio_") and p.name.endswith(".cache") for p in tmp.glob("_jinja2-cache-*/*"))


@pytest.mark.parametrize("served", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"], indirect=True)
def test_a_preview_stopped_from_outside_removes_its_folders_too(served, tmp_path):
    # `kill`, a service manager (SIGTERM) or a closed terminal (SIGHUP): MkDocs'
    # own folder and the preview's hold the drafts, and must not stay behind (the
    # fixture checks, once the signal has stopped the server).
    site, base = served
    assert fetch(base + "lessons/secret-draft/")[0] == 200
    assert any("secret-draft" in str(p) for p in (tmp_path / "tmp").rglob("*"))  # the drafts are in there


def test_serve_shows_drafts_and_reloads_when_the_portfolio_changes(served):
    site, base = served
    status, html = fetch(base + "lessons/secret-draft/")
    assert status == 200
    assert "Only shown while previewing" in html
    lesson = site.root / "portfolio" / "lessons" / "pushes.md"
    lesson.write_text(lesson.read_text().replace("title: Pushes and pulls", "title: Pushes, pulls and twists"))
    wait_for(lambda: "Pushes, pulls and twists" in fetch(base + "lessons/pushes/")[1])


def _settled(tmp) -> dict[str, bytes]:
    """Every file the preview built (under `tmp`), once nothing has changed for 2 s."""
    def snapshot():
        folders = list(tmp.glob("mkdocs_*"))
        if len(folders) != 1:
            return None
        return {str(p.relative_to(folders[0])): (p.stat().st_mtime_ns, p.stat().st_size)
                for p in folders[0].rglob("*") if p.is_file()}

    last, since = None, time.monotonic()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = snapshot()
        if now and now != last:
            last, since = now, time.monotonic()
        elif now and time.monotonic() - since > 2:
            folder = next(tmp.glob("mkdocs_*"))
            return {name: (folder / name).read_bytes() for name in now}
        time.sleep(0.2)
    pytest.fail("the preview did not settle")


def _fresh_preview(site, port: int, tmp) -> dict[str, bytes]:
    """Every file a fresh preview of the site's files builds (under `tmp`)."""
    process = _serve(site, port, tmp)
    try:
        wait_for(lambda: _up(f"http://127.0.0.1:{port}/"))
        return _settled(tmp)
    finally:
        process.terminate()
        process.wait(timeout=20)


def _same_files(edited: dict[str, bytes], fresh: dict[str, bytes]) -> None:
    assert sorted(edited) == sorted(fresh)
    assert [name for name in fresh if edited[name] != fresh[name]] == [], [n for n in fresh if edited[n] != fresh[n]]


#: Edits a teacher makes while previewing: each with a page that shows it and the words it shows. The
#: first five change what many pages show (a full build); the last eight change lessons only, which the
#: preview makes in the site as it is: they come last, so that the comparison sees what they made.
#: A Markdown file of evidence, a page of its own (credentials/video-design/notes/).
EVIDENCE = {"portfolio/reflections/notes.md": "# Notes\n\nFirst thoughts on the videos.\n"}
EDITS = [
    ("portfolio/credentials/video-design.yml", "  evidence:\n",
     "  evidence:\n    - {title: My notes, kind: reflection, url: reflections/notes.md}\n",
     "credentials/video-design/notes/", "First thoughts"),
    ("portfolio/reflections/notes.md", "First thoughts", "Second thoughts", "credentials/video-design/notes/",
     "Second thoughts"),
    ("portfolio/units/forces.yml", "title: Forces", "title: Forces and motion", "units/forces/", "Forces and motion"),
    ("portfolio/credentials/questioning.yml", "name: Questioning Strategies", "name: Questioning for thinking",
     "credentials/", "Questioning for thinking"),
    ("portfolio/credentials/video-design.yml", "name: Flipped Video Design", "name: Flipped Video Craft",
     "lessons/what-is-a-cell/", "Flipped Video Craft"),  # the lesson page names it: made again
    ("portfolio/profile.yml", "name: Sam Teacher", "name: Sam R. Teacher", "family/", "Sam R. Teacher"),
    ("portfolio/lessons/secret-draft.md", "status: draft", "status: published", "lessons/", "Unfinished draft lesson"),
    ("portfolio/lessons/pushes.md", "title: Pushes and pulls", "title: Pushes, pulls and twists",
     "lessons/pushes/", "Pushes, pulls and twists"),
    ("portfolio/lessons/what-is-a-cell.md", "Microscope lab.", "Microscope lab with onion skin.",
     "lessons/what-is-a-cell/", "onion skin"),
    ("portfolio/lessons/what-is-a-cell.md", "Microscope lab with onion skin.",
     "Microscope lab with onion skin, as in [the cell atlas](https://cells.example.org/atlas).",
     "privacy/", "cells.example.org"),  # the privacy page lists the sites pages link to
    ("portfolio/questions/cell-check.yml", "What do all living things have?", "What is every living thing made of?",
     "lessons/what-is-a-cell/", "What is every living thing made of?"),
    ("portfolio/lessons/cell-parts.md", "title: Inside the cell", "title: Inside a plant cell",
     "lessons/cell-parts/", "Inside a plant cell"),
    ("portfolio/lessons/what-is-a-cell.md", "title: Cells up close", "title: Cells up very close",
     "lessons/what-is-a-cell/", "Cells up very close"),
    # A lesson's minutes are its own, to the nearest minute (3:30 from 0:30 is 3 min); its unit's add up its
    # lessons' (lessons/helpers.py): 3 + 2 = 5, then the second edit makes the unit's 3 + 3 (2:30 is 3 min).
    ("portfolio/lessons/what-is-a-cell.md", 'duration: "4:30"', 'duration: "3:30"',
     "lessons/what-is-a-cell/", "3 min in all"),
    ("portfolio/lessons/cell-parts.md", "duration: 95", "duration: 150", "units/cells/", "6 min of pre-class video"),
]


def test_the_preview_after_a_series_of_edits_equals_a_fresh_preview_of_the_same_files(site_factory, tmp_path):
    """Whatever the preview keeps from one build to the next, what it shows
    after edits is what a fresh start on the same files shows: every file
    (the family pages, calendar and feed in Spanish too)."""
    site = site_factory(EVIDENCE)
    profile = site.root / "portfolio" / "profile.yml"
    profile.write_text(profile.read_text() + "family_languages: [es]\n")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = _serve(site, port, tmp_path / "edited")
    try:
        wait_for(lambda: _up(base))
        for path, old, new, page, shown in EDITS:
            file = site.root / path
            text = file.read_text()
            assert old in text, (path, old)
            file.write_text(text.replace(old, new))
            wait_for(lambda: shown in fetch(base + page)[1])
        edited = _settled(tmp_path / "edited")
    finally:
        process.terminate()
        process.wait(timeout=20)
    fresh = _fresh_preview(site, port, tmp_path / "fresh")
    assert "lessons/secret-draft/index.html" in fresh and len(fresh) > 40
    _same_files(edited, fresh)


def _serve_logged(site, tmp_path) -> tuple[subprocess.Popen, str, object]:
    """`mkdocs serve -v` on `site`, building under `tmp_path`: (the process, its address, its log file)."""
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path)}
    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-v", "-a", f"127.0.0.1:{port}",
             "-f", str(site.root / "mkdocs.yml")], env=env, stdout=output, stderr=subprocess.STDOUT)
    return process, f"http://127.0.0.1:{port}/", log


def test_an_edit_to_one_lesson_makes_only_that_lesson_page_again(site_factory, tmp_path):
    """The preview keeps what did not change: after a lesson's text is edited,
    every other lesson page is taken from the previous build (the log says how
    many), in the site as it is; after a unit is edited (a full build), only
    that unit's lessons are made again; after a credential, only the lesson
    that is evidence for it."""
    site = site_factory()
    process, base, log = _serve_logged(site, tmp_path)
    try:
        wait_for(lambda: _up(base))
        lesson = site.root / "portfolio" / "lessons" / "what-is-a-cell.md"
        lesson.write_text(lesson.read_text().replace("Microscope lab.", "Microscope lab with onion skin."))
        wait_for(lambda: "onion skin" in fetch(base + "lessons/what-is-a-cell/")[1])
        wait_for(lambda: len(_kept(log)) == 2 and log.read_text().count("Reloading browsers") == 1)
        unit = site.root / "portfolio" / "units" / "forces.yml"
        unit.write_text(unit.read_text().replace("title: Forces", "title: Forces and motion"))
        wait_for(lambda: "Forces and motion" in fetch(base + "lessons/pushes/")[1])
        wait_for(lambda: len(_kept(log)) == 3 and log.read_text().count("Reloading browsers") == 2)
        credential = site.root / "portfolio" / "credentials" / "video-design.yml"
        credential.write_text(credential.read_text().replace("Flipped Video Design", "Flipped Video Craft"))
        wait_for(lambda: "Flipped Video Craft" in fetch(base + "lessons/what-is-a-cell/")[1])
        wait_for(lambda: len(_kept(log)) == 4 and log.read_text().count("Reloading browsers") == 3)
        lesson.write_text(lesson.read_text().replace("with onion skin.", "with onion skin and iodine."))
        wait_for(lambda: "and iodine" in fetch(base + "lessons/what-is-a-cell/")[1])
        wait_for(lambda: len(_kept(log)) == 5 and log.read_text().count("Reloading browsers") == 4)
    finally:
        process.terminate()
        process.wait(timeout=20)
    text = log.read_text()
    # The text edit is made in the site as it is; the unit's title shows on more pages: a full build.
    # (Builds are counted by what MkDocs says at their start: it says "Documentation built in 0.32
    # seconds" once, however many builds take that long.)
    assert text.count("Building documentation...") == 3 and text.count("(what the edit changed)") == 2
    (first_kept, lessons), (kept_after_text, same), (kept_after_unit, again), (kept_after_credential, _), \
        (kept_after_second_text, _) = _kept(log)
    assert kept_after_second_text == lessons - 1
    assert first_kept == 0 and lessons >= 4 and same == again == lessons
    assert kept_after_credential == lessons - 1  # only the lesson that is evidence for it names it
    assert kept_after_text == lessons - 1
    in_forces = sum("unit: forces" in p.read_text() for p in (site.root / "portfolio" / "lessons").glob("*.md"))
    assert in_forces >= 1 and kept_after_unit == lessons - in_forces
    # The rows of the pages listing lessons (lessons index, units, weeks) are kept too, and the
    # sheets of a unit's booklet, the feed's entries and the calendar's events, whichever process
    # made them (a full build makes the files in a second process, which hands its parts back):
    # after the text edit, the edited lesson's row of each list (4 at most: the index, its unit,
    # this week, the family page), its week, its sheet, its entry and its event are made again,
    # and nothing else; after the unit edit, its lessons' rows (a week's row names the unit) and
    # no other. A second edit of the lesson, after the full builds of the unit and the
    # credential, makes the same again, and nothing else.
    (rows_first, rows_kept_first), (rows_after_text, rows_kept_after_text), \
        (rows_after_unit, rows_kept_after_unit), _, (rows_after_second_text, _) = _parts(log)
    in_unit = sum("unit: cells" in p.read_text() for p in (site.root / "portfolio" / "lessons").glob("*.md"))
    assert "unit: cells" in lesson.read_text() and in_unit >= 2
    assert rows_kept_first == 0 and rows_first >= lessons
    assert 1 <= rows_after_text <= 4 + 4 and rows_kept_after_text >= lessons - 1
    assert rows_after_unit >= in_forces and rows_kept_after_unit >= 1
    assert 1 <= rows_after_second_text <= 4 + 4


def test_the_preview_checks_a_link_to_a_part_of_a_lesson_when_either_lesson_changes(site_factory, tmp_path):
    """A lesson links a part of another (its heading "In class"). The preview
    keeps the page it did not make again, but checks the link as a full build
    does: when the linked lesson's heading is renamed (the linking page is
    kept), and when the link is mistyped (the linked page is kept)."""
    site = site_factory({"portfolio/lessons/pushes.md": (
        "---\ntitle: Pushes and pulls\nunit: forces\n---\n\nForces everywhere.\n\n"
        "See [the lab](what-is-a-cell.md#in-class).\n")})
    process, base, log = _serve_logged(site, tmp_path)

    def said_by_build(count: int) -> str:
        """What the log says once `count` rebuilds are done, from the end of the one before."""
        wait_for(lambda: log.read_text().count("Reloading browsers") == count)
        text = log.read_text()
        return text[text.index("Reloading browsers") if count > 1 else 0:]

    cell, pushes = (site.root / "portfolio" / "lessons" / f"{name}.md" for name in ("what-is-a-cell", "pushes"))
    try:
        wait_for(lambda: _up(base))
        assert "#in-class" in fetch(base + "lessons/pushes/")[1] and "has no heading" not in log.read_text()
        cell.write_text(cell.read_text().replace("## In class", "## During class"))
        wait_for(lambda: "During class" in fetch(base + "lessons/what-is-a-cell/")[1])
        first = said_by_build(1)
        pushes.write_text(pushes.read_text().replace("#in-class", "#during-clas"))
        wait_for(lambda: "#during-clas" in fetch(base + "lessons/pushes/")[1])
        second = said_by_build(2)
        pushes.write_text(pushes.read_text().replace("#during-clas", "#during-class"))
        wait_for(lambda: "#during-class" in fetch(base + "lessons/pushes/")[1])
        text = log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert text.count("(what the edit changed)") == 3  # each edit made in the site as it is (kept pages)
    assert "portfolio/lessons/pushes.md:8: the link to 'what-is-a-cell.md#in-class' leads to the top of its " \
           "page: the page has no heading or part with the id 'in-class'" in first
    assert "the link to 'what-is-a-cell.md#during-clas' leads to the top" in second and "'during-class'" in second
    assert text.count("leads to the top") == 2  # once each: the fixed link is fine


def _parts(log) -> list[tuple[int, int]]:
    """(parts made, parts kept) of each build's list pages, from the preview's log."""
    import re

    return [(int(m.group(2)) - int(m.group(1)), int(m.group(1)))
            for m in re.finditer(r"preview: (\d+) of (\d+) parts of pages kept", log.read_text())]


def _kept(log) -> list[tuple[int, int]]:
    """(lesson pages kept, lesson pages) of each build, from the preview's log."""
    import re

    return [(int(m.group(1)), int(m.group(2)))
            for m in re.finditer(r"preview: (\d+) of (\d+) lesson pages kept", log.read_text())]


NEW_LESSON = """\
---
title: Magnets
unit: forces
---

Some metals stick to magnets.
"""


def test_the_preview_after_files_come_go_and_break_equals_a_fresh_preview(site_factory, tmp_path):
    """What a careless author does while previewing: a new lesson, a captions
    file edited, a lesson broken and mended, a lesson renamed, another
    deleted, a page of the docs folder edited, then a quick edit of the new
    lesson. Each shows; a broken file stops that build only; and the preview at
    the end is what a fresh start on the same files shows, file for file."""
    site = site_factory()
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    lessons = site.root / "portfolio" / "lessons"
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path / "edited")}
    (tmp_path / "edited").mkdir()

    def edit(path, old, new):
        file = site.root / path
        text = file.read_text()
        assert old in text, (path, old)
        file.write_text(text.replace(old, new))

    with open(log, "w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(site.root / "mkdocs.yml")],
            env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: _up(base))
        (lessons / "magnets.md").write_text(NEW_LESSON)
        wait_for(lambda: "Some metals stick" in fetch(base + "lessons/magnets/")[1])
        assert "Magnets" in fetch(base + "units/forces/")[1]

        edit("portfolio/media/cells.en.vtt", "an onion cell", "a leaf cell")
        wait_for(lambda: "a leaf cell" in fetch(base + "lessons/what-is-a-cell/")[1])

        assert "pushes.md" not in log.read_text()
        edit("portfolio/lessons/pushes.md", "title: Pushes and pulls", "title: [Pushes and pulls")
        wait_for(lambda: "pushes.md" in log.read_text())  # the build says what is wrong, and stops
        # Every page the browser asks for says what is wrong, with the file and line, until it is
        # fixed, and reloads by itself; other files are the server's (MkDocs emptied the site).
        for address in (base + "lessons/pushes/", base + "lessons/what-is-a-cell/", base):
            status, html = wait_for(lambda address=address: (lambda got: got if got[0] == 500 else None)(
                fetch(address)))
            assert "could not build the site" in html
            assert "portfolio/lessons/pushes.md:" in html and "not valid YAML" in html
            assert "/livereload/" in html  # the page reloads once the file is saved again
        assert "could not build" not in fetch(base + "search/search_index.json")[1]
        edit("portfolio/lessons/pushes.md", "title: [Pushes and pulls", "title: Pushes and shoves")
        wait_for(lambda: "Pushes and shoves" in fetch(base + "lessons/pushes/")[1])
        assert fetch(base + "lessons/what-is-a-cell/")[0] == 200

        (lessons / "cell-parts.md").rename(lessons / "inside-a-cell.md")
        wait_for(lambda: fetch(base + "lessons/inside-a-cell/")[0] == 200)
        wait_for(lambda: fetch(base + "lessons/cell-parts/")[0] == 404)

        (lessons / "pushes.md").unlink()
        wait_for(lambda: fetch(base + "lessons/pushes/")[0] == 404)
        assert "Pushes and shoves" not in fetch(base + "lessons/")[1]

        edit("docs/index.md", "Welcome.", "Welcome, families.")
        wait_for(lambda: "Welcome, families." in fetch(base)[1])

        edit("portfolio/lessons/magnets.md", "title: Magnets", "title: Magnets and metals")
        wait_for(lambda: "Magnets and metals" in fetch(base + "lessons/magnets/")[1])
        edited = _settled(tmp_path / "edited")
    finally:
        process.terminate()
        process.wait(timeout=20)
    fresh = _fresh_preview(site, port, tmp_path / "fresh")
    assert "lessons/magnets/index.html" in fresh and "lessons/pushes/index.html" not in fresh
    _same_files(edited, fresh)


def test_while_a_preview_rebuilds_the_server_looks_for_changes_no_more_and_finds_them_after(tmp_path):
    """The observer `mkdocs serve` polls the folders with (a thread that would share the
    processor with the rebuild) is paused while the plugin rebuilds; a file
    saved meanwhile is found once the rebuild is over."""
    import threading

    from mkdocs.livereload import LiveReloadServer

    from flipfolio.mkdocs.preview import polling_paused

    folder = tmp_path / "portfolio"
    folder.mkdir()
    (folder / "a.md").write_text("one")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path),
                              polling_interval=0.05)
    seen = threading.Event()
    server.watch(str(folder))
    server.observer.schedule(type("Handler", (), {"dispatch": lambda self, event: seen.set()})(), str(folder))
    server.observer.start()
    try:
        time.sleep(0.3)  # the first look at the folder
        with polling_paused(server.observer):
            time.sleep(0.2)  # a look under way when the rebuild began ends
            (folder / "a.md").write_text("two, saved during the rebuild")
            assert not seen.wait(0.5)  # ten polling intervals: none looked
        assert seen.wait(5)  # found right after
        seen.clear()
        with pytest.raises(KeyboardInterrupt), polling_paused(server.observer):  # a rebuild stopped by Ctrl-C
            raise KeyboardInterrupt
        (folder / "a.md").write_text("three, once the server goes on")
        assert seen.wait(5)
    finally:
        server.observer.stop()
        server.observer.join()
    assert polling_paused(None).__enter__() is None  # without an observer (another server): nothing to pause


def test_while_a_preview_rebuilds_the_collector_passes_only_over_new_objects_and_over_all_once_idle():
    """A full pass of Python's garbage collector over what a large preview
    keeps costs a rebuild a tenth of a second: during a rebuild, objects from
    before it are out of its reach (garbage among them stays); once the
    preview is idle, a full pass frees that garbage, and nothing stays frozen."""
    import gc
    import weakref

    from flipfolio.mkdocs.preview import Collector

    class Node:
        pass

    def garbage_cycle():
        a, b = Node(), Node()
        a.other, b.other = b, a  # freed only by the collector
        return weakref.ref(a)

    collector = Collector(after=0.2)
    gc.disable()  # no pass of the collector's own between the lines here: only those the test makes
    try:
        before = garbage_cycle()  # what the last build let go of
        with collector.paused():
            during = garbage_cycle()  # made in the rebuild
            gc.collect()  # a pass, as the collector's own thresholds start them
            assert before() is not None  # out of reach during the rebuild
            assert during() is None  # new objects are collected as usual
        assert gc.get_freeze_count() == 0
        assert before() is not None  # not at the rebuild's end, where the browser waits
        wait_for(lambda: before() is None, timeout=5)  # once idle
        # A rebuild that starts first puts the full pass off.
        before = garbage_cycle()
        with collector.paused():
            pass
        with collector.paused():
            time.sleep(0.4)  # longer than `after`: the first rebuild's pass was put off
            assert before() is not None
        wait_for(lambda: before() is None, timeout=5)
    finally:
        collector.close()
        gc.enable()


_TYPING = """
import gc, sys, weakref
sys.path.insert(0, sys.argv[1])
from flipfolio.mkdocs.preview import Collector

class Node:
    pass

def rebuilds(collector, count):
    # `count` rebuilds one after the other, each letting go of a cycle made before it.
    let_go = []
    for _ in range(count):
        a, b = Node(), Node()
        a.other, b.other = b, a  # freed only by a full pass
        let_go.append(weakref.ref(a))
        with collector.paused():
            del a, b  # garbage while out of the collector's reach
    return let_go

gc.disable()  # only the passes the collector makes
typing, never = Collector(after=3600, most=3), Collector(after=3600, most=1000)
print([ref() is None for ref in rebuilds(typing, 4)], [ref() is None for ref in rebuilds(never, 4)],
      gc.get_freeze_count())
typing.close(), never.close()
"""


def test_a_preview_saved_as_the_teacher_types_still_frees_what_its_rebuilds_let_go():
    """An editor that saves as one types starts a rebuild before the preview
    is ever idle: every `most` rebuilds without the idle pass, the next starts
    with a full pass, so that what the rebuilds let go of does not pile up.
    (In a process of its own: the collector's state is the whole process's.)"""
    from pathlib import Path

    import flipfolio

    package = str(Path(flipfolio.__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", _TYPING, package], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # The fourth rebuild started with a full pass: what the first three let go of is freed; without
    # the bound it piles up; and nothing is left paused.
    assert done.stdout.split("\n")[0] == "[True, True, True, False] [False, False, False, False] 0"


def test_a_saved_file_is_found_at_once_where_the_system_tells_and_only_once(tmp_path):
    """The server compares the folder with what it saw (every half second; here
    every 30 s): the system's notice of a file written has it compare at once,
    and the change is still found once, by that comparison."""
    import threading

    from mkdocs.livereload import LiveReloadServer

    from flipfolio.mkdocs.preview import Nudge

    folder = tmp_path / "portfolio"
    (folder / "lessons").mkdir(parents=True)
    lesson = folder / "lessons" / "a.md"
    lesson.write_text("one")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path),
                              polling_interval=30)
    found, seen = [], threading.Event()

    class Handler:
        def dispatch(self, event):
            if not event.is_directory:
                found.append((event.event_type, os.path.basename(event.src_path)))
                seen.set()

    server.watch(str(folder))
    server.observer.schedule(Handler(), str(folder), recursive=True)
    nudge = Nudge(server.observer, folder)
    server.observer.start()
    try:
        time.sleep(0.5)  # the observer's first look
        lesson.read_text()  # reading is no change
        assert not seen.wait(1)
        lesson.write_text("two")
        assert seen.wait(5), "the change was not found before the observer's next look, 30 s later"
        time.sleep(1)
        assert found == [("modified", "a.md")]
    finally:
        nudge.close()
        server.observer.stop()
        server.observer.join()


def test_while_the_preview_warns_each_page_served_opens_with_the_warnings_and_the_files_do_not(served, tmp_path):
    site, base = served
    assert "ff-preview-warnings" not in fetch(base + "lessons/pushes/")[1]  # no warning: no box
    lesson = site.root / "portfolio" / "lessons" / "pushes.md"
    lesson.write_text(lesson.read_text().replace("title: Pushes and pulls", "title: Pushes and pulls #2"))
    html = wait_for(lambda: (lambda got: got[1] if "ff-preview-warnings" in got[1] else None)(
        fetch(base + "lessons/what-is-a-cell/")))
    assert "This preview has 1 warning" in html and "pushes.md:" in html and "#2" in html
    assert html.index("ff-preview-warnings") < html.index("md-header")  # it opens the page
    built = [p for p in (tmp_path / "tmp").glob("mkdocs_*/**/*.html")]
    assert built and not any(b"ff-preview-warnings" in p.read_bytes() for p in built)  # served only
    lesson.write_text(lesson.read_text().replace("title: Pushes and pulls #2", "title: Pushes and shoves"))
    wait_for(lambda: "Pushes and shoves" in fetch(base + "lessons/pushes/")[1])
    assert "ff-preview-warnings" not in fetch(base + "lessons/pushes/")[1]


@pytest.mark.parametrize("mkdocs_yml,mistake,said", [
    # An error in the portfolio, which MkDocs would end the preview on before it started.
    (MKDOCS_YML, "title: [Pushes and pulls", "not valid YAML"),
    # A warning on a site in strict mode, which MkDocs would end the preview on too.
    (MKDOCS_YML + "strict: true\n", "title: Pushes and pulls #2", "Aborted with 1 warnings in strict mode"),
], ids=["error", "strict-warning"])
def test_a_preview_started_on_a_mistake_shows_it_and_the_site_once_fixed(site_factory, tmp_path, mkdocs_yml,
                                                                          mistake, said):
    site = site_factory({"mkdocs.yml": mkdocs_yml})
    lesson = site.root / "portfolio" / "lessons" / "pushes.md"
    lesson.write_text(lesson.read_text().replace("title: Pushes and pulls", mistake))
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = _serve(site, port, tmp_path / "tmp")
    try:
        def stopped():
            try:
                got = fetch(base + "lessons/")
            except OSError:  # not serving yet
                return None
            return got if got[0] == 500 else None

        status, html = wait_for(stopped)
        assert "could not build the site" in html and "portfolio/lessons/pushes.md:" in html and said in html
        lesson.write_text(lesson.read_text().replace(mistake, "title: Pushes and shoves"))
        wait_for(lambda: "Pushes and shoves" in fetch(base + "lessons/pushes/")[1])
        status, html = fetch(base + "lessons/")
        assert status == 200 and "ff-preview-warnings" not in html and "Pushes and shoves" in html
    finally:
        process.terminate()
        process.wait(timeout=20)
