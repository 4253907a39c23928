"""`flipfolio videos fetch`: the one step that goes online.

For each video of the portfolio it records, in the lock folder, the title,
length, uploader, chapters, description, thumbnail (downloaded) and captions
(the video owner's first, automatic ones as a fallback, in the portfolio's
languages, as WebVTT). Web videos go through yt-dlp with short timeouts and no
retries; video files in the portfolio are served on 127.0.0.1 to the same
yt-dlp pipeline, with mutagen reading their length and chapters.

A failed fetch changes nothing: files are written to a temporary folder and
moved into the lock folder only when the video's record is complete, and what
an earlier fetch stored is kept unless the new fetch found something better.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..core.model import load
from .cache import RECORD_VERSION, VideoCache
from .urls import MIME

POSTER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


class _QuietLogger:
    """yt-dlp sends everything to its logger; keep only errors, which we report ourselves."""

    def debug(self, msg):
        pass

    def info(self, msg):
        pass

    def warning(self, msg):
        pass

    def error(self, msg):
        pass


def ydl_options(out_dir: Path, key: str, languages: list[str], timeout: float) -> dict[str, Any]:
    """yt-dlp options: bounded time, no retries, metadata, thumbnail and captions only."""
    return {
        "quiet": True,
        "no_warnings": True,
        "noprogress": True,
        "logger": _QuietLogger(),
        "socket_timeout": timeout,
        "retries": 0,
        "extractor_retries": 0,
        "fragment_retries": 0,
        "noplaylist": True,
        "cachedir": False,
        "skip_download": True,
        "ignore_no_formats_error": True,
        "writethumbnail": True,
        "writesubtitles": True,
        "writeautomaticsub": True,
        "subtitleslangs": list(languages),
        "subtitlesformat": "vtt",
        "paths": {"home": str(out_dir)},
        "outtmpl": {"default": f"{key}.%(ext)s"},
    }


@dataclass
class FetchResult:
    key: str
    url: str
    ok: bool
    found: list[str] = field(default_factory=list)
    error: str | None = None
    changed: bool = False

    def __str__(self) -> str:
        if not self.ok:
            return f"failed  {self.url}: {self.error} (what was stored before is kept)"
        return f"ok      {self.url}: {', '.join(self.found) or 'nothing new'}" + ("" if self.changed else " (unchanged)")


class Fetcher:
    """Fetch metadata into a portfolio's lock folder. Use as a context manager."""

    def __init__(self, portfolio_root: Path, languages: list[str], *, timeout: float = 10.0, params: dict | None = None):
        self.cache = VideoCache(portfolio_root)
        self.root = Path(portfolio_root)
        self.languages = languages or ["en"]
        self.timeout = timeout
        self.params = params or {}
        self._tmp = Path(tempfile.mkdtemp(prefix="flipfolio-fetch-"))
        self._server: ThreadingHTTPServer | None = None
        self._pages: dict[str, str] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    # ---- Entry points

    def fetch(self, source) -> FetchResult:
        """Fetch one video (a `VideoSource`)."""
        if source.site == "file":
            return self._fetch_file(source)
        return self._run(source.key, source.url, lambda ydl: ydl.extract_info(source.url, download=True))

    def store_info(self, key: str, url: str, info: dict) -> FetchResult:
        """Put an info dict (as an extractor returns it) through yt-dlp's processing and store it."""
        return self._run(key, url, lambda ydl: ydl.process_ie_result(dict(info), download=True))

    # ---- Web videos, through yt-dlp

    def _run(self, key: str, url: str, step, overrides: dict | None = None) -> FetchResult:
        import yt_dlp  # imported here only: a build never needs it

        out = self._tmp / key
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        options = {**ydl_options(out, key, self.languages, self.timeout), **self.params}
        try:
            with yt_dlp.YoutubeDL(options) as ydl:
                info = step(ydl)
                if info and info.get("duration") is None and not overrides:
                    info = {**info, **_probe(ydl, info, self.timeout)}
        except yt_dlp.utils.DownloadError as exc:
            return FetchResult(key, url, False, error=_short(exc))
        except Exception as exc:  # an extractor bug must not stop the other videos
            return FetchResult(key, url, False, error=f"{type(exc).__name__}: {_short(exc)}")
        if not info:
            return FetchResult(key, url, False, error="no video found at this address")
        files = {}
        thumbnail = next((t["filepath"] for t in reversed(info.get("thumbnails") or []) if t.get("filepath")), None)
        if thumbnail:
            files["thumbnail"] = Path(thumbnail)
        captions = {}
        for language, sub in (info.get("requested_subtitles") or {}).items():
            path = sub.get("filepath")
            if path and sub.get("ext") == "vtt" and Path(path).is_file():
                kind = "manual" if language in (info.get("subtitles") or {}) else "automatic"
                captions[language] = (Path(path), kind)
        record = {
            "title": info.get("title"),
            "duration": _int(info.get("duration")),
            "uploader": info.get("uploader") or info.get("channel"),
            "description": (info.get("description") or "")[:5000],
            "chapters": [
                {"start": _int(c.get("start_time")) or 0, "end": _int(c.get("end_time")), "title": c.get("title")}
                for c in info.get("chapters") or []
                if c.get("title")
            ],
            "extractor": info.get("extractor_key"),
            "id": info.get("id"),
            "webpage_url": info.get("webpage_url") or url,
        }
        record.update(overrides or {})
        return self._store(key, url, record, files.get("thumbnail"), captions, f"yt-dlp {yt_dlp.version.__version__}")

    # ---- Files in the portfolio, served on 127.0.0.1

    def _fetch_file(self, source) -> FetchResult:
        """A video file of the portfolio goes through the same yt-dlp pipeline as a
        school server's page: it is served on 127.0.0.1 inside an HTML5 page with
        its poster and caption tracks (files next to it: clip.jpg, clip.en.vtt).
        mutagen reads its length, title tag and chapters, which yt-dlp cannot."""
        path = self.root / source.url
        try:
            meta = _file_meta(path)
        except ValueError as exc:
            return FetchResult(source.key, source.url, False, error=str(exc))
        base = self._serve()
        poster = next((path.with_suffix(s) for s in POSTER_SUFFIXES if path.with_suffix(s).is_file()), None)
        tracks = []
        for vtt in sorted(path.parent.glob(f"{path.stem}.*.vtt")):
            language = vtt.name[len(path.stem) + 1 : -len(".vtt")]
            if language:
                tracks.append((language, vtt))
        self._pages[source.key] = _html5_page(base, self.root, path, poster, tracks, meta["title"])
        page = f"{base}/{_PAGES}/{source.key}.html"
        return self._run(source.key, source.url, lambda ydl: ydl.extract_info(page, download=True),
                         overrides={**meta, "extractor": "file", "id": source.url, "webpage_url": source.url})

    def _serve(self) -> str:
        if self._server is None:
            handler = functools.partial(_Handler, pages=self._pages, directory=str(self.root))
            self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # ---- Writing

    def _store(self, key, url, record, thumbnail: Path | None, captions: dict, tool: str) -> FetchResult:
        old = self.cache.get(key) or {}
        folder = self.cache.folder
        folder.mkdir(parents=True, exist_ok=True)
        if thumbnail is not None:
            name = f"{key}{thumbnail.suffix.lower()}"
            _copy(thumbnail, folder / name)
            record["thumbnail"] = name
        else:
            record["thumbnail"] = old.get("thumbnail")  # keep what an earlier fetch found
        stored = dict(old.get("captions") or {})
        for language, (path, kind) in captions.items():
            name = f"{key}.{language}.vtt"
            _copy(path, folder / name)
            stored[language] = {"file": name, "kind": kind}
        record["captions"] = stored
        for name in ("title", "duration", "uploader"):
            if record.get(name) in (None, "") and old.get(name) not in (None, ""):
                record[name] = old[name]
        if not record["chapters"] and old.get("chapters"):
            record["chapters"] = old["chapters"]
        record["version"] = RECORD_VERSION
        record["source"] = url
        record["tool"] = tool
        same = {k: v for k, v in old.items() if k != "fetched"} == record
        record["fetched"] = old.get("fetched") if same and old.get("fetched") else dt.date.today().isoformat()
        if not same:
            self.cache.put(key, record)
        found = []
        if record.get("title"):
            found.append(f"title {record['title']!r}")
        if record.get("duration") is not None:
            found.append(f"{record['duration']} s")
        if record["chapters"]:
            found.append(f"{len(record['chapters'])} chapters")
        if record.get("thumbnail"):
            found.append("thumbnail")
        found.append("captions " + "/".join(sorted(stored)) if stored else "no captions")
        return FetchResult(key, url, True, found=found, changed=not same)


