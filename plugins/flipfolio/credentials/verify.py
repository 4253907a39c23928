"""Open Badges proofs: read them out of baked images and files, and verify
them at build time, offline, check by check.

What is checked (each a `CheckResult`, shown on the credential page):

- **signature**: a signed 2.0 assertion (JWS) against the issuer's key, a 3.0
  credential as a JWT-VC or with a Data Integrity proof (``eddsa-rdfc-2022``);
  a hosted 2.0 assertion against the issuer's copy at its address;
- **issuer**: the key belongs to the issuer (the key's owner and the issuer's
  keys; a ``did:web`` document, the issuer's JWKS or profile stored for the
  issuer's domain; the verification method's controller), a hosted assertion
  lies at the issuer's address. A ``did:key`` names only itself: anyone can
  make one under any name, so an issuer known by a did:key alone is "not
  established" and the credential is not verified;
- **recipient**: the hashed identity against the teacher's identity in the
  environment variable FLIPFOLIO_RECIPIENT (never stored in the portfolio or
  the site); without it the check is "not checked", as Open Badges makes it
  optional, and the result says so ("Verified, recipient not checked");
- **dates**: issued no later than the build date, not expired;
- **revocation**: the issuer's 2.0 revocation list, a hosted assertion marked
  revoked (or gone, HTTP 410), a 3.0 status list (its own proof verified, by
  the credential's issuer; suspended is told apart from revoked);
- **page**: what the credential's page says of the award (`Claims`: the badge's
  name, its issuer and the issuer's web address, the date it was issued) is
  what the proof says, so that a page never shows "verified" beside words the
  issuer did not sign.

A check that cannot be made ("not checked") leaves the credential not
verified, but for the recipient's, which Open Badges makes optional.

What comes from the web is read from the copies ``flipfolio credentials
refresh`` stored (`store.py`), never fetched by a build. A proof that cannot be
read or checked is "not verified" with the reason: it never shows as verified.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..core.messages import said

#: The environment variable holding the teacher's identity (e-mail address; several separated by commas).
RECIPIENT_ENV = "FLIPFOLIO_RECIPIENT"

_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$")
_OB3_CONTEXT = "https://www.w3.org/ns/credentials/v2"


class NoBadge(ValueError):
    """The file carries no Open Badges assertion or credential (the message says why)."""


@dataclass(frozen=True)
class Extracted:
    """What a proof file holds: the version, and the assertion or credential as
    text (JSON, or a compact JWS/JWT), or the address of a hosted one."""

    version: str  # "2.0" or "3.0"
    text: str

    @property
    def is_token(self) -> bool:
        return bool(_JWS.match(self.text.strip()))

    @property
    def is_address(self) -> bool:
        return self.text.strip().startswith(("https://", "http://"))

    def document(self) -> dict | None:
        """The assertion or credential as JSON (a token's payload, unverified)."""
        text = self.text.strip()
        if self.is_address:
            return None
        if self.is_token:
            payload = _token_part(text, 1)
            if isinstance(payload, dict) and isinstance(payload.get("vc"), dict):
                return payload["vc"]
            return payload if isinstance(payload, dict) else None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None


def extract(data: bytes, name: str = "") -> Extracted:
    """The Open Badges assertion or credential in a file: a baked PNG or SVG,
    a JSON document, or a compact JWS/JWT. Raises `NoBadge` with the reason."""
    from openbadgeslib import baking

    lower = name.lower()
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        try:
            for version, keyword in (("3.0", baking.ITXT_KEYWORD_OB3), ("2.0", baking.ITXT_KEYWORD)):
                found = baking.extract_png(data, keyword=keyword)
                if found:
                    return Extracted(version, found)
        except Exception as exc:  # noqa: BLE001 - a damaged image is a file without a badge
            raise NoBadge(f"the PNG image cannot be read ({type(exc).__name__})") from exc
        raise NoBadge("the PNG image carries no Open Badges data (no 'openbadges' or 'openbadgecredential' "
                      "iTXt chunk): it is a plain picture, not a baked badge")
    head = data[:2048].lstrip()
    if lower.endswith(".svg") or head.startswith((b"<?xml", b"<svg")):
        try:
            for version, element in (("3.0", baking.SVG_ELEMENT_OB3), ("2.0", baking.SVG_ELEMENT)):
                found = baking.extract_svg(data, element=element, text_fallback=True)
                if found:
                    # A hosted 2.0 badge may carry the JSON in the element and its address in 'verify'.
                    body = _svg_body(data, element)
                    if body and body.lstrip().startswith("{") and not _JWS.match(found.strip()):
                        found = body
                    return Extracted(version, found)
        except Exception as exc:  # noqa: BLE001
            raise NoBadge(f"the SVG image cannot be read ({type(exc).__name__})") from exc
        raise NoBadge("the SVG image carries no Open Badges data (no <openbadges:assertion> or "
                      "<openbadges:credential> element): it is a plain picture, not a baked badge")
    try:
        text = data.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise NoBadge("the file is neither a PNG or SVG image nor text (JSON or a signed token)") from exc
    if _JWS.match(text):
        payload = _token_part(text, 1)
        if not isinstance(payload, dict):
            raise NoBadge("the signed token's payload is not a JSON object")
        return Extracted("3.0" if _is_ob3(payload.get("vc") if isinstance(payload.get("vc"), dict) else payload)
                         else "2.0", text)
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise NoBadge("the file is not JSON, a signed token or a baked image") from exc
    if not isinstance(document, dict) or not (_is_ob3(document) or document.get("type") == "Assertion"
                                              or "recipient" in document):
        raise NoBadge("the JSON is neither an Open Badges 2.0 assertion nor a 3.0 credential")
    return Extracted("3.0" if _is_ob3(document) else "2.0", text)


def _svg_body(data: bytes, element: str) -> str:
    from defusedxml.minidom import parseString

    doc = parseString(data)
    try:
        nodes = doc.getElementsByTagName(element)
        if not nodes:
            return ""
        return "".join(c.data for c in nodes[0].childNodes if c.nodeType in (c.TEXT_NODE, c.CDATA_SECTION_NODE))
    finally:
        doc.unlink()


def _is_ob3(document: dict) -> bool:
    context = document.get("@context")
    contexts = context if isinstance(context, list) else [context]
    types = document.get("type")
    types = types if isinstance(types, list) else [types]
    return _OB3_CONTEXT in contexts or "VerifiableCredential" in types


def _token_part(token: str, index: int):
    part = token.split(".")[index]
    try:
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except ValueError:
        return None


# ---- Results


@dataclass(frozen=True)
class CheckResult:
    """One check: `passed` is True, False, or None (not checked: `detail` says why)."""

    name: str
    passed: bool | None
    detail: str


@dataclass
class Verification:
    """The verification of a credential's proof."""

    outcome: str  # "verified", "not-verified" or "self-reported"
    reason: str = ""
    checks: list[CheckResult] = field(default_factory=list)
    #: When the copies the checks used were fetched from the issuer (else the build date).
    checked: dt.date | None = None
    version: str = ""
    method: str = ""
    #: The issuer's revocation reason ("" when none is given) when it was revoked.
    revoked: str | None = None
    #: The expiry date the proof itself states.
    expires: dt.date | None = None
    issued: dt.date | None = None
    #: The assertion or credential as JSON (published as a download next to the badge).
    document: dict | None = None
    #: The proof's id (the assertion or credential address or URN).
    proof_id: str = ""
    #: What the page says that the proof does not: (field of the credential file, what the proof says).
    differences: tuple[tuple[str, str], ...] = ()
    #: The issuer suspended it (for a time) on its status list.
    suspended: bool = False

    @property
    def recipient_checked(self) -> bool:
        """Whether the proof was found to be made out to the teacher."""
        return any(c.name == "Recipient" and c.passed for c in self.checks)

    @property
    def shown(self) -> str:
        """The result as shown (its message key under 'verification.'): a
        verified proof whose recipient was not checked says so."""
        if self.outcome == "verified" and not self.recipient_checked:
            return "verified-recipient-unchecked"
        return self.outcome

    @property
    def label(self) -> str:
        return LABELS[self.shown]

    @property
    def missing_copy(self) -> bool:
        """Whether it does not verify for want of a stored copy of an issuer's
        document (`flipfolio credentials refresh` stores it)."""
        return any(key.startswith("proof.no_copy") for key in _keys(self.reason))


#: The results in English (the feed's words; pages take them from the message catalogue).
LABELS = {"verified": "Verified", "verified-recipient-unchecked": "Verified, recipient not checked",
          "not-verified": "Not verified", "self-reported": "Self-reported"}


def _keys(text) -> list[str]:
    """The message keys of `said` words and of the words in them."""
    key = getattr(text, "key", None)
    if key is None:
        return []
    return [key] + [k for value in text.values.values() for k in _keys(value)]


def self_reported() -> Verification:
    return Verification("self-reported", said("proof.self_reported"))


def refused(reason: str, **kw) -> Verification:
    return Verification("not-verified", reason, **kw)


class _Checks:
    """Collects checks in order; the first failure is the reason."""

    def __init__(self, today: dt.date):
        self.today = today
        self.items: list[CheckResult] = []
        self.revoked: str | None = None
        self.suspended = False
        self.used: list[dt.date] = []
        self.differences: list[tuple[str, str]] = []

    def add(self, name: str, passed: bool | None, detail: str) -> bool:
        self.items.append(CheckResult(name, passed, detail))
        return bool(passed)

    def result(self, **kw) -> Verification:
        """Verified when no check failed and every needed one was made (the
        recipient's is optional); else the reason: the issuer's revocation
        first, then the first check that failed, then the first not made."""
        failed = [c for c in self.items if c.passed is False]
        if self.revoked is not None or self.suspended:
            failed = [c for c in failed if c.name == "Revocation"] + [c for c in failed if c.name != "Revocation"]
        failed += [c for c in self.items if c.passed is None and c.name in NEEDED]
        checked = min(self.used) if self.used else self.today
        if failed:
            reason = said("proof.failed", check=said("check." + failed[0].name.lower()), detail=failed[0].detail)
            return Verification("not-verified", reason, self.items, checked, revoked=self.revoked,
                                differences=tuple(self.differences), suspended=self.suspended, **kw)
        return Verification("verified", "", self.items, checked, revoked=self.revoked, **kw)


#: The checks a proof must pass to be verified (the recipient's is optional in Open Badges).
NEEDED = ("Signature", "Issuer", "Dates", "Revocation")


@dataclass(frozen=True)
class Claims:
    """What a credential's page says of the award, to be compared with its proof."""

    name: str
    issuer: str
    issued: dt.date | None = None
    #: The issuer's web address the page links to.
    issuer_url: str | None = None
    #: The expiry date the page gives (an earlier one than the proof's still ends it).
    expires: dt.date | None = None


def _same(text: str) -> str:
    """A name as compared: case, spacing, and curly or straight quotes aside."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    return " ".join(text.casefold().split())


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _same_address(a: str, b: str) -> bool:
    """Two web addresses as compared: scheme, host case, 'www.' and a final '/' aside."""
    def key(url: str) -> tuple[str, str]:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        return host + (f":{parts.port}" if parts.port else ""), parts.path.rstrip("/")

    return key(a) == key(b)


def _claims(checks: _Checks, claims: Claims | None, name, issuer, issued: dt.date | None,
            issuer_url=None) -> None:
    """The Page check: the badge's name, its issuer's name and the issue date
    the proof states against the page's (`claims`). A date one day off is the
    same day somewhere (the proof's is in UTC). What the proof does not state
    is not compared."""
    if claims is None:
        return
    if any(c.name == "Signature" and c.passed is False for c in checks.items):
        # (what a proof changed after its signing states is nobody's word: agreeing with it proves nothing)
        checks.add("Page", None, said("proof.claims_unsigned"))
        return
    name = name.strip() if isinstance(name, str) else ""
    issuer = issuer.strip() if isinstance(issuer, str) else ""
    differ = False
    if name and _same(name) != _same(claims.name):
        differ = not checks.add("Page", False, said("proof.claim_name", proof=name, page=claims.name))
        checks.differences.append(("name", name))
    if issuer and _same(issuer) != _same(claims.issuer):
        differ = not checks.add("Page", False, said("proof.claim_issuer", proof=issuer, page=claims.issuer))
        checks.differences.append(("issuer.name", issuer))
    issuer_url = issuer_url.strip() if isinstance(issuer_url, str) else ""
    if issuer_url and claims.issuer_url and not _same_address(issuer_url, claims.issuer_url):
        differ = not checks.add("Page", False, said("proof.claim_url", proof=issuer_url, page=claims.issuer_url))
        checks.differences.append(("issuer.url", issuer_url))
    if issued and claims.issued and abs((issued - claims.issued).days) > 1:
        differ = not checks.add("Page", False, said("proof.claim_issued", proof=issued.isoformat(),
                                                    page=claims.issued.isoformat()))
        checks.differences.append(("award.issued", issued.isoformat()))
    if differ:
        return
    if name or issuer or issued or issuer_url:
        checks.add("Page", True, said("proof.claims_match"))
    else:
        checks.add("Page", None, said("proof.claims_unstated"))


# ---- Verifying


def verify(extracted: Extracted, store, today: dt.date, identities: list[str] | None = None,
           claims: Claims | None = None) -> Verification:
    """Verify a proof against the stored copies (`store.Store`) on `today`, and
    against what the credential's page says of it (`claims`, when given)."""
    if identities is None:
        identities = recipient_identities()
    try:
        if extracted.version == "3.0":
            return _verify_ob3(extracted, store, today, identities, claims)
        return _verify_ob2(extracted, store, today, identities, claims)
    except Exception as exc:  # noqa: BLE001 - whatever a proof holds, it never shows as verified
        return refused(said("proof.unreadable", error=f"{type(exc).__name__}: {str(exc)[:160]}"),
                       version=extracted.version)


def recipient_identities() -> list[str]:
    return [i.strip() for i in os.environ.get(RECIPIENT_ENV, "").split(",") if i.strip()]


def _date(value) -> dt.date | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, dt.timezone.utc).date()
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return dt.datetime.fromisoformat(text).astimezone(dt.timezone.utc).date() if "T" in text \
            else dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _hash_matches(identity_hash: str, salt: str, identities: list[str]) -> bool:
    algorithm, _, expected = identity_hash.partition("$")
    if algorithm not in ("sha256", "md5") or not expected:
        return False
    for identity in identities:
        made = hashlib.new(algorithm, (identity + (salt or "")).encode("utf-8")).hexdigest()
        if made.lower() == expected.lower():
            return True
    return False


def _recipient(checks: _Checks, objects: list[dict], identities: list[str]) -> None:
    """`objects`: IdentityObjects (2.0 ``recipient``, 3.0 ``identifier[]``); plain ids as {"identity": …}."""
    if not objects:
        checks.add("Recipient", False, said("proof.no_recipient"))
        return
    if not identities:
        checks.add("Recipient", None, said("proof.no_identity", variable=RECIPIENT_ENV))
        return
    for obj in objects:
        hashed = obj.get("hashed")
        value = str(obj.get("identityHash") or obj.get("identity") or "")
        if hashed or value.startswith(("sha256$", "md5$")):
            if _hash_matches(value, str(obj.get("salt") or ""), identities):
                checks.add("Recipient", True, said("proof.hashed_identity"))
                return
        else:
            plain = value.removeprefix("mailto:")
            if plain.lower() in (i.lower() for i in identities):
                checks.add("Recipient", True, said("proof.identity"))
                return
    checks.add("Recipient", False, said("proof.someone_else"))


def _dates(checks: _Checks, issued: dt.date | None, expires: dt.date | None, today: dt.date,
           claims: Claims | None = None) -> None:
    ends = claims.expires if claims is not None else None
    if ends is not None and ends < today and issued is not None and (expires is None or ends < expires):
        checks.add("Dates", False, said("proof.expired_page", date=ends.isoformat()))
    elif issued is None:
        checks.add("Dates", False, said("proof.no_issue_date"))
    elif issued > today:
        checks.add("Dates", False, said("proof.not_valid_yet", date=issued.isoformat()))
    elif expires is not None and expires < today:
        checks.add("Dates", False, said("proof.expired", date=expires.isoformat()))
    else:
        checks.add("Dates", True, said("proof.issued_until", date=issued.isoformat(), until=expires.isoformat())
                   if expires else said("proof.issued_no_expiry", date=issued.isoformat()))


def _stored_json(checks: _Checks, store, url: str) -> dict | None:
    found = store.get(url)
    if found is None:
        return None
    checks.used.append(found.fetched)
    return store.json(url)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


# ---- Open Badges 2.0


def _verify_ob2(extracted: Extracted, store, today: dt.date, identities: list[str],
                claims: Claims | None = None) -> Verification:
    checks = _Checks(today)
    text = extracted.text.strip()
    if extracted.is_address:
        stored = store.get(text)
        if stored is None:
            return refused(said("proof.no_copy_hosted", address=text), version="2.0",
                           method=said("proof.method_hosted"))
        checks.used.append(stored.fetched)
        if stored.status == 410:
            return _revocation_notice(checks, text, "", gone=True)
        assertion = store.json(text)
        if assertion is None:
            return refused(said("proof.no_copy_answer", address=text, status=stored.status), version="2.0",
                           method=said("proof.method_hosted"), checked=stored.fetched)
        if assertion.get("revoked") is True:
            return _revocation_notice(checks, text, str(assertion.get("revocationReason") or ""))
        signed = False
    elif extracted.is_token:
        assertion = _token_part(text, 1)
        signed = True
    else:
        assertion = json.loads(text)
        signed = False
    if not isinstance(assertion, dict):
        return refused(said("proof.assertion_not_json"), version="2.0")
    verification = assertion.get("verification") or assertion.get("verify") or {}
    kind = str(verification.get("type", "hosted")).lower() if isinstance(verification, dict) else "hosted"
    method = said("proof.method_signed") if signed else said("proof.method_hosted")
    badge = assertion.get("badge")
    issuer_profile = None
    assertion_id = str(assertion.get("id", ""))

    if signed:
        creator = verification.get("creator", "") if isinstance(verification, dict) else ""
        key_doc = _stored_json(checks, store, creator) if creator else None
        pem = key_doc.get("publicKeyPem") if key_doc else None
        if not creator:
            checks.add("Signature", False, said("proof.no_creator"))
        elif not pem:
            checks.add("Signature", False, said("proof.no_copy_key", address=creator))
        else:
            checks.add("Signature", *_jws_ok(text, pem))
        badge_doc = badge if isinstance(badge, dict) else (_stored_json(checks, store, badge) if badge else None)
        issuer = badge_doc.get("issuer") if badge_doc else None
        issuer_profile = issuer if isinstance(issuer, dict) else (_stored_json(checks, store, issuer) if issuer else None)
        if issuer_profile is None:
            checks.add("Issuer", False, said("proof.no_copy_profile"))
        elif key_doc is not None:
            keys = issuer_profile.get("publicKey")
            keys = keys if isinstance(keys, list) else [keys]
            key_ids = [k.get("id") if isinstance(k, dict) else k for k in keys]
            if key_doc.get("owner") == issuer_profile.get("id") and creator in key_ids:
                checks.add("Issuer", True, said("proof.key_belongs",
                                                issuer=issuer_profile.get('name') or issuer_profile.get('id')))
            else:
                checks.add("Issuer", False, said("proof.not_issuer_key"))
    else:
        if kind not in ("hosted", "hostedbadge"):
            checks.add("Signature", False, said("proof.needs_signed_form", kind=kind))
        elif not assertion_id.startswith(("https://", "http://")):
            checks.add("Signature", False, said("proof.hosted_needs_id"))
        else:
            stored = store.get(assertion_id)
            if stored is None:
                checks.add("Signature", False, said("proof.no_copy_assertion", address=assertion_id))
            else:
                checks.used.append(stored.fetched)
                if stored.status == 410:
                    checks.revoked = ""
                    checks.add("Signature", None, said("proof.gone", address=assertion_id))
                else:
                    hosted = store.json(assertion_id) or {}
                    if hosted.get("revoked") is True:
                        checks.revoked = str(hosted.get("revocationReason") or "")
                        checks.add("Signature", None, said("proof.copy_revoked"))
                    elif _canonical(hosted) != _canonical(assertion):
                        checks.add("Signature", False, said("proof.differs", address=assertion_id))
                    else:
                        checks.add("Signature", True, said("proof.matches", address=assertion_id))
                        assertion = hosted
        badge = assertion.get("badge")
        badge_doc = badge if isinstance(badge, dict) else (_stored_json(checks, store, badge) if badge else None)
        issuer = badge_doc.get("issuer") if badge_doc else None
        issuer_profile = issuer if isinstance(issuer, dict) else (_stored_json(checks, store, issuer) if issuer else None)
        if issuer_profile is None:
            checks.add("Issuer", False, said("proof.no_copy_profile"))
        else:
            allowed = _hosted_scope(issuer_profile)
            if any(assertion_id.startswith(prefix) for prefix in allowed):
                checks.add("Issuer", True, said("proof.at_issuer", origin=_origin(assertion_id)))
            else:
                checks.add("Issuer", False, said("proof.not_at_issuer", address=assertion_id))
    recipient = assertion.get("recipient")
    _recipient(checks, [recipient] if isinstance(recipient, dict) else [], identities)
    issued, expires = _date(assertion.get("issuedOn")), _date(assertion.get("expires"))
    _dates(checks, issued, expires, today, claims)
    # Revocation
    if checks.revoked is not None:
        checks.add("Revocation", False, said("proof.revoked_reason", reason=checks.revoked) if checks.revoked
                   else said("proof.revoked"))
    elif signed and issuer_profile is not None and issuer_profile.get("revocationList"):
        url = issuer_profile["revocationList"]
        listed = _stored_json(checks, store, url)
        if listed is None:
            checks.add("Revocation", False, said("proof.no_copy_list", address=url))
        else:
            for entry in listed.get("revokedAssertions") or []:
                entry_id = entry.get("id") if isinstance(entry, dict) else entry
                if entry_id == assertion_id or entry_id == assertion.get("uid"):
                    checks.revoked = str(entry.get("revocationReason") or "") if isinstance(entry, dict) else ""
                    checks.add("Revocation", False, said("proof.listed_reason", reason=checks.revoked) if checks.revoked
                               else said("proof.listed"))
                    break
            else:
                checks.add("Revocation", True, said("proof.not_listed"))
    else:
        checks.add("Revocation", True, said("proof.not_revoked") if not signed else said("proof.no_list"))
    _claims(checks, claims, badge_doc.get("name") if isinstance(badge_doc, dict) else None,
            issuer_profile.get("name") if isinstance(issuer_profile, dict) else None, issued,
            issuer_profile.get("url") if isinstance(issuer_profile, dict) else None)
    return checks.result(version="2.0", method=method, expires=expires, issued=issued, document=assertion,
                         proof_id=assertion_id)


def _revocation_notice(checks: _Checks, address: str, reason: str, gone: bool = False) -> Verification:
    """A hosted assertion its issuer revoked: its address answers 'gone'
    (HTTP 410), or holds only a revocation notice (``"revoked": true``, the
    way a static host revokes). Revoked; what cannot be checked on a notice
    is not checked."""
    why = said("proof.gone", address=address) if gone else said("proof.notice", address=address)
    for name in ("Signature", "Issuer", "Recipient", "Dates"):
        checks.add(name, None, why)
    checks.revoked = reason
    checks.add("Revocation", False, said("proof.revoked_reason", reason=reason) if reason else said("proof.revoked"))
    return checks.result(version="2.0", method=said("proof.method_hosted"), proof_id=address)


def _hosted_scope(issuer: dict) -> list[str]:
    verification = issuer.get("verification") if isinstance(issuer.get("verification"), dict) else {}
    prefixes = verification.get("startsWith")
    if prefixes:
        return prefixes if isinstance(prefixes, list) else [prefixes]
    origins = verification.get("allowedOrigins")
    if origins:
        origins = origins if isinstance(origins, list) else [origins]
        return [f"https://{o}/" for o in origins] + [f"http://{o}/" for o in origins]
    return [_origin(str(issuer.get("id", ""))) + "/"]


def _canonical(document: dict) -> str:
    return json.dumps(document, sort_keys=True, separators=(",", ":"))


def _jws_ok(token: str, pem: str) -> tuple[bool, str]:
    import jwt
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    header = _token_part(token, 0) or {}
    algorithm = str(header.get("alg", "RS256"))
    if algorithm not in ("RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA", "PS256"):
        return False, said("proof.algorithm", algorithm=repr(algorithm))
    try:
        jwt.PyJWS().decode(token, key=load_pem_public_key(pem.encode()), algorithms=[algorithm])
    except Exception as exc:  # noqa: BLE001
        return False, said("proof.jws_mismatch", error=type(exc).__name__)
    return True, said("proof.jws_valid", algorithm=algorithm)


# ---- Open Badges 3.0


def _verify_ob3(extracted: Extracted, store, today: dt.date, identities: list[str],
                claims: Claims | None = None) -> Verification:
    checks = _Checks(today)
    text = extracted.text.strip()
    if extracted.is_address:
        stored = store.get(text)
        if stored is None:
            return refused(said("proof.no_copy_credential", address=text),
                           version="3.0")
        checks.used.append(stored.fetched)
        text = stored.body.decode("utf-8").strip()
        extracted = Extracted("3.0", text)
    document = extracted.document()
    if not isinstance(document, dict):
        return refused(said("proof.credential_not_json"), version="3.0")
    issuer = document.get("issuer")
    issuer_id = str(issuer.get("id", "") if isinstance(issuer, dict) else issuer or "")
    issuer_url = issuer.get("url") if isinstance(issuer, dict) else None
    if extracted.is_token:
        method = "JWT"
        _jwt(checks, text, document, issuer_id, issuer_url, store)
    else:
        method = "Data Integrity"
        _data_integrity(checks, document, issuer_id, issuer_url, store)
    subject = document.get("credentialSubject") or {}
    subject = subject[0] if isinstance(subject, list) and subject else subject
    objects = [o for o in (subject.get("identifier") or []) if isinstance(o, dict)]
    if subject.get("id"):
        objects.append({"identity": subject["id"], "hashed": False})
    _recipient(checks, objects, identities)
    issued = _date(document.get("validFrom") or document.get("issuanceDate") or document.get("awardedDate"))
    expires = _date(document.get("validUntil") or document.get("expirationDate"))
    _dates(checks, issued, expires, today, claims)
    _status(checks, document, issuer_id, store)
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    _claims(checks, claims, achievement.get("name") if isinstance(achievement, dict) else None,
            issuer.get("name") if isinstance(issuer, dict) else None, issued, issuer_url)
    return checks.result(version="3.0", method=method, expires=expires, issued=issued, document=document,
                         proof_id=str(document.get("id", "")))


def did_web_address(did: str) -> str:
    """Where a did:web's DID document lives (``https://host/.well-known/did.json``, or ``…/path/did.json``)."""
    parts = did[len("did:web:"):].split(":")
    base = "https://" + "/".join(p.replace("%3A", ":").replace("%3a", ":") for p in parts)
    return base + ("/did.json" if len(parts) > 1 else "/.well-known/did.json")


def _did_web_methods(did: str, store) -> list[dict]:
    """The verification methods of a did:web's stored DID document (whose ``id`` is that DID)."""
    document = store.json(did_web_address(did))
    if not document or document.get("id") != did:
        return []
    return [m for m in document.get("verificationMethod") or [] if isinstance(m, dict)]


def _method_pem(method: str, store) -> bytes | None:
    """The public key a verification method (``did:…#fragment``) names: a
    did:key's own, a did:web's from the stored copy of its DID document."""
    from openbadgeslib.ob3 import did

    try:
        if method.startswith("did:key:"):
            return did.resolve_verification_method(method)
        if method.startswith("did:web:"):
            for entry in _did_web_methods(method.split("#")[0], store):
                if entry.get("id") == method:
                    return did._pem_from_vm(entry)
    except Exception:  # noqa: BLE001 - a key that cannot be read is no key
        return None
    return None


def _issuer_pems(issuer_id: str, store) -> list[bytes]:
    """The issuer's public keys tied to its domain: from the stored copy of
    its did:web document, or of its profile and JWKS at its address. (A
    did:key names only itself: none.)"""
    from openbadgeslib.ob3 import did

    keys: list[bytes] = []
    if issuer_id.startswith("did:web:"):
        for method in _did_web_methods(issuer_id, store):
            try:
                keys.append(did._pem_from_vm(method))
            except Exception:  # noqa: BLE001
                continue
        return keys
    if issuer_id.startswith(("https://", "http://")):
        for address in (issuer_id, _origin(issuer_id) + "/.well-known/jwks.json"):
            document = store.json(address)
            if not document:
                continue
            jwks = [m.get("publicKeyJwk") for m in document.get("verificationMethod") or [] if isinstance(m, dict)]
            for jwk in jwks + list(document.get("keys") or []):
                try:
                    keys.append(did._jwk_to_pem(jwk))
                except Exception:  # noqa: BLE001
                    continue
    return keys


def _same_key(a: bytes, b: bytes) -> bool:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key

    def raw(pem: bytes) -> bytes:
        return load_pem_public_key(pem).public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)

    try:
        return raw(a) == raw(b)
    except Exception:  # noqa: BLE001
        return False


