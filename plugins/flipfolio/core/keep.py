"""What a preview keeps from one load of a portfolio to the next.

`mkdocs serve` loads the whole portfolio again after every edit. Most files
did not change: a `Keep` hands back what was made from a file the last time
(a lesson read and validated, a captions file's cues) when the file's bytes
are the same, and makes it again when they are not. It is compared by
content, never by modification time alone (two saves within the clock's
step would look alike), and it is only ever given to `model.load` by a
preview: a build starts from nothing.

What is kept must not be changed by its users: a load that finds the same
bytes gets the same object.

`stamps`: digests of the files' bytes (absolute path -> digest), which the
preview took of every file of the portfolio just before the load: a file
with one is compared by it, not read again. (The preview reads again each
file whose size, times or inode changed, or that changed within two seconds
of its last reading: see `mkdocs/preview.py`'s `_digests`.)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable


class Keep:
    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[bytes | str, Any]] = {}
        self.stamps: dict[str, str] = {}

    def content(self, path: str | Path) -> bytes | str:
        """What tells whether the file at `path` changed: the digest of its bytes
        when `stamps` has it, else its bytes (OSError when it cannot be read)."""
        stamp = self.stamps.get(os.path.abspath(path)) if self.stamps else None
        return stamp if stamp is not None else Path(path).read_bytes()

    def made(self, what: str, path: str | Path, content: bytes | str, make: Callable[[], Any]) -> Any:
        """`make()`, or what it made last time for `what` of `path` when
        `content` (the file's text or bytes) is the same."""
        key = (what, str(path))
        found = self._kept.get(key)
        if found is not None and found[0] == content:
            return found[1]
        value = make()
        self._kept[key] = (content, value)
        return value

    def read(self, what: str, path: str | Path, make: Callable[[], Any]) -> Any:
        """`make()` for the file at `path`, kept while its bytes do not change
        (an unreadable file is made again each time)."""
        try:
            content = self.content(path)
        except OSError:
            return make()
        return self.made(what, path, content, make)
