"""Pre-class workload: how long the videos to watch before class take."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cache import watch_length

if TYPE_CHECKING:  # pragma: no cover
    from .format import Video


def watch_seconds(video: Video) -> int | None:
    """How long the part to watch lasts, when the length is known."""
    if video.info is not None:
        return video.info.watch_seconds
    return watch_length(video.duration, video.start if video.start is not None else video.source.start, video.end)


def total_seconds(videos: list[Video]) -> int:
    """Pre-class time: the sum of the known lengths of the videos watched before
    class (videos of unknown length and videos watched in class add nothing)."""
    return sum(watch_seconds(v) or 0 for v in videos if not v.in_class)


def minutes(secs: int | None) -> int | None:
    """Whole minutes for display, rounding up (a 20-second clip is 1 min)."""
    if secs is None:
        return None
    return (secs + 59) // 60
