"""Checks of lesson videos: their files, what is known of each (hand-given
fields and the `videos.lock/` records) and what students would miss."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import webvtt

from ..core.problems import show
from ..core.sources import format_path
from ..core.validate import if_known, is_wrong
from .cache import VideoCache, read_cues, resolve, timing_problems

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Check


def check(check: Check) -> None:
    """Attach what is known of each video (hand-given + lock folder) to every
    lesson's videos; warn where a published video lacks what students need."""
    # (That a video file and its captions are files of the portfolio is checked with every file named:
    # `references.py`.)
    portfolio, problems = check.portfolio, check.problems
    lessons = portfolio.everything["lessons"]
    cache = VideoCache(portfolio.root, portfolio.real)
    cache.read_all()  # every record is checked, used or not; a bad one is left out with a warning
    languages = portfolio.profile.languages if portfolio.profile else ["en"]
    shown = []
    for lesson in lessons.values():
        for i, video in enumerate(lesson.videos):
            info = video._info = resolve(video, cache, languages, portfolio.keep)
            if not lesson.is_draft:
                shown.append((lesson, i, video, info))
    # The right videos of a lesson with wrong fields elsewhere, when it is known not to be a draft: what
    # students would miss is said in the same round as the fields' problems (a check that would read a
    # wrong field is left until it is fixed).
    for lesson in check.partly_right("lessons", lambda lesson: not lesson.is_draft):
        for i, video in enumerate(if_known(lambda: lesson.videos, None) or ()):
            info = None if is_wrong(video) else if_known(partial(resolve, video, cache, languages, portfolio.keep))
            if info is not None:
                video._info = info
                shown.append((lesson, i, video, info))
    _read_ahead(check, [info for *_, info in shown])
    for lesson, i, video, info in shown:
        check.guarded_partly(lesson.file, _check_video, lesson, i, video, info, problems)
    for problem in cache.problems:
        problems.add(problem)


def _read_ahead(check: Check, infos: list) -> None:
    """Parse the captions files of the videos shown file by file, in two
    processes when the load is (a file that cannot be read is left for
    `_check_video`, which says why)."""
    if not check.parallel:
        return  # each file is parsed when first asked for (`VideoInfo.cues_of`)
    tracks = [(info, track) for info in infos if info.root is not None
              for track in info.captions if track.path not in info.unreadable]
    for (info, track), cues in zip(tracks, check.each(_cues_or_none, [info.root / t.path for info, t in tracks])):
        if cues is not None:
            info.has_cues(track, cues)


def _cues_or_none(path):
    try:
        return read_cues(path)
    except Exception:  # noqa: BLE001 - read again, and its problem said, by _check_video
        return None


def _check_timings(lesson, i: int, video, info, problems) -> set[str]:
    """A warning for each of the teacher's captions files with cues whose times
    no browser reads (the first such cue, and how many more); returns their paths."""
    mistimed = set()
    if info.root is None:
        return mistimed
    for n, track in enumerate(video.tracks):
        try:
            text = (info.root / track.file).read_text(encoding="utf-8-sig")
        except (OSError, ValueError):
            continue  # (said where the file is read)
        found = timing_problems(text) if text.startswith("WEBVTT") else []  # (no header: said where it is read)
        if not found:
            continue
        mistimed.add(track.file)
        (line, what), more = found[0], len(found) - 1
        at = ("videos", i, *video.captions_field(n))
        problems.warning(
            lesson.file,
            f"the captions file {track.file}, line {line}: {what}"
            + (f" ({more} more cue{'s' if more > 1 else ''} in the file {'have' if more > 1 else 'has'} wrong "
               "times too)" if more else ""),
            field=format_path(at), line=lesson.line_of(*at),
        )
    return mistimed


