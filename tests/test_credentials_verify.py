"""Open Badges proofs verified offline at build time, check by check.

Badges are made by independent implementations (openbadges-bakery bakes the
2.0 ones, openbadgeslib signs and bakes the 3.0 ones, see badgekit.py); the
issuers' documents are the copies `flipfolio credentials refresh` stores.
Valid badges are verified; each kind of bad one shows its status and reason."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import badgekit
from flipfolio.credentials import verify as proofs
from flipfolio.credentials.store import Store

TODAY = dt.date(2026, 6, 2)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path)


def check(data: bytes, name: str, store, identities=(badgekit.TEACHER,)):
    return proofs.verify(proofs.extract(data, name), store, TODAY, list(identities))


def failed(result) -> dict[str, str]:
    return {c.name: c.detail for c in result.checks if c.passed is False}


# ---- Open Badges 2.0


def test_signed_2_0_png_baked_by_openbadges_bakery_is_verified(store):
    ob2 = badgekit.OB2(store)
    result = check(badgekit.bake_ob2(ob2.sign(ob2.assertion())), "badge.png", store)
    assert (result.outcome, result.version, result.method) == ("verified", "2.0", "signed")
    assert [(c.name, c.passed) for c in result.checks] == [
        ("Signature", True), ("Issuer", True), ("Recipient", True), ("Dates", True), ("Revocation", True)]
    assert result.checked == dt.date(2026, 6, 1)  # when the issuer's documents were fetched


def test_hosted_2_0_svg_is_verified_from_the_stored_copy(store):
    ob2 = badgekit.OB2(store)
    assertion = ob2.assertion("h1", hosted=True)
    ob2.put(assertion["id"], assertion)
    result = check(badgekit.bake_ob2(json.dumps(assertion), "svg"), "badge.svg", store)
    assert (result.outcome, result.method) == ("verified", "hosted")
    assert "issuer's copy" in result.checks[0].detail


@pytest.mark.parametrize("case, reason, revoked", [
    ("tampered signed", "Signature: the signature does not match", None),
    ("tampered hosted", "Signature: the badge differs from the issuer's copy", None),
    ("wrong recipient", "Recipient: awarded to someone else", None),
    ("expired", "Dates: expired on 2026-03-01", None),
    ("revoked on the list", "Revocation: listed on the issuer's revocation list: left the programme", "left the programme"),
    ("hosted revoked", "Revocation: revoked by the issuer: issued in error", "issued in error"),
    ("hosted gone", "Revocation: revoked by the issuer", ""),
    ("wrong key", "Signature: the signature does not match", None),
    ("no stored copy", "Signature: the issuer's copy of the badge at", None),
])
def test_bad_2_0_badges_are_not_verified_with_the_reason(store, case, reason, revoked):
    ob2 = badgekit.OB2(store)
    if case == "tampered signed":
        token = badgekit.tamper_jws(ob2.sign(ob2.assertion()), lambda a: a.update(issuedOn="2020-01-01T00:00:00+00:00"))
        baked = badgekit.bake_ob2(token)
    elif case == "wrong recipient":
        baked = badgekit.bake_ob2(ob2.sign(ob2.assertion(identity="someone.else@example.org")))
    elif case == "expired":
        baked = badgekit.bake_ob2(ob2.sign(ob2.assertion(expires="2026-03-01T00:00:00+00:00")))
    elif case == "revoked on the list":
        ob2.revoked.append({"id": "urn:uuid:0000-a1", "revocationReason": "left the programme"})
        ob2.save_revocations()
        baked = badgekit.bake_ob2(ob2.sign(ob2.assertion()))
    elif case == "wrong key":
        other_private, _ = badgekit.rsa_keys()
        baked = badgekit.bake_ob2(ob2.sign(ob2.assertion(), private=other_private))
    else:
        assertion = ob2.assertion("h1", hosted=True)
        if case == "tampered hosted":
            ob2.put(assertion["id"], assertion)
            assertion = dict(assertion, issuedOn="2020-01-01T00:00:00+00:00")
        elif case == "hosted revoked":
            ob2.put(assertion["id"], {"id": assertion["id"], "revoked": True, "revocationReason": "issued in error"})
        elif case == "hosted gone":
            ob2.put(assertion["id"], None, status=410)
        baked = badgekit.bake_ob2(json.dumps(assertion))
    result = check(baked, "badge.png", store)
    assert result.outcome == "not-verified"
    assert result.reason.startswith(reason), result.reason
    assert result.revoked == revoked


def test_recipient_is_not_checked_without_the_teachers_identity(store):
    ob2 = badgekit.OB2(store)
    result = check(badgekit.bake_ob2(ob2.sign(ob2.assertion())), "badge.png", store, identities=())
    recipient = next(c for c in result.checks if c.name == "Recipient")
    # (said in words a visitor of the page reads: the setting itself is the guide's business)
    assert recipient.passed is None and "teacher's address" in recipient.detail and "FLIPFOLIO" not in recipient.detail
    assert result.outcome == "verified"  # Open Badges makes the recipient check optional


# ---- Open Badges 3.0


@pytest.mark.parametrize("proof", ["JWT", "Data Integrity"])
def test_3_0_credentials_from_openbadgeslib_are_verified(store, proof):
    ob3 = badgekit.OB3(store)
    credential = ob3.credential(status_index=5)
    data = ob3.bake_png(ob3.jwt(credential)) if proof == "JWT" else ob3.data_integrity(credential).encode()
    result = check(data, "badge.png" if proof == "JWT" else "credential.json", store)
    assert (result.outcome, result.version, result.method) == ("verified", "3.0", proof), result.reason
    assert [c.name for c in result.checks if c.passed] == ["Signature", "Issuer", "Recipient", "Dates", "Revocation"]


@pytest.mark.parametrize("proof", ["JWT", "Data Integrity"])
@pytest.mark.parametrize("case, reason", [
    ("tampered", "Signature: the"),
    ("wrong recipient", "Recipient: awarded to someone else"),
    ("expired", "Dates: expired on 2026-04-30"),
    ("revoked on the status list", "Revocation: revoked on the issuer's status list"),
    ("wrong key", None),
])
def test_bad_3_0_credentials_are_not_verified_with_the_reason(store, proof, case, reason):
    ob3 = badgekit.OB3(store)
    kwargs = {"status_index": 7}
    if case == "wrong recipient":
        kwargs["identity"] = "someone.else@example.org"
    if case == "expired":
        kwargs["expires"] = dt.datetime(2026, 4, 30, tzinfo=dt.timezone.utc)
    if case == "revoked on the status list":
        ob3.set_status([7])
    credential = ob3.credential(**kwargs)
    key = badgekit.OB3._key() if case == "wrong key" else None
    if proof == "JWT":
        token = ob3.jwt(credential, key)
        if case == "tampered":
            token = badgekit.tamper_jws(token, lambda p: p.update(validFrom="2019-01-01T00:00:00Z"))
        data, name = ob3.bake_png(token), "badge.png"
    else:
        document = json.loads(ob3.data_integrity(credential, key))
        if case == "tampered":
            document["credentialSubject"]["achievement"]["name"] = "Something else"
        data, name = json.dumps(document).encode(), "credential.json"
    result = check(data, name, store)
    assert result.outcome == "not-verified"
    if case == "wrong key":
        # JWT: a valid signature by a key that is not the issuer's; Data Integrity: the issuer's key does not verify it.
        assert result.reason.startswith(("Issuer: signed with a key that is not the issuer's",
                                         "Signature: the Data Integrity proof does not match")), result.reason
    else:
        assert result.reason.startswith(reason), result.reason
    assert (result.revoked is not None) == (case == "revoked on the status list")


# ---- Reading proofs


@pytest.mark.parametrize("make, name, message", [
    (badgekit.plain_png, "plain.png", "the PNG image carries no Open Badges data"),
    (badgekit.plain_svg, "plain.svg", "the SVG image carries no Open Badges data"),
    (lambda: b'{"hello": "world"}', "x.json", "the JSON is neither"),
    (lambda: b"\xff\xfe\x00binary", "x.bin", "the file is neither a PNG or SVG image nor text"),
])
def test_a_file_without_a_badge_is_refused_with_the_reason(make, name, message):
    with pytest.raises(proofs.NoBadge, match=message):
        proofs.extract(make(), name)


def test_a_proof_that_cannot_be_parsed_never_shows_as_verified(store):
    result = proofs.verify(proofs.Extracted("2.0", "eyJ.eyJ.x"), store, TODAY, [badgekit.TEACHER])
    assert result.outcome == "not-verified"


# ---- What the page says, against the proof


def _proof(version: str, store) -> tuple[bytes, str]:
    """A valid proof of 'Flipped Video Design' (2.0, issued 2026-01-10) or of
    'Video Questions' (3.0 JWT, issued 2026-01-10), both by Sample Issuer Network."""
    if version == "2.0":
        ob2 = badgekit.OB2(store)
        return badgekit.bake_ob2(ob2.sign(ob2.assertion())), "badge.png"
    ob3 = badgekit.OB3(store)
    return ob3.bake_png(ob3.jwt(ob3.credential(status_index=5))), "badge.png"


NAMES = {"2.0": "Flipped Video Design", "3.0": "Video Questions"}


@pytest.mark.parametrize("version", ["2.0", "3.0"])
@pytest.mark.parametrize("name, issuer, issued, differences", [
    (None, "Sample Issuer Network", dt.date(2026, 1, 10), []),
    # Case, spacing and curly quotes aside; a date one day off is the same day in another time zone.
    ("upper", "  sample   issuer NETWORK ", dt.date(2026, 1, 11), []),
    ("Master Educator", "Sample Issuer Network", dt.date(2026, 1, 10), ["name"]),
    (None, "National Board", dt.date(2026, 1, 10), ["issuer.name"]),
    (None, "Sample Issuer Network", dt.date(2021, 1, 5), ["award.issued"]),
    ("Master Educator", "National Board", dt.date(2021, 1, 5), ["name", "issuer.name", "award.issued"]),
    (None, "Sample Issuer Network", None, []),  # no date on the page: nothing to compare it with
])
def test_a_proof_verifies_only_what_the_page_says(store, version, name, issuer, issued, differences):
    data, file = _proof(version, store)
    name = NAMES[version].upper() if name == "upper" else name or NAMES[version]
    result = proofs.verify(proofs.extract(data, file), store, TODAY, [badgekit.TEACHER],
                           claims=proofs.Claims(name, issuer, issued))
    assert [field for field, _ in result.differences] == differences
    page = [c for c in result.checks if c.name == "Page"]
    if differences:
        assert result.outcome == "not-verified" and result.reason.startswith("This page: the proof")
        assert [c.passed for c in page] == [False] * len(differences)
        assert dict(result.differences).get("name", NAMES[version]) == NAMES[version]
    else:
        assert result.outcome == "verified", result.reason
        assert [(c.passed, c.detail) for c in page] == [(True, "the badge's name, issuer and date on this page "
                                                                "are the proof's")]


def test_the_page_check_names_both_values_and_is_left_out_without_claims(store):
    data, file = _proof("2.0", store)
    result = proofs.verify(proofs.extract(data, file), store, TODAY, [badgekit.TEACHER],
                           claims=proofs.Claims("Master Educator", "Sample Issuer Network", dt.date(2026, 1, 10)))
    assert result.reason == 'This page: the proof names the badge "Flipped Video Design", not "Master Educator" as this page does'
    assert "Page" not in [c.name for c in check(data, file, store).checks]


def test_a_changed_proof_is_not_compared_with_the_page(store):
    """A proof changed after its signing to agree with the page proves nothing: its
    Page check is not made (never "Passed"), and the Signature is the reason."""
    ob2 = badgekit.OB2(store)
    token = badgekit.tamper_jws(ob2.sign(ob2.assertion()), lambda a: a.update(issuedOn="2021-01-05T00:00:00+00:00"))
    result = proofs.verify(proofs.extract(badgekit.bake_ob2(token), "badge.png"), store, TODAY, [badgekit.TEACHER],
                           claims=proofs.Claims(NAMES["2.0"], "Sample Issuer Network", dt.date(2021, 1, 5)))
    assert result.outcome == "not-verified" and result.reason.startswith("Signature:")
    assert [(c.passed, c.detail) for c in result.checks if c.name == "Page"] == [
        (None, "not compared: the proof's signature does not hold, so what it states is not the issuer's word")]
    assert not result.differences


# ---- Who the issuer is: a key tied to the issuer's domain


def _credential_files(ob3, **kwargs):
    credential = ob3.credential(status_index=5, **kwargs)
    return [(ob3.bake_png(ob3.jwt(credential)), "badge.png"), (ob3.data_integrity(credential).encode(), "credential.json")]


def test_a_self_signed_did_key_credential_is_never_verified_under_an_issuers_name(store):
    """Anyone can make a did:key and sign a credential under any issuer's name:
    the signature is valid, but who made it is not established."""
    forger = badgekit.OB3(store, name="Tidewater Science Teaching Collaborative",
                          url="https://tidewater-science.example/", self_asserted=True)
    for data, name in _credential_files(forger):
        result = check(data, name, store)
        assert result.outcome == "not-verified" and result.label == "Not verified", name
        by_name = {c.name: c for c in result.checks}
        assert by_name["Signature"].passed is True
        assert by_name["Issuer"].passed is None
        assert by_name["Issuer"].detail.startswith("not established: the key names only itself")
        assert result.reason.startswith("Issuer: not established: the key names only itself"), result.reason


def test_a_did_web_issuer_is_verified_only_with_its_stored_document_and_on_its_own_domain(store, tmp_path):
    ob3 = badgekit.OB3(store)
    for data, name in _credential_files(ob3):
        assert check(data, name, store).outcome == "verified", name
    # The issuer's web address on another domain than its did:web's.
    claimed = badgekit.OB3(Store(tmp_path / "other"), url="https://evil.example/")
    claimed.url = "https://issuer.example.org/"
    for data, name in _credential_files(claimed):
        result = check(data, name, claimed.store)
        assert failed(result)["Issuer"] == ("the key is published at evil.example, not at the issuer's web address "
                                            "https://issuer.example.org/"), name
    # On a shared host, a site's key does not speak for the host, though the host's would for its site.
    tenant = badgekit.OB3(Store(tmp_path / "tenant"), url="https://alice.pages.example/")
    tenant.url = "https://pages.example/"
    for data, name in _credential_files(tenant):
        assert "Issuer" in failed(check(data, name, tenant.store)), name
    host = badgekit.OB3(Store(tmp_path / "host"), url="https://pages.example/")
    host.url = "https://alice.pages.example/"
    for data, name in _credential_files(host):
        assert check(data, name, host.store).outcome == "verified", name
    # No stored copy of the DID document: nothing ties the key to the issuer.
    bare = Store(tmp_path / "bare")
    ob3 = badgekit.OB3(bare)
    files = _credential_files(ob3)
    bare.index.pop(ob3.did_url)
    jwt_result, di_result = (check(data, name, bare) for data, name in files)
    assert failed(jwt_result)["Issuer"].startswith("the issuer's keys (did:web:issuer.example.org) are not known here")
    assert failed(di_result)["Signature"].startswith("the key did:web:issuer.example.org#key-1 has no stored copy")
    assert di_result.missing_copy


# ---- The recipient


def test_a_verified_proof_whose_recipient_was_not_checked_says_so(store):
    ob2 = badgekit.OB2(store)
    baked = badgekit.bake_ob2(ob2.sign(ob2.assertion()))
    unchecked = check(baked, "badge.png", store, identities=())
    assert (unchecked.outcome, unchecked.shown, unchecked.label) == (
        "verified", "verified-recipient-unchecked", "Verified, recipient not checked")
    checked = check(baked, "badge.png", store)
    assert (checked.shown, checked.label, checked.recipient_checked) == ("verified", "Verified", True)


@pytest.mark.parametrize("identity, outcome", [("someone.else@other-school.example", "not-verified"),
                                               (badgekit.TEACHER, "verified")])
def test_a_plain_identity_is_compared_with_the_teachers(store, identity, outcome):
    ob2 = badgekit.OB2(store)
    assertion = ob2.assertion()
    assertion["recipient"] = {"type": "email", "hashed": False, "identity": identity}
    result = check(badgekit.bake_ob2(ob2.sign(assertion)), "badge.png", store)
    assert result.outcome == outcome
    if outcome == "not-verified":
        assert result.reason.startswith("Recipient: awarded to someone else")


# ---- Revoked at the issuer's address, suspended, status lists


@pytest.mark.parametrize("answer, reason, revoked", [
    ("gone", "Revocation: revoked by the issuer", ""),
    ("notice", "Revocation: revoked by the issuer: issued in error", "issued in error"),
])
def test_a_hosted_assertion_revoked_at_its_address_is_revoked(store, answer, reason, revoked):
    """The proof is the hosted assertion's address alone (award.proof.url): the
    issuer answers 410 Gone, or serves only a revocation notice."""
    ob2 = badgekit.OB2(store)
    address = ob2.assertion("h1", hosted=True)["id"]
    if answer == "gone":
        ob2.put(address, None, status=410)
    else:
        ob2.put(address, {"@context": "https://w3id.org/openbadges/v2", "id": address, "type": "Assertion",
                          "revoked": True, "revocationReason": "issued in error"})
    result = proofs.verify(proofs.Extracted("2.0", address), store, TODAY, [badgekit.TEACHER])
    assert (result.outcome, result.reason, result.revoked) == ("not-verified", reason, revoked)
    assert {c.name: c.passed for c in result.checks} == {"Signature": None, "Issuer": None, "Recipient": None,
                                                        "Dates": None, "Revocation": False}
    assert all(c.detail.startswith(("not checked", "the issuer's address")) for c in result.checks[:4])


def test_a_suspended_credential_is_told_apart_from_a_revoked_one(store):
    ob3 = badgekit.OB3(store, status_purpose="suspension")
    ob3.set_status([5])
    for data, name in _credential_files(ob3):
        result = check(data, name, store)
        assert (result.outcome, result.revoked, result.suspended) == ("not-verified", None, True)
        assert result.reason == "Revocation: suspended on the issuer's status list"


def _status_jwt(ob3, key, issuer=None):
    from openbadgeslib.ob3.status_list import build_status_list_credential, sign_status_list_credential

    return sign_status_list_credential(build_status_list_credential(issuer or ob3.did, ob3.status_url, "revocation",
                                                                    []), key[0], "EdDSA")


@pytest.mark.parametrize("case, detail", [
    ("unsigned", "could not be checked: the status list {url} carries no valid proof of the issuer"),
    ("bit cleared", "could not be checked: the status list {url} carries no valid proof of the issuer"),
    ("another key", "could not be checked: the status list {url} is signed with a key that is not the issuer's"),
    ("another issuer", "could not be checked: the status list {url} is issued by did:web:other.example, not by "
                       "the credential's issuer"),
    ("issuer's JWT", None),
])
def test_a_status_list_counts_only_with_the_issuers_proof(store, case, detail):
    """Clearing a bit of a stored status list must not un-revoke a credential."""
    ob3 = badgekit.OB3(store)
    ob3.set_status([5])
    if case == "unsigned":
        ob3.set_status([], signed=False)
    elif case == "bit cleared":
        cleared = dict(ob3.status_list)
        ob3.set_status([], signed=False)
        cleared["credentialSubject"] = ob3.status_list["credentialSubject"]
        store.put(ob3.status_url, json.dumps(cleared).encode(), 200, ob3.fetched)
    elif case == "another key":
        store.put(ob3.status_url, _status_jwt(ob3, badgekit.OB3._key("other")).encode(), 200, ob3.fetched)
    elif case == "another issuer":
        store.put(ob3.status_url, _status_jwt(ob3, ob3.key, "did:web:other.example").encode(), 200, ob3.fetched)
    else:
        store.put(ob3.status_url, _status_jwt(ob3, ob3.key).encode(), 200, ob3.fetched)
    for data, name in _credential_files(ob3):
        result = check(data, name, store)
        revocation = next(c for c in result.checks if c.name == "Revocation")
        if detail is None:
            assert (result.outcome, revocation.passed) == ("verified", True), result.reason
            continue
        assert (result.outcome, revocation.passed) == ("not-verified", None)
        assert revocation.detail == detail.format(url=ob3.status_url)
        assert result.reason == "Revocation: " + revocation.detail


# ---- What the page says: the issuer's address, an earlier expiry


@pytest.mark.parametrize("version", ["2.0", "3.0"])
@pytest.mark.parametrize("url, differences", [
    ("https://issuer.example.org", []), ("https://WWW.issuer.example.org/", []), (None, []),
    ("https://evil.example/", ["issuer.url"]),
])
def test_the_issuers_address_on_the_page_is_the_proofs(store, version, url, differences):
    data, file = _proof(version, store)
    result = proofs.verify(proofs.extract(data, file), store, TODAY, [badgekit.TEACHER],
                           claims=proofs.Claims(NAMES[version], "Sample Issuer Network", dt.date(2026, 1, 10), url))
    assert [field for field, _ in result.differences] == differences
    assert result.outcome == ("not-verified" if differences else "verified"), result.reason
    if differences:
        assert result.reason == ("This page: the proof gives the issuer's web address as https://issuer.example.org/, "
                                 "not https://evil.example/ as this page does")


@pytest.mark.parametrize("version", ["2.0", "3.0"])
def test_an_earlier_expiry_on_the_page_ends_the_verification(store, version):
    data, file = _proof(version, store)
    claims = proofs.Claims(NAMES[version], "Sample Issuer Network", dt.date(2026, 1, 10), expires=dt.date(2026, 5, 1))
    result = proofs.verify(proofs.extract(data, file), store, TODAY, [badgekit.TEACHER], claims=claims)
    assert result.outcome == "not-verified"
    assert result.reason == "Dates: expired on 2026-05-01, the expiry date this page gives"
