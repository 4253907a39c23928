"""The video lock folder, and what a build knows of each video.

`flipfolio videos fetch` (see `fetch.py`) is the one step that goes online; it
stores, per video, a small JSON record plus its thumbnail and caption files in
the portfolio's ``videos.lock/`` folder, which the teacher commits. A build
reads only that folder: it never touches the network and never imports
yt-dlp. `resolve` merges the record with what the teacher wrote by hand
(hand-given fields win).

A record is checked like any other portfolio file: one that is not JSON (a
merge conflict), not a set of fields, has a field of the wrong type, or names
a thumbnail or captions file that is missing or leads outside the portfolio
is ignored, and `VideoCache.problems` holds a warning naming it. A captions
file with a WEBVTT header and no cues is no captions (`has_cues`).
"""

from __future__ import annotations

import json
import math
import os
import posixpath
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import webvtt

from ..core.format import clock, is_language
from ..core.messages import language_name
from ..core.problems import Problem, RealPaths, relative, show, within
from .urls import VideoSource

LOCK_DIR = "videos.lock"
RECORD_VERSION = 1
#: A record larger than this is no record `flipfolio videos fetch` wrote.
MAX_RECORD_BYTES = 1024 * 1024
_REWRITE = "the record is ignored: run 'flipfolio videos fetch' again to rewrite it"


@dataclass(frozen=True, slots=True)
class Cue:
    start: float
    end: float
    text: str

    @property
    def clock(self) -> str:
        """'1:05' or '1:02:03' for a cue's start."""
        return clock(self.start)


@dataclass(frozen=True)
class ChapterInfo:
    start: int
    title: str

    @property
    def clock(self) -> str:
        return clock(self.start)


@dataclass(frozen=True)
class Track:
    """A captions file: `path` is relative to the portfolio folder."""

    path: str
    language: str
    kind: str  # "teacher", "manual" (uploaded by the video's owner) or "automatic"
    given_label: str | None = None  # the teacher's own name for it

    @property
    def label(self) -> str:
        """The teacher's name for it, else its language's name in that language
        (a page says so in its own words when it is automatic: `View.track_label`)."""
        return self.given_label or language_name(self.language)


@dataclass
class VideoInfo:
    """Everything a page shows of one video."""

    source: VideoSource
    title: str
    duration: int | None = None
    start: int | None = None
    end: int | None = None
    chapters: list[ChapterInfo] = field(default_factory=list)
    thumbnail: str | None = None
    captions: list[Track] = field(default_factory=list)
    cached: bool = False
    root: Path | None = None
    #: Captions files (`Track.path`) that cannot be read: no transcript in their language.
    unreadable: set[str] = field(default_factory=set)
    #: Captions files the teacher gave that hold no cue (a WEBVTT header only): not counted as captions.
    empty_captions: list[str] = field(default_factory=list)
    _cues: dict[str, list[Cue]] = field(default_factory=dict, repr=False)
    #: A preview's `core.keep.Keep`: captions files that did not change are not parsed again.
    keep: Any = field(default=None, repr=False, compare=False)

    @property
    def watch_seconds(self) -> int | None:
        """Length of the part to watch, when known."""
        return watch_length(self.duration, self.start, self.end)

    @property
    def cues(self) -> list[Cue]:
        """The transcript of the first captions file (empty when none); see `cues_of`."""
        return self.cues_of(self.captions[0]) if self.captions else []

    def cues_of(self, track: Track) -> list[Cue]:
        """The transcript in one captions file of the video (empty when it cannot be read).

        Read when first asked for and kept until `release_cues`: the loader
        reads them to check the file and keeps them for what shows them (the
        unit's offline pack, then the lesson's page, which lets them go once
        they are in it), so that a large site parses each file once and holds
        its transcripts only between loading and its pages (a few KB a video)."""
        if self.root is None or track.path in self.unreadable:
            return []
        cues = self._cues.get(track.path)
        if cues is None:
            path = self.root / track.path
            cues = read_cues(path) if self.keep is None else self.keep.read("cues", path, lambda: read_cues(path))
            self._cues[track.path] = cues
        return cues

    def has_cues(self, track: Track, cues: list[Cue]) -> None:
        """The cues of `track`, parsed already (a build's load parses the files in two processes)."""
        self._cues[track.path] = cues

    @property
    def transcripts(self) -> list[tuple[Track, list[Cue]]]:
        """Each captions file with cues and its cues, in the order of `captions`
        (the first is the one a player shows by default)."""
        found = []
        for track in self.captions:
            cues = self.cues_of(track)
            if cues:
                found.append((track, cues))
        return found

    def release_cues(self) -> None:
        self._cues = {}

    @property
    def embed_url(self) -> str | None:
        return self.source.embed_url(self.start, self.end)


