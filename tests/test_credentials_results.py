"""What a built site and the build's messages say of a credential's proof,
for the results that are easy to get wrong: a verified proof whose recipient
was not checked, a suspended credential, an issuer's address the proof does
not state, a proof that stops verifying (a note, or a warning when a stored
copy is missing), a proof that shows the teacher's e-mail address, and the
feed against the schema published beside it. Badges are made by
independent implementations (badgekit.py), sites built by MkDocs for real."""

from __future__ import annotations

import json

import jsonschema
import pytest

import badgekit
from flipfolio.credentials.outputs import FEED_SCHEMA
from flipfolio.credentials.store import Store

YML = ("site_name: T\nsite_url: https://t.example/\ntheme: {name: material, font: false}\n"
       "plugins: [search, flipfolio]\n")


def credential(name: str, issuer: str, proof: str, issued: str = "2026-01-10", extra: str = "") -> str:
    return (f"name: {name}\nissuer: {{name: {issuer}, url: 'https://issuer.example.org/'}}\ncompetency: C\n{extra}"
            f"award:\n  issued: {issued}\n  proof: {{file: {proof}}}\n")


def site_with(site_factory, make, yml_extra: str = ""):
    """A site with one credential, 'badge', whose proof `make(store)` returns as (bytes, file name)."""
    site = site_factory({"mkdocs.yml": YML})
    store = Store(site.root / "portfolio")
    data, name, title = make(store)
    path = site.root / "portfolio" / "media" / "badges" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    (site.root / "portfolio" / "credentials" / "badge.yml").write_text(
        credential(title, "Sample Issuer Network", f"media/badges/{name}", extra=yml_extra))
    return site


def signed_2_0(store, **kwargs):
    ob2 = badgekit.OB2(store)
    assertion = ob2.assertion(**kwargs)
    return badgekit.bake_ob2(ob2.sign(assertion)), "badge.png", "Flipped Video Design"


def seen(site) -> dict:
    wall = site.article("credentials/index.html")
    card = wall.select_one("[data-ff-card][data-ff-id=badge]")
    page = site.article("credentials/badge/index.html")
    feed = json.loads(site.text("credentials/feed.json"))
    jsonschema.validate(feed, json.loads(FEED_SCHEMA.read_text()))  # the feed is what its schema says
    item = next(c for c in feed["credentials"] if c["id"] == "badge")
    return {"card": [c.get_text() for c in card.select(".ff-chip")], "card_status": card["data-ff-status"],
            "head": [c.get_text() for c in page.select_one(".ff-credential-status").select(".ff-chip")],
            "result": page.find(id="verification").find_next("p").select_one(".ff-chip").get_text(),
            "page": page, "feed": item, "linkedin": bool(page.select(".ff-share a[href*=linkedin]"))}


@pytest.fixture
def on_2026_06_02(monkeypatch):
    monkeypatch.setenv("FLIPFOLIO_BUILD_DATE", "2026-06-02")
    monkeypatch.delenv("FLIPFOLIO_RECIPIENT", raising=False)


def test_a_proof_whose_recipient_was_not_checked_says_so_everywhere(site_factory, on_2026_06_02, monkeypatch):
    site = site_with(site_factory, signed_2_0).build()
    shown = seen(site)
    unchecked = "Verified, recipient not checked"
    assert shown["card"][-1] == shown["head"][-1] == shown["result"] == unchecked
    assert (shown["feed"]["verification"]["outcome"], shown["feed"]["verification"]["label"],
            shown["feed"]["verification"]["recipient_checked"]) == ("verified", unchecked, False)
    # The feed carries every check, the page's too, and validates against its schema (seen() validates it).
    assert [c["name"] for c in shown["feed"]["verification"]["checks"]][-1] == "Page"
    monkeypatch.setenv("FLIPFOLIO_RECIPIENT", badgekit.TEACHER)
    shown = seen(site.build())
    assert shown["card"][-1] == shown["head"][-1] == shown["result"] == "Verified"
    assert shown["feed"]["verification"]["recipient_checked"] is True


def test_the_words_of_a_result_are_translated(site_factory, on_2026_06_02):
    site = site_with(site_factory, signed_2_0)
    site.write({"mkdocs.yml": YML.replace("font: false}", "font: false, language: es}")})
    shown = seen(site.build())
    assert shown["head"] == ["Obtenida", "Verificada, destinatario sin comprobar"]


def test_a_suspended_credential_is_suspended_not_revoked(site_factory, on_2026_06_02):
    def make(store):
        ob3 = badgekit.OB3(store, status_purpose="suspension")
        ob3.set_status([5])
        return ob3.bake_png(ob3.jwt(ob3.credential(status_index=5))), "badge.png", "Video Questions"

    shown = seen(site_with(site_factory, make).build(strict=False))
    assert shown["card_status"] == "suspended" and shown["card"][0] == shown["head"][0] == "Suspended"
    assert (shown["feed"]["status"], shown["feed"]["status_label"]) == ("suspended", "Suspended")
    note = shown["page"].select_one(".ff-note").get_text(" ", strip=True)
    assert note.startswith("Suspended by the issuer : for a time, not for good") or note.startswith(
        "Suspended by the issuer: for a time, not for good"), note
    assert "Revoked" not in shown["page"].get_text() and not shown["linkedin"]


