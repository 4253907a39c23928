"""Property: whatever published lessons link, show or name, nothing that is
not published reaches any file of the built site.

Each example builds a real site whose published lessons (and an evidence
page: a Markdown file listed as a public credential's evidence) point, in random
combinations and spellings, at a draft lesson, a private credential and its
files, student work without consent (a file, and an address at another site,
also written out in words, code and autolinks), portfolio files Flipfolio reads, and a
file outside the portfolio reached through a symbolic link. Every unpublished
item carries a marker; the test reads every byte of the output (pages, search
index, sitemap, copied files, what the offline packs hold) and finds none of them.
"""

from __future__ import annotations

import os
import tempfile
import textwrap
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from sites import MKDOCS_YML, Site

SECRETS = {
    # portfolio path -> its text; every marker below must stay off the site
    "lessons/drafts/draft-x.md": "---\ntitle: DRAFT-TITLE-MARK\nunit: u\nstatus: draft\nvideos:\n"
                                 "  - url: media/draft-video.mp4\n    title: DRAFT-VIDEO-TITLE-MARK\n    duration: 30\n"
                                 "    no_captions_reason: no speech\n---\n\nDRAFT-BODY-MARK\n",
    "media/draft-video.mp4": "DRAFT-VIDEO-MARK",
    "credentials/private-c.yml": "name: PRIVATE-CRED-MARK\nissuer: {name: PRIVATE-ISSUER-MARK}\n"
                                 "public: false\ncompetency: PRIVATE-COMPETENCY-MARK\n"
                                 "image: {src: media/private-badge.svg, alt: PRIVATE-ALT-MARK}\n"
                                 "award:\n  issued: 2025-01-01\n"
                                 "  evidence:\n    - {title: PRIVATE-EVIDENCE-TITLE-MARK, kind: document, "
                                 "url: media/private-evidence.txt}\n",
    "media/private-badge.svg": '<svg xmlns="http://www.w3.org/2000/svg"><title>PRIVATE-BADGE-MARK</title></svg>',
    "media/private-evidence.txt": "PRIVATE-EVIDENCE-MARK",
    "media/student-work.txt": "STUDENT-WORK-MARK",
    "media/notes.md": "# NOTES-MD-MARK\n",
    "videos.lock/youtube-aaaaaaaaaaa.json": '{"title": "LOCK-RECORD-MARK"}',
}
#: Student work without consent at another site (an evidence's address, below).
WORK_ADDRESS = "https://work.example.org/watch/unconsented-address-mark"
MARKERS = sorted({m for text in SECRETS.values() for m in text.replace("\n", " ").replace('"', " ").replace(">", " ")
                  .replace("<", " ").split() if m.endswith("-MARK")}
                 | {"OUTSIDE-MARK", "UNCONSENTED-TITLE-MARK", "unconsented-address-mark"})

PUBLIC = {
    "profile.yml": "name: Sam Teacher\n",
    "units/u.yml": "title: Unit U\n",
    "media/public.txt": "PUBLIC-FILE-SHOWN",
    "credentials/public-c.yml": "name: Public Credential\nissuer: {name: Body}\n"
                                "competency: Does things.\naward:\n  issued: 2025-02-01\n  evidence:\n"
                                "    - {title: UNCONSENTED-TITLE-MARK, kind: student-work, url: media/student-work.txt}\n"
                                "    - {title: Draft lesson evidence, lesson: draft-x}\n"
                                f"    - {{title: Sam explains, kind: student-work, url: \"{WORK_ADDRESS}\"}}\n"
                                "    - {title: Planning notes, kind: document, url: notes/evidence-page.md}\n",
}
#: Where the evidence page is published.
EVIDENCE_PAGE = "credentials/public-c/evidence-page/index.html"

# What a lesson in lessons/ may point at (portfolio paths; "outside" is the symlink).
TARGETS = ["lessons/drafts/draft-x.md", "media/draft-video.mp4", "credentials/private-c.yml",
           "media/private-badge.svg", "media/private-evidence.txt", "media/student-work.txt", "media/notes.md",
           "videos.lock/youtube-aaaaaaaaaaa.json", "profile.yml", "units/u.yml", "media/outside.txt",
           "media/linked-folder/secret.txt", "media/public.txt", WORK_ADDRESS]


