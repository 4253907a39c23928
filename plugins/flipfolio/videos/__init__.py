"""Videos: the videos of lessons, their players, captions and transcripts.

- `format.py`: `Video`, `Chapter` (a lesson's ``videos:`` entries);
- `urls.py`: YouTube, Vimeo and file addresses understood offline, and their
  privacy-enhanced embed addresses;
- `cache.py`: the `videos.lock/` folder, captions and transcripts (a build
  never goes online and never imports yt-dlp);
- `fetch.py`: `flipfolio videos fetch`, the one step that goes online;
- `checks.py`: what is known of each video, and what students would miss;
- `workload.py`: how long the videos to watch before class take.
"""

from __future__ import annotations

from ..core.features import Feature
from ..core.publish import FileUse
from . import cache, checks


def _files(portfolio):
    """Video files, their captions (a <video> loads them; other players bring
    their own) and preview pictures, of every lesson, published or not; and
    the addresses of videos elsewhere, which the gate checks are not private.
    The captions of a video elsewhere are not published with its lesson (the
    page shows them as its transcript), but those of a lesson that is not
    published are its files all the same: a link to one from a published
    lesson must not publish a draft's transcript."""
    published = portfolio.lessons
    for lesson in portfolio.everything["lessons"].values():
        shown = published.get(lesson.id) is lesson
        for i, video in enumerate(lesson.videos):
            yield FileUse(video.url, lesson, ("videos", i, "url"), shown)  # a file, or an address the gate checks
            info = video.info
            if info is None:
                continue
            if video.source.is_file or not shown:
                for track in info.captions:
                    yield FileUse(track.path, lesson, ("videos", i, "captions"), shown)
            if info.thumbnail:
                yield FileUse(info.thumbnail, lesson, ("videos", i), shown)


def _addresses(portfolio):
    """A video's page is a link; its player is contacted only on play."""
    found = []
    for lesson in portfolio.lessons.values():
        for video in lesson.videos:
            found.append((video.url, "link"))
            source = video.source
            if source.is_embed:
                found.append((source.embed_url(), "play"))
            elif source.is_file:
                found.append((video.url, "play"))
    return found


FEATURE = Feature(
    name="videos",
    check=checks.check,
    files=_files,
    addresses=_addresses,
    folders={cache.LOCK_DIR: (".json",)},  # each video's record; its thumbnails and captions are media
)
