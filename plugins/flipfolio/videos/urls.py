"""Understanding a video address offline: which site, which video, where to start.

The build never imports yt-dlp (it costs a quarter of a second and may try the
network), so YouTube and Vimeo addresses are read here with small patterns;
the tests check every form against yt-dlp's own extractors.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal
from urllib.parse import parse_qs, urlencode, urlsplit

Site = Literal["youtube", "vimeo", "file", "web"]

VIDEO_FILES = (".mp4", ".webm", ".m4v", ".ogv", ".mov")
MIME = {".mp4": "video/mp4", ".m4v": "video/mp4", ".webm": "video/webm", ".ogv": "video/ogg", ".mov": "video/mp4"}

_YT_ID = r"[0-9A-Za-z_-]{11}"
_YT_HOSTS = ("youtube.com", "youtube-nocookie.com", "youtu.be")
_YT_PATH = re.compile(rf"^/(?:embed|shorts|live|v|e)/({_YT_ID})(?:[/?#]|$)")
_VIMEO_PATHS = (
    re.compile(r"^/(\d+)(?:/([0-9a-f]{6,}))?/?$"),                     # vimeo.com/ID[/HASH]
    re.compile(r"^/channels/[\w-]+/(\d+)/?$"),                         # vimeo.com/channels/NAME/ID
    re.compile(r"^/groups/[\w-]+/videos/(\d+)/?$"),                    # vimeo.com/groups/NAME/videos/ID
    re.compile(r"^/showcase/\d+/video/(\d+)/?$"),                      # vimeo.com/showcase/N/video/ID
    re.compile(r"^/video/(\d+)/?$"),                                   # player.vimeo.com/video/ID
)
#: An address written without "https://" ('www.youtube.com/watch?v=…', 'youtu.be/…', 'vimeo.com/…').
_LOOKS_LIKE_A_SITE = re.compile(r"^(?:www\.[a-z0-9.-]+|(?:[a-z0-9-]+\.)+[a-z]{2,}/)", re.IGNORECASE)
_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$")


class VideoURLError(ValueError):
    """The address is not one Flipfolio can show; the message says why."""


@dataclass(frozen=True)
class VideoSource:
    """A video address, understood."""

    site: Site
    url: str
    id: str
    start: int | None = None
    end: int | None = None
    unlisted_hash: str | None = None

    @property
    def key(self) -> str:
        """Name of the video's entries in the metadata cache."""
        if self.site in ("youtube", "vimeo"):
            return f"{self.site}-{self.id}"
        stem = re.sub(r"[^a-z0-9]+", "-", self.url.rsplit("/", 1)[-1].lower()).strip("-")[:40] or "video"
        digest = hashlib.sha256(self.url.encode("utf-8")).hexdigest()[:12]
        return f"{self.site}-{stem}-{digest}"

    @property
    def provider(self) -> str:
        return {"youtube": "YouTube", "vimeo": "Vimeo", "file": "file"}.get(self.site) or (
            urlsplit(self.url).hostname or ""
        ).removeprefix("www.")

    @property
    def is_embed(self) -> bool:
        """Played in another site's player (created only when the student presses play)."""
        return self.site in ("youtube", "vimeo")

    @property
    def is_file(self) -> bool:
        """A video file the browser plays itself with <video>."""
        return self.site == "file" or urlsplit(self.url).path.lower().endswith(VIDEO_FILES)

    @property
    def mime(self) -> str:
        suffix = "." + urlsplit(self.url).path.rsplit(".", 1)[-1].lower()
        return MIME.get(suffix, "video/mp4")

    def embed_url(self, start: int | None = None, end: int | None = None) -> str | None:
        """The privacy-enhanced player address (youtube-nocookie, Vimeo with dnt=1)."""
        start = self.start if start is None else start
        end = self.end if end is None else end
        if self.site == "youtube":
            query = {k: v for k, v in (("start", start), ("end", end)) if v}
            return f"https://www.youtube-nocookie.com/embed/{self.id}" + (f"?{urlencode(query)}" if query else "")
        if self.site == "vimeo":
            query = {"dnt": 1, **({"h": self.unlisted_hash} if self.unlisted_hash else {})}
            return f"https://player.vimeo.com/video/{self.id}?{urlencode(query)}" + (f"#t={start}s" if start else "")
        return None


