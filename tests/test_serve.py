"""`mkdocs serve`: drafts are shown, and editing the portfolio reloads the site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.3)
    pytest.fail("timed out waiting for the preview server")


@pytest.fixture
def served(site_factory):
    site = site_factory()
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(site.root / "mkdocs.yml")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"

    def up():
        try:
            return fetch(base)[0] == 200
        except OSError:
            return False

    try:
        wait_for(up)
        yield site, base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_shows_drafts_and_reloads_when_the_portfolio_changes(served):
    site, base = served
    status, html = fetch(base + "lessons/secret-draft/")
    assert status == 200
    assert "Only shown while previewing" in html
    lesson = site.root / "portfolio" / "lessons" / "pushes.md"
    lesson.write_text(lesson.read_text().replace("title: Pushes and pulls", "title: Pushes, pulls and twists"))
    wait_for(lambda: "Pushes, pulls and twists" in fetch(base + "lessons/pushes/")[1])
