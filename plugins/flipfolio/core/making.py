"""Writing a build's other files (`outputs.FileSpec`): in order, or in a second
process while the engine renders the pages; and reading the portfolio's files
in two processes (`in_two`).

A large portfolio's other files (offline packs, notes sheets, question
exports, class pages) cost about as much to make as its pages, and need
nothing the pages make. Where the system can fork (Linux, macOS), `Maker`
writes them in a child process that shares the loaded portfolio with the
engine's process, so that a machine's second core makes them while the first
renders pages. The child writes each file where the site has it and reports
the size of a file a page shows as soon as it is made (a page that says how
large a download is waits for that one file only, see
`outputs.written_size`), the others' once it is done; the engine waits for
the child before the build ends, and a failure in it fails the build, with
the reason.

Files whose size a page shows (`FileSpec.sized`) are made first, then the
others; once its pages are done, the engine makes from the last back those
the child has not started. Everything the child writes is what a build in
one process writes, byte for byte: the same specs, tools and order of work
within each file.
"""

from __future__ import annotations

import gc
import mmap
import os
import pickle
import shutil
import signal
import struct
import subprocess
import traceback
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import msgspec

from .outputs import FileSpec, Tools
from .problems import ContentError


def write_file(spec: FileSpec, path: Path | str, tools: Tools, *, atomic: bool = True) -> int:
    """Write `spec` at `path`; returns its size in bytes. `atomic`: through a
    new file, replaced in one step, so that a reader never sees half a file
    (a preview, whose files are read while it rebuilds). A build writes into
    a folder nobody reads yet, as MkDocs writes its pages: at `path` itself,
    which is let go if the file cannot be made. Either way a folder is made
    only when the file cannot be opened for the lack of it: a site has
    thousands of files in folders made once (on a slow disk, asking for a
    folder that exists costs about what writing a small file does)."""
    path = Path(path)
    making = path.with_name(path.name + ".part") if atomic else path
    try:
        stream = open(making, "wb")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = open(making, "wb")
    try:
        with stream:
            spec.write(stream, tools)
            size = stream.tell()
    except BaseException:
        making.unlink(missing_ok=True)
        raise
    if atomic:
        os.replace(making, path)
    return size


class MakingFailed(Exception):
    """A file could not be made in the second process (the message holds its traceback)."""


def can_fork() -> bool:
    return hasattr(os, "fork")


