"""Badges made for the tests by independent implementations: Open Badges 2.0
assertions signed with PyJWT and baked into PNG/SVG by openbadges-bakery, 3.0
credentials signed and baked by openbadgeslib (JWT-VC and eddsa-rdfc-2022).
Nothing here goes online: the issuers' documents are put in a `Store` as
`flipfolio credentials refresh` would have stored them.

The example portfolio's sample badges are made with the same code
(scripts/make-example-badges.py): there the keys come from a fixed `seed`, so
the same badges come out on every run. Keys made from a seed anyone can read
are sample keys: they prove nothing, which is what a sample needs."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
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


def bake_ob2(data: str, kind: str = "png", image: bytes | None = None) -> bytes:
    """Bake with openbadges-bakery (an independent implementation), into a
    plain picture or into `image` (a PNG or SVG of that `kind`)."""
    from openbadges_bakery import bake

    source = io.BytesIO(image if image is not None else plain_png() if kind == "png" else plain_svg())
    source.name = f"plain.{kind}"
    out = bake(source, data)
    try:
        out.seek(0)
        return out.read()
    finally:
        out.close()


def _probable_prime(n: int, rng) -> bool:
    for p in (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47):
        if n % p == 0:
            return n == p
    d, r = n - 1, 0
    while d % 2 == 0:
        d, r = d // 2, r + 1
    for _ in range(40):  # Miller-Rabin
        x = pow(rng.randrange(2, n - 1), d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _seeded_rsa(seed: str, bits: int = 2048):
    """An RSA key made from `seed`: the same seed gives the same key."""
    import random

    from cryptography.hazmat.primitives.asymmetric import rsa

    rng = random.Random(hashlib.sha256(b"rsa:" + seed.encode()).digest())
    e, primes = 65537, []
    while len(primes) < 2:
        n = rng.getrandbits(bits // 2) | (3 << (bits // 2 - 2)) | 1
        if (n - 1) % e and n not in primes and _probable_prime(n, rng):
            primes.append(n)
    p, q = primes
    d = pow(e, -1, (p - 1) * (q - 1))
    numbers = rsa.RSAPrivateNumbers(p, q, d, rsa.rsa_crt_dmp1(d, p), rsa.rsa_crt_dmq1(d, q),
                                    rsa.rsa_crt_iqmp(p, q), rsa.RSAPublicNumbers(e, p * q))
    return numbers.private_key()


def rsa_keys(seed: str | None = None):
    """(private PEM, public PEM) of a new 2048-bit RSA key, or of the one made from `seed`."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048) if seed is None else _seeded_rsa(seed)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public.decode()


