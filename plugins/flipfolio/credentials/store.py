"""Copies of what the issuers publish, stored by ``flipfolio credentials refresh``.

A build never goes online. What verifying a credential needs from the web (a
hosted 2.0 assertion, the issuer's profile and keys, its revocation list, a
3.0 status list) is fetched once, by the explicit ``refresh`` command, and
kept in ``credentials.lock/`` inside the portfolio folder: ``index.json``
maps each address to its file and to when it was fetched. Commit that folder.
The files are never published (the feature marks them private).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

FOLDER = "credentials.lock"
INDEX = "index.json"


@dataclass(frozen=True)
class Stored:
    """One stored copy: the body the issuer served, its HTTP status, when it was fetched."""

    url: str
    body: bytes
    status: int
    fetched: dt.date


class Store:
    """The stored copies of a portfolio (`root` is the portfolio folder)."""

    def __init__(self, root: Path):
        self.folder = Path(root) / FOLDER
        self._index: dict[str, dict] | None = None

    @property
    def index(self) -> dict[str, dict]:
        if self._index is None:
            path = self.folder / INDEX
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}
            self._index = data if isinstance(data, dict) else {}
        return self._index

    def get(self, url: str) -> Stored | None:
        entry = self.index.get(url)
        if not isinstance(entry, dict):
            return None
        try:
            body = (self.folder / str(entry.get("file", ""))).read_bytes()
            fetched = dt.date.fromisoformat(str(entry.get("fetched", ""))[:10])
        except (OSError, ValueError):
            return None
        return Stored(url, body, int(entry.get("status", 200)), fetched)

    def json(self, url: str) -> dict | None:
        """The stored copy of `url` as a JSON object (a 200 answer), or None."""
        found = self.get(url)
        if found is None or found.status != 200:
            return None
        try:
            data = json.loads(found.body)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def put(self, url: str, body: bytes, status: int, fetched: dt.date) -> None:
        """Store a copy (written at once; the index is written by `save`)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:24] + ".json"
        (self.folder / name).write_bytes(body)
        self.index[url] = {"file": name, "status": status, "fetched": fetched.isoformat()}

    def save(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / INDEX).write_text(json.dumps(self.index, indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def files(self) -> list[str]:
        """Every file of the folder, as portfolio paths."""
        if not self.folder.is_dir():
            return []
        return sorted(f"{FOLDER}/{p.relative_to(self.folder).as_posix()}" for p in self.folder.rglob("*") if p.is_file())
