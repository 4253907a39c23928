"""`flipfolio videos fetch`: real yt-dlp against media and pages served on 127.0.0.1."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from flipfolio.videos.fetch import Fetcher, fetch_portfolio
from flipfolio.videos.urls import parse_video_url

MEDIA = Path(__file__).parent / "fixtures" / "media"

HTML5_PAGE = """<!doctype html><html><head><title>Adding fractions</title></head><body>
<video controls poster="clip.jpg"><source src="clip.mp4" type="video/mp4">
<track kind="captions" srclang="en" src="clip.en.vtt" label="English"></video></body></html>"""

JSONLD_PAGE = """<!doctype html><html><head><title>Percentages</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "VideoObject",
 "name": "Lesson 5: Percentages", "description": "Percent as a fraction of 100.",
 "thumbnailUrl": "{BASE}/clip.jpg", "contentUrl": "{BASE}/clip.mp4", "uploadDate": "2025-09-01",
 "duration": "PT14M5S", "author": {"@type": "Person", "name": "Ana Rivera"},
 "hasPart": [
  {"@type": "Clip", "name": "Intro", "startOffset": 0, "endOffset": 60, "url": "{BASE}/jsonld.html?t=0"},
  {"@type": "Clip", "name": "Worked example", "startOffset": 60, "endOffset": 600, "url": "{BASE}/jsonld.html?t=60"},
  {"@type": "Clip", "name": "Summary", "startOffset": 600, "endOffset": 845, "url": "{BASE}/jsonld.html?t=600"}]}
</script></head><body><p>Video</p></body></html>"""


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle(self):
        # yt-dlp reads the first bytes of a media file and hangs up; that is fine.
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass


@pytest.fixture
def media_server(tmp_path):
    """Media files and pages served from 127.0.0.1 on a free port."""
    root = tmp_path / "www"
    shutil.copytree(MEDIA, root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "html5.html").write_text(HTML5_PAGE)
    (root / "jsonld.html").write_text(JSONLD_PAGE.replace("{BASE}", base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture
def lock(tmp_path):
    folder = tmp_path / "portfolio"
    folder.mkdir()
    return folder


def record(portfolio: Path, key: str) -> dict:
    return json.loads((portfolio / "videos.lock" / f"{key}.json").read_text())


def fetch(portfolio: Path, url: str, languages=("en",)):
    source = parse_video_url(url)
    with Fetcher(portfolio, list(languages), timeout=5) as fetcher:
        return source.key, fetcher.fetch(source)


needs_ffprobe = pytest.mark.skipif(
    not shutil.which("ffprobe") and not os.environ.get("CI"), reason="ffprobe (apt-get install ffmpeg) reads lengths"
)


@needs_ffprobe
def test_direct_file(media_server, lock):
    key, result = fetch(lock, f"{media_server}/clip.mp4")
    assert result.ok, result.error
    data = record(lock, key)
    assert data["title"] == "clip"
    assert data["duration"] == 4  # read by ffprobe: yt-dlp finds no length for a plain file
    assert [c["title"] for c in data["chapters"]] == ["Warm-up", "Adding fractions"]
    assert data["extractor"] == "Generic"


@needs_ffprobe
def test_html5_video_with_track(media_server, lock):
    key, result = fetch(lock, f"{media_server}/html5.html")
    assert result.ok, result.error
    data = record(lock, key)
    assert data["title"].startswith("Adding fractions")
    assert data["duration"] == 4
    assert data["thumbnail"] == f"{key}.jpg"
    assert (lock / "videos.lock" / data["thumbnail"]).read_bytes() == (MEDIA / "clip.jpg").read_bytes()
    assert data["captions"] == {"en": {"file": f"{key}.en.vtt", "kind": "manual"}}
    assert "Today we add one half" in (lock / "videos.lock" / f"{key}.en.vtt").read_text()


def test_jsonld_video_object(media_server, lock):
    key, result = fetch(lock, f"{media_server}/jsonld.html")
    assert result.ok, result.error
    data = record(lock, key)
    assert data["title"] == "Lesson 5: Percentages"
    assert data["duration"] == 845
    assert data["uploader"] == "Ana Rivera"
    assert [(c["start"], c["title"]) for c in data["chapters"]] == [(0, "Intro"), (60, "Worked example"), (600, "Summary")]
    assert (lock / "videos.lock" / data["thumbnail"]).is_file()


def youtube_shaped(base: str) -> dict:
    """An info dict as yt-dlp's YouTube extractor returns it (URLs point at 127.0.0.1)."""
    return {
        "id": "dQw4w9WgXcQ", "extractor": "youtube", "extractor_key": "Youtube",
        "webpage_url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Cells up close",
        "duration": 270, "channel": "Science Channel", "uploader": "Science Channel",
        "description": "A look inside cells.",
        "thumbnails": [{"url": f"{base}/clip.jpg", "preference": 1, "id": "0"}],
        "chapters": [{"start_time": 0, "end_time": 90, "title": "Intro"}, {"start_time": 90, "end_time": 270, "title": "Organelles"}],
        "subtitles": {"en": [{"ext": "vtt", "url": f"{base}/clip.en.vtt"}]},
        "automatic_captions": {"es": [{"ext": "vtt", "url": f"{base}/clip.es.vtt"}],
                               "en": [{"ext": "vtt", "url": f"{base}/clip.es.vtt"}]},
        "formats": [],
    }


