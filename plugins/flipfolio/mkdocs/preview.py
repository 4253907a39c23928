"""What `mkdocs serve` keeps from one build to the next, so that an edit shows fast.

MkDocs builds the whole site again after every save. A portfolio of a
thousand lessons has a thousand lesson pages, print views and class pages,
and an edit touches one lesson: the preview keeps what each of those was made
from and what it made, and makes again only what an edit changed.

What a lesson's page and files are made from is known by file: the lesson's
own files (its Markdown file, the captions of its videos, its question set,
its unit's file, the files of what else its page shows, such as the
credentials it is evidence for: `Feature.shows`) and everything else in the portfolio folder, the site's
configuration, its docs and template folders, the build date and which items
are published (the "shared" part), and the figures its pages show that are
worked out from more than its files (its share of its unit's minutes:
`Feature.figures`). Each lesson gets a key, a digest of all of that; a lesson
page or a file made from lessons is made again when its key changed, and
taken from the previous build when not; so is a unit's page, under a key of
the unit and its lessons. Pages that list items of every unit (indexes,
credentials, this week) are made every time, and
a file made from many lessons (a unit's booklet) whenever one of them changed,
but each lesson's part of them (a row, a sheet) is kept under the lesson's key
(`render.Parts`).

The server finds an edit by comparing the folders it watches with what it
saw last, every half second: where the system tells of files written, it
compares at once (`Nudge`), and it compares nothing while a rebuild runs
(`polling_paused`).

Whatever is kept, the preview shows what a fresh start on the same files
shows (tests/test_serve.py compares every file). A `mkdocs build` never
uses any of it: the plugin makes a `Preview` only when serving.
"""

from __future__ import annotations

import gc
import hashlib
import os
import shutil
import signal
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from ..core import clock
from ..core import features as registry
from ..core import privacy
from ..core.keep import Keep
from ..core.making import collector_paused, collector_resumed
from ..core.outputs import FileSpec, PageSpec, content_date
from ..core.render import Parts

log = get_plugin_logger(__name__)

#: Files larger than this are known by size and modification time, not read (videos).
_READ_LIMIT = 1 << 21
_STAMPED = "stamp:"  # a digest of a file larger than _READ_LIMIT: its size and modification time
_SETTLED = 2_000_000_000  # ns: a file changed this long before it was read is not read again unchanged (`_digests`)


@dataclass
class KeptPage:
    """A page as the previous build made it (a lesson's, a unit's: `PageSpec.made_from`)."""

    key: str
    body: str  # its text as HTML (MkDocs' Markdown), which the privacy page reads
    #: The page's content, as Flipfolio rendered it, for a site without search (search's entries are
    #: kept instead: a thousand lessons' content would be some 50 MB of the preview's memory).
    content: str | None
    toc: Any  # MkDocs' table of contents of the page
    file: Path  # the page the theme made, as written (the site links it: see `place_page`)
    warnings: list[str] = field(default_factory=list)  # the content checks' findings, said again
    #: Its text's links to a part of a page ((the page's key, (file, line, link, part))), checked again.
    part_links: list = field(default_factory=list)
    search: list[dict] | None = None  # its entries in Material's search index
    ids: frozenset = frozenset()  # the ids of its content, which a link to a part of it may name


