#!/usr/bin/env python3
"""Make the example portfolio's sample badges: the issuers' original proofs
and the stored copies of the issuers' documents they are verified against.

    python scripts/make-example-badges.py [PORTFOLIO]    # default: the example, portfolio/

Needs the test extras (`pip install -e .[test]`: openbadges-bakery). The
badges are made as tests/badgekit.py makes the tests' badges, by
implementations independent of the one that verifies them: Open Badges 2.0
assertions signed with PyJWT (RS256) and baked into SVG by openbadges-bakery,
3.0 credentials signed by openbadgeslib (JWT-VC, Data Integrity
eddsa-rdfc-2022) by issuers known by a did:web on their own (made-up) domain,
whose DID documents are stored with the rest, and status lists they signed. (A
did:key issuer would name only itself: its badges could not show as verified.)

Every issuer is made up (`sample: true` in the credentials, so every page
says so), on `.example` addresses that do not exist. Their keys are made from
the fixed seeds below: sample keys anyone can make again, so they prove
nothing outside this example. With the fixed dates, running the script again
gives byte-for-byte the same files. It writes:

- portfolio/media/badges/proofs/: the proofs the credentials' `award.proof.file`
  name (baked SVG badges, a Data Integrity credential as JSON, a JWT-VC);
- portfolio/credentials.lock/: what `flipfolio credentials refresh` would have
  stored from the issuers (profiles, keys, DID documents, badge classes, a
  hosted assertion, a revocation list, signed status lists), so the example
  builds offline;

then verifies each proof as a build does and checks the outcome is the one
the example is meant to show (every status and verification result).

The badges are made out to a sample address, SAMPLE_RECIPIENT. A build
checks the recipient only when FLIPFOLIO_RECIPIENT holds it:

    FLIPFOLIO_RECIPIENT=ana.rivera@harborview.example mkdocs build
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIO = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "portfolio"
PROOFS = "media/badges/proofs"
sys.path.insert(0, str(ROOT / "tests"))  # badgekit: the tests' badge maker

import badgekit  # noqa: E402

from flipfolio.credentials import cli as credentials_cli  # noqa: E402
from flipfolio.credentials import verify as proofs  # noqa: E402
from flipfolio.credentials.store import FOLDER, Store  # noqa: E402

#: The teacher's address the sample badges are made out to (hashed in them).
SAMPLE_RECIPIENT = "ana.rivera@harborview.example"
#: When the issuers' documents were "fetched" (by `flipfolio credentials refresh`).
FETCHED = dt.date(2026, 11, 20)
UTC = dt.timezone.utc


def at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(tzinfo=UTC)


def ob2_time(day: str) -> str:
    return at(day).isoformat()


def definition(credential_id: str) -> dict:
    return yaml.safe_load((PORTFOLIO / "credentials" / f"{credential_id}.yml").read_text(encoding="utf-8"))


def artwork(credential_id: str) -> bytes:
    """The badge's picture (scripts/make-example-media.py), to bake the proof into."""
    return (PORTFOLIO / "media" / "badges" / f"{credential_id}.svg").read_bytes()


