"""`mkdocs build` makes the files that are not pages (packs, sheets, exports,
class pages) in a second process while it renders the pages (core/making.py):
the site is the same, byte for byte, as a build in one process; a file a page
shows the size of is made first; a failure there fails the build with its reason."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from flipfolio import features
from flipfolio.core.features import Feature
from flipfolio.core import making
from flipfolio.core.making import Maker, MakingFailed, can_fork
from flipfolio.core.outputs import FileSpec, Tools
from flipfolio.core.problems import ContentError, Problem

from sites import MKDOCS_YML

pytestmark = pytest.mark.skipif(not can_fork(), reason="the second process needs os.fork")

IN_ONE_PROCESS = MKDOCS_YML.replace("  - flipfolio\n", "  - flipfolio:\n      parallel: false\n")


def every_file(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def forks(monkeypatch) -> list[int]:
    """The processes the build forked (os.fork itself runs)."""
    made: list[int] = []
    real = os.fork

    def fork():
        pid = real()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork)
    return made


def test_the_site_is_the_same_made_in_two_processes_or_one(site_factory, tmp_path, forks):
    site = site_factory().build()
    assert len(forks) == 1
    two = every_file(site.out)
    assert any(name.startswith("offline/") and name.endswith(".zip") for name in two)
    assert any(name.startswith("exports/questions/") for name in two)
    assert not [name for name in two if name.endswith(".part")]
    site.write({"mkdocs.yml": IN_ONE_PROCESS}).build()
    assert len(forks) == 1  # the option is honoured: no second process
    one = every_file(site.out)
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_each_captions_file_is_parsed_once_in_one_process_or_two(site_factory, monkeypatch, tmp_path, forks):
    """The cues the loader reads to check a captions file are those the unit's
    pack and the lesson's page show (a second process inherits them)."""
    import webvtt

    log = tmp_path / "read.log"  # each process that parses a file says so here
    real = webvtt.read

    def read(path, *args, **kwargs):
        with open(log, "a") as said:
            said.write(Path(path).name + "\n")
        return real(path, *args, **kwargs)

    monkeypatch.setattr(webvtt, "read", read)
    site = site_factory().build()
    assert len(forks) == 1 and log.read_text().split() == ["cells.en.vtt"]
    log.unlink()
    site.write({"mkdocs.yml": IN_ONE_PROCESS}).build()
    assert len(forks) == 1 and log.read_text().split() == ["cells.en.vtt"]
    assert "onion cell under the microscope" in site.article("lessons/what-is-a-cell/index.html").get_text()


def test_each_qr_code_is_made_once_before_the_build_splits_in_two(site_factory, monkeypatch, tmp_path, forks):
    """The lesson pages, the notes sheets and the booklets show the same QR
    codes: a build makes them before the second process starts, not in each."""
    from flipfolio.delivery import printing

    log = tmp_path / "qr.log"  # each process that makes a code says so here
    real = printing._qr

    def qr(text):
        with open(log, "a") as said:
            said.write(f"{os.getpid()} {text}\n")
        return real(text)

    monkeypatch.setattr(printing, "_qr", qr)
    site = site_factory().build()
    assert len(forks) == 1
    made = [line.split(" ", 1) for line in log.read_text().splitlines()]
    assert {pid for pid, _ in made} == {str(os.getpid())}  # all before the fork (or by in_two's child, at scale)
    texts = [text for _, text in made]
    assert len(texts) == len(set(texts)) == 2 and any("youtube.com/watch" in text for text in texts)
    sheet = (site.out / "lessons/what-is-a-cell/print/index.html").read_text()
    assert sheet.count('class="ff-qr"') == 1 and "data:image/svg+xml," in sheet