def watch_length(duration: int | None, start: int | None, end: int | None) -> int | None:
    """How long the part of a video from `start` to `end` lasts (either may be
    left out: the beginning, the end), when its `duration` is known."""
    if duration is None:
        return None
    end = min(end, duration) if end is not None else duration
    return max(0, end - (start or 0))


_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}")
_TAG = re.compile(r"<[^>]*>")


def has_cues(path: Path) -> bool:
    """Whether a WebVTT file holds at least one cue with text (a header alone is no captions).

    Raises `OSError` or `UnicodeDecodeError` when the file cannot be read. The
    first cue is near the start: the rest of a long file is read only when it
    is not found there."""
    with open(path, encoding="utf-8-sig") as handle:
        start = handle.read(64 * 1024)
        if _first_cue(start):
            return True
        rest = handle.read()
    return bool(rest) and _first_cue(start + rest)


def _first_cue(text: str) -> bool:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        if "-->" in line and _TIMING.match(line):
            for following in lines[index + 1:]:
                if not following.strip():
                    break
                if _TAG.sub("", following).strip():
                    return True
    return False


def read_cues(path: Path) -> list[Cue]:
    """Cues of a WebVTT file, with repeated rolling lines (automatic captions) merged."""
    captions = webvtt.read(str(path))
    cues: list[Cue] = []
    for caption in captions:
        text = " ".join(line.strip() for line in caption.text.splitlines() if line.strip())
        if not text:
            continue
        if cues and text == cues[-1].text:
            continue
        cues.append(Cue(caption.start_time.in_milliseconds() / 1000, caption.end_time.in_milliseconds() / 1000, text))
    return cues


