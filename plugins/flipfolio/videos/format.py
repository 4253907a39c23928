"""The format of a lesson's videos."""

from __future__ import annotations

from typing import Annotated, Any

from ..core.format import CaptionsFile, Language, Model, Seconds, Words, about, before, broken, names_file
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


class CaptionTrack(Model):
    """One captions file of a video, in one language."""

    file: Annotated[CaptionsFile, about("A WebVTT file (.vtt) in the portfolio."), names_file("the captions")]
    language: Annotated[Language | None, about(
        "Language code of the captions, e.g. es; the profile's first language when left out."
    )] = None
    label: Annotated[Words | None, about("The name shown in the player's captions menu, e.g. Español.")] = None


class Video(Model):
    """One video of a lesson. A plain URL is short for `{url: ...}`.

    Only `url` is needed: `flipfolio videos fetch` finds the title, length,
    chapters, thumbnail and captions. Fields given here win over found ones.
    """

    url: Annotated[str, before(
        _video_address,
        "A YouTube or Vimeo address, the web address of a video file or page, "
        "or a video file in the portfolio (.mp4, .webm).",
    ), names_file("a video file")]
    title: Annotated[str | None, about("The title to show; found from the video when left out.")] = None
    duration: Annotated[Seconds | None, about("Length as seconds or 'mm:ss', when it cannot be found.")] = None
    start: Annotated[Seconds | None, about("Where to start, as seconds or 'mm:ss' (or t= in the address).")] = None
    end: Annotated[Seconds | None, about("Where to stop, as seconds or 'mm:ss'.")] = None
    captions: Annotated[CaptionsFile | list[CaptionTrack] | None, about(
        "A WebVTT file (.vtt) in the portfolio with the captions, or a list of captions files "
        "(file, language, label), one per language."
    ), names_file("the captions")] = None
    captions_language: Annotated[Language | None, about("Language code of a single captions file, e.g. en.")] = None
    in_class: Annotated[bool, about(
        "true for a video watched in class (e.g. at a station), not before: it is shown in the In class "
        "part and not counted in the pre-class minutes."
    )] = False
    offline: Annotated[bool, about(
        "true to put this video file in its unit's offline pack (the zip students download to work without "
        "the internet), with its captions: only for a video file in the portfolio that is yours to share, as "
        "the pack is passed around. Without it, the pack shows the video's transcript and says it needs the internet."
    )] = False
    chapters: Annotated[list[Chapter], about("Chapters, when the video has none.")] = []
    no_captions_reason: Annotated[str | None, about(
        "Why the video has no captions (e.g. no speech); silences the captions warning."
    )] = None

    def __post_init__(self):
        broken(self._rules())

    def _rules(self):
        if self.start is not None and self.end is not None and self.end <= self.start:
            yield f"'end' ({self.end} s) must come after 'start' ({self.start} s)"
        if self.offline and parse_video_url(self.url).site != "file":
            yield ("'offline: true' is for a video file in the portfolio (e.g. media/clip.mp4) that is "
                   "yours to share; a video on YouTube, Vimeo or another site stays there, and the "
                   "offline pack shows its transcript")
        languages = [t.language for t in self.tracks if t.language]
        twice = next((l for i, l in enumerate(languages) if l in languages[:i]), None)
        if twice:
            yield f"'captions' has two files in the language {twice!r}; keep one per language"

    @property
    def tracks(self) -> list[CaptionTrack]:
        """The teacher's captions files, a single `captions` file as one track."""
        if self.captions is None:
            return []
        if isinstance(self.captions, str):
            return [CaptionTrack(file=self.captions, language=self.captions_language)]
        return list(self.captions)

    def captions_field(self, index: int) -> tuple:
        """The field path of a track, as the teacher wrote it (for messages)."""
        return ("captions",) if isinstance(self.captions, str) else ("captions", index, "file")

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