class Preview:
    def __init__(self) -> None:
        self.keep = Keep()
        self.pages: dict[str, KeptPage] = {}
        self.files: dict[str, tuple[str, Path, int]] = {}  # output path -> (key, file, size)
        self._folder = tempfile.TemporaryDirectory(prefix="flipfolio-preview-")
        self._lesson_keys: dict[str, str] = {}
        self.shared = ""  # the key of what every page is made from (see `begin`)
        self.site = ""  # the fingerprint of the site's own files at the last `begin`
        #: Pages made every time: their search entries and content checks' findings, by the digest
        #: of what was indexed and checked (the content Flipfolio rendered, or for a page of the
        #: docs folder the page as written), so that neither is done again for the same HTML.
        self.checked: dict[str, tuple[str, list | None, list[str]]] = {}
        self.audited: dict[str, tuple[str, list[str]]] = {}
        self._file_keys: dict[str, str] = {}  # portfolio path -> digest of its bytes
        self._figures: dict[tuple[str, str], str] = {}  # (kind, id) -> its figures (`Feature.figures`)
        self._part_keys: dict[tuple[str, str], str | None] = {}  # (kind, id) -> `part_key`, this build's
        self._statuses: dict[str, tuple] = {}  # what `_digests` saw of each file it read
        self._addresses: dict[str, list[tuple[str, str]]] = {}  # page HTML -> the addresses in it
        self._seen_html: set[str] = set()
        #: Each lesson's part (a row, a sheet) of pages and files made from many, by its key (`render.Parts`).
        self.parts = Parts(self.part_key)
        #: Whether lesson pages are kept (not when the navigation shows them: see the plugin's on_nav).
        self.enabled = True
        self.collector = Collector()
        self._stops = _stop_as_interrupt()  # the signals it now takes

    def close(self) -> None:
        self.collector.close()
        self._folder.cleanup()
        for number in self._stops:
            if signal.getsignal(number) is _interrupt:
                signal.signal(number, signal.SIG_DFL)
        self._stops = []

    # ---- Keys

    def look(self, folder: Path) -> None:
        """Read every file of the portfolio folder, before a load: their digests
        are this build's keys (`begin`) and what the load's `keep` compares."""
        self._file_keys = digests = _digests(folder, self._statuses)
        stamps = {}
        roots = {os.path.abspath(folder), os.path.realpath(folder)}  # (captions are found by their real path)
        for path, digest in digests.items():
            if not digest.startswith(_STAMPED):  # a digest of the bytes, not a large file's size and time
                for root in roots:
                    stamps[os.path.join(root, path)] = digest
        self.keep.stamps = stamps

    def begin(self, config, portfolio, site: str | None = None) -> None:
        """Work out this build's keys, after the portfolio is loaded (`site`: the
        site's fingerprint, when worked out already); `look` read its files first."""
        self.site = site if site is not None else _site_fingerprint(config)
        digests = self._file_keys
        lessons = portfolio.everything.get("lessons") or {}
        shown: dict[str, set[str]] = {}  # what else a lesson's page shows (`Feature.shows`)
        for shows in registry.hooks("shows"):
            for item, other in shows(portfolio):
                if getattr(item, "kind", "") == "lessons" and getattr(other, "path", None):
                    shown.setdefault(item.id, set()).add(os.path.normpath(other.path))
        figures: dict[tuple[str, str], list[str]] = {}  # figures worked out from more than an item's files
        for found in registry.hooks("figures"):
            for item, value in found(portfolio):
                figures.setdefault((getattr(item, "kind", ""), getattr(item, "id", "")), []).append(repr(value))
        self._figures = {key: "\0".join(values) for key, values in figures.items()}
        owned: dict[str, list[str]] = {}
        for lesson_id, lesson in lessons.items():
            owned[lesson_id] = sorted(_own_files(portfolio, lesson) | shown.get(lesson_id, set()))
        mine = {path for paths in owned.values() for path in paths}
        shared = hashlib.blake2b(digest_size=16)
        for path in sorted(digests):
            if path not in mine:
                shared.update(f"{path}\0{digests[path]}\n".encode())
        shared.update(self.site.encode())
        for kind, found in sorted(portfolio.items.items()):
            published = sorted(found) if isinstance(found, dict) else [found is not None]
            shared.update(f"{kind}:{published}\n".encode())
        for kind, found in sorted(portfolio.everything.items()):  # a link to a draft depends on it being one
            drafts = sorted(i for i, item in found.items() if getattr(item, "is_draft", False)) \
                if isinstance(found, dict) else []
            shared.update(f"{kind} drafts:{drafts}\n".encode())
        shared.update(f"{content_date(portfolio)} {_today(portfolio)} {os.environ.get('FLIPFOLIO_RECIPIENT', '')}"
                      .encode())
        base = shared.hexdigest()
        self._lesson_keys, self._part_keys = {}, {}
        for lesson_id, paths in owned.items():
            key = hashlib.blake2b(f"{base}\0{lesson_id}\0{self._figures.get(('lessons', lesson_id), '')}".encode(),
                                  digest_size=16)
            for path in paths:
                key.update(f"{path}\0{digests.get(path, '-')}\n".encode())
            self._lesson_keys[lesson_id] = key.hexdigest()
        self.shared = base

    @staticmethod
    def site_fingerprint(config) -> str:
        """A digest of the site's own files (`_site_fingerprint`)."""
        return _site_fingerprint(config)

    def page_key(self, spec: PageSpec) -> str | None:
        """The key of a page made from a few items (None: made every time)."""
        if not self.enabled or spec.made_from is None:
            return None
        return self._key(spec.src, (*spec.made_from, spec.item))

    def file_key(self, spec: FileSpec) -> str | None:
        """The key of a file made from items (None: made every time)."""
        if not callable(spec.content) and spec.template is None and spec.writer is None:
            return None  # its bytes are made already
        return self._key(spec.path, (*spec.made_from, spec.item))

    def _key(self, path: str, made_from) -> str | None:
        items = [item for item in made_from if item is not None]
        if not items:
            return None
        key = hashlib.blake2b(f"{self.shared}\0{path}".encode(), digest_size=16)
        for item in items:
            kind, item_id = getattr(item, "kind", ""), getattr(item, "id", "")
            if kind == "lessons":
                part = self._lesson_keys.get(item_id, "-")
            else:
                part = self._file_keys.get(os.path.normpath(getattr(item, "path", "") or "-"), "-") \
                    + "\0" + self._figures.get((kind, item_id), "")
            key.update(f"{kind}/{item_id}\0{part}\n".encode())
        return key.hexdigest()

    def part_key(self, item) -> str | None:
        """The key of what an item's part of a page is made from (`render.Parts`):
        for a lesson, its key; for any other item, its file's and the shared one
        (None for an item of no file of its own: its parts are made every time)."""
        if not self.shared or (getattr(item, "kind", "") != "lessons" and not getattr(item, "path", None)):
            return None
        name = (item.kind, item.id)
        if name not in self._part_keys:  # an item has a part on several pages
            self._part_keys[name] = self._key("", (item,))
        return self._part_keys[name]

    def addresses(self, html: str) -> list[tuple[str, str]]:
        """`privacy.addresses_in_html`, remembered for the HTML of the last build's
        pages (the privacy page reads every page at every build)."""
        found = self._addresses.get(html)
        if found is None:
            found = self._addresses[html] = privacy.addresses_in_html(html)
        self._seen_html.add(html)
        return found

    def forget_unseen(self) -> None:
        """Let go of what was remembered of pages no longer in the site (at the end of a build)."""
        self._addresses = {html: found for html, found in self._addresses.items() if html in self._seen_html}
        self._seen_html = set()
        self.parts.end_build()

    # ---- Pages

    def keep_page(self, src: str, key: str, data: bytes, dest: str) -> Path:
        """Keep the page `src` as made (`data`) and place it in the site at `dest`."""
        folder = Path(self._folder.name) / "pages"
        folder.mkdir(exist_ok=True)
        file = folder / f"{key}.html"  # a new file for new content: the site may link the old one
        file.write_bytes(data)
        old = self.pages.get(src)
        if old is not None and old.file != file:
            old.file.unlink(missing_ok=True)
        place(file, dest)
        return file

    # ---- Files

    def file(self, spec: FileSpec, key: str | None) -> tuple[Path, int] | None:
        """The file the previous build made for `spec`, when its key is the same."""
        found = self.files.get(spec.path)
        if key is not None and found is not None and found[0] == key and os.path.isfile(found[1]):
            return found[1], found[2]
        return None

    def place(self, spec: FileSpec) -> Path:
        """Where a file the preview keeps is written."""
        return Path(self._folder.name) / spec.path

    def made(self, spec: FileSpec, key: str | None, written: Path, size: int) -> None:
        """Note the file written for `spec` (kept under `key`; None: made every time)."""
        if key is not None:
            self.files[spec.path] = (key, written, size)
        else:
            self.files.pop(spec.path, None)