def test_the_issuers_address_must_be_the_one_the_proof_states(site_factory, on_2026_06_02, mkdocs_log):
    site = site_with(site_factory, signed_2_0)
    path = site.root / "portfolio" / "credentials" / "badge.yml"
    path.write_text(path.read_text().replace("https://issuer.example.org/", "https://evil.example/"))
    shown = seen(site.build(strict=False))
    assert shown["result"] == "Not verified"
    warned = [r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING"]
    assert ("flipfolio: portfolio/credentials/badge.yml:2: field 'issuer.url': the issuer's web address is not what "
            "the issuer's proof states ('https://issuer.example.org/'), so the credential's page shows it as not "
            "verified, found 'https://evil.example/'. Write it as the issuer did, or attach this credential's own "
            "proof") in warned, warned


def test_a_proof_that_does_not_verify_is_said_at_every_build(site_factory, on_2026_06_02, mkdocs_log):
    """A note (an issuer's revocation is no mistake of the teacher's), with the
    reason and the fix; a missing stored copy is a warning: refresh fixes it."""
    def revoked(store):
        ob2 = badgekit.OB2(store)
        ob2.revoked.append({"id": "urn:uuid:0000-a1", "revocationReason": "left the programme"})
        ob2.save_revocations()
        return badgekit.bake_ob2(ob2.sign(ob2.assertion())), "badge.png", "Flipped Video Design"

    site = site_with(site_factory, revoked).build()  # strict: a note stops nothing
    said = [(r.levelname, r.getMessage()) for r in mkdocs_log.records if "badge.yml" in r.getMessage()]
    assert said == [("INFO", "flipfolio: portfolio/credentials/badge.yml:6: field 'award.proof': the issuer's proof "
                     "does not verify (Revocation: listed on the issuer's revocation list: left the programme), so "
                     "the credential's page shows it as not verified. Nothing to fix if the issuer revoked or "
                     "suspended it: the page says so; ask the issuer if it is a mistake. If the revocation could "
                     "not be checked, run 'flipfolio credentials refresh'")]
    # The fix follows what was found: an expired proof needs renewing, not mending.
    mkdocs_log.clear()
    site_with(site_factory, lambda store: signed_2_0(store, expires="2026-03-01T00:00:00+00:00")).build()
    [said] = [r.getMessage() for r in mkdocs_log.records if "badge.yml" in r.getMessage()]
    assert "(Dates: expired on 2026-03-01)" in said and said.endswith(
        "Nothing to fix: an expired credential is shown as expired; renew it with the issuer and attach the new proof")
    mkdocs_log.clear()
    site = site_with(site_factory, signed_2_0)
    lock = site.root / "portfolio" / "credentials.lock"
    index = json.loads((lock / "index.json").read_text())
    index.pop("https://issuer.example.org/key.json")
    (lock / "index.json").write_text(json.dumps(index))
    with pytest.raises(Exception):
        site.build(strict=True)
    said = [(r.levelname, r.getMessage()) for r in mkdocs_log.records if "badge.yml" in r.getMessage()]
    assert said[0][0] == "WARNING" and "the issuer's key at https://issuer.example.org/key.json has no stored " \
        "copy" in said[0][1] and said[0][1].endswith("Run 'flipfolio credentials refresh' (it goes online once, to "
                                                     "the issuers) and commit the credentials.lock/ folder it fills")


def test_a_proof_showing_the_teachers_address_is_warned_about(site_factory, on_2026_06_02, mkdocs_log):
    def plain(store):
        ob2 = badgekit.OB2(store)
        assertion = ob2.assertion()
        assertion["recipient"] = {"type": "email", "hashed": False, "identity": badgekit.TEACHER}
        return badgekit.bake_ob2(ob2.sign(assertion)), "badge.png", "Flipped Video Design"

    site = site_with(site_factory, plain)
    with pytest.raises(Exception):
        site.build(strict=True)
    warned = [r.getMessage() for r in mkdocs_log.records if r.levelname == "WARNING"]
    assert warned == [
        "flipfolio: portfolio/credentials/badge.yml:6: field 'award.proof': the issuer's proof shows the recipient's "
        "e-mail address in plain text (not hashed), and the site publishes the proof (proof.json and the proof file "
        "media/badges/badge.png): the address would be on the site. Ask the issuer for the badge with a hashed "
        "recipient (Open Badges offers it) and attach that one; until then, remove 'award.proof' (the credential "
        "shows as self-reported) or set 'public: false'"]
    assert badgekit.TEACHER not in warned[0]


def test_a_lesson_names_the_standing_of_each_credential_it_is_evidence_for(site_factory, on_2026_06_02):
    """A revoked credential is never listed on a lesson page as plain evidence."""
    def revoked(store):
        ob2 = badgekit.OB2(store)
        ob2.revoked.append({"id": "urn:uuid:0000-a1", "revocationReason": "left the programme"})
        ob2.save_revocations()
        return badgekit.bake_ob2(ob2.sign(ob2.assertion())), "badge.png", "Flipped Video Design"

    site = site_with(site_factory, revoked)
    lesson = site.root / "portfolio" / "lessons" / "what-is-a-cell.md"
    lesson.write_text(lesson.read_text().replace("credentials: [video-design]", "credentials: [badge, video-design]"))
    site.build()
    listed = [li.get_text(" ", strip=True) for li in site.article("lessons/what-is-a-cell/index.html")
              .select(".ff-evidence-for li")]
    assert "Flipped Video Design Revoked Not verified" in listed, listed
    assert len(listed) == 2