def _host(address: str) -> str:
    return (urlsplit(address).hostname or "").lower().removeprefix("www.")


def _issuer_check(checks: _Checks, issuer_id: str, issuer_url, pem: bytes, store) -> None:
    """The Issuer check of a 3.0 credential signed with `pem`: the key must be
    one the issuer publishes for its domain. A did:key issuer names only
    itself, so who made it is not established."""
    if issuer_id.startswith("did:key:"):
        checks.add("Issuer", None, said("proof.self_asserted", issuer=issuer_id))
        return
    keys = _issuer_pems(issuer_id, store)
    if not keys:
        checks.add("Issuer", False, said("proof.keys_unknown", issuer=issuer_id))
        return
    if not any(_same_key(pem, key) for key in keys):
        checks.add("Issuer", False, said("proof.other_key", key=issuer_id))
        return
    domain = _host(did_web_address(issuer_id) if issuer_id.startswith("did:web:") else issuer_id)
    stated = _host(issuer_url) if isinstance(issuer_url, str) and issuer_url.strip() else ""
    # (a key of the issuer's own domain, or of a domain its address is under; never of a domain under
    # its address: on a shared host, a key of alice.github.io does not speak for github.io)
    if stated and not (stated == domain or stated.endswith("." + domain)):
        checks.add("Issuer", False, said("proof.other_domain", domain=domain, address=issuer_url))
        return
    checks.add("Issuer", True, said("proof.issuer_key", issuer=issuer_id))