def _own_files(portfolio, lesson) -> set[str]:
    """The lesson's own files, as paths in the portfolio folder: its Markdown,
    its videos' captions, its question set and its unit's file."""
    files = {lesson.path}
    for video in getattr(lesson, "videos", ()) or ():
        files.update(track.file for track in getattr(video, "tracks", ()) or ())
    everything = portfolio.everything
    qset = (everything.get("question_sets") or {}).get(getattr(lesson, "questions", None) or "")
    if qset is not None:
        files.add(qset.path)
    unit = (everything.get("units") or {}).get(getattr(lesson, "unit", None) or "")
    if unit is not None:
        files.add(unit.path)
    return {os.path.normpath(f) for f in files if f}


def _digests(folder: Path, known: dict[str, tuple] | None = None) -> dict[str, str]:
    """Every file of the portfolio folder, by its path in it: a digest of its bytes.

    `known` (kept from one call to the next: path -> (status, digest, when
    read)) spares reading a file again whose status (size, times, inode) is
    the same as when it was read, if it had not changed within `_SETTLED` of
    that reading: as git trusts its index, a change saved in the same tick of
    the file system's clock as the reading is not missed (it is read again
    until it is older than that)."""
    found = {}
    now = time.time_ns()
    for top, dirs, names in os.walk(folder):
        dirs.sort()
        inside = os.path.relpath(top, folder)  # once per folder: a thousand lessons are a folder
        for name in names:
            path = os.path.join(top, name)
            relative = name if inside == os.curdir else os.path.join(inside, name)
            try:
                stat = os.stat(path)
                if stat.st_size > _READ_LIMIT:
                    found[relative] = f"{_STAMPED}{stat.st_size}:{stat.st_mtime_ns}"
                    continue
                status = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
                seen = known.get(path) if known is not None else None
                if seen is not None and seen[0] == status and max(status[1], status[2]) < seen[2] - _SETTLED:
                    found[relative] = seen[1]
                    continue
                with open(path, "rb") as stream:
                    found[relative] = digest = hashlib.blake2b(stream.read(), digest_size=16).hexdigest()
                if known is not None:
                    known[path] = (status, digest, now)
            except OSError:
                found[relative] = "unreadable"
    return found