def test_youtube_shaped_record_goes_through_yt_dlp_processing(media_server, lock):
    with Fetcher(lock, ["en", "es"], timeout=5) as fetcher:
        result = fetcher.store_info("youtube-dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ", youtube_shaped(media_server))
    assert result.ok, result.error
    data = record(lock, "youtube-dQw4w9WgXcQ")
    assert (data["title"], data["duration"], data["uploader"]) == ("Cells up close", 270, "Science Channel")
    assert [c["title"] for c in data["chapters"]] == ["Intro", "Organelles"]
    # The owner's captions first, automatic ones only where there are none.
    assert data["captions"] == {"en": {"file": "youtube-dQw4w9WgXcQ.en.vtt", "kind": "manual"},
                                "es": {"file": "youtube-dQw4w9WgXcQ.es.vtt", "kind": "automatic"}}
    assert "Welcome to fractions" in (lock / "videos.lock" / "youtube-dQw4w9WgXcQ.en.vtt").read_text()
    assert data["thumbnail"] == "youtube-dQw4w9WgXcQ.jpg"


def test_vimeo_shaped_record(media_server, lock):
    info = {"id": "76979871", "extractor_key": "Vimeo", "title": "Forces in motion", "duration": 125,
            "uploader": "Ana Rivera", "thumbnails": [{"url": f"{media_server}/clip.jpg"}],
            "subtitles": {"en": [{"ext": "vtt", "url": f"{media_server}/clip.en.vtt"}]}, "formats": []}
    with Fetcher(lock, ["en"], timeout=5) as fetcher:
        assert fetcher.store_info("vimeo-76979871", "https://vimeo.com/76979871", info).ok
    data = record(lock, "vimeo-76979871")
    assert (data["title"], data["duration"]) == ("Forces in motion", 125)
    assert data["captions"]["en"]["kind"] == "manual"


def test_a_server_that_never_answers_fails_after_the_timeout(lock):
    """A web video whose server accepts the connection and then says nothing:
    the fetch gives up after its socket timeout, with no retry (a fetch that
    hung would keep the thread alive)."""
    import socket
    import threading

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    port = silent.getsockname()[1]
    results = []

    def run():
        source = parse_video_url(f"http://127.0.0.1:{port}/lesson.mp4")
        with Fetcher(lock, ["en"], timeout=0.5) as fetcher:
            results.append(fetcher.fetch(source))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(120)
    silent.close()
    assert not worker.is_alive(), "the fetch did not give up"
    assert not results[0].ok and "failed" in str(results[0])