_ALGORITHMS = ("RS256", "RS384", "RS512", "ES256", "ES384", "EdDSA", "PS256")


def _token_key(header: dict, store) -> bytes | None:
    """The key a JWT's header names: its 'jwk', or its 'kid' (a did:key, or a did:web whose document is stored)."""
    from openbadgeslib.ob3 import did

    try:
        if isinstance(header.get("jwk"), dict):
            return did._jwk_to_pem(header["jwk"])
    except Exception:  # noqa: BLE001
        return None
    kid = str(header.get("kid", ""))
    return _method_pem(kid, store) if kid.startswith("did:") else None


def _jwt(checks: _Checks, token: str, document: dict, issuer_id: str, issuer_url, store) -> None:
    import jwt

    header = _token_part(token, 0) or {}
    algorithm = str(header.get("alg", ""))
    if algorithm not in _ALGORITHMS:
        checks.add("Signature", False, said("proof.algorithm", algorithm=repr(algorithm)))
        return
    pem = _token_key(header, store)
    if pem is None:
        checks.add("Signature", False, said("proof.token_no_key"))
        return
    try:
        jwt.decode(token, key=pem, algorithms=[algorithm],
                   options={"verify_exp": False, "verify_nbf": False, "verify_aud": False, "verify_iat": False})
    except Exception as exc:  # noqa: BLE001
        checks.add("Signature", False, said("proof.jwt_mismatch", error=type(exc).__name__))
        return
    payload = _token_part(token, 1) or {}
    if payload.get("iss") not in (None, issuer_id) or (payload.get("jti") and document.get("id")
                                                       and payload["jti"] != document["id"]):
        checks.add("Signature", False, said("proof.claims"))
        return
    checks.add("Signature", True, said("proof.jwt_valid", algorithm=algorithm))
    _issuer_check(checks, issuer_id, issuer_url, pem, store)


