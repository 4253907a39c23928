"""What a lesson's video is, from its address alone (no network)."""

from __future__ import annotations

from urllib.parse import urlsplit

from . import schema

_HOSTS = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
}


def provider(video: schema.Video) -> str:
    """'YouTube', 'Vimeo', 'file' (in the portfolio) or the web host's name."""
    if "://" not in video.url:
        return "file"
    host = (urlsplit(video.url).hostname or "").lower()
    for suffix, name in _HOSTS.items():
        if host == suffix or host.endswith("." + suffix):
            return name
    return host.removeprefix("www.")


def watch_seconds(video: schema.Video) -> int | None:
    """How long the part to watch lasts, when the length is known."""
    if video.duration is None:
        return None
    end = min(video.end, video.duration) if video.end is not None else video.duration
    return max(0, end - (video.start or 0))


def total_seconds(videos: list[schema.Video]) -> int:
    """Sum of the known lengths; videos of unknown length add nothing."""
    return sum(watch_seconds(v) or 0 for v in videos)


def minutes(secs: int | None) -> int | None:
    """Whole minutes for display, rounding up (a 20-second clip is 1 min)."""
    if secs is None:
        return None
    return (secs + 59) // 60
