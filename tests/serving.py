"""A real `mkdocs serve` of a tiny site (`sites.Site`), for the tests of the
preview: start it as from a terminal, fetch its pages, wait for a change to show."""

from __future__ import annotations

import os
import signal
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
    except urllib.error.HTTPError as error:  # (the preview's page of a change it cannot build is a 500)
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.3)
    pytest.fail("timed out waiting for the preview server")


def up(base: str) -> bool:
    try:
        return fetch(base)[0] == 200
    except OSError:
        return False


def serve(site, port: int, tmp) -> subprocess.Popen:
    """`mkdocs serve` on `site`, building into a folder under `tmp` (its TMPDIR), as
    started from a terminal: Ctrl-C (SIGINT) and a closed terminal's SIGHUP stop
    it even when the tests run where these signals are ignored, as their
    children's would be (under `nohup`; in the background of a shell without
    job control, which ignores SIGINT)."""
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp)}
    from_terminal = [signal.SIGINT] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])

    def as_from_a_terminal():
        for number in from_terminal:
            signal.signal(number, signal.SIG_DFL)

    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(site.root / "mkdocs.yml")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=as_from_a_terminal if os.name == "posix" else None,
    )