def _data_integrity(checks: _Checks, document: dict, issuer_id: str, issuer_url, store) -> None:
    from openbadgeslib.ob3.ldp import OB3LdpVerifier

    proofs = document.get("proof")
    proof = proofs[0] if isinstance(proofs, list) and proofs else proofs
    if not isinstance(proof, dict):
        checks.add("Signature", False, said("proof.no_proof"))
        return
    suite = proof.get("cryptosuite")
    if suite != "eddsa-rdfc-2022":
        checks.add("Signature", False, said("proof.unsupported", proof=proof.get('type'), suite=suite))
        return
    method = str(proof.get("verificationMethod", ""))
    pem = _method_pem(method, store)
    if pem is None:
        checks.add("Signature", False, said("proof.no_copy_method", method=method or "none",
                                            address=did_web_address(method.split("#")[0])
                                            if method.startswith("did:web:") else method or "none"))
        return
    try:
        OB3LdpVerifier(pubkey_pem=pem).verify(json.dumps(document))
    except Exception as exc:  # noqa: BLE001
        if not _only_dates(exc, document, pem):
            checks.add("Signature", False, said("proof.di_mismatch", error=type(exc).__name__))
            return
        # a valid proof on a credential out of its dates: the Dates check says so
    checks.add("Signature", True, said("proof.di_valid"))
    controller = method.split("#")[0]
    if controller != issuer_id:
        checks.add("Issuer", False, said("proof.other_key", key=controller or 'none'))
        return
    _issuer_check(checks, issuer_id, issuer_url, pem, store)