def _site_fingerprint(config) -> str:
    """The site's own files: its configuration, docs and template folders and
    whatever else the preview watches (by size and modification time), which
    any page may show."""
    parts = []
    config_file = config.config_file_path
    if config_file and os.path.isfile(config_file):
        parts.append(Path(config_file).read_bytes().hex())
    for folder in (config.docs_dir, config.theme.custom_dir, *(config.get("watch") or ())):
        if folder and os.path.isfile(folder):
            stat = os.stat(folder)
            parts.append(f"{folder}:{stat.st_size}:{stat.st_mtime_ns}")
        if not folder or not os.path.isdir(folder):
            continue
        for top, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(top, name)
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                parts.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def _today(portfolio) -> str:
    """What the pages' dates are worked out from (the this-week page, credential
    statuses): the build date given, or today in UTC and in the portfolio's time zone."""
    import datetime as dt
    import zoneinfo

    given = [os.environ.get(name, "") for name in (clock.BUILD_DATE_ENV, clock.EPOCH_ENV)]
    now = dt.datetime.now(dt.timezone.utc)
    zone = getattr(portfolio.profile, "time_zone", None) if portfolio.items.get("profile") else None
    try:
        local = now.astimezone(zoneinfo.ZoneInfo(zone)).date() if zone else None
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):
        local = None
    return f"{given} {now.date()} {local}"


def place(file: Path, dest: str) -> None:
    """Put the file the preview keeps at `dest` in the site: a hard link, or a
    copy where a link cannot be made."""
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    if os.path.lexists(dest):
        os.remove(dest)
    try:
        os.link(file, dest)
    except OSError:
        shutil.copyfile(file, dest)


# ---- Watching


@contextmanager
def polling_paused(observer, nudge: Nudge | None = None):
    """While the block runs, the observer of `mkdocs serve` does not look at
    the folders (its polling emitters only wait out their interval, where
    reading a portfolio of 1,000 lessons takes 0.1 s each time), so that a
    rebuild does not share the processor with it. Once the block is over, its
    next look compares the folders with what it saw before, and finds what
    was saved meanwhile (at once, with a `nudge`). Nothing is held that an
    interrupted rebuild could leave held."""
    paused = []
    try:
        for emitter in sorted(getattr(observer, "emitters", None) or (), key=id):
            if callable(getattr(emitter, "_take_snapshot", None)) and callable(getattr(emitter, "queue_events", None)):
                emitter.queue_events = partial(_wait_only, emitter)  # (the emitter's loop calls it again and again)
                paused.append(emitter)
        yield
    finally:
        for emitter in paused:
            emitter.__dict__.pop("queue_events", None)
        if nudge is not None:
            nudge.look()


def _wait_only(emitter, timeout) -> None:
    stopped = getattr(emitter, "stopped_event", None)
    if stopped is not None:
        stopped.wait(timeout)
    else:
        time.sleep(timeout)


