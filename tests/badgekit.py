"""Badges made for the tests by independent implementations: Open Badges 2.0
assertions signed with PyJWT and baked into PNG/SVG by openbadges-bakery, 3.0
credentials signed and baked by openbadgeslib (JWT-VC and eddsa-rdfc-2022).
Nothing here goes online: the issuers' documents are put in a `Store` as
`flipfolio credentials refresh` would have stored them."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import struct
import zlib
from pathlib import Path

ISSUER = "https://issuer.example.org"
TEACHER = "teacher@example.org"
SALT = "s4lt"


def identity_hash(identity: str = TEACHER, salt: str = SALT) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def plain_png() -> bytes:
    """A 2x2 PNG with no badge in it."""
    raw = b"".join(b"\x00" + b"\x33\x66\x99" * 2 for _ in range(2))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack("!I", len(data)) + tag + data + struct.pack("!I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack("!IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def plain_svg() -> bytes:
    return b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


def bake_ob2(data: str, kind: str = "png") -> bytes:
    """Bake with openbadges-bakery (an independent implementation)."""
    from openbadges_bakery import bake

    source = io.BytesIO(plain_png() if kind == "png" else plain_svg())
    source.name = f"plain.{kind}"
    out = bake(source, data)
    try:
        out.seek(0)
        return out.read()
    finally:
        out.close()


def rsa_keys():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public.decode()


class OB2:
    """An Open Badges 2.0 issuer with its profile, badge class, key and revocation list."""

    def __init__(self, store, fetched=dt.date(2026, 6, 1)):
        self.store, self.fetched = store, fetched
        self.private, self.public = rsa_keys()
        self.issuer = {"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": f"{ISSUER}/issuer.json",
                       "name": "Sample Issuer Network", "url": ISSUER + "/", "email": "pd@example.org",
                       "publicKey": f"{ISSUER}/key.json", "revocationList": f"{ISSUER}/revoked.json"}
        self.badge = {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": f"{ISSUER}/badge.json",
                      "name": "Flipped Video Design", "description": "Designs short pre-class videos.",
                      "image": f"{ISSUER}/badge.png", "criteria": {"narrative": "Plans short pre-class videos."},
                      "issuer": self.issuer["id"], "tags": ["video"]}
        self.revoked: list = []
        self.put(self.issuer["id"], self.issuer)
        self.put(self.badge["id"], self.badge)
        self.put(f"{ISSUER}/key.json", {"@context": "https://w3id.org/openbadges/v2", "type": "CryptographicKey",
                                        "id": f"{ISSUER}/key.json", "owner": self.issuer["id"],
                                        "publicKeyPem": self.public})
        self.save_revocations()

    def put(self, url, document, status=200):
        body = b"" if document is None else json.dumps(document).encode()
        self.store.put(url, body, status, self.fetched)
        self.store.save()

    def save_revocations(self):
        self.put(f"{ISSUER}/revoked.json", {"@context": "https://w3id.org/openbadges/v2", "type": "RevocationList",
                                            "id": f"{ISSUER}/revoked.json", "issuer": self.issuer["id"],
                                            "revokedAssertions": self.revoked})

    def assertion(self, name="a1", hosted=False, identity=TEACHER, expires=None, issued="2026-01-10T00:00:00+00:00"):
        document = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
                    "id": f"{ISSUER}/assertions/{name}.json" if hosted else f"urn:uuid:0000-{name}",
                    "recipient": {"type": "email", "hashed": True, "salt": SALT, "identity": identity_hash(identity)},
                    "badge": self.badge["id"], "issuedOn": issued,
                    "verification": {"type": "hosted"} if hosted else {"type": "signed",
                                                                       "creator": f"{ISSUER}/key.json"}}
        if expires:
            document["expires"] = expires
        return document

    def sign(self, assertion, private=None) -> str:
        import jwt

        return jwt.encode(assertion, private or self.private, algorithm="RS256")


class OB3:
    """An Open Badges 3.0 issuer with a did:key (Ed25519), and a status list."""

    def __init__(self, store, fetched=dt.date(2026, 6, 1)):
        from openbadgeslib.keys import KeyEd25519
        from openbadgeslib.ob3.did import did_key_from_pem

        self.store, self.fetched = store, fetched
        self.key = self._key()
        self.did = did_key_from_pem(self.key[1])
        self.status_url = "https://issuer.example.org/status/1"
        self.set_status([])

    @staticmethod
    def _key():
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519

        key = ed25519.Ed25519PrivateKey.generate()
        return (key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()),
                key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))

    def set_status(self, revoked: list[int]):
        from openbadgeslib.ob3.status_list import build_status_list_credential

        doc = build_status_list_credential(self.did, self.status_url, "revocation", revoked,
                                           issued=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        self.store.put(self.status_url, json.dumps(doc).encode(), 200, self.fetched)
        self.store.save()

    def credential(self, identity=TEACHER, expires=None, status_index=None):
        from openbadgeslib.ob3 import Achievement, IdentityObject, Issuer, OpenBadgeCredential
        from openbadgeslib.ob3.status_list import status_entry

        return OpenBadgeCredential(
            issuer=Issuer(id=self.did, name="Sample Issuer Network", url="https://issuer.example.org/"),
            recipient_id=None, id="urn:uuid:3f0c1d2e-0000-4000-8000-000000000001",
            issuance_date=dt.datetime(2026, 1, 10, tzinfo=dt.timezone.utc),
            expiration_date=expires,
            achievement=Achievement(id="https://issuer.example.org/achievements/1", name="Video Questions",
                                    description="Writes questions tied to moments in a video.",
                                    criteria_narrative="Writes questions tied to moments in a video.",
                                    achievement_type="MicroCredential", tags=["questions"]),
            identifiers=[IdentityObject.create(identity, salt=SALT)],
            credential_status=[status_entry(self.status_url, "revocation", status_index)] if status_index is not None
            else [],
        )

    def jwt(self, credential, key=None) -> str:
        from openbadgeslib.ob3 import OB3Signer

        return OB3Signer((key or self.key)[0], algorithm="EdDSA").sign(credential)

    def data_integrity(self, credential, key=None) -> str:
        from openbadgeslib.ob3.ldp import OB3LdpSigner
        from openbadgeslib.ob3.did import did_key_from_pem

        key = key or self.key
        did = did_key_from_pem(key[1]) if key is not self.key else self.did
        signer = OB3LdpSigner(key[0], verification_method=f"{self.did}#{self.did.split(':')[-1]}" if key is self.key
                              else f"{did}#{did.split(':')[-1]}")
        return signer.sign_to_json(credential, created=dt.datetime(2026, 1, 10, tzinfo=dt.timezone.utc))

    def bake_png(self, token: str) -> bytes:
        from openbadgeslib import baking

        return baking.bake_png(plain_png(), token, keyword=baking.ITXT_KEYWORD_OB3)


def tamper_jws(token: str, change) -> str:
    """The token with its payload changed (and the signature kept)."""
    head, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(data)
    encoded = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return ".".join([head, encoded, signature])