class OB2:
    """An Open Badges 2.0 issuer with its profile, badge class, key and revocation list,
    at `base` (its documents' addresses start with it)."""

    def __init__(self, store, fetched=dt.date(2026, 6, 1), *, base=ISSUER, name="Sample Issuer Network",
                 url=None, email="pd@example.org", seed=None):
        self.store, self.fetched, self.base = store, fetched, base
        self.private, self.public = rsa_keys(seed)
        self.issuer = {"@context": "https://w3id.org/openbadges/v2", "type": "Issuer", "id": f"{base}/issuer.json",
                       "name": name, "url": url or base + "/", "email": email,
                       "publicKey": f"{base}/key.json", "revocationList": f"{base}/revoked.json"}
        self.put(self.issuer["id"], self.issuer)
        self.badge = self.badge_class("badge", "Flipped Video Design", "Designs short pre-class videos.",
                                      "Plans short pre-class videos.", ["video"])
        self.revoked: list = []
        self.put(f"{base}/key.json", {"@context": "https://w3id.org/openbadges/v2", "type": "CryptographicKey",
                                      "id": f"{base}/key.json", "owner": self.issuer["id"],
                                      "publicKeyPem": self.public})
        self.save_revocations()

    def badge_class(self, path, name, description, criteria, tags=(), image=None) -> dict:
        """A BadgeClass at `base`/`path`.json, stored."""
        badge = {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "id": f"{self.base}/{path}.json",
                 "name": name, "description": description, "image": image or f"{self.base}/{path}.png",
                 "criteria": {"narrative": criteria}, "issuer": self.issuer["id"], "tags": list(tags)}
        self.put(badge["id"], badge)
        return badge

    def put(self, url, document, status=200):
        body = b"" if document is None else json.dumps(document).encode()
        self.store.put(url, body, status, self.fetched)
        self.store.save()

    def save_revocations(self):
        self.put(f"{self.base}/revoked.json", {"@context": "https://w3id.org/openbadges/v2", "type": "RevocationList",
                                               "id": f"{self.base}/revoked.json", "issuer": self.issuer["id"],
                                               "revokedAssertions": self.revoked})

    def assertion(self, name="a1", hosted=False, identity=TEACHER, expires=None, issued="2026-01-10T00:00:00+00:00",
                  badge=None, id=None):
        document = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
                    "id": id or (f"{self.base}/assertions/{name}.json" if hosted else f"urn:uuid:0000-{name}"),
                    "recipient": {"type": "email", "hashed": True, "salt": SALT, "identity": identity_hash(identity)},
                    "badge": (badge or self.badge)["id"], "issuedOn": issued,
                    "verification": {"type": "hosted"} if hosted else {"type": "signed",
                                                                       "creator": f"{self.base}/key.json"}}
        if expires:
            document["expires"] = expires
        return document

    def sign(self, assertion, private=None) -> str:
        import jwt

        return jwt.encode(assertion, private or self.private, algorithm="RS256")