def _only_dates(error: Exception, document: dict, pem: bytes) -> bool:
    """Whether the library refused only the credential's dates (its validity
    window), the proof itself being valid for the key `pem`."""
    from openbadgeslib.ob3.ldp import verify_data_integrity_proof

    text = str(error).lower()
    if not any(word in text for word in ("expired", "validuntil", "validfrom", "not yet valid", "not valid yet")):
        return False
    try:
        verify_data_integrity_proof(document, pem)
    except Exception:  # noqa: BLE001
        return False
    return True


def _status_list(body: str, url: str, issuer_id: str, store) -> tuple[dict | None, str | None]:
    """The status list credential stored for `url`, and None; or None and why
    it cannot be trusted: it must carry a valid proof (a JWT, or a Data
    Integrity proof) by a key of the credential's issuer, and name that issuer."""
    import jwt
    from openbadgeslib.ob3.ldp import verify_data_integrity_proof

    if _JWS.match(body):
        header = _token_part(body, 0) or {}
        listed = _token_part(body, 1)
        if isinstance(listed, dict) and isinstance(listed.get("vc"), dict):
            listed = listed["vc"]
        pem = _token_key(header, store)
        algorithm = str(header.get("alg", ""))
        try:
            if pem is None or algorithm not in _ALGORITHMS:
                raise ValueError("no key")
            jwt.decode(body, key=pem, algorithms=[algorithm], options={
                "verify_exp": False, "verify_nbf": False, "verify_aud": False, "verify_iat": False})
        except Exception:  # noqa: BLE001
            return None, said("proof.status_unsigned", address=url)
    else:
        listed = json.loads(body)
        proof = listed.get("proof") if isinstance(listed, dict) else None
        proof = proof[0] if isinstance(proof, list) and proof else proof
        if not isinstance(proof, dict):
            return None, said("proof.status_unsigned", address=url)
        pem = _method_pem(str(proof.get("verificationMethod", "")), store)
        try:
            if pem is None:
                raise ValueError("no key")
            verify_data_integrity_proof(listed, pem)
        except Exception:  # noqa: BLE001
            return None, said("proof.status_unsigned", address=url)
    if not isinstance(listed, dict):
        return None, said("proof.status_unsigned", address=url)
    by = listed.get("issuer")
    by = str(by.get("id", "") if isinstance(by, dict) else by or "")
    if by != issuer_id:
        return None, said("proof.status_other_issuer", address=url, issuer=by or "none")
    own = [_method_pem(issuer_id + "#" + issuer_id.split(":")[-1], store)] if issuer_id.startswith("did:key:") \
        else _issuer_pems(issuer_id, store)
    if not any(key is not None and _same_key(pem, key) for key in own):
        return None, said("proof.status_other_key", address=url)
    return listed, None