class VideoCache:
    """Read and write the records in a portfolio's lock folder."""

    def __init__(self, portfolio_root: Path, real: RealPaths | None = None):
        self.root = Path(portfolio_root)
        self.folder = self.root / LOCK_DIR
        self._records: dict[str, dict | None] = {}
        #: Warnings about records that are ignored, one per thing wrong, each naming the record file.
        self.problems: list[Problem] = []
        #: Real paths of files in the portfolio (the load's, `model.Portfolio.real`).
        self.real = real if real is not None else RealPaths(self.root)

    def path(self, name: str) -> str:
        """A lock-folder file's path relative to the portfolio folder."""
        return f"{LOCK_DIR}/{name}"

    def get(self, key: str) -> dict | None:
        """The record of a video, or None when there is none or it is ignored (see `problems`)."""
        if key not in self._records:
            self._records[key] = self._read(key)
        return self._records[key]

    def read_all(self) -> list[Problem]:
        """Read and check every record of the lock folder (not only those of the
        videos asked for so far); returns `problems`."""
        if self.folder.is_dir():
            for file in sorted(self.folder.glob("*.json")):
                if not file.name.startswith(".") and file.is_file():
                    self.get(file.stem)
        return self.problems

    def _read(self, key: str) -> dict | None:
        file = self.folder / f"{key}.json"
        name = relative(file, self.root.parent)

        def ignore(message: str, **kw) -> None:
            self.problems.append(Problem(name, f"{message}; {_REWRITE}", severity="warning", **kw))

        try:
            if file.stat().st_size > MAX_RECORD_BYTES:
                ignore("the video record is too large to be one 'flipfolio videos fetch' wrote")
                return None
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as exc:
            ignore(f"the video record is not UTF-8 text (byte {exc.start})")
            return None
        except OSError as exc:
            ignore(f"the video record cannot be read ({exc.strerror or exc})")
            return None
        conflict = re.search(r"^(<{7}|={7}|>{7})(?:[ \t].*)?$", text, re.MULTILINE)
        if conflict:
            ignore("the video record has the marks of a git merge conflict ('<<<<<<<', '=======', '>>>>>>>')",
                   line=text.count("\n", 0, conflict.start()) + 1)
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            ignore(f"the video record is not valid JSON ({exc.msg})", line=exc.lineno)
            return None
        except (ValueError, RecursionError) as exc:  # numbers of thousands of digits, nesting thousands deep
            ignore(f"the video record is not valid JSON ({type(exc).__name__})")
            return None
        wrong = check_record(data, self.folder, self.root)
        if wrong:
            for field_name, message in wrong:
                ignore(message, field=field_name)
            return None
        return self._drop_empty_captions(data)

    def _drop_empty_captions(self, record: dict) -> dict:
        # A captions file with a header and no cue is no captions.
        captions = record.get("captions")
        if not captions:
            return record
        kept = {}
        for language, track in captions.items():
            try:
                if not has_cues(self.folder / track["file"]):
                    continue
            except (OSError, ValueError):
                pass  # read again for the transcript, which names the problem
            kept[language] = track
        return record if len(kept) == len(captions) else {**record, "captions": kept}

    def put(self, key: str, record: dict) -> None:
        """Write a record atomically: a reader sees the old one or the new one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
        os.replace(tmp, self.folder / f"{key}.json")
        self._records[key] = record


def _is_text(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _is_seconds(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and 0 <= value <= 10**9


def check_record(data: Any, folder: Path, root: Path) -> list[tuple[str, str]]:
    """What is wrong with a record of the lock folder, as (field, message) pairs; empty when it is sound."""
    if not isinstance(data, dict):
        return [("", f"the video record is not a set of fields (\"name\": value), found {show(data)}")]
    wrong: list[tuple[str, str]] = []
    for name in ("title", "uploader", "description"):
        if not _is_text(data.get(name)):
            wrong.append((name, f"expected text, found {show(data[name])}"))
    duration = data.get("duration")
    if duration is not None and (not isinstance(duration, int) or not _is_seconds(duration)):
        wrong.append(("duration", f"expected a whole number of seconds, found {show(duration)}"))
    chapters = data.get("chapters")
    if chapters is not None and not isinstance(chapters, list):
        wrong.append(("chapters", f"expected a list, found {show(chapters)}"))
    for i, chapter in enumerate(chapters if isinstance(chapters, list) else []):
        if not isinstance(chapter, dict):
            wrong.append((f"chapters[{i}]", f"expected fields, found {show(chapter)}"))
            continue
        if not _is_seconds(chapter.get("start")):
            wrong.append((f"chapters[{i}].start", f"expected a number of seconds, found {show(chapter.get('start'))}"))
        if chapter.get("end") is not None and not _is_seconds(chapter["end"]):
            wrong.append((f"chapters[{i}].end", f"expected a number of seconds, found {show(chapter['end'])}"))
        if not _is_text(chapter.get("title")):
            wrong.append((f"chapters[{i}].title", f"expected text, found {show(chapter['title'])}"))
    thumbnail = data.get("thumbnail")
    if thumbnail is not None:
        problem = _lock_file(thumbnail, "thumbnail", folder, root)
        if problem:
            wrong.append(("thumbnail", problem))
    captions = data.get("captions")
    if captions is not None and not isinstance(captions, dict):
        wrong.append(("captions", f"expected fields (a language code: the file), found {show(captions)}"))
    for language, track in (captions if isinstance(captions, dict) else {}).items():
        where = f"captions.{language}"
        if not is_language(language):
            wrong.append((where, f"expected a language code such as 'en', found {show(language)}"))
        if not isinstance(track, dict):
            wrong.append((where, f"expected fields (file, kind), found {show(track)}"))
            continue
        if not isinstance(track.get("kind", "manual"), str):
            wrong.append((where + ".kind", f"expected text, found {show(track['kind'])}"))
        problem = _lock_file(track.get("file"), "captions", folder, root)
        if problem:
            wrong.append((where + ".file", problem))
    return wrong


def _lock_file(name: Any, what: str, folder: Path, root: Path) -> str | None:
    """Why `name` is not a file of the lock folder inside the portfolio, or None."""
    if not isinstance(name, str) or not name.strip():
        return f"expected the name of the {what} file in {LOCK_DIR}/, found {show(name)}"
    if "/" in name or "\\" in name or name in (".", ".."):
        return f"expected the name of the {what} file in {LOCK_DIR}/, found {show(name)}"
    target = folder / name
    try:
        resolved = target.resolve()
        inside = resolved.is_relative_to(root.resolve())
        exists = resolved.is_file()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL in the name
        return f"the {what} file {LOCK_DIR}/{name} cannot be read"
    if not inside:
        return f"the {what} file {LOCK_DIR}/{name} leads outside the portfolio folder"
    if not exists:
        return f"the {what} file {LOCK_DIR}/{name} does not exist"
    return None


#: A line of cue timings as browsers read them (the WebVTT standard's parsing
#: rules): for each time, the hours (optional), then minutes and seconds in two
#: digits up to 59, a dot and three digits of milliseconds.
_STRICT_TIMINGS = re.compile(r"^[ \t]*(?:(\d+):)?([0-5]\d:[0-5]\d\.\d{3})[ \t]*-->[ \t]*(?:(\d+):)?"
                             r"([0-5]\d:[0-5]\d\.\d{3})(?=\s|$)", re.MULTILINE)


def _ends_after_start(timing: tuple[str, str, str, str]) -> bool:
    hours, start, end_hours, end = timing  # (minutes and seconds in fixed width: compared as text)
    return (int(end_hours or 0), end) > (int(hours or 0), start)


def timing_problems(text: str) -> list[tuple[int, str]]:
    """(line, what is wrong) for each cue of a WebVTT text whose timings a
    browser does not read, so that the player shows nothing of it (an SRT
    comma before the milliseconds, a missing zero), or that ends before it
    starts. Lines are counted from 1. (A text whose every cue is right is
    read in one pass, without Python going line by line.)"""
    timings = _STRICT_TIMINGS.findall(text)
    if len(timings) == text.count("-->") and all(map(_ends_after_start, timings)):
        return []
    found = []
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if "-->" not in line:
            continue
        shown = line.strip()
        timing = _STRICT_TIMINGS.match(line)
        if timing is None:
            how = ("a dot, not a comma, before the milliseconds" if re.search(r"\d,\d", line)
                   else "minutes and seconds as two digits up to 59, and milliseconds as three")
            found.append((number, f"'{shown}' is not a cue time a browser reads (write {how}, such as "
                                  "00:01:02.500 --> 00:01:05.000): the player shows nothing of that cue"))
        elif not _ends_after_start(timing.groups()):
            found.append((number, f"the cue '{shown}' ends before it starts: the player shows nothing of it"))
    return found


def resolve(video, cache: VideoCache, languages: list[str], keep=None) -> VideoInfo:
    """Merge a lesson's video entry with its cached record (hand-given fields win);
    `keep`: a preview's `core.keep.Keep`."""
    source = video.source
    record = cache.get(source.key) or {}
    chapters = [ChapterInfo(c.at, c.title) for c in video.chapters] or [
        ChapterInfo(int(c["start"]), c["title"]) for c in record.get("chapters") or [] if c.get("title")
    ]
    tracks: list[Track] = []
    empty: list[str] = []
    for given in video.tracks:
        try:
            path = cache.real(os.path.join(cache.root, given.file))
            # Missing, unreadable or outside the portfolio: the loader names the problem.
            cues = not within(path, cache.real.root) or (
                has_cues(path) if keep is None else keep.read("has_cues", path, lambda: has_cues(path)))
        except (OSError, RuntimeError, ValueError):
            cues = True
        if cues:
            tracks.append(Track(given.file, given.language or (languages or ["en"])[0], "teacher", given.label))
        else:
            empty.append(given.file)
    for language, track in sorted((record.get("captions") or {}).items(), key=lambda kv: _language_order(kv[0], languages)):
        if any(t.language == language for t in tracks):
            continue  # the teacher's own file wins
        tracks.append(Track(cache.path(track["file"]), language, track.get("kind", "manual")))
    # (Until the title is known: never an address's last part, such as "view?usp=sharing".)
    default_title = {"youtube": "YouTube video", "vimeo": "Vimeo video",
                     "file": posixpath.basename(source.url)}.get(source.site) or f"Video on {source.provider}"
    return VideoInfo(
        source=source,
        title=video.title or record.get("title") or default_title,
        duration=video.duration if video.duration is not None else record.get("duration"),
        start=video.start if video.start is not None else source.start,
        end=video.end if video.end is not None else source.end,
        chapters=chapters,
        thumbnail=cache.path(record["thumbnail"]) if record.get("thumbnail") else None,
        captions=tracks,
        cached=bool(record),
        root=cache.root,
        empty_captions=empty,
        keep=keep,
    )


def _language_order(language: str, languages: list[str]) -> tuple[int, str]:
    base = language.split("-")[0]
    return (languages.index(base) if base in languages else len(languages), language)
