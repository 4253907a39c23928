"""Tiny real sites in temp folders, built with the real MkDocs: the small
valid portfolio every test starts from (`BASE`) and `Site`, which writes,
builds and reads one. (A module of its own, so that tests can import it
whatever other conftest.py files pytest has loaded.)"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup

MKDOCS_YML = """\
site_name: Test portfolio
theme:
  name: material
  font: false
plugins:
  - search
  - flipfolio
"""

#: A small valid portfolio: 2 units, 3 published lessons and 1 draft, a
#: question set, 3 credentials (one private) and a stack.
BASE = {
    "docs/index.md": "# Home\n\nWelcome.\n",
    "portfolio/profile.yml": """\
        name: Sam Teacher
        school: Test School
        subjects: [Science]
        grades: [7]
        bio: Teaches science.
        """,
    "portfolio/units/cells.yml": "title: Cells\norder: 1\nsummary: Living things are made of cells.\n",
    "portfolio/units/forces.yml": "title: Forces\norder: 2\n",
    "portfolio/lessons/what-is-a-cell.md": """\
        ---
        title: What is a cell?
        unit: cells
        order: 1
        assigned: 2025-09-01
        due: 2025-09-03
        videos:
          - url: https://youtu.be/abcdefghijk?t=30
            title: Cells up close
            duration: "4:30"
            captions: media/cells.en.vtt
        questions: cell-check
        credentials: [video-design]
        ---

        Cells are the units of life.

        ## Before class

        Watch the video.

        ## In class

        Microscope lab.
        """,
    "portfolio/lessons/cell-parts.md": """\
        ---
        title: Parts of a cell
        unit: cells
        order: 2
        videos:
          - url: https://vimeo.com/76979871
            title: Inside the cell
            duration: 95
            no_captions_reason: Music and pictures only, no speech.
        ---

        ## Before class

        Read page 12.
        """,
    "portfolio/lessons/pushes.md": """\
        ---
        title: Pushes and pulls
        unit: forces
        ---

        Forces everywhere.
        """,
    "portfolio/lessons/secret-draft.md": """\
        ---
        title: Unfinished draft lesson
        unit: forces
        status: draft
        ---

        Not ready.
        """,
    "portfolio/media/cells.en.vtt": """\
        WEBVTT

        00:00:00.000 --> 00:00:04.000
        All living things are made of cells.

        00:00:04.000 --> 00:00:09.500
        Let's look at an onion cell under the microscope.
        """,
    "portfolio/questions/cell-check.yml": """\
        title: Cell check
        questions:
          - prompt: What do all living things have?
            choices:
              - {text: Cells, correct: true}
              - {text: Wheels}
        """,
    "portfolio/credentials/video-design.yml": """\
        name: Flipped Video Design
        issuer: {name: Educators Network, url: "https://educators.example/"}
        competency: Designs short instructional videos with embedded questions.
        rubric:
          levels: [Not Yet, Proficient]
          required: Proficient
        award:
          issued: 2025-10-01
          results:
            - {criterion: Video length, level: Proficient}
          evidence:
            - {title: Cell lesson, lesson: what-is-a-cell}
            - {title: Lab report by a student, kind: student-work, url: "https://school.example/work.pdf"}
        """,
    "portfolio/credentials/questioning.yml": """\
        name: Questioning Strategies
        issuer: {name: Educators Network}
        competency: Asks questions that make students think.
        """,
    "portfolio/credentials/hidden-award.yml": """\
        name: Confidential Personal Award
        issuer: {name: Private Body}
        award: {issued: 2025-01-01}
        public: false
        competency: Something private.
        """,
    "portfolio/stacks/flipped.yml": "name: Flipped Practitioner\ncredentials: [video-design, questioning]\n",
}


@dataclass
class Site:
    root: Path
    files: dict[str, str] = field(default_factory=dict)

    @property
    def out(self) -> Path:
        return self.root / "site"

    def write(self, files: dict[str, str | None]) -> Site:
        for path, text in files.items():
            target = self.root / path
            if text is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return self

    def build(self, strict: bool = True, dirty: bool = False) -> Site:
        """Run MkDocs' real build in-process (`dirty`: into the last build's
        site, as ``mkdocs build --dirty``); raises what MkDocs raises."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config = load_config(str(self.root / "mkdocs.yml"), strict=strict)
        config.plugins.on_startup(command="build", dirty=dirty)
        try:
            build(config, dirty=dirty)
        finally:
            config.plugins.on_shutdown()
        return self

    def exists(self, path: str) -> bool:
        return (self.out / path).is_file()

    def text(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")

    def html(self, path: str) -> BeautifulSoup:
        return BeautifulSoup(self.text(path), "html.parser")

    def article(self, path: str) -> BeautifulSoup:
        return self.html(path).select_one("article.md-content__inner")

    def all_text(self) -> str:
        """Every file of the built site as one string (HTML, JSON, XML)."""
        chunks = []
        for path in sorted(self.out.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
                chunks.append(path.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(chunks)

    def search_index(self) -> dict:
        return json.loads(self.text("search/search_index.json"))


def qr_text(svg: str) -> list[str]:
    """What a QR reader (zxing-cpp) reads in a picture of `svg`, drawn from its
    path as a browser would: each ``m dx,dy h n`` a run of dark modules."""
    import zxingcpp
    from PIL import Image

    size = int(re.search(r"viewBox='0,0,(\d+),\1'", svg).group(1))
    runs = re.search(r"stroke='#000' d='([^']*)'", svg).group(1)
    picture, x, y = Image.new("L", (size, size), 255), 0.0, -4.5
    for dx, dy, n in re.findall(r"m(-?\d+),(-?[\d.]+)h(\d+)", runs):
        x, y = x + int(dx), y + float(dy)
        for column in range(int(x), int(x) + int(n)):
            picture.putpixel((column, int(y)), 0)
        x += int(n)
    return [found.text for found in zxingcpp.read_barcodes(picture.resize((size * 8, size * 8), Image.NEAREST))]