def fetch_portfolio(root: Path, *, missing_only: bool = False, timeout: float = 10.0, params: dict | None = None,
                    report=print) -> list[FetchResult]:
    """Fetch every video of the portfolio at `root` (drafts too). Returns one result per video."""
    portfolio = load(root, include_drafts=True)
    languages = portfolio.profile.languages if portfolio.profile else ["en"]
    sources = {}
    for lesson in sorted(portfolio.lessons.values(), key=lambda l: l.id):
        for video in lesson.videos:
            sources.setdefault(video.source.key, video.source)
    results = []
    with Fetcher(root, languages, timeout=timeout, params=params) as fetcher:
        for key, source in sources.items():
            if missing_only and fetcher.cache.get(key):
                continue
            result = fetcher.fetch(source)
            report(str(result))
            results.append(result)
    return results


_PAGES = "__flipfolio__"


class _Handler(SimpleHTTPRequestHandler):
    """Serves the portfolio folder, plus the generated pages of its video files."""

    def __init__(self, *args, pages: dict[str, str], **kwargs):
        self.pages = pages
        super().__init__(*args, **kwargs)

    def do_GET(self):
        prefix = f"/{_PAGES}/"
        if self.path.startswith(prefix) and self.path.endswith(".html"):
            body = self.pages.get(self.path[len(prefix) : -len(".html")])
            if body is None:
                self.send_error(404)
                return
            data = body.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        try:
            super().do_GET()
        except (ConnectionResetError, BrokenPipeError):  # yt-dlp hangs up after the first bytes of a video
            pass

    def log_message(self, *args):
        pass