def test_the_previous_site_is_deleted_while_the_build_goes_on_and_none_of_it_is_left(site_factory, monkeypatch):
    """A build moves the previous site's files aside (making.empty_aside) and
    deletes them in the background: what MkDocs' emptying deletes is gone
    when the build ends, what it leaves (hidden files) is left."""
    site = site_factory().build()
    lessons = sorted(p.relative_to(site.out).as_posix() for p in site.out.rglob("lessons/*/index.html"))
    (site.out / "lessons/gone-lesson").mkdir()
    (site.out / "lessons/gone-lesson/index.html").write_text("stale")
    (site.out / "stale.txt").write_text("stale")
    (site.out / ".nojekyll").write_text("")
    (site.out / making.ASIDE / "1").mkdir(parents=True)  # left by a build stopped on its way
    (site.out / making.ASIDE / "1" / "old.html").write_text("stale")
    calls = []
    real = making.empty_aside
    monkeypatch.setattr("flipfolio.mkdocs.plugin.empty_aside", lambda d: calls.append(d) or real(d))
    site.build()
    assert calls == [str(site.out)]
    assert not (site.out / "stale.txt").exists() and not (site.out / "lessons/gone-lesson").exists()
    assert not (site.out / making.ASIDE).exists()
    assert (site.out / ".nojekyll").exists()
    assert sorted(p.relative_to(site.out).as_posix() for p in site.out.rglob("lessons/*/index.html")) == lessons


