"""Tiny real sites in temp folders, built with the real MkDocs.

`site_factory(files)` writes a site (mkdocs.yml, docs/, portfolio/) from a
dict of path -> text, on top of a small valid portfolio, and `build()` runs
MkDocs' own build on it. Tests then read the built HTML.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

REPO = Path(__file__).resolve().parent.parent

from sites import BASE, MKDOCS_YML, Site  # noqa: E402,F401  (re-exported for the tests)


_LOCAL = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def no_outside_network(monkeypatch):
    """Any connection to a host other than this machine fails at once, in every test."""
    import socket

    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not host.startswith(_LOCAL) and sock.family != socket.AF_UNIX:
            raise ConnectionRefusedError(f"tests may not reach {host}")
        return real_connect(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if isinstance(host, str) and not host.startswith(_LOCAL):
            raise socket.gaierror(socket.EAI_NONAME, f"tests may not look up {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def site_factory(tmp_path):
    """Make a site: BASE portfolio, plus or minus the files given (None deletes)."""

    def make(files: dict[str, str | None] | None = None, *, mkdocs_yml: str = MKDOCS_YML, base: bool = True) -> Site:
        site = Site(tmp_path / "site-src")
        site.write({"mkdocs.yml": mkdocs_yml})
        if base:
            site.write(BASE)
        site.write(files or {})
        return site

    return make


@pytest.fixture
def mkdocs_log(caplog):
    """What MkDocs and its plugins logged."""
    caplog.set_level(logging.INFO, logger="mkdocs")
    return caplog