class Collector:
    """Python's cyclic garbage collector, in a preview. What the previous
    builds made and kept (a thousand lessons' pages, parts and files, the
    loaded portfolio) is millions of objects, and one full pass of the
    collector over them costs a rebuild a tenth of a second, about one
    rebuild in two. While a rebuild runs (`paused`), the collector passes only
    over the objects made in it; the full pass comes once the preview is idle,
    `after` seconds past the rebuild (a rebuild that starts first puts it off
    again), so what the last build let go of is still freed. A teacher whose
    editor saves as they type never leaves it idle that long: after `most`
    rebuilds without a full pass, the next one starts with one (what a
    rebuild lets go of, about a mebibyte at 1,000 lessons, would otherwise
    pile up for as long as the typing goes on)."""

    def __init__(self, after: float = 2.0, most: int = 10) -> None:
        self.after, self.most = after, most
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._without = 0  # rebuilds since the last full pass

    @contextmanager
    def paused(self):
        if not self._cancel():
            self._without = 0  # the idle pass ran (or none was due)
        if self._without >= self.most:
            gc.collect()
            self._without = 0
        self._without += 1
        collector_paused()
        try:
            yield
        finally:
            collector_resumed()
            with self._lock:
                self._timer = threading.Timer(self.after, gc.collect)
                self._timer.daemon = True
                self._timer.start()

    def close(self) -> None:
        self._cancel()

    def _cancel(self) -> bool:
        """Put off the idle pass; whether there was one still to come."""
        with self._lock:
            timer, self._timer = self._timer, None
        if timer is None:
            return False
        ran = timer.finished.is_set()  # (set once its pass is made, or by `cancel`)
        timer.cancel()
        return not ran


class Nudge:
    """Has the server look for changes in `folder` at once when the system
    says a file there changed, rather than at its next look (every half
    second): MkDocs' observer compares the folder with what it saw last,
    which works on every kind of disk (network shares, a virtual machine's
    shared folders), and the system's own notices (inotify, FSEvents, …),
    where they work, only make it look sooner. Where they do not, nothing
    changes; the changes are always found by the observer's own comparison, so
    never twice."""

    def __init__(self, observer, folder) -> None:
        from watchdog import events
        from watchdog.observers import Observer
        from watchdog.utils.dirsnapshot import EmptyDirectorySnapshot

        self._first = EmptyDirectorySnapshot
        where = os.path.realpath(folder)
        self._emitters = [emitter for emitter in getattr(observer, "emitters", None) or ()
                          if os.path.realpath(getattr(getattr(emitter, "watch", None), "path", "") or "") == where
                          and hasattr(emitter, "queue_events")]
        self._wanted, self._stopped = threading.Event(), False
        self._native = None
        if not self._emitters:
            return
        handler = events.FileSystemEventHandler()
        handler.on_any_event = lambda event: self._wanted.set()
        # Files written (once closed: a save truncates, then writes, and a look between the two
        # would find it changed twice), made, removed or renamed; not files read (a rebuild reads
        # them all). A file kept open as it is written is found by the observer's own looks.
        written = [events.FileClosedEvent, events.FileCreatedEvent, events.FileDeletedEvent, events.FileMovedEvent,
                   events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]
        try:
            native = Observer()
            native.schedule(handler, where, recursive=True, event_filter=written)
            native.daemon = True
            native.start()
        except Exception:  # noqa: BLE001 - no notices here (a limit reached, a disk without them): look as before
            return
        self._native = native
        threading.Thread(target=self._look, name="flipfolio-nudge", daemon=True).start()

    def _look(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopped:
                return
            self._wanted.clear()  # notices that come while it looks make it look once more
            for emitter in self._emitters:
                # Once the observer has seen the folder once (else it would see every file as new).
                if emitter.is_alive() and not isinstance(getattr(emitter, "_snapshot", None), self._first):
                    try:
                        emitter.queue_events(0)
                    except Exception:  # noqa: BLE001 - the observer's own looks go on, and say what is wrong
                        log.debug("preview: looking for changes at once failed", exc_info=True)

    def look(self) -> None:
        """Have the observer look now (where the system's notices work)."""
        if self._native is not None:
            self._wanted.set()

    def close(self) -> None:
        self._stopped = True
        self._wanted.set()
        native, self._native = self._native, None
        if native is not None:
            # Stopped on the side: watchdog waits for its threads, and a preview's end need not.
            threading.Thread(target=native.stop, name="flipfolio-nudge-stop", daemon=True).start()


# ---- Stopping

#: Signals that end a preview from outside: `kill` or a service manager (SIGTERM),
#: a closed terminal or editor (SIGHUP, where there is one).
_STOPS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


def _interrupt(signum, frame):
    signal.signal(signum, signal.SIG_DFL)  # a second one stops the server at once
    raise KeyboardInterrupt


def _stop_as_interrupt() -> list:
    """Have the signals that end a preview from outside stop it as Ctrl-C
    does, so that MkDocs and the preview remove their temporary folders, which
    hold the drafts. Only signals nothing else has taken; returns those taken."""
    if threading.current_thread() is not threading.main_thread():
        return []
    taken = [number for number in _STOPS if signal.getsignal(number) is signal.SIG_DFL]
    for number in taken:
        signal.signal(number, _interrupt)
    return taken