def _html5_page(base: str, root: Path, video: Path, poster: Path | None, tracks, title: str) -> str:
    def url(path: Path) -> str:
        return base + "/" + quote(path.relative_to(root).as_posix())

    lines = [f"<!doctype html><html><head><title>{escape(title)}</title></head><body>",
             f'<video controls{f" poster={chr(34)}{url(poster)}{chr(34)}" if poster else ""}>',
             f'<source src="{url(video)}" type="{MIME.get(video.suffix.lower(), "video/mp4")}">']
    lines += [f'<track kind="captions" srclang="{escape(lang)}" src="{url(vtt)}">' for lang, vtt in tracks]
    lines.append("</video></body></html>")
    return "\n".join(lines)


def _file_meta(path: Path) -> dict[str, Any]:
    """Title tag, length and chapters of a video file, read offline by mutagen."""
    import mutagen

    try:
        media = mutagen.File(path)
    except Exception as exc:
        raise ValueError(f"cannot read the file ({_short(exc)})") from None
    if media is None or not getattr(media, "info", None):
        raise ValueError("not a video file that can be read (.mp4, .m4v, .webm)")
    tags = media.tags or {}
    title = _first(tags.get("\xa9nam")) if hasattr(tags, "get") else None
    duration = round(media.info.length)
    chapters = [{"start": int(c.start), "end": None, "title": c.title} for c in getattr(media, "chapters", None) or []]
    for this, following in zip(chapters, chapters[1:]):
        this["end"] = following["start"]
    if chapters:
        chapters[-1]["end"] = duration
    return {"title": title or path.stem.replace("-", " ").replace("_", " ").capitalize(),
            "duration": duration, "chapters": chapters}


def _probe(ydl, info: dict, timeout: float) -> dict:
    """Length and chapters of a web video file, read by ffprobe when it is installed.

    yt-dlp's generic extractor never finds the length of a plain video file.
    """
    from yt_dlp.postprocessor.ffmpeg import FFmpegPostProcessor

    media_url = info.get("url") or next((f.get("url") for f in info.get("formats") or [] if f.get("url")), None)
    probe = FFmpegPostProcessor(ydl)
    if not media_url or not probe.probe_available:
        return {}
    try:
        meta = probe.get_metadata_object(media_url, ["-show_chapters", "-v", "error", "-rw_timeout", str(int(timeout * 1e6))])
    except Exception:
        return {}
    found: dict[str, Any] = {}
    duration = _int((meta.get("format") or {}).get("duration"))
    if duration is not None:
        found["duration"] = duration
    chapters = [
        {"start_time": float(c["start_time"]), "end_time": float(c["end_time"]), "title": (c.get("tags") or {}).get("title")}
        for c in meta.get("chapters") or []
    ]
    if chapters and not info.get("chapters"):
        found["chapters"] = chapters
    return found


def _copy(src: Path, dst: Path) -> None:
    if src.resolve() != dst.resolve():
        shutil.copyfile(src, dst)


def _int(value) -> int | None:
    try:
        return None if value is None else int(round(float(value)))
    except (TypeError, ValueError):
        return None


def _first(value):
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _short(exc: Exception) -> str:
    """The first line of an error, without the chain of causes."""
    text = str(exc).strip().removeprefix("ERROR: ")
    if not text:
        return type(exc).__name__
    text = text.splitlines()[0].split(" (caused by ")[0]
    return text if len(text) <= 200 else text[:199] + "…"