def test_a_failed_fetch_is_fast_and_loses_nothing(lock):
    (lock / "videos.lock").mkdir()
    before = {"title": "Kept", "duration": 100, "captions": {}, "chapters": []}
    (lock / "videos.lock" / "youtube-dQw4w9WgXcQ.json").write_text(json.dumps(before))
    key, result = fetch(lock, "https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    assert not result.ok
    assert "failed" in str(result) and "kept" in str(result)
    assert record(lock, key) == before


def test_files_in_the_portfolio_are_read_offline(site_factory):
    site = site_factory({
        "portfolio/lessons/pushes.md": "---\ntitle: P\nunit: forces\nvideos: [media/clip.mp4]\n---\n",
    })
    for name in ("clip.mp4", "clip.jpg", "clip.en.vtt"):
        shutil.copy(MEDIA / name, site.root / "portfolio" / "media" / name)
    lines = []
    results = fetch_portfolio(site.root / "portfolio", report=lines.append)
    local = [r for r in results if r.url == "media/clip.mp4"]
    assert local and local[0].ok, local
    data = record(site.root / "portfolio", local[0].key)
    assert (data["title"], data["duration"]) == ("Adding fractions", 4)
    assert [(c["start"], c["title"]) for c in data["chapters"]] == [(0, "Warm-up"), (2, "Adding fractions")]
    assert data["captions"] == {"en": {"file": f"{local[0].key}.en.vtt", "kind": "manual"}}
    assert data["thumbnail"] == f"{local[0].key}.jpg"
    # YouTube and Vimeo cannot be reached here: reported per video, nothing stored for them.
    assert any(line.startswith("failed  https://youtu.be/") for line in lines)
    assert not (site.root / "portfolio" / "videos.lock" / "youtube-abcdefghijk.json").exists()
    # A second fetch changes nothing.
    again = fetch_portfolio(site.root / "portfolio", report=lambda line: None)
    assert [r.changed for r in again if r.ok] == [False]

    # The build now shows length, chapters, poster, captions and the transcript.
    site.build()
    page = site.article("lessons/pushes/index.html")
    video = page.select_one("video")
    assert video["preload"] == "none"
    assert video.select_one("source")["src"] == "../../portfolio/media/clip.mp4"
    track = video.select_one("track")
    assert (track["kind"], track["srclang"], track.has_attr("default")) == ("captions", "en", True)
    assert site.exists(track["src"].replace("../../", ""))
    assert site.exists(video["poster"].replace("../../", ""))
    assert [c.get_text(" ", strip=True) for c in page.select(".ff-chapters li[data-ff-seek]")] == ["0:00 Warm-up", "0:02 Adding fractions"]
    assert [li["data-ff-seek"] for li in page.select(".ff-cues li")] == ["0.0", "2.0"]
    assert page.select_one(".ff-cues li").get_text() == "0:00 Welcome to fractions."
    assert "Today we add one half and one third." in page.select_one(".ff-transcript").get_text()
    # The transcript is in the search index.
    index = site.text("search/search_index.json")
    assert "Today we add one half and one third." in index


def test_a_cached_build_makes_no_network_call_and_does_not_import_yt_dlp(site_factory):
    site = site_factory()
    script = f"""
import socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("the build tried to use the network: " + repr(args[:2]))
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config({str(site.root / "mkdocs.yml")!r}, strict=True)
config.plugins.on_startup(command="build", dirty=False)
build(config)
assert "yt_dlp" not in sys.modules, "yt_dlp was imported"
print("built", len(sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built")
    assert site.exists("lessons/what-is-a-cell/index.html")


def test_cli_reports_per_video_and_exits_non_zero_on_failures(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    subprocess.run([sys.executable, "-m", "flipfolio", "new", str(tmp_path / "s")], check=True, env=env)
    result = subprocess.run([sys.executable, "-m", "flipfolio", "videos", "fetch", "--timeout", "2", str(tmp_path / "s")],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "failed  https://www.youtube.com/watch?v=REPLACE-ME1" in result.stdout
    assert "1 video(s): 0 ok, 1 failed" in result.stdout