def test_a_dirty_build_keeps_the_previous_site(site_factory):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = site_factory().build()
    (site.out / "stale.txt").write_text("stale")
    config = load_config(str(site.root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()
    assert (site.out / "stale.txt").read_text() == "stale" and not (site.out / making.ASIDE).exists()


def failing_output(error: BaseException):
    def outputs(portfolio, layout):
        def write(stream, tools):
            stream.write(b"half a file")
            raise error
        return [FileSpec("exports/broken.bin", None, "application/octet-stream", writer=write)]
    return outputs


@pytest.mark.parametrize("error, said", [
    (ValueError("the zip library ran out of disk"), "ValueError: the zip library ran out of disk"),
    (ContentError([Problem("portfolio/units/cells.yml", "no room for the pack", field="title")]),
     "portfolio/units/cells.yml: field 'title': no room for the pack"),
], ids=["unexpected", "content"])
def test_a_failure_in_the_second_process_fails_the_build_and_says_why(site_factory, monkeypatch, mkdocs_log,
                                                                     forks, error, said):
    monkeypatch.setattr(features, "FEATURES", (*features.FEATURES, Feature(name="broken", outputs=failing_output(error))))
    site = site_factory()
    with pytest.raises(Abort):
        site.build(strict=False)
    assert len(forks) == 1
    errors = [r.getMessage() for r in mkdocs_log.records if r.levelname == "ERROR"]
    assert any(said in message for message in errors), errors
    assert not (site.out / "exports/broken.bin").exists()  # never half a file


def test_files_whose_size_a_page_shows_are_made_first(tmp_path):
    specs = [FileSpec("a.txt", b"a" * 3, "text/plain"), FileSpec("b.zip", b"b" * 5, "application/zip", sized=True),
             FileSpec("c.txt", b"c" * 7, "text/plain"), FileSpec("d.zip", b"d" * 11, "application/zip", sized=True)]
    sizes: list[tuple[str, int]] = []
    maker = Maker([(spec, tmp_path / spec.path) for spec in specs], Tools(render=str),
                  lambda path, size: sizes.append((path, size)))
    maker.start()
    assert maker.more() and sizes == [("b.zip", 5)]  # waits for one file, no more
    maker.finish()
    assert sorted(sizes) == [("a.txt", 3), ("b.zip", 5), ("c.txt", 7), ("d.zip", 11)]
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {s.path: s.content for s in specs}
    assert not maker.more()


def test_the_engines_process_makes_what_the_child_has_not_started_when_its_pages_are_done(tmp_path):
    def by_whom(pause: float):
        def write(stream, tools):
            time.sleep(pause)
            stream.write(str(os.getpid()).encode())
        return write

    names = ["first.zip", "slow.txt", "next.txt", "last.txt"]
    specs = [FileSpec(name, None, "text/plain", writer=by_whom(1.0 if name == "slow.txt" else 0), sized=n == 0)
             for n, name in enumerate(names)]
    sizes: dict[str, int] = {}
    maker = Maker([(spec, tmp_path / spec.path) for spec in specs], Tools(render=str), sizes.__setitem__)
    maker.start()
    assert maker.more() and list(sizes) == ["first.zip"]  # the child made it, and goes on to slow.txt
    maker.finish()  # the pages are done
    made_by = {name: int((tmp_path / name).read_text()) for name in names}
    assert made_by["first.zip"] != os.getpid()
    assert made_by["last.txt"] == os.getpid()  # taken from the back while the child was busy
    assert sorted(sizes) == sorted(names) and not list(tmp_path.glob("*.part"))  # each made once


def test_a_makers_pause_of_the_garbage_collector_nests_in_another(tmp_path):
    """A preview pauses the collector's passes over what its builds keep for
    the whole of a rebuild (mkdocs/preview.py: `Collector`); the `Maker` in
    that rebuild pauses it too, and its end does not end the rebuild's pause."""
    import gc

    assert gc.get_freeze_count() == 0
    specs = [FileSpec(f"{n}.txt", b"x", "text/plain") for n in range(3)]
    making.collector_paused()  # the rebuild's
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        maker = Maker([(spec, tmp_path / spec.path) for spec in specs], Tools(render=str), lambda *_: None)
        maker.start()
        maker.finish()
        assert gc.get_freeze_count() >= frozen  # still paused: the rebuild goes on
    finally:
        making.collector_resumed()
    assert gc.get_freeze_count() == 0  # the last pause over: the collector has every object back
    maker = Maker([(spec, tmp_path / spec.path) for spec in specs], Tools(render=str), lambda *_: None)
    maker.start()
    maker.stop()
    assert gc.get_freeze_count() == 0


def test_a_file_the_engines_process_fails_to_make_ends_the_child_and_the_pause(tmp_path):
    """When a file the engine's process makes (taken from the back) fails, the
    build fails with it, said as when the child fails (which file, and the
    trace); the child is ended and the garbage collector gets its objects back
    (else a preview would keep them out of its reach for good)."""
    import gc

    parent = os.getpid()

    def slow(stream, tools):
        time.sleep(1.0)
        stream.write(b"slow")

    def fails_here(stream, tools):
        if os.getpid() == parent:
            raise ValueError("no room for the file")
        stream.write(b"made")

    specs = [FileSpec("slow.txt", None, "text/plain", writer=slow),
             FileSpec("last.txt", None, "text/plain", writer=fails_here)]
    maker = Maker([(spec, tmp_path / spec.path) for spec in specs], Tools(render=str), lambda *_: None)
    maker.start()
    assert gc.get_freeze_count() > 0  # paused while the child runs
    child = maker.pid
    with pytest.raises(MakingFailed, match=r"(?s)^last.txt: .*ValueError: no room for the file"):
        maker.finish()  # the child is busy with slow.txt: this process takes last.txt, which fails
    assert gc.get_freeze_count() == 0 and maker.pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # ended, and waited for
    assert not (tmp_path / "last.txt").exists()


def test_a_child_that_cannot_be_started_leaves_nothing_paused(tmp_path, monkeypatch):
    import gc

    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(making, "_fork", no_more_processes)
    maker = Maker([(FileSpec("a.txt", b"a", "text/plain"), tmp_path / "a.txt")], Tools(render=str), lambda *_: None)
    with pytest.raises(BlockingIOError):
        maker.start()
    assert gc.get_freeze_count() == 0 and maker.pid is None


def test_the_parts_the_child_renders_are_kept_by_the_engines_process(tmp_path):
    """A preview keeps each lesson's part of a file made from many (a booklet's
    sheet, the feed's entry) from one build to the next (`render.Parts`):
    those the child rendered come back to the engine's process with its last
    report, as if rendered there, and a file's parts it did not use go."""
    from markupsafe import Markup

    from flipfolio.core.render import Parts

    parts = Parts(lambda item: "key")
    parts.rendering("old.txt")
    parts.put(("row", "old.txt", "a"), Markup("<a>"))
    parts.put(("row", "old.txt", "b"), Markup("<b>"))  # its lesson is gone by the next build
    parts.end_build()

    def write(stream, tools):  # what a template with parts does (render.Renderer, render._part)
        parts.rendering("old.txt")
        kept = parts.get(("row", "old.txt", "a"))
        parts.rendering("new.txt")
        parts.put(("row", "new.txt", "c"), Markup(f"<c pid={os.getpid()}>"))
        stream.write(f"{kept}".encode())

    specs = [FileSpec("made.txt", None, "text/plain", writer=write, sized=True)]
    maker = Maker([(spec, tmp_path / spec.path) for spec in specs], Tools(render=str), lambda *_: None,
                  parts=parts)
    maker.start()
    assert maker.more()  # made by the child (a page waits for its size)
    maker.finish()
    assert (tmp_path / "made.txt").read_text() == "<a>"
    assert parts.kept == 1 and parts.made == 1  # counted here too
    made_by = int(re.search(r"pid=(\d+)", parts.get(("row", "new.txt", "c"))).group(1))
    assert made_by != os.getpid()  # by the child, and here now
    parts.end_build()
    assert parts.get(("row", "old.txt", "a")) == "<a>" and parts.get(("row", "new.txt", "c")) is not None
    assert parts.get(("row", "old.txt", "b")) is None  # not used by the page that had it: let go


def test_the_child_makes_every_file_while_the_engine_is_busy_whatever_their_number(tmp_path):
    """The child never waits for the engine's process: sizes of files no page
    waits for are said once it is done, so thousands of files do not fill the
    pipe between them while the engine renders its pages."""
    count = 5000  # reports of their sizes, as they are made, would fill a pipe many times over
    specs = [FileSpec(f"f{n}.txt", b"x" * (n % 7), "text/plain") for n in range(count)]
    sizes: dict[str, int] = {}
    maker = Maker([(spec, tmp_path / spec.path) for spec in specs], Tools(render=str), sizes.__setitem__)
    maker.start()
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("f*.txt"))) < count and time.monotonic() < deadline:
        time.sleep(0.05)  # the engine busy with its pages, reading no report
    assert len(list(tmp_path.glob("f*.txt"))) == count
    maker.finish()
    assert len(sizes) == count and sizes["f6.txt"] == 6