def _first_wrong_byte(data: bytes, otherwise: int) -> int:
    """Where `data` stops being UTF-8 (`otherwise` if it is UTF-8 after all)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return min(otherwise, max(len(data) - 1, 0))


def _starts_webvtt(path) -> bool:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            return handle.read(6) == "WEBVTT"
    except (OSError, ValueError):
        return True


def _check_video(lesson, i: int, video, info, problems) -> None:
    def where():  # looked up only for a problem: the line means reading the file again
        return dict(field=f"videos[{i}]", line=lesson.line_of("videos", i))

    if not info.cached and (video.title is None or video.duration is None):
        problems.warning(
            lesson.file,
            "the video is not in the video cache; run 'flipfolio videos fetch' to store its title, "
            "length, thumbnail and captions, or give 'title' and 'duration' here (until then the "
            "page shows neither)",
            found=show(video.url), **where(),
        )
    files = [t.file for t in video.tracks]
    # A file without its 'language' is taken to be in the profile's first language: two files may then
    # share one (the format's own rule sees only the languages written).
    taken: dict[str, str] = {}
    for track in info.captions:
        if track.kind != "teacher":
            continue
        if track.language in taken:
            unsaid = [t.file for t in video.tracks if not t.language and t.file in (taken[track.language], track.path)]
            problems.error(
                lesson.file,
                f"'captions' has two files in the language {track.language!r}: {taken[track.language]} and "
                f"{track.path}" + (f" ({', '.join(unsaid)} has no 'language', so it is taken to be in "
                                   f"{track.language!r}, the profile's first language)" if unsaid else ""),
                field=f"videos[{i}].captions", line=lesson.line_of("videos", i, "captions"),
                hint="Give each file its 'language' (es, fr …)")
            break
        taken[track.language] = track.path
    mistimed = _check_timings(lesson, i, video, info, problems)
    for path in info.empty_captions:
        if path in mistimed:
            continue  # (its cues are there, with times no browser reads: said above)
        at = ("videos", i, *video.captions_field(files.index(path)))
        problems.warning(
            lesson.file,
            f"the captions file {path} has no cues (only its WEBVTT header); add the captions to it, "
            "or say why there are none in 'no_captions_reason'",
            field=format_path(at), line=lesson.line_of(*at),
        )
    if not info.captions and not video.no_captions_reason and not info.empty_captions:
        problems.warning(
            lesson.file,
            "the video has no captions; add a WebVTT file as 'captions', let 'flipfolio videos fetch' "
            "find them, or say why there are none in 'no_captions_reason' (e.g. no speech)",
            found=show(video.url), **where(),
        )
    for track in info.captions:
        try:
            info.cues_of(track)
        except (webvtt.errors.MalformedFileError, OSError, ValueError) as exc:
            which = f" in {track.label}" if len(info.captions) > 1 else ""
            why = str(exc)
            if isinstance(exc, UnicodeDecodeError):
                # (At the byte the decoder stopped at, counted in the file as the teacher's editor shows it:
                # a byte order mark at its start, which the decoder skipped, is no column.)
                data = (info.root / track.path).read_bytes().removeprefix(b"\xef\xbb\xbf")
                start = _first_wrong_byte(data, exc.start)
                line, column = data[:start].count(b"\n") + 1, start - data.rfind(b"\n", 0, start)
                why = (f"it is not UTF-8 text: column {column} of line {line} has the byte 0x{data[start]:02X}; "
                       "save it as UTF-8 (in most editors: 'Save with encoding', UTF-8)")
            elif isinstance(exc, webvtt.errors.MalformedFileError) and not _starts_webvtt(info.root / track.path):
                why = ("it does not start with the line WEBVTT: an SRT file renamed? Add WEBVTT as its first "
                       "line and a blank line after it, and write a dot before the milliseconds")
            problems.warning(lesson.file, f"the captions file {track.path} cannot be read ({why}); "
                             f"the transcript{which} is left out", **where())
            info.unreadable.add(track.path)
    # Kept: the page that shows them (and, in a second process, the unit's pack) reads them from here.
