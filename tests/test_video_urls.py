"""Video addresses understood offline, checked against yt-dlp's own extractors."""

from __future__ import annotations

import re

import pytest

from flipfolio.videos.urls import VideoURLError, parse_video_url

YT = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
VIMEO = "https://player.vimeo.com/video/76979871?dnt=1"

# url, (site, id, start), embed url
CASES = [
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ", None), YT),
    ("https://youtube.com/watch?v=dQw4w9WgXcQ&t=90", ("youtube", "dQw4w9WgXcQ", 90), YT + "?start=90"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", ("youtube", "dQw4w9WgXcQ", 90), YT + "?start=90"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=90", ("youtube", "dQw4w9WgXcQ", 90), YT + "?start=90"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&start=45", ("youtube", "dQw4w9WgXcQ", 45), YT + "?start=45"),
    ("https://www.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ", None), YT),
    ("https://youtu.be/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ", None), YT),
    ("https://youtu.be/dQw4w9WgXcQ?t=95", ("youtube", "dQw4w9WgXcQ", 95), YT + "?start=95"),
    ("https://youtu.be/dQw4w9WgXcQ?si=AbC123xyz&t=1h2m3s", ("youtube", "dQw4w9WgXcQ", 3723), YT + "?start=3723"),
    ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ", None), YT),
    ("https://www.youtube.com/shorts/aqz-KE-bpKQ", ("youtube", "aqz-KE-bpKQ", None),
     "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"),
    ("https://www.youtube.com/live/jfKfPfyJRdk", ("youtube", "jfKfPfyJRdk", None),
     "https://www.youtube-nocookie.com/embed/jfKfPfyJRdk"),
    ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=90&end=120", ("youtube", "dQw4w9WgXcQ", 90),
     YT + "?start=90&end=120"),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90", ("youtube", "dQw4w9WgXcQ", 90), YT + "?start=90"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG&index=3",
     ("youtube", "dQw4w9WgXcQ", None), YT),
    ("https://youtu.be/dQw4w9WgXcQ?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", ("youtube", "dQw4w9WgXcQ", None), YT),
    ("https://www.youtube.com/v/dQw4w9WgXcQ", ("youtube", "dQw4w9WgXcQ", None), YT),
    ("https://vimeo.com/76979871", ("vimeo", "76979871", None), VIMEO),
    ("https://vimeo.com/76979871#t=90s", ("vimeo", "76979871", 90), VIMEO + "#t=90s"),
    ("https://vimeo.com/76979871#t=1m5s", ("vimeo", "76979871", 65), VIMEO + "#t=65s"),
    ("https://vimeo.com/channels/staffpicks/76979871", ("vimeo", "76979871", None), VIMEO),
    ("https://vimeo.com/123456789/abcdef1234", ("vimeo", "123456789", None),
     "https://player.vimeo.com/video/123456789?dnt=1&h=abcdef1234"),
    ("https://player.vimeo.com/video/76979871?h=abcdef1234", ("vimeo", "76979871", None), VIMEO + "&h=abcdef1234"),
    ("https://vimeo.com/groups/shortfilms/videos/76979871", ("vimeo", "76979871", None), VIMEO),
    ("https://vimeo.com/showcase/1234567/video/76979871", ("vimeo", "76979871", None), VIMEO),
    ("media/videos/fractions.mp4", ("file", "media/videos/fractions.mp4", None), None),
    ("https://media.school.example/science/cells.webm", ("web", "https://media.school.example/science/cells.webm", None), None),
    ("https://school.example/lessons/cells.html?t=20", ("web", "https://school.example/lessons/cells.html?t=20", 20), None),
]


@pytest.mark.parametrize("url,expected,embed", CASES, ids=[c[0] for c in CASES])
def test_url_forms(url, expected, embed):
    source = parse_video_url(url)
    assert (source.site, source.id, source.start) == expected
    assert source.embed_url() == embed


def _strip_playlist(url: str) -> str:
    # yt-dlp hands watch URLs with list= to its playlist extractor; so does a player without noplaylist.
    return re.sub(r"([?&])(list|index)=[^&#]*&?", r"\1", url).rstrip("?&")


@pytest.mark.parametrize("url,expected,embed", [c for c in CASES if c[1][0] in ("youtube", "vimeo")],
                         ids=[c[0] for c in CASES if c[1][0] in ("youtube", "vimeo")])
def test_agrees_with_yt_dlp(url, expected, embed):
    from yt_dlp.extractor import get_info_extractor

    found = []
    for key in ("Youtube", "Vimeo"):
        ie = get_info_extractor(key)
        if ie.suitable(_strip_playlist(url)):
            found.append((key, ie.get_temp_id(_strip_playlist(url))))
    site, video_id, _ = expected
    assert found == [(site.capitalize(), video_id)]


@pytest.mark.parametrize(
    "url,message",
    [("https://www.youtube.com/playlist?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG", "playlist"),
     ("https://www.youtube.com/@somechannel", "no YouTube video id"),
     ("https://www.youtube.com/watch?v=short", "no YouTube video id"),
     ("https://vimeo.com/user12345", "no Vimeo video number"),
     ("ftp://school.example/video.mp4", "https://"),
     ("media/videos/notes.pdf", "must end in"),
     ("not a url", "must end in"),
     # What a teacher pastes: the embed code, an address without https://
     ('<iframe width="560" height="315" src="https://www.youtube.com/embed/aBcDeFgHiJk" frameborder="0"></iframe>',
      r"^this is the video's embed code, not its address: paste the address instead, such as "
      r"'https://www.youtube.com/embed/aBcDeFgHiJk' \(the code's src\)$"),
     ("www.youtube.com/watch?v=aBcDeFgHiJk", r"^a web address starts with https://: write "
                                             r"'https://www.youtube.com/watch\?v=aBcDeFgHiJk'$"),
     ("vimeo.com/76979871", r"write 'https://vimeo.com/76979871'$"),
     ("clip.avi", "must end in")],
)
def test_unsupported_addresses_are_refused(url, message):
    with pytest.raises(VideoURLError, match=message):
        parse_video_url(url)


def test_a_bad_address_names_the_lesson_file_and_value(site_factory):
    from flipfolio.core.model import load

    site = site_factory({"portfolio/lessons/pushes.md": "---\ntitle: P\nunit: forces\nvideos:\n"
                         "  - https://www.youtube.com/playlist?list=PLabc\n---\n"})
    messages = [str(p) for p in load(site.root / "portfolio").problems]
    assert ("portfolio/lessons/pushes.md:5: field 'videos[0].url': this is a YouTube playlist; give the address "
            "of one video in it, found 'https://www.youtube.com/playlist?list=PLabc'") in messages


def test_a_video_at_another_site_without_a_title_is_named_by_its_site(site_factory):
    """Before its title is known, a video on Google Drive is "Video on
    drive.google.com", never the last part of its address ("view?usp=sharing")."""
    site = site_factory({"portfolio/lessons/pushes.md": "---\ntitle: P\nunit: forces\nvideos:\n"
                         "  - url: https://drive.google.com/file/d/1AbCdEf/view?usp=sharing\n"
                         "    no_captions_reason: a short demonstration without words\n---\n\n## Before class\n\nWatch.\n"})
    site.build(strict=False)
    page = site.article("lessons/pushes/index.html")
    assert page.select_one(".ff-video__title").get_text() == "Video on drive.google.com"
    assert "usp=sharing" not in page.select_one(".ff-video__title").get_text()