def test_pythons_warning_of_a_fork_among_threads_is_not_said_for_flipfolios_forks(monkeypatch):
    """`mkdocs serve` rebuilds while its server's threads run; Python 3.12 and
    later warn of a fork among threads (see `making._fork`). Its words, as it
    says them (here said by a stand-in for os.fork, whatever this Python)."""
    import warnings

    said = "This process (pid=4242) is multi-threaded, use of fork() may lead to deadlocks in the child."

    def fork(words=said):
        warnings.warn(words, DeprecationWarning, stacklevel=2)
        return 4242

    monkeypatch.setattr(os, "fork", fork)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert making._fork() == 4242
        assert caught == []
        monkeypatch.setattr(os, "fork", lambda: fork("Another warning"))
        assert making._fork() == 4242
    assert [str(w.message) for w in caught] == ["Another warning"]  # only that one is left unsaid


# ---- Reading the portfolio in two processes (`in_two`)


def test_in_two_works_every_second_item_out_in_a_child_in_order(forks):
    parent = os.getpid()
    values = making.in_two(lambda n: (n * n, os.getpid()), range(101))
    assert [v for v, _ in values] == [n * n for n in range(101)]
    assert {pid for _, pid in values[0::2]} == {parent}
    assert {pid for _, pid in values[1::2]} == set(forks) and len(forks) == 1
    assert making.in_two(lambda n: -n, range(5)) == [0, -1, -2, -3, -4] and len(forks) == 1  # too few to fork


def test_in_two_gives_the_same_values_when_the_child_fails(forks):
    parent = os.getpid()

    def square(n):
        if os.getpid() != parent:
            raise RuntimeError("the child cannot")
        return n * n

    assert making.in_two(square, range(100)) == [n * n for n in range(100)]
    assert len(forks) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(forks[0], os.WNOHANG)  # and the child is gone (waited for)


def test_in_two_works_everything_out_itself_when_no_child_can_be_started(monkeypatch):
    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(making, "_fork", no_more_processes)
    assert making.in_two(lambda n: n * n, range(100)) == [n * n for n in range(100)]


def test_in_two_keeps_what_the_loader_noted_on_structs():
    from flipfolio.lessons.format import Lesson

    def lesson(n):
        made = Lesson(title=f"Lesson {n}", unit="cells")
        made._id, made._file = f"lesson-{n}", f"portfolio/lessons/lesson-{n}.md"
        return made

    values = making.in_two(lesson, range(80))
    assert [(v.title, v._id, v._file) for v in values] == [(f"Lesson {n}", f"lesson-{n}", f"portfolio/lessons/lesson-{n}.md")
                                                          for n in range(80)]