def spell(path: str, how: int, here: str = "lessons") -> str:
    """One of several ways to write the address of `path` from the folder `here`."""
    if path == WORK_ADDRESS:
        return [path, path.replace("work.example.org", "WORK.Example.org"), path + "/", path + "#t=30",
                path.removeprefix("https:")][how]
    rel = os.path.relpath(path, here)
    return [rel, "./" + rel, rel + "#part", f"<{rel}>", rel.replace("-", "%2D", 1)][how]


def markdown(kind: int, text: str, address: str, n: int) -> str:
    if kind == 0:
        return f"[{text}]({address})"
    if kind == 1:
        return f"![{text}]({address})"
    if kind == 3:  # written out: in words, in code, as an autolink
        return f"{text}: {address}, `{address}` and <{address}>"
    return f"[{text}][r{n}]\n\n[r{n}]: {address}\n"


link = st.tuples(st.sampled_from(TARGETS), st.integers(0, 4), st.integers(0, 3))
lesson_links = st.lists(link, min_size=1, max_size=6)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lessons=st.lists(lesson_links, min_size=1, max_size=3), names_private=st.booleans(), evidence=lesson_links)
def test_nothing_unpublished_reaches_the_site(lessons, names_private, evidence):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        outside = root / "outside"
        outside.mkdir()
        (outside / "secret.txt").write_text("OUTSIDE-MARK", encoding="utf-8")
        site = Site(root / "site-src")
        files = {"mkdocs.yml": MKDOCS_YML, "docs/index.md": "# Home\n"}
        files.update({f"portfolio/{p}": t for p, t in {**PUBLIC, **SECRETS}.items()})
        wants_outside = False
        for number, chosen in enumerate(lessons):
            body = []
            for n, (target, how, kind) in enumerate(chosen):
                body.append(markdown(kind, f"link {n}", spell(target, how), n))
                # (linked: written out, a path is only words, and nothing is published for it)
                wants_outside |= kind != 3 and target in ("media/outside.txt", "media/linked-folder/secret.txt")
            credentials = "credentials: [private-c, public-c]\n" if names_private else ""
            files[f"portfolio/lessons/pub-{number}.md"] = (f"---\ntitle: Published {number}\nunit: u\n{credentials}"
                                                           "---\n\n" + "\n\n".join(body) + "\n")
        body = [markdown(kind, f"link {n}", spell(target, how, "notes"), n) for n, (target, how, kind) in enumerate(evidence)]
        wants_outside |= any(kind != 3 and target in ("media/outside.txt", "media/linked-folder/secret.txt")
                             for target, _, kind in evidence)
        files["portfolio/notes/evidence-page.md"] = "# Planning notes\n\n" + "\n\n".join(body) + "\n"
        for path, text in files.items():
            target = site.root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        os.symlink(outside / "secret.txt", site.root / "portfolio/media/outside.txt")
        os.symlink(outside, site.root / "portfolio/media/linked-folder")

        try:
            site.build(strict=False)
            built = True
        except Abort:
            built = False
        assert built is not wants_outside  # a link out of the portfolio is an error, anything else builds

        output = b""
        if site.out.exists():
            output = b"\n".join(p.read_bytes() for p in sorted(site.out.rglob("*")) if p.is_file())
            for zipped in sorted(site.out.rglob("*.zip")):  # an offline pack holds the lessons' pages
                with zipfile.ZipFile(zipped) as archive:
                    output += b"\n".join(archive.read(name) for name in archive.namelist())
        if built:
            # Not an empty site: the published lessons and what they link are there.
            assert all((site.out / f"lessons/pub-{n}/index.html").is_file() for n in range(len(lessons)))
            assert (site.out / EVIDENCE_PAGE).is_file()
            linked_public = any(t == "media/public.txt" and kind != 3 for chosen in (*lessons, evidence)
                                for t, _, kind in chosen)
            assert (b"PUBLIC-FILE-SHOWN" in output) is linked_public
        found = [m for m in MARKERS if m.encode() in output]
        assert found == []