class OB3:
    """An Open Badges 3.0 issuer (Ed25519), and its status list, signed.

    By default the issuer is a did:web on the host of its `url`, its DID
    document stored (at ``https://<host>/.well-known/did.json``) as
    `flipfolio credentials refresh` would have fetched it: the key is tied to
    the issuer's domain. With `self_asserted` it is a did:key, which names only
    itself (anyone can make one under any name)."""

    def __init__(self, store, fetched=dt.date(2026, 6, 1), *, name="Sample Issuer Network",
                 url="https://issuer.example.org/", status_url="https://issuer.example.org/status/1", seed=None,
                 self_asserted=False, status_purpose="revocation"):
        from urllib.parse import urlsplit

        from openbadgeslib.keys import public_jwk_from_pem
        from openbadgeslib.ob3.did import build_did_document, did_key_from_pem

        self.store, self.fetched, self.name, self.url = store, fetched, name, url
        self.key = self._key(seed)
        if self_asserted:
            self.did = did_key_from_pem(self.key[1])
            self.method = f"{self.did}#{self.did.split(':')[-1]}"
        else:
            host = urlsplit(url).netloc
            self.did = "did:web:" + host.replace(":", "%3A")
            self.method = f"{self.did}#key-1"
            self.did_document = build_did_document(self.did, [("key-1", public_jwk_from_pem(self.key[1]))])
            self.did_url = f"https://{host}/.well-known/did.json"
            store.put(self.did_url, json.dumps(self.did_document).encode(), 200, fetched)
        self.status_url = status_url
        self.status_purpose = status_purpose
        self.set_status([])

    @staticmethod
    def _key(seed=None):
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519

        key = ed25519.Ed25519PrivateKey.generate() if seed is None else \
            ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"ed25519:" + seed.encode()).digest())
        return (key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()),
                key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))

    def set_status(self, revoked: list[int], *, signed: bool = True, key=None):
        """The status list with the bits of `revoked` set, signed by the
        issuer's key (a Data Integrity proof) unless `signed` is False, or by `key`."""
        from openbadgeslib.ob3.status_list import DEFAULT_SIZE_BITS, build_status_list_credential

        doc = build_status_list_credential(self.did, self.status_url, self.status_purpose, revoked,
                                           issued=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        # The same list gives the same bytes, whatever the time and Python (openbadgeslib's gzip header
        # holds the time it ran; Python 3.13's gzip module writes another system byte than 3.11's).
        bits = bytearray(DEFAULT_SIZE_BITS // 8)
        for index in revoked:
            bits[index // 8] |= 0x80 >> (index % 8)
        deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        gzipped = (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03" + deflate.compress(bytes(bits)) + deflate.flush()
                   + struct.pack("<II", zlib.crc32(bits), len(bits)))
        assert gzip.decompress(gzipped) == bits
        packed = base64.urlsafe_b64encode(gzipped).decode().rstrip("=")
        doc["credentialSubject"]["encodedList"] = "u" + packed
        if signed:
            from openbadgeslib.ob3.ldp import add_data_integrity_proof

            doc = add_data_integrity_proof(doc, (key or self.key)[0], self.method,
                                           created=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
        self.status_list = doc
        self.store.put(self.status_url, json.dumps(doc).encode(), 200, self.fetched)
        self.store.save()

    def credential(self, identity=TEACHER, expires=None, status_index=None, *,
                   id="urn:uuid:3f0c1d2e-0000-4000-8000-000000000001",
                   issued=dt.datetime(2026, 1, 10, tzinfo=dt.timezone.utc),
                   achievement_id="https://issuer.example.org/achievements/1", name="Video Questions",
                   description="Writes questions tied to moments in a video.", criteria=None, tags=("questions",)):
        from openbadgeslib.ob3 import Achievement, IdentityObject, Issuer, OpenBadgeCredential
        from openbadgeslib.ob3.status_list import status_entry

        return OpenBadgeCredential(
            issuer=Issuer(id=self.did, name=self.name, url=self.url),
            recipient_id=None, id=id,
            issuance_date=issued,
            expiration_date=expires,
            achievement=Achievement(id=achievement_id, name=name, description=description,
                                    criteria_narrative=criteria or description,
                                    achievement_type="MicroCredential", tags=list(tags)),
            identifiers=[IdentityObject.create(identity, salt=SALT)],
            credential_status=[status_entry(self.status_url, self.status_purpose, status_index)]
            if status_index is not None
            else [],
        )

    def jwt(self, credential, key=None) -> str:
        from openbadgeslib.ob3 import OB3Signer

        return OB3Signer((key or self.key)[0], algorithm="EdDSA").sign(credential)

    def data_integrity(self, credential, key=None, created=dt.datetime(2026, 1, 10, tzinfo=dt.timezone.utc)) -> str:
        """The credential with a Data Integrity proof: by the issuer's key, or
        by `key` named as its own did:key."""
        from openbadgeslib.ob3.did import did_key_from_pem
        from openbadgeslib.ob3.ldp import OB3LdpSigner

        if key is None or key is self.key:
            key, method = self.key, self.method
        else:
            did = did_key_from_pem(key[1])
            method = f"{did}#{did.split(':')[-1]}"
        return OB3LdpSigner(key[0], verification_method=method).sign_to_json(credential, created=created)

    def bake_png(self, token: str) -> bytes:
        from openbadgeslib import baking

        return baking.bake_png(plain_png(), token, keyword=baking.ITXT_KEYWORD_OB3)

    def bake_svg(self, token: str, image: bytes | None = None) -> bytes:
        """A JWT-VC baked into `image` (an SVG; a plain one by default) by openbadgeslib."""
        from openbadgeslib import baking

        return baking.bake_svg(image or plain_svg(), token, element=baking.SVG_ELEMENT_OB3,
                               namespace=baking.SVG_NS_OB3)


def tamper_jws(token: str, change) -> str:
    """The token with its payload changed (and the signature kept)."""
    head, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(data)
    encoded = base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")
    return ".".join([head, encoded, signature])