def _status(checks: _Checks, document: dict, issuer_id: str, store) -> None:
    from openbadgeslib.ob3.status import decode_encoded_list

    entries = document.get("credentialStatus")
    entries = entries if isinstance(entries, list) else [entries] if entries else []
    if not entries:
        checks.add("Revocation", True, said("proof.no_status_list"))
        return
    for entry in entries:
        url = entry.get("statusListCredential") if isinstance(entry, dict) else None
        if not url:
            checks.add("Revocation", False, said("proof.entry_no_list"))
            return
        found = store.get(url)
        if found is None:
            checks.add("Revocation", False, said("proof.no_copy_status", address=url))
            return
        checks.used.append(found.fetched)
        body = found.body.decode("utf-8", "replace").strip()
        try:
            listed, untrusted = _status_list(body, url, issuer_id, store)
        except Exception as exc:  # noqa: BLE001
            checks.add("Revocation", False, said("proof.status_unreadable", address=url, error=type(exc).__name__))
            return
        if untrusted is not None:
            checks.add("Revocation", None, untrusted)
            return
        subject = listed.get("credentialSubject") or {}
        try:
            bits = decode_encoded_list(subject["encodedList"])
            index = int(entry.get("statusListIndex"))
            is_set = bool(bits[index // 8] & (0x80 >> (index % 8)))
        except Exception as exc:  # noqa: BLE001
            checks.add("Revocation", False, said("proof.status_unreadable", address=url, error=type(exc).__name__))
            return
        purpose = entry.get("statusPurpose", "revocation")
        if is_set and purpose == "revocation":
            checks.revoked = ""
            checks.add("Revocation", False, said("proof.status_revoked"))
            return
        if is_set and purpose == "suspension":
            checks.suspended = True
            checks.add("Revocation", False, said("proof.status_suspended"))
            return
    checks.add("Revocation", True, said("proof.status_ok"))