def main() -> int:
    proofs_dir = PORTFOLIO / PROOFS
    lock = PORTFOLIO / FOLDER
    for folder in (proofs_dir, lock):
        shutil.rmtree(folder, ignore_errors=True)
    proofs_dir.mkdir(parents=True)
    written: dict[str, str] = {}  # credential id -> proof file (portfolio path), or its hosted address

    with tempfile.TemporaryDirectory() as tmp:
        # What the issuers publish on their (made-up) sites: "the web" the refresh would read.
        web = Store(Path(tmp))

        # ---- Coastal Educators Network: Open Badges 2.0, signed (RS256) and hosted.
        coastal = badgekit.OB2(web, FETCHED, base="https://coastal-educators.example/badges",
                               name="Coastal Educators Network", url="https://coastal-educators.example/",
                               email="badges@coastal-educators.example",
                               seed="Coastal Educators Network: SAMPLE issuer key, not a secret")

        def coastal_class(credential_id: str) -> dict:
            data = definition(credential_id)
            return coastal.badge_class(f"classes/{credential_id}", data["name"], data.get("description") or
                                       data["competency"], data["competency"], data.get("tags") or [])

        def coastal_signed(credential_id: str, uuid: str, issued: str, expires: str | None = None) -> None:
            assertion = coastal.assertion(identity=SAMPLE_RECIPIENT, badge=coastal_class(credential_id),
                                          id=f"urn:uuid:{uuid}", issued=ob2_time(issued),
                                          expires=ob2_time(expires) if expires else None)
            write(credential_id, "svg", badgekit.bake_ob2(coastal.sign(assertion), "svg", artwork(credential_id)))

        def write(credential_id: str, suffix: str, data: bytes) -> None:
            path = f"{PROOFS}/{credential_id}.{suffix}"
            (PORTFOLIO / path).write_bytes(data)
            written[credential_id] = path

        # Earned, no expiry; verified (2.0 signed, baked SVG).
        coastal_signed("flipped-video-design", "5b0c3f0e-7d1a-4c52-9a57-2f1f0d9b6a01", "2025-10-24")
        # Earned in 2024 for two years: expired (the Dates check says so too).
        coastal_signed("flipped-classroom-foundations", "5b0c3f0e-7d1a-4c52-9a57-2f1f0d9b6a02", "2024-08-16",
                       expires="2026-08-16")
        # Earned, active until 2028; verified against the issuer's hosted copy (2.0 hosted).
        hosted = coastal.assertion(identity=SAMPLE_RECIPIENT, badge=coastal_class("formative-video-questions"),
                                   hosted=True, id="https://coastal-educators.example/badges/assertions/8f3c2a61",
                                   issued=ob2_time("2025-12-12"), expires=ob2_time("2028-12-12"))
        coastal.put(hosted["id"], hosted)
        written["formative-video-questions"] = hosted["id"]

        # ---- Open Learning Access Alliance: Open Badges 3.0 JWT-VC (EdDSA), did:web, a status list.
        alliance = badgekit.OB3(web, FETCHED, name="Open Learning Access Alliance",
                                url="https://open-learning-access.example/",
                                status_url="https://open-learning-access.example/credentials/status/1",
                                seed="Open Learning Access Alliance: SAMPLE issuer key, not a secret")

        def alliance_credential(credential_id: str, uuid: str, issued: str, expires: str | None = None,
                                status_index: int | None = None, name: str | None = None):
            data = definition(credential_id)
            return alliance.credential(
                SAMPLE_RECIPIENT, expires=at(expires) if expires else None, status_index=status_index,
                id=f"urn:uuid:{uuid}", issued=at(issued),
                achievement_id=f"https://open-learning-access.example/achievements/{credential_id}",
                name=name or data["name"], description=data.get("description") or data["competency"],
                criteria=data["competency"], tags=data.get("tags") or [])

        # Earned, active until 2029; verified (3.0 JWT-VC baked into SVG, not on the status list).
        token = alliance.jwt(alliance_credential("accessible-media", "9e4b2c10-58f3-4d6e-8b1a-0c7d3e5f6a01",
                                                 "2026-02-20", expires="2029-02-20", status_index=3))
        write("accessible-media", "svg", alliance.bake_svg(token, artwork("accessible-media")))
        # Earned, but the token was changed after it was signed, to raise the badge's name to the one the
        # credential file gives: not verified (the signature).
        token = alliance.jwt(alliance_credential("udl-science-lessons", "9e4b2c10-58f3-4d6e-8b1a-0c7d3e5f6a02",
                                                 "2026-04-24", name="Universal Design for Learning in Science Lessons"))
        tampered = badgekit.tamper_jws(token, lambda payload: payload["credentialSubject"]["achievement"].update(
            name=definition("udl-science-lessons")["name"]))
        write("udl-science-lessons", "jwt", (tampered + "\n").encode())

        # ---- Tidewater Science Teaching Collaborative: Open Badges 3.0 Data Integrity, did:web, revoked.
        tidewater = badgekit.OB3(web, FETCHED, name="Tidewater Science Teaching Collaborative",
                                 url="https://tidewater-science.example/",
                                 status_url="https://tidewater-science.example/credentials/status/2026",
                                 seed="Tidewater Science Teaching Collaborative: SAMPLE issuer key, not a secret")
        data = definition("student-discourse")
        credential = tidewater.credential(
            SAMPLE_RECIPIENT, status_index=17, id="urn:uuid:c7a1e2d3-4b5c-4d6e-9f70-8a9b0c1d2e01",
            issued=at("2026-03-20"), achievement_id="https://tidewater-science.example/achievements/student-discourse",
            name=data["name"], description=data["description"], criteria=data["competency"], tags=data["tags"])
        write("student-discourse", "json", (tidewater.data_integrity(credential, created=at("2026-03-20")) + "\n").encode())
        tidewater.set_status([17])  # revoked on the issuer's status list

        # ---- What `flipfolio credentials refresh` stores: the addresses each proof needs.
        store = Store(PORTFOLIO)
        for credential_id, proof in sorted(written.items()):
            extracted = extract(proof)
            for url in credentials_cli.addresses_of(extracted, web, web.json):
                found = web.get(url)
                if found is not None:
                    store.put(url, found.body, found.status, FETCHED)
        store.save()

    return check(written)


def extract(proof: str) -> proofs.Extracted:
    if proof.startswith("https://"):
        return proofs.Extracted("2.0", proof)
    return proofs.extract((PORTFOLIO / proof).read_bytes(), proof)


#: What each proof must show, verified on BUILT with the recipient known.
EXPECTED = {
    "flipped-video-design": ("verified", ""),
    "flipped-classroom-foundations": ("not-verified", "Dates: expired on 2026-08-16"),
    "formative-video-questions": ("verified", ""),
    "accessible-media": ("verified", ""),
    "udl-science-lessons": ("not-verified", "Signature: the signature does not match"),
    "student-discourse": ("not-verified", "Revocation: revoked on the issuer's status list"),
}
BUILT = dt.date(2026, 12, 1)


def check(written: dict[str, str]) -> int:
    store = Store(PORTFOLIO)
    problems = 0
    for credential_id, proof in sorted(written.items()):
        result = proofs.verify(extract(proof), store, BUILT, [SAMPLE_RECIPIENT])
        outcome, reason = EXPECTED[credential_id]
        ok = result.outcome == outcome and result.reason.startswith(reason)
        problems += not ok
        print(f"{'ok ' if ok else 'BAD'} {credential_id}: {proof.removeprefix(PROOFS + '/')} "
              f"(Open Badges {result.version} {result.method}): {result.label}"
              + (f", {result.reason}" if result.reason else ""))
    print(f"{len(store.index)} stored document(s) in portfolio/{FOLDER}/")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