def parse_time(value: str | None) -> int | None:
    """Seconds from a start parameter: '90', '90s', '1m30s', '1h2m3s', '1:30'."""
    if not value:
        return None
    value = value.strip().lower()
    if ":" in value:
        parts = value.split(":")
        if all(p.isdigit() for p in parts) and len(parts) <= 3:
            total = 0
            for part in parts:
                total = total * 60 + int(part)
            return total
        return None
    if re.fullmatch(r"\d+(\.\d+)?", value):
        return int(float(value))
    match = _DURATION.match(value)
    if match and any(match.groups()):
        h, m, s = (int(g or 0) for g in match.groups())
        return h * 3600 + m * 60 + s
    return None


def _params(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    # Fragments such as #t=90 carry the start too.
    params.update({k: v[0] for k, v in parse_qs(parts.fragment).items() if k in ("t", "start")})
    return params


def _host_is(host: str, suffixes) -> bool:
    return any(host == s or host.endswith("." + s) for s in suffixes)


@lru_cache(maxsize=8192)  # a page asks for a video's source many times; the answer is a frozen value
def parse_video_url(url: str) -> VideoSource:
    """Understand a video address, or raise `VideoURLError` saying what is wrong."""
    url = url.strip()
    if url.startswith("<") or "<iframe" in url.lower():
        src = re.search(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", url)
        raise VideoURLError("this is the video's embed code, not its address: paste the address instead"
                            + (f", such as '{src.group(1)}' (the code's src)" if src else
                               " (https://…, as the browser shows it)"))
    if "://" not in url:
        if _LOOKS_LIKE_A_SITE.match(url) and not url.lower().endswith(VIDEO_FILES):
            raise VideoURLError(f"a web address starts with https://: write 'https://{url}'")
        if not url.lower().endswith(VIDEO_FILES):
            raise VideoURLError("a video file in the portfolio must end in " + ", ".join(VIDEO_FILES))
        return VideoSource("file", url, url)
    if re.search(r"\s", url):
        raise VideoURLError("web addresses cannot contain spaces; write %20 for a space")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise VideoURLError("expected an address starting with https:// (or http://)")
    params = _params(url)
    start = parse_time(params.get("t") or params.get("start"))
    end = parse_time(params.get("end"))

    if _host_is(host, _YT_HOSTS):
        video_id = None
        if host.endswith("youtu.be"):
            match = re.match(rf"^/({_YT_ID})(?:[/?#]|$)", parts.path)
            video_id = match and match.group(1)
        elif parts.path in ("/watch", "/watch/"):
            video_id = params.get("v") if re.fullmatch(_YT_ID, params.get("v", "")) else None
        else:
            match = _YT_PATH.match(parts.path)
            video_id = match and match.group(1)
        if not video_id:
            if "list" in params:
                raise VideoURLError("this is a YouTube playlist; give the address of one video in it")
            raise VideoURLError("no YouTube video id found; copy the address from the video's Share button")
        return VideoSource("youtube", url, video_id, start, end)

    if _host_is(host, ("vimeo.com",)):
        for pattern in _VIMEO_PATHS:
            match = pattern.match(parts.path)
            if match:
                unlisted = (match.group(2) if pattern.groups > 1 else None) or params.get("h")
                return VideoSource("vimeo", url, match.group(1), start, end, unlisted)
        raise VideoURLError("no Vimeo video number found; copy the address from the video's Share button")

    return VideoSource("web", url, url, start, end)
