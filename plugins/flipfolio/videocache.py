"""The video lock folder, and what a build knows of each video.

`flipfolio videos fetch` (see `fetch.py`) is the one step that goes online; it
stores, per video, a small JSON record plus its thumbnail and caption files in
the portfolio's ``videos.lock/`` folder, which the teacher commits. A build
reads only that folder: it never touches the network and never imports
yt-dlp. `resolve` merges the record with what the teacher wrote by hand
(hand-given fields win).
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import webvtt

from .video_urls import VideoSource

LOCK_DIR = "videos.lock"
RECORD_VERSION = 1


@dataclass(frozen=True)
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

    @property
    def label(self) -> str:
        names = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese"}
        name = names.get(self.language.split("-")[0], self.language)
        return name + (" (automatic)" if self.kind == "automatic" else "")


@dataclass
class VideoInfo:
    """Everything a page shows of one video."""

    source: VideoSource
    title: str
    duration: int | None = None
    start: int | None = None
    end: int | None = None
    uploader: str | None = None
    description: str = ""
    chapters: list[ChapterInfo] = field(default_factory=list)
    thumbnail: str | None = None
    captions: list[Track] = field(default_factory=list)
    cached: bool = False
    root: Path | None = None
    #: False when the captions file cannot be read: the page then shows no transcript.
    transcript: bool = True
    _cues: list[Cue] | None = field(default=None, repr=False)

    @property
    def watch_seconds(self) -> int | None:
        """Length of the part to watch, when known."""
        if self.duration is None:
            return None
        end = min(self.end, self.duration) if self.end is not None else self.duration
        return max(0, end - (self.start or 0))

    @property
    def cues(self) -> list[Cue]:
        """The transcript: cues of the first captions file (empty when none).

        Read when first asked for and kept until `release_cues`: the loader
        reads them to check the file, the page that shows them reads them
        again, and each lets them go when done, so that a large site does not
        hold every transcript at once."""
        if not self.transcript or not self.captions or self.root is None:
            return []
        if self._cues is None:
            self._cues = read_cues(self.root / self.captions[0].path)
        return self._cues

    def release_cues(self) -> None:
        self._cues = None

    @property
    def embed_url(self) -> str | None:
        return self.source.embed_url(self.start, self.end)


def clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


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

    def __init__(self, portfolio_root: Path):
        self.root = Path(portfolio_root)
        self.folder = self.root / LOCK_DIR
        self._records: dict[str, dict | None] = {}

    def path(self, name: str) -> str:
        """A lock-folder file's path relative to the portfolio folder."""
        return f"{LOCK_DIR}/{name}"

    def get(self, key: str) -> dict | None:
        if key not in self._records:
            file = self.folder / f"{key}.json"
            try:
                self._records[key] = json.loads(file.read_text(encoding="utf-8"))
            except FileNotFoundError:
                self._records[key] = None
        return self._records[key]

    def put(self, key: str, record: dict) -> None:
        """Write a record atomically: a reader sees the old one or the new one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        handle, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
        os.replace(tmp, self.folder / f"{key}.json")
        self._records[key] = record


def resolve(video, cache: VideoCache, languages: list[str]) -> VideoInfo:
    """Merge a lesson's video entry with its cached record (hand-given fields win)."""
    source = video.source
    record = cache.get(source.key) or {}
    chapters = [ChapterInfo(c.at, c.title) for c in video.chapters] or [
        ChapterInfo(int(c["start"]), c["title"]) for c in record.get("chapters") or [] if c.get("title")
    ]
    tracks: list[Track] = []
    if video.captions:
        tracks.append(Track(video.captions, video.captions_language or (languages or ["en"])[0], "teacher"))
    for language, track in sorted((record.get("captions") or {}).items(), key=lambda kv: _language_order(kv[0], languages)):
        if any(t.language == language for t in tracks):
            continue  # the teacher's own file wins
        tracks.append(Track(cache.path(track["file"]), language, track.get("kind", "manual")))
    default_title = {"youtube": "YouTube video", "vimeo": "Vimeo video"}.get(source.site) or source.url.rsplit("/", 1)[-1]
    return VideoInfo(
        source=source,
        title=video.title or record.get("title") or default_title,
        duration=video.duration if video.duration is not None else record.get("duration"),
        start=video.start if video.start is not None else source.start,
        end=video.end if video.end is not None else source.end,
        uploader=record.get("uploader"),
        description=record.get("description") or "",
        chapters=chapters,
        thumbnail=cache.path(record["thumbnail"]) if record.get("thumbnail") else None,
        captions=tracks,
        cached=bool(record),
        root=cache.root,
    )


def _language_order(language: str, languages: list[str]) -> tuple[int, str]:
    base = language.split("-")[0]
    return (languages.index(base) if base in languages else len(languages), language)
