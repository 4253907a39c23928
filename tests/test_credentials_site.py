"""Credentials in built sites: statuses worked out from the build date, the
badge wall's counts and filters' data, privacy of evidence, Markdown
artifacts as pages, the feed and its schema, sharing, and import."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
from sites import qr_text

import badgekit
from flipfolio.cli import main as flipfolio
from flipfolio.credentials.outputs import FEED_SCHEMA
from flipfolio.credentials.store import Store

SITE_URL_YML = ("site_name: T\nsite_url: https://t.example/\ntheme: {name: material, font: false}\n"
                "plugins: [search, flipfolio]\n")

RUBRIC = """\
rubric:
  levels:
    - {name: Not Yet, description: Some parts missing.}
    - {name: Proficient, description: Every part is there.}
    - {name: Exemplary, description: "Every part, and more."}
  required: Proficient
  criteria:
    - name: Video length
      levels: [Longer than ten minutes., Under ten minutes., Under six minutes.]
"""

STATUSES = {
    "portfolio/credentials/c-active.yml": "name: Active one\nissuer: {name: N}\ncompetency: C\n" + RUBRIC
        + "award: {issued: 2025-01-01, expires: 2027-01-01, result: Exemplary}\n",
    "portfolio/credentials/c-forever.yml": "name: Forever one\nissuer: {name: N}\ncompetency: C\n" + RUBRIC
        + "award: {issued: 2025-01-01, result: Proficient}\n",
    "portfolio/credentials/c-expired.yml": "name: Expired one\nissuer: {name: N}\ncompetency: C\n"
        + "award: {issued: 2024-01-01, expires: 2026-05-31}\n",
    "portfolio/credentials/c-working.yml": "name: Working one\nissuer: {name: N}\ncompetency: C\n",
    "portfolio/credentials/c-not-yet.yml": "name: Not yet one\nissuer: {name: N}\ncompetency: C\n" + RUBRIC
        + "award:\n  attempts:\n    - {date: 2026-02-01, result: Not Yet, feedback: Shorten the video.}\n",
    "portfolio/stacks/flipped.yml": "name: Flipped Practitioner\ncredentials: [c-active, c-expired, c-working]\n",
}


@pytest.fixture
def on_2026_06_02(monkeypatch):
    monkeypatch.setenv("FLIPFOLIO_BUILD_DATE", "2026-06-02")


def test_statuses_are_worked_out_and_expired_is_not_earned(site_factory, on_2026_06_02):
    home = {"docs/index.md": "---\ntemplate: flipfolio/home.html\n---\n\nWelcome.\n"}
    site = site_factory({**STATUSES, **home}).build()
    # The home page counts as the wall does (it said "0 earned.", whatever was earned).
    assert site.article("index.html").select_one("[aria-labelledby=ff-home-credentials] p").get_text() == "3 earned."
    wall = site.article("credentials/index.html")
    cards = {card.h3.get_text(strip=True): card for card in wall.select("[data-ff-card]")}
    status = {name: card["data-ff-status"] for name, card in cards.items()}
    assert status == {"Active one": "active", "Forever one": "no-expiry", "Expired one": "expired",
                      "Working one": "in-progress", "Not yet one": "not-yet",
                      "Flipped Video Design": "no-expiry", "Questioning Strategies": "in-progress"}
    assert cards["Expired one"].select_one("[data-ff-status-label]").get_text() == "Expired"
    assert cards["Active one"]["data-ff-expires"] == "2027-01-01"
    # The stack counts only what is earned and still valid (issue: "an expired credential counted in 7 earned").
    stack = wall.select_one("section[aria-labelledby=stack-flipped]")
    assert "1 of 3 earned" in stack.get_text()
    summary = wall.select_one(".ff-summary").get_text(" ", strip=True)
    assert "3 earned and valid" in summary and "1 expired" in summary and "1 not yet" in summary
    assert "1 earned at the level Exemplary" in summary
    # Self-reported: no proof attached.
    assert "Self-reported" in cards["Active one"].get_text()
    page = site.article("credentials/c-not-yet/index.html")
    assert "Shorten the video." in page.select_one(".ff-attempts").get_text()
    # The rubric with the level reached, holistic and per criterion.
    active = site.article("credentials/c-active/index.html")
    reached = active.select_one("tr.ff-rubric__reached")
    assert reached.th.get_text() == "Exemplary" and "Every part, and more." in reached.get_text()
    # The stack's own page.
    stack_page = site.article("credentials/stacks/flipped/index.html")
    assert [a.get_text() for a in stack_page.select(".ff-stack-list .ff-badge__name a")] == [
        "Active one", "Expired one", "Working one"]


def test_the_wall_reads_completely_without_javascript(site_factory, on_2026_06_02):
    site = site_factory(STATUSES).build()
    wall = site.article("credentials/index.html")
    # The filters need the script: shown from the first paint where scripts run, not shown where they do not.
    assert not wall.select_one("form[data-ff-filters]").has_attr("hidden")
    assert "@media (scripting: none) { .md-typeset .ff-filters { display: none; } }" in site.text(
        "assets/flipfolio/flipfolio.css")
    assert not any(card.has_attr("hidden") for card in wall.select("[data-ff-card]"))
    assert site.exists("assets/flipfolio/credentials.js")
    options = [o.get_text() for o in wall.select("select[data-ff-filter=status] option")]
    assert options[0] == "All statuses" and "Expired" in options


@pytest.mark.parametrize("field, text, message", [
    ("award", "award: {result: Great}\nrubric: {levels: [Low, High], required: High}\n",
     "credentials/q.yml:4: field 'award.result': expected one of the rubric's levels (Low, High), found 'Great'"),
    ("evidence", "award:\n  evidence:\n    - {title: T, kind: student-work, url: media/x.txt, visibility: shown}\n",
     "credentials/q.yml:6: field 'award.evidence[0].visibility': expected one of 'private', 'public', found 'shown'"),
    ("consent", "award:\n  evidence:\n    - title: T\n      url: media/x.txt\n      kind: student-work\n"
                "      consent: {date: 2026-01-01, given_by: a parent}\n",
     "credentials/q.yml:9: field 'award.evidence[0].consent.scope': this field is required"),
    ("proof", "award: {issued: 2026-01-01, proof: {file: media/plain.png}}\n",
     "credentials/q.yml:4: field 'award.proof.file': the proof carries no badge: the PNG image carries no Open Badges"),
    ("criteria", "rubric:\n  levels: [A, B]\n  required: B\n  criteria:\n    - {name: X, levels: [only one]}\n",
     "credentials/q.yml:8: field 'rubric.criteria[0].levels': give one description per level (2, lowest first), found 1"),
])
def test_authoring_errors_name_file_line_and_field(tmp_path, field, text, message):
    from flipfolio.core.model import load

    folder = tmp_path / "portfolio"
    (folder / "credentials").mkdir(parents=True)
    (folder / "media").mkdir()
    (folder / "media" / "plain.png").write_bytes(badgekit.plain_png())
    (folder / "media" / "x.txt").write_text("x")
    (folder / "profile.yml").write_text("name: Sam Teacher\n")
    (folder / "credentials" / "q.yml").write_text("name: Q\nissuer: {name: N}\ncompetency: C\n" + text)
    problems = [str(p) for p in load(folder).problems.errors]
    assert len(problems) == 1 and problems[0].startswith("portfolio/" + message), problems


PRIVACY = {
    "mkdocs.yml": SITE_URL_YML,
    "portfolio/credentials/video-design.yml": """\
        name: Flipped Video Design
        issuer: {name: Educators Network}
        competency: Designs short instructional videos.
        award:
          issued: 2025-10-01
          private_evidence: titles
          evidence:
            - {title: Cell lesson, lesson: what-is-a-cell}
            - {title: "Poster by NOCONSENT-TITLE-MARKER", kind: student-work, url: media/poster.txt, visibility: public}
            - {title: "Essay by NOCONSENT-MD-TITLE", kind: student-work, url: media/essay.md}
            - {title: "My private notes", kind: reflection, url: media/private-notes.txt, visibility: private}
            - {title: "Consented work", kind: student-work, url: media/consented.txt,
               consent: {date: 2025-09-01, given_by: the student and a parent, scope: this work on my portfolio}}
            - {title: "My reflection", kind: reflection, url: media/reflection.md}
        """,
    "portfolio/media/poster.txt": "NOCONSENT-FILE-MARKER\n",
    "portfolio/media/essay.md": "# Essay\n\nNOCONSENT-MARKDOWN-MARKER\n",
    "portfolio/media/private-notes.txt": "PRIVATE-NOTES-MARKER\n",
    "portfolio/media/consented.txt": "CONSENTED-MARKER\n",
    "portfolio/media/reflection.md": "# My reflection\n\nREFLECTION-PAGE-MARKER: what I learned.\n",
}


def test_private_evidence_and_student_work_without_consent_appear_nowhere(site_factory, mkdocs_log):
    site = site_factory(PRIVACY).build()  # (strict: what is left off for want of a consent is no mistake)
    # The teacher is told what was left off, and why: a note, never silence.
    noted = [r.getMessage() for r in mkdocs_log.records if r.levelname == "INFO" and "left off the site" in r.getMessage()]
    assert noted == [
        f"flipfolio: portfolio/credentials/video-design.yml:{line}: field 'award.evidence[{i}]': student work is left "
        "off the site until a consent to publish it is recorded. Add 'consent' (given_by, date) once the student "
        "and a parent agree, or 'visibility: private' to keep it off the site without this note"
        for i, line in ((1, 9), (2, 10))]
    everything = "\n".join(p.read_bytes().decode("utf-8", "replace") for p in site.out.rglob("*") if p.is_file())
    names = "\n".join(str(p.relative_to(site.out)) for p in site.out.rglob("*"))
    for marker in ("NOCONSENT-TITLE-MARKER", "NOCONSENT-FILE-MARKER", "NOCONSENT-MD-TITLE", "NOCONSENT-MARKDOWN-MARKER",
                   "PRIVATE-NOTES-MARKER", "poster.txt", "essay", "private-notes"):
        assert marker not in everything, marker
        assert marker not in names, marker
    # Published: the consented work (with its consent), the reflection as a page of its own.
    assert "CONSENTED-MARKER" in site.text("portfolio/media/consented.txt")
    page = site.article("credentials/video-design/index.html")
    assert "My private notes" in page.select_one(".ff-evidence").get_text()  # the teacher chose titles
    assert "consent given by the student and a parent" in page.get_text()
    assert "REFLECTION-PAGE-MARKER" in everything


def test_markdown_artifacts_are_pages_of_their_own_without_nav_entries(site_factory):
    site = site_factory(PRIVACY).build()
    page = site.article("credentials/video-design/index.html")
    link = next(a for a in page.select(".ff-evidence a") if a.get_text() == "My reflection")
    assert link["href"] == "reflection/"
    artifact = site.article("credentials/video-design/reflection/index.html")
    assert artifact.h1.get_text() == "My reflection"
    assert "REFLECTION-PAGE-MARKER" in artifact.get_text()
    assert artifact.select_one(".ff-meta a")["href"] == "../"  # evidence for the credential
    nav = site.html("index.html").select_one("nav.md-nav--primary").get_text()
    assert "My reflection" not in nav
    assert not site.exists("portfolio/media/reflection.md")
    # Lesson pages link back: "evidence for".
    lesson = site.article("lessons/what-is-a-cell/index.html")
    assert "Flipped Video Design" in lesson.select_one(".ff-evidence-for").get_text()


def test_the_feed_validates_against_the_shipped_schema(site_factory, on_2026_06_02):
    site = site_factory({**STATUSES, "mkdocs.yml": SITE_URL_YML}).build()
    feed = json.loads(site.text("credentials/feed.json"))
    schema = json.loads(FEED_SCHEMA.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(feed, schema)
    assert json.loads(site.text("credentials/feed.schema.json")) == schema
    by_id = {c["id"]: c for c in feed["credentials"]}
    assert "hidden-award" not in by_id  # private: not in the feed
    assert by_id["c-expired"]["status"] == "expired"
    assert by_id["c-active"]["verification"]["outcome"] == "self-reported"
    assert by_id["c-active"]["page"] == "https://t.example/credentials/c-active/"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**feed, "credentials": [{**by_id["c-active"], "status": "earned"}]}, schema)


def test_sharing_linkedin_qr_and_open_graph(site_factory, on_2026_06_02):
    site = site_factory({**STATUSES, "mkdocs.yml": SITE_URL_YML}).build()
    page = site.article("credentials/c-active/index.html")
    linkedin = next(a["href"] for a in page.select(".ff-share a"))
    query = {k: v[0] for k, v in parse_qs(urlsplit(linkedin).query).items()}
    assert query == {"startTask": "CERTIFICATION_NAME", "name": "Active one", "organizationName": "N",
                     "issueYear": "2025", "issueMonth": "1", "expirationYear": "2027", "expirationMonth": "1",
                     "certUrl": "https://t.example/credentials/c-active/"}
    assert page.select_one(".ff-copy input")["value"] == "https://t.example/credentials/c-active/"
    qr = site.text("credentials/c-active/qr.svg")
    assert qr.startswith("<svg") and "QR code for https://t.example/credentials/c-active/" in qr
    assert qr_text(qr) == ["https://t.example/credentials/c-active/"]
    assert page.select_one("img.ff-qr")["src"] == "qr.svg"
    head = site.html("credentials/c-active/index.html").head
    og = {m["property"]: m["content"] for m in head.select("meta[property^='og:']")}
    assert og["og:title"] == "Active one" and og["og:url"] == "https://t.example/credentials/c-active/"


def imported(site_factory, tmp_path):
    """A small site with a signed Open Badges 2.0 badge imported ('Flipped Video Design'); the baked image."""
    site = site_factory({"mkdocs.yml": SITE_URL_YML})
    ob2 = badgekit.OB2(Store(site.root / "portfolio"))
    baked = tmp_path / "from-the-issuer.png"
    baked.write_bytes(badgekit.bake_ob2(ob2.sign(ob2.assertion())))
    assert flipfolio(["credentials", "import", str(baked), str(site.root)]) == 0
    return site, baked


def test_import_then_build_shows_verified_and_refuses_a_plain_png(site_factory, monkeypatch, capsys, tmp_path):
    site, baked = imported(site_factory, tmp_path)
    folder = site.root / "portfolio"
    text = (folder / "credentials" / "flipped-video-design.yml").read_text()
    assert "name: Flipped Video Design\n" in text and "name: Sample Issuer Network\n" in text
    assert "  issued: 2026-01-10\n" in text and "file: media/badges/flipped-video-design.png" in text
    assert "Still to write: key_method" in text  # what the teacher completes
    assert (folder / "media/badges/flipped-video-design.png").read_bytes() == baked.read_bytes()
    plain = tmp_path / "plain.png"
    plain.write_bytes(badgekit.plain_png())
    assert flipfolio(["credentials", "import", str(plain), str(site.root)]) == 1
    assert "carries no badge: the PNG image carries no Open Badges data" in capsys.readouterr().out
    monkeypatch.setenv("FLIPFOLIO_RECIPIENT", badgekit.TEACHER)
    monkeypatch.setenv("FLIPFOLIO_BUILD_DATE", "2026-06-02")
    site.build(strict=False)
    slug = "flipped-video-design"
    page = site.article(f"credentials/{slug}/index.html")
    checks = {row.th.get_text(): row.find_all("td")[0].get_text() for row in page.select("table.ff-checks tbody tr")}
    assert checks == {"Signature": "Passed", "Issuer": "Passed", "Recipient": "Passed", "Dates": "Passed",
                      "Revocation": "Passed", "This page": "Passed"}
    assert "Verified" in page.select_one(".ff-credential-status").get_text()
    assert site.exists(f"credentials/{slug}/proof.json")
    assert not any("credentials.lock" in str(p) for p in site.out.rglob("*"))


def test_a_page_that_says_more_than_its_proof_is_not_verified_nor_counted(site_factory, monkeypatch, mkdocs_log,
                                                                           tmp_path):
    site, _ = imported(site_factory, tmp_path)
    path = site.root / "portfolio" / "credentials" / "flipped-video-design.yml"
    # The teacher makes the badge grander than the issuer did.
    path.write_text(path.read_text().replace("name: Flipped Video Design", "name: National Board Master Educator")
                    .replace("issued: 2026-01-10", "issued: 2021-01-05"))
    monkeypatch.setenv("FLIPFOLIO_RECIPIENT", badgekit.TEACHER)
    monkeypatch.setenv("FLIPFOLIO_BUILD_DATE", "2026-06-02")
    site.build(strict=False)
    page = site.article("credentials/flipped-video-design/index.html")
    assert [c.get_text() for c in page.select_one(".ff-credential-status").select(".ff-chip")] == [
        "Earned", "Not verified"]
    rows = [[cell.get_text() for cell in row.find_all(["th", "td"])] for row in page.select("table.ff-checks tbody tr")]
    assert [row for row in rows if row[0] == "This page"] == [
        ["This page", "Failed", 'the proof names the badge "Flipped Video Design", not "National Board Master '
                                'Educator" as this page does'],
        ["This page", "Failed", "the proof was issued on 2026-01-10, not on 2021-01-05 as this page says"]]
    assert {row[0]: row[1] for row in rows}["Signature"] == "Passed"  # the proof itself is the issuer's
    assert not page.select(".ff-share a")  # not offered for a professional profile
    summary = {li["data-ff-sum"]: li for li in site.article("credentials/index.html").select("[data-ff-sum]")}
    # Two earned (the small site's own credential, self-reported, and this one), one of them valid.
    assert summary["no-expiry"].get_text(" ", strip=True) == "2 without expiry"
    assert summary["earned"].get_text(" ", strip=True) == "1 earned and valid"
    assert summary["not-verified"].get_text(" ", strip=True) == "1 earned, but the proof does not verify"
    assert not summary["not-verified"].has_attr("hidden")
    cards = {c["data-ff-id"]: c for c in site.article("credentials/index.html").select("[data-ff-card]")}
    assert cards["flipped-video-design"]["data-ff-verification"] == "not-verified"
    said = [r.getMessage() for r in mkdocs_log.records if "is not what the issuer's proof states" in r.getMessage()]
    assert len(said) == 2, said
    assert "credentials/flipped-video-design.yml:3: field 'name': the badge's name" in said[0]
    assert "('Flipped Video Design')" in said[0] and "found 'National Board Master Educator'" in said[0]
    assert "field 'award.issued'" in said[1] and "('2026-01-10')" in said[1]
    with pytest.raises(Exception):  # a warning: --strict stops
        site.build(strict=True)


def test_a_sample_credential_without_a_proof_does_not_speak_of_one(site_factory):
    site = site_factory({"portfolio/credentials/sample.yml": "name: Sample one\nissuer: {name: Made-up Network, "
                                                             "sample: true}\ncompetency: C\n"})
    site.build()
    note = site.article("credentials/sample/index.html").select_one(".ff-note--sample").get_text(" ", strip=True)
    assert note.endswith("Made-up Network is a made-up issuer of this example portfolio; this credential was made "
                         "for the example.")


def test_only_a_credential_earned_and_valid_is_offered_for_a_profile(site_factory, on_2026_06_02):
    site = site_factory({**STATUSES, "mkdocs.yml": SITE_URL_YML}).build()
    offered = {slug: bool(site.article(f"credentials/{slug}/index.html").select(".ff-share a[href*='linkedin']"))
               for slug in ("c-active", "c-forever", "c-expired", "c-working", "c-not-yet")}
    assert offered == {"c-active": True, "c-forever": True, "c-expired": False, "c-working": False,
                       "c-not-yet": False}


def with_evidence(*items: str) -> dict[str, str]:
    """The video-design credential with these evidence items (YAML flow mappings)."""
    return {"portfolio/credentials/video-design.yml": (
        "name: Flipped Video Design\nissuer: {name: Educators Network}\ncompetency: Designs short videos.\n"
        "award:\n  evidence:\n" + "".join(f"    - {item}\n" for item in items))}


def test_two_evidence_files_of_the_same_name_get_a_page_each(site_factory):
    """reflections/unit-1/notes.md and reflections/unit-2/notes.md: two pages,
    'notes' and 'notes-2', each linked from the credential; the same file
    listed twice is one page."""
    files = {**with_evidence("{title: Notes on unit 1, kind: reflection, url: reflections/unit-1/notes.md}",
                             "{title: Notes on unit 2, kind: reflection, url: reflections/unit-2/notes.md}",
                             "{title: Unit 1 again, kind: reflection, url: ./reflections/unit-1/notes.md}"),
             "portfolio/reflections/unit-1/notes.md": "# Unit 1\n\nFIRST-NOTES-MARKER\n",
             "portfolio/reflections/unit-2/notes.md": "# Unit 2\n\nSECOND-NOTES-MARKER\n"}
    site = site_factory(files).build()
    links = {a.get_text(): a["href"] for a in site.article("credentials/video-design/index.html").select(".ff-evidence a")}
    assert {k: v for k, v in links.items() if "Notes" in k or "again" in k} == {
        "Notes on unit 1": "notes/", "Notes on unit 2": "notes-2/", "Unit 1 again": "notes/"}
    assert "FIRST-NOTES-MARKER" in site.article("credentials/video-design/notes/index.html").get_text()
    assert "SECOND-NOTES-MARKER" in site.article("credentials/video-design/notes-2/index.html").get_text()


def test_front_matter_in_an_evidence_file_is_left_out_and_said(site_factory, mkdocs_log):
    """A teacher who writes an evidence file as a lesson (front matter, then a
    '# Title') gets one heading, the page in search, and a warning: the front
    matter does not reach MkDocs, which would take its keys as the page's."""
    files = {**with_evidence("{title: Notes on unit 1, kind: reflection, url: reflections/notes.md}"),
             "portfolio/reflections/notes.md": "---\ntitle: Notes\nsearch:\n  exclude: true\n---\n\n# Notes\n\nNOTES-MARKER\n"}
    site = site_factory(files).build(strict=False)
    page = site.article("credentials/video-design/notes/index.html")
    assert [h.get_text() for h in page.find_all("h1")] == ["Notes on unit 1"] and "NOTES-MARKER" in page.get_text()
    assert any("NOTES-MARKER" in doc["text"] for doc in site.search_index()["docs"])
    warnings = [r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING"]
    assert [w for w in warnings if "reflections/notes.md" in w] == [
        "flipfolio: portfolio/reflections/notes.md:1: the front matter (between the '---' lines) is left out of the "
        "evidence page: its title and description come from the credential's evidence item. Remove the front matter, "
        "or give the title in the credential"]