def _fork() -> int:
    """`os.fork()`, without Python's warning of a fork among threads.

    A child has only the thread that forked it, so Python (3.12 and later)
    warns when a process with other threads forks: a lock one of them held
    would stay held in the child. `mkdocs serve` rebuilds while its server's
    threads run, and a teacher would see that warning at every edit. The
    children here run only Flipfolio's code on what the process has loaded,
    write to no terminal, and take no lock those threads use (Python makes
    its own locks, logging's among them, new in a child)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"This process \(pid=\d+\) is multi-threaded, use of fork\(\)",
                                DeprecationWarning)
        return os.fork()


#: How many `collector_paused` calls are on (the collector gets its frozen objects back at 0).
_pauses = 0


def collector_paused() -> None:
    """Move every object there is now out of the cyclic garbage collector's
    reach (`gc.freeze`) until as many `collector_resumed` calls: its passes over
    everything cost a large portfolio's build a tenth of a second each, and
    touch (so copy) every page a forked child shares. Pauses nest (a preview's
    rebuild, a `Maker` in it); objects made meanwhile are collected as usual."""
    global _pauses
    gc.freeze()
    _pauses += 1


def collector_resumed() -> None:
    """End one `collector_paused`; the last gives the collector its objects back."""
    global _pauses
    _pauses = max(0, _pauses - 1)
    if _pauses == 0:
        gc.unfreeze()


#: The hidden folder of a site where `empty_aside` moves the previous build's
#: files (MkDocs' emptying of a site leaves hidden names alone).
ASIDE = ".flipfolio-previous"


def empty_aside(directory: str) -> Callable[[], None] | None:
    """Empty the site folder `directory` as MkDocs does before a build (every
    entry but hidden ones), without waiting for it: each entry is moved, in
    one rename, into a hidden folder of the site (`ASIDE`), which ``rm -rf``
    deletes while the build goes on (a large site's previous build is
    thousands of files; deleting them took a twentieth of a build). Returns a
    function that waits for it: a build calls it before it ends, so that
    nothing of the previous site is left. None where there is no ``rm`` (or
    the system is not POSIX): MkDocs empties the folder as usual (it also
    deletes what could not be moved, a mount point say)."""
    remove = shutil.which("rm") if os.name == "posix" else None
    if remove is None or not os.path.isdir(directory):
        return None
    aside = os.path.join(directory, ASIDE)
    # A folder of its own in it: what a build stopped on its way left there is deleted with it.
    mine = os.path.join(aside, str(os.getpid()))
    try:
        os.makedirs(mine, exist_ok=True)
    except OSError:
        return None
    for entry in os.listdir(directory):
        if not entry.startswith("."):
            try:
                os.rename(os.path.join(directory, entry), os.path.join(mine, entry))
            except OSError:
                continue  # left for MkDocs
    deleting = subprocess.Popen([remove, "-rf", "--", aside], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait() -> None:
        deleting.wait()
        shutil.rmtree(aside, ignore_errors=True)  # (gone, unless rm could not delete something)

    return wait


#: Fewer items than this are not worth a second process.
IN_TWO_FROM = 64


def in_two(function: Callable[[Any], Any], items: Sequence) -> list:
    """``[function(item) for item in items]``, every second item worked out by
    a child process where the system can fork (loading a large portfolio, before
    `Maker` forks: the files are read in parallel). `function` must be pure:
    what it changes in the child stays there. Values come back as pickles; the
    loader's notes on msgspec structs (``entry._file``) come with them. When the
    child fails, its items are worked out here: the result is always the same."""
    items = list(items)
    if len(items) < IN_TWO_FROM or not can_fork():
        return [function(item) for item in items]
    read, write = os.pipe()
    try:
        pid = _fork()
    except OSError:  # no second process to be had (too many processes, no memory): all of them here
        os.close(read), os.close(write)
        return [function(item) for item in items]
    if pid == 0:  # pragma: no cover - the child (checked by what it hands back)
        code = 0
        try:
            os.close(read)
            gc.disable()  # short-lived: the collector would only touch (and so copy) the parent's pages
            with os.fdopen(write, "wb") as stream:
                _Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump([function(item) for item in items[1::2]])
        except BaseException:  # noqa: BLE001 - the parent works the items out itself
            code = 1
        finally:
            os._exit(code)
    os.close(write)
    theirs = None
    try:
        with os.fdopen(read, "rb") as stream:
            mine = [function(item) for item in items[0::2]]
            try:
                theirs = pickle.load(stream)
            except Exception:  # noqa: BLE001 - the child failed: its items are worked out below
                theirs = None
    except BaseException:
        os.kill(pid, signal.SIGKILL)
        raise
    finally:
        os.waitpid(pid, 0)
    if not isinstance(theirs, list) or len(theirs) != len(items) // 2:
        theirs = [function(item) for item in items[1::2]]
    result = [None] * len(items)
    result[0::2], result[1::2] = mine, theirs
    return result


def _with_notes(reduced: tuple, notes: dict) -> Any:
    made = reduced[0](*reduced[1])
    made.__dict__.update(notes)
    return made


class _Pickler(pickle.Pickler):
    """Pickles msgspec structs with what was noted on them (their ``__dict__``,
    which msgspec's own pickling leaves out)."""

    def reducer_override(self, obj):
        if isinstance(obj, msgspec.Struct) and getattr(obj, "__dict__", None):
            return _with_notes, (obj.__reduce__(), dict(obj.__dict__))
        return NotImplemented


class _Claims:
    """Which of `count` jobs are taken: the child takes them from the front,
    the engine's process from the back once its pages are done, until they
    meet. Two numbers in memory both processes share; a byte in a pipe is the
    lock (whoever reads it holds it)."""

    def __init__(self, count: int):
        # Anonymous and shared: the child sees the same numbers.
        self.shared = mmap.mmap(-1, 8)
        struct.pack_into("ii", self.shared, 0, 0, count)
        self.lock, self.unlock = os.pipe()
        os.write(self.unlock, b"1")

    def take(self, from_back: bool) -> int | None:
        """A job to make, or None when every job is taken."""
        os.read(self.lock, 1)
        try:
            front, back = struct.unpack_from("ii", self.shared)
            if front >= back:
                return None
            if from_back:
                back -= 1
                taken = back
            else:
                taken, front = front, front + 1
            struct.pack_into("ii", self.shared, 0, front, back)
            return taken
        finally:
            os.write(self.unlock, b"1")

    def close(self) -> None:
        os.close(self.lock)
        os.close(self.unlock)
        self.shared.close()


class Maker:
    """The files `jobs` ((spec, where to write it)) written by a child process.

    `start` forks; `more` waits for the next file's size (False when no more
    will come); `finish` makes, in this process, the files the child has not
    started yet (from the last back), then waits for the child and raises
    what failed; `stop` ends the child (a build that failed elsewhere).
    `on_size(path, size)` is called in this process for each file made.
    `parts`: a preview's `render.Parts`, which gets the parts of the files the
    child rendered (a booklet's sheets, the feed's entries) once it is done.
    `atomic`: see `write_file`."""

    def __init__(self, jobs: Iterable[tuple[FileSpec, Path]], tools: Tools, on_size: Callable[[str, int], None],
                 parts=None, atomic: bool = True):
        self.jobs = sorted(jobs, key=lambda job: not job[0].sized)  # (stable: otherwise in the given order)
        self.tools, self.on_size, self.parts = tools, on_size, parts
        self.atomic = atomic  # each file written through a new file (`write_file`)
        self.pid: int | None = None
        self._reports = None
        self._failure: BaseException | None = None
        self._done = False
        self._claims: _Claims | None = None

    def start(self) -> None:
        self._claims = _Claims(len(self.jobs))
        read, write = os.pipe()
        # The objects both processes hold (the portfolio, the templates) move out of the
        # collector's reach until the child is done: its passes would touch, and so copy,
        # every page of them (`finish` and `stop` give them back).
        collector_paused()
        try:
            pid = _fork()
        except BaseException:  # no child (too many processes, no memory): nothing paused for it
            collector_resumed()
            os.close(read), os.close(write)
            self._close()
            raise
        if pid == 0:  # pragma: no cover - the child (its work is checked by what it writes)
            os.close(read)
            self._child(write)
        os.close(write)
        self.pid = pid
        self._reports = os.fdopen(read, "rb")

    def _child(self, fd: int) -> None:
        code = 0
        try:
            with os.fdopen(fd, "wb") as reports:
                spec, later = None, []
                mark = self.parts.mark() if self.parts is not None else None
                try:
                    while (taken := self._claims.take(from_back=False)) is not None:
                        spec, path = self.jobs[taken]
                        report = ("size", spec.path, write_file(spec, path, self.tools, atomic=self.atomic))
                        if spec.sized:  # a page waits for it
                            pickle.dump(report, reports)
                            reports.flush()
                        else:
                            # Said once the child is done: the engine reads reports only when a page
                            # waits, and a full pipe would stop the child until the end.
                            later.append(report)
                    spec = None
                    rendered = self.parts.since(mark) if self.parts is not None else None
                    reports.write(pickle.dumps(("sizes", later, rendered)))
                except ContentError as error:  # what the author can fix: said as the one process says it
                    reports.write(pickle.dumps(("failed", error)))
                    code = 1
                except BaseException:  # noqa: BLE001 - anything else goes to the engine's process, with its trace
                    where = f"{spec.path}: " if spec is not None else ""
                    reports.write(pickle.dumps(("failed", MakingFailed(where + traceback.format_exc()))))
                    code = 1
        finally:
            os._exit(code)  # never the parent's exit handlers, buffers or test runner

    def more(self) -> bool:
        """Wait for the next file; False when no more will come (all made, or a failure)."""
        if self._done or self._reports is None:
            return False
        try:
            report = pickle.load(self._reports)
        except EOFError:
            report = None
        if report is not None and report[0] == "size":
            self.on_size(report[1], report[2])
            return True
        if report is not None and report[0] == "sizes":
            for _, path, size in report[1]:
                self.on_size(path, size)
            if report[2] is not None and self.parts is not None:
                self.parts.take(report[2])
            return True
        if report is not None:
            self._failure = report[1]
        self._done = True
        return False

    def finish(self) -> None:
        """Make what the child has not started, wait until every file is made; raise what failed."""
        if self.pid is None:
            return
        try:
            while not self._done and (taken := self._claims.take(from_back=True)) is not None:
                spec, path = self.jobs[taken]
                try:
                    size = write_file(spec, path, self.tools, atomic=self.atomic)
                except ContentError:
                    raise
                except Exception:  # said as the second process says it, whichever took the file
                    raise MakingFailed(f"{spec.path}: " + traceback.format_exc()) from None
                self.on_size(spec.path, size)
            while self.more():
                pass
        except BaseException:
            # A file this process made failed: the child is ended, and the collector gets its
            # objects back (a preview would otherwise keep them out of its reach for good).
            self.stop()
            raise
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        self._close()
        collector_resumed()
        if self._failure is not None:
            raise self._failure
        if status != 0:
            raise MakingFailed(f"the process making the site's files ended with status {status}")

    def stop(self) -> None:
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except OSError:  # pragma: no cover - gone already
                pass
            self.pid = None
            collector_resumed()
        self._close()
        self._done = True

    def _close(self) -> None:
        if self._reports is not None:
            self._reports.close()
            self._reports = None
        if self._claims is not None:
            self._claims.close()
            self._claims = None