BAD_FILES = {
    "portfolio/lessons/Bad Name.md": "---\ntitle: Bad\nunit: cells\n---\n",
    "portfolio/units/extra.yaml.txt": "title: Extra\n",
    "portfolio/units/cells.yaml": "title: Cells again\n",  # the id 'cells' twice
    "portfolio/lessons/broken.md": "---\ntitle: [Broken\nunit: cells\n---\n",
    "portfolio/lessons/no-unit.md": "---\ntitle: Lost\nunit: nowhere\nduration: many\n---\nText.\n",
    "portfolio/questions/odd.yml": "title: Odd\nquestions: 3\n",
    "portfolio/lessons/two-videos.md": ("---\ntitle: Two videos\nunit: cells\nvideos:\n"
                                        "  - {url: media/a.mp4, title: A, duration: 60, captions: media/a.vtt}\n"
                                        "  - {url: media/b.mp4, title: B, duration: 60, captions: media/b.vtt}\n---\n"),
    "portfolio/media/a.mp4": "", "portfolio/media/b.mp4": "",
    "portfolio/lessons/links.md": ("---\ntitle: Links\nunit: forces\n---\n\nSee [the draft](secret-draft.md), "
                                   "[the sheet](../media/sheet.pdf) and [nothing](../media/gone.pdf).\n\n"
                                   "<script>alert(1)</script>\n"),
    "portfolio/media/sheet.pdf": "%PDF-1.4\n",
    "portfolio/media/a.vtt": "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nThe first video speaks.\n",
    "portfolio/media/b.vtt": "NO HEADER\n\n00:00:00.000 --> 00:00:02.000\nA file WebVTT readers refuse.\n",
}


def test_a_portfolio_read_in_two_processes_is_the_one_read_in_one(site_factory, monkeypatch, forks):
    from flipfolio.core.model import load

    monkeypatch.setattr(making, "IN_TWO_FROM", 2)
    site = site_factory(BAD_FILES)
    one = load(site.root / "portfolio")
    assert forks == []
    two = load(site.root / "portfolio", parallel=True)
    assert len(forks) == 3  # the files, the captions files, the lessons' text
    assert len(one.problems.errors) >= 5 and [str(p) for p in one.problems] == [str(p) for p in two.problems]
    assert one.everything.keys() == two.everything.keys()
    for kind, found in one.everything.items():
        if not isinstance(found, dict):
            assert found == two.everything[kind] and found.__dict__ == two.everything[kind].__dict__
            continue
        assert list(found) == list(two.everything[kind]), kind
        for item_id, entry in found.items():
            other = two.everything[kind][item_id]
            assert entry == other and entry.__dict__ == other.__dict__, (kind, item_id)
    assert one.gate.files == two.gate.files and "media/sheet.pdf" in two.gate.files
    transcripts = [[(video.info.title, [(t.path, [c.text for c in cues]) for t, cues in video.info.transcripts])
                    for video in lesson.videos] for lesson in one.lessons.values()]
    assert transcripts == [[(video.info.title, [(t.path, [c.text for c in cues]) for t, cues in video.info.transcripts])
                            for video in lesson.videos] for lesson in two.lessons.values()]
    assert [("A", [("media/a.vtt", ["The first video speaks."])]), ("B", [])] in transcripts


@pytest.mark.parametrize("atomic", [True, False])
def test_a_file_is_written_whole_or_not_at_all_in_folders_made_as_needed(tmp_path, atomic):
    """A build writes each file at its place (nobody reads the site yet), a preview through a new file
    replaced in one step; either way a file that fails leaves nothing, and an older file stays whole
    in a preview. Folders are made when a file needs them."""
    tools = Tools(render=str)

    def failing(stream, tools):
        stream.write(b"half")
        raise OSError("disk full")

    deep = tmp_path / "a" / "b" / "c.txt"
    assert making.write_file(FileSpec("c.txt", None, "text/plain", writer=lambda s, t: s.write(b"whole")), deep,
                             tools, atomic=atomic) == 5
    assert deep.read_bytes() == b"whole"
    with pytest.raises(OSError, match="disk full"):
        making.write_file(FileSpec("c.txt", None, "text/plain", writer=failing), deep, tools, atomic=atomic)
    assert [p.name for p in deep.parent.iterdir()] == (["c.txt"] if atomic else [])
    if atomic:
        assert deep.read_bytes() == b"whole"
    fresh = tmp_path / "d" / "e.txt"
    with pytest.raises(OSError):
        making.write_file(FileSpec("e.txt", None, "text/plain", writer=failing), fresh, tools, atomic=atomic)
    assert list(fresh.parent.iterdir()) == []
