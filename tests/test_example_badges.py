"""The example portfolio's sample badges are what scripts/make-example-badges.py
makes: run again on a copy of the example's credentials, it writes the same
bytes (fixed seeds and dates), and the proofs still show what they are meant to."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "portfolio"
MADE = ("media/badges/proofs", "credentials.lock")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for folder in MADE for p in sorted((root / folder).rglob("*")) if p.is_file()}


def test_the_script_makes_the_committed_proofs_again(tmp_path):
    copy = tmp_path / "portfolio"
    shutil.copytree(EXAMPLE / "credentials", copy / "credentials")
    shutil.copytree(EXAMPLE / "media" / "badges", copy / "media" / "badges",
                    ignore=shutil.ignore_patterns("proofs"))
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "make-example-badges.py"), str(copy)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "BAD" not in done.stdout
    made, committed = files(copy), files(EXAMPLE)
    assert sorted(made) == sorted(committed)
    assert [name for name in made if made[name] != committed[name]] == []
