"""The format of a lesson's videos."""

from __future__ import annotations

from typing import Annotated, Any


from ..core.format import (Model, Seconds, about, before)
from ..core.format import CaptionsFile, Language
from .urls import VideoSource, VideoURLError, parse_video_url


def _video_address(value: Any) -> Any:
    if isinstance(value, str):
        try:
            parse_video_url(value)
        except VideoURLError as exc:
            raise ValueError(f"{exc}, found {value!r}") from None
    return value


def _video_from_url(value: Any) -> Any:
    # A plain address is short for {url: ...}.
    return {"url": value} if isinstance(value, str) else value


_VIDEO_OR_URL = {"anyOf": [{"type": "string", "description": "A video's address; short for {url: ...}."},
                           {"$ref": "#/$defs/Video"}]}


class Chapter(Model):
    at: Annotated[Seconds, about("Where the chapter starts, as seconds or 'mm:ss'.")]
    title: Annotated[str, about("The chapter's title.", min_length=1)]


class Video(Model):
    """One video of a lesson. A plain URL is short for `{url: ...}`.

    Only `url` is needed: `flipfolio videos fetch` finds the title, length,
    chapters, thumbnail and captions. Fields given here win over found ones.
    """

    url: Annotated[str, before(
        _video_address,
        "A YouTube or Vimeo address, the web address of a video file or page, "
        "or a video file in the portfolio (.mp4, .webm).",
    )]
    title: Annotated[str | None, about("The title to show; found from the video when left out.")] = None
    duration: Annotated[Seconds | None, about("Length as seconds or 'mm:ss', when it cannot be found.")] = None
    start: Annotated[Seconds | None, about("Where to start, as seconds or 'mm:ss' (or t= in the address).")] = None
    end: Annotated[Seconds | None, about("Where to stop, as seconds or 'mm:ss'.")] = None
    captions: Annotated[CaptionsFile | None, about("A WebVTT file (.vtt) in the portfolio with the captions.")] = None
    captions_language: Annotated[Language | None, about("Language code of the captions file, e.g. en.")] = None
    chapters: Annotated[list[Chapter], about("Chapters, when the video has none.")] = []
    no_captions_reason: Annotated[str | None, about(
        "Why the video has no captions (e.g. no speech); silences the captions warning."
    )] = None

    def __post_init__(self):
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise ValueError(f"'end' ({self.end} s) must come after 'start' ({self.start} s)")

    @property
    def source(self) -> VideoSource:
        """What the address means: site, id, start."""
        return parse_video_url(self.url)

    @property
    def info(self):
        """What is known of the video: hand-given fields merged with the video cache."""
        return getattr(self, "_info", None)


#: A lesson's video as written: a plain address is short for ``{url: ...}``.
VideoEntry = Annotated[Video, before(_video_from_url, extra_json_schema=_VIDEO_OR_URL)]
