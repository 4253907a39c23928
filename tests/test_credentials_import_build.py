"""Badges from the issuer to the built page, end to end.

Each badge is made by an independent implementation (openbadges-bakery bakes
the 2.0 ones, openbadgeslib signs and bakes the 3.0 ones: see badgekit.py),
imported with `flipfolio credentials import` into one portfolio, and the site
is built once: each credential page then shows its status, its verification
and, for a bad badge, the reason. A PNG without a badge is refused at import.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

import badgekit
from flipfolio.cli import main as flipfolio
from flipfolio.credentials.store import Store
from sites import BASE, Site

YML = ("site_name: T\nsite_url: https://t.example/\ntheme: {name: material, font: false}\n"
       "plugins: [search, flipfolio]\n")


def _ob2_badges(ob2: badgekit.OB2) -> dict[str, tuple[bytes, str]]:
    """The 2.0 badges, by the name of their badge class: (file bytes, file name)."""

    def signed(name, **kwargs):
        badge = ob2.badge_class(name.lower().replace(" ", "-"), name, "About " + name, "Shows " + name)
        return ob2.assertion(name.lower().replace(" ", "-"), badge=badge, **kwargs)

    made = {"Two Signed": (badgekit.bake_ob2(ob2.sign(signed("Two Signed"))), "two-signed.png")}
    hosted = signed("Two Hosted", hosted=True)
    ob2.put(hosted["id"], hosted)
    made["Two Hosted"] = (badgekit.bake_ob2(json.dumps(hosted), "svg"), "two-hosted.svg")
    tampered = badgekit.tamper_jws(ob2.sign(signed("Two Tampered")),
                                   lambda a: a.update(issuedOn="2020-01-01T00:00:00+00:00"))
    made["Two Tampered"] = (badgekit.bake_ob2(tampered), "two-tampered.png")
    made["Two Wrong Recipient"] = (badgekit.bake_ob2(ob2.sign(signed("Two Wrong Recipient",
                                                                    identity="someone.else@example.org"))),
                                   "two-wrong-recipient.png")
    made["Two Expired"] = (badgekit.bake_ob2(ob2.sign(signed("Two Expired", expires="2026-03-01T00:00:00+00:00"))),
                           "two-expired.png")
    revoked = signed("Two Revoked")
    ob2.revoked.append({"id": revoked["id"], "revocationReason": "left the programme"})
    ob2.save_revocations()
    made["Two Revoked"] = (badgekit.bake_ob2(ob2.sign(revoked)), "two-revoked.png")
    other_private, _ = badgekit.rsa_keys("another issuer")
    made["Two Wrong Key"] = (badgekit.bake_ob2(ob2.sign(signed("Two Wrong Key"), private=other_private)),
                             "two-wrong-key.png")
    return made


def _ob3_badges(ob3: badgekit.OB3) -> dict[str, tuple[bytes, str]]:
    """The 3.0 badges (JWT baked in PNG or SVG, Data Integrity JSON), by achievement name."""
    ob3.set_status([7])
    counter = iter(range(1, 100))

    def credential(name, status_index=5, **kwargs):
        number = next(counter)
        return ob3.credential(name=name, status_index=status_index,
                              id=f"urn:uuid:3f0c1d2e-0000-4000-8000-{number:012d}",
                              achievement_id=f"https://issuer.example.org/achievements/{number}", **kwargs)

    made = {
        "Three Jwt": (ob3.bake_png(ob3.jwt(credential("Three Jwt"))), "three-jwt.png"),
        "Three Svg": (ob3.bake_svg(ob3.jwt(credential("Three Svg"))), "three-svg.svg"),
        "Three Linked Data": (ob3.data_integrity(credential("Three Linked Data")).encode(), "three-ld.json"),
        "Three Revoked": (ob3.bake_png(ob3.jwt(credential("Three Revoked", status_index=7))), "three-revoked.png"),
        "Three Wrong Key": (ob3.bake_png(ob3.jwt(credential("Three Wrong Key"), badgekit.OB3._key("other"))),
                            "three-wrong-key.png"),
        "Three Expired": (ob3.bake_png(ob3.jwt(credential(
            "Three Expired", expires=dt.datetime(2026, 4, 30, tzinfo=dt.timezone.utc)))), "three-expired.png"),
    }
    tampered = json.loads(ob3.data_integrity(credential("Three Tampered")))
    tampered["credentialSubject"]["achievement"]["description"] = "Something else"
    made["Three Tampered"] = (json.dumps(tampered).encode(), "three-tampered.json")
    return made


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """A portfolio with every badge imported by the CLI, built once on 2026-06-02 by its recipient."""
    work = tmp_path_factory.mktemp("import")
    site = Site(work / "site-src").write({"mkdocs.yml": YML}).write(BASE)
    folder = site.root / "portfolio"
    store = Store(folder)
    badges = {**_ob2_badges(badgekit.OB2(store)), **_ob3_badges(badgekit.OB3(store))}
    codes, slugs = {}, {}
    for name, (data, file_name) in badges.items():
        source = work / "downloads" / file_name
        source.parent.mkdir(exist_ok=True)
        source.write_bytes(data)
        codes[name] = flipfolio(["credentials", "import", str(source), str(site.root)])
        slugs[name] = name.lower().replace(" ", "-")
    plain = work / "downloads" / "plain.png"
    plain.write_bytes(badgekit.plain_png())
    refused = flipfolio(["credentials", "import", str(plain), str(site.root)])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FLIPFOLIO_RECIPIENT", badgekit.TEACHER)
        patch.setenv("FLIPFOLIO_BUILD_DATE", "2026-06-02")
        site.build(strict=False)  # imported credentials still lack what the teacher writes (placeholders)
    return site, codes, slugs, refused


def shown(site: Site, slug: str) -> dict:
    """What a credential's page says: status, verification and its reason, checks; and its wall card."""
    page = site.article(f"credentials/{slug}/index.html")
    chips = page.select_one(".ff-credential-status").select(".ff-chip")
    verification = page.find(id="verification").find_next("p")
    checks = {row.th.get_text(): row.find_all("td")[0].get_text() for row in page.select("table.ff-checks tbody tr")}
    card = next(c for c in site.article("credentials/index.html").select("[data-ff-card]")
                if c.find("a", href=lambda h: h and f"{slug}/" in h))
    return {"status": chips[0].get_text(strip=True), "verification": chips[-1].get_text(strip=True),
            "text": " ".join(verification.get_text(" ", strip=True).split()), "checks": checks,
            "card": card["data-ff-status"]}


VERIFIED = ["Two Signed", "Two Hosted", "Three Jwt", "Three Svg", "Three Linked Data"]


def test_every_badge_file_is_imported_and_a_png_without_one_is_refused(imported, capsys):
    site, codes, slugs, refused = imported
    assert codes == {name: 0 for name in codes}
    assert refused == 1
    assert not (site.root / "portfolio/credentials/plain.yml").exists()
    assert not (site.root / "portfolio/media/badges/plain.png").exists()


@pytest.mark.parametrize("name", VERIFIED)
def test_valid_badges_show_as_verified_check_by_check(imported, name):
    site, _, slugs, _ = imported
    seen = shown(site, slugs[name])
    assert seen["verification"] == "Verified", seen
    assert seen["checks"] == {"Signature": "Passed", "Issuer": "Passed", "Recipient": "Passed",
                              "Dates": "Passed", "Revocation": "Passed", "This page": "Passed"}
    assert (seen["status"], seen["card"]) == ("Earned", "no-expiry"), seen


@pytest.mark.parametrize("name, card, failed, reason", [
    ("Two Tampered", "no-expiry", "Signature", "Signature: the signature does not match"),
    ("Two Wrong Recipient", "no-expiry", "Recipient", "Recipient: awarded to someone else"),
    ("Two Expired", "expired", "Dates", "Dates: expired on 2026-03-01"),
    ("Two Revoked", "revoked", "Revocation", "Revocation: listed on the issuer's revocation list: left the programme"),
    ("Two Wrong Key", "no-expiry", "Signature", "Signature: the signature does not match"),
    ("Three Tampered", "no-expiry", "Signature", "Signature: the Data Integrity proof does not match"),
    ("Three Revoked", "revoked", "Revocation", "Revocation: revoked on the issuer's status list"),
    ("Three Wrong Key", "no-expiry", "Issuer", "Issuer: signed with a key that is not the issuer's"),
    ("Three Expired", "expired", "Dates", "Dates: expired on 2026-04-30"),
])
def test_bad_badges_show_their_status_and_the_reason(imported, name, card, failed, reason):
    site, _, slugs, _ = imported
    seen = shown(site, slugs[name])
    assert seen["verification"] == "Not verified", seen
    assert (seen["card"], seen["status"]) == (card, {"expired": "Expired", "revoked": "Revoked"}.get(card, "Earned")), seen
    assert reason in seen["text"], seen["text"]
    assert seen["checks"][failed] == "Failed", seen["checks"]
    if card == "revoked":
        assert "Revoked by the issuer" in site.article(f"credentials/{slugs[name]}/index.html").get_text()


# ---- refresh: the one online step, against an issuer served on 127.0.0.1


class IssuerServer:
    """An issuer's documents served over HTTP on 127.0.0.1 (badgekit's issuers `put` into it)."""

    def __init__(self):
        import http.server
        import threading

        self.documents: dict[str, tuple[bytes, int]] = {}
        documents = self.documents

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the standard library's name
                body, status = documents.get(self.path, (b"", 404))
                self.send_response(status)
                self.send_header("Content-Type", "application/ld+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def put(self, url, body, status, fetched):
        self.documents[url[len(self.base):]] = (body, status)

    def save(self):
        pass

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def test_refresh_stores_the_issuers_documents_and_keeps_them_when_the_issuer_is_gone(tmp_path, monkeypatch, capsys):
    server = IssuerServer()
    try:
        ob2 = badgekit.OB2(server, base=server.base)
        revoked_later = ob2.assertion("later")
        site = Site(tmp_path / "site-src").write({"mkdocs.yml": YML}).write(BASE)
        for name, assertion in (("kept", ob2.assertion("kept")), ("later", revoked_later)):
            (tmp_path / f"{name}.png").write_bytes(badgekit.bake_ob2(ob2.sign(assertion)))
            assert flipfolio(["credentials", "import", str(tmp_path / f"{name}.png"), str(site.root)]) == 0
        lock = site.root / "portfolio" / "credentials.lock"
        assert not lock.exists()  # import reads only the file: nothing fetched yet

        assert flipfolio(["credentials", "refresh", str(site.root)]) == 0
        out = capsys.readouterr().out
        assert "ok: kept: 4 document(s) stored" in out and "ok: later: 4 document(s) stored" in out, out
        stored = Store(site.root / "portfolio")
        assert stored.json(f"{server.base}/key.json")["publicKeyPem"] == ob2.public

        ob2.revoked.append({"id": revoked_later["id"], "revocationReason": "issued in error"})
        ob2.save_revocations()
        assert flipfolio(["credentials", "refresh", str(site.root)]) == 0
    finally:
        server.stop()
    # The issuer is gone: refresh fails, says so, and keeps every copy stored before.
    before = {p.name: p.read_bytes() for p in lock.iterdir()}
    assert flipfolio(["credentials", "refresh", str(site.root), "--timeout", "2"]) == 1
    out = capsys.readouterr().out
    assert "failed: kept: could not fetch" in out and "(stored copies kept)" in out, out
    assert {p.name: p.read_bytes() for p in lock.iterdir()} == before

    monkeypatch.setenv("FLIPFOLIO_RECIPIENT", badgekit.TEACHER)
    monkeypatch.setenv("FLIPFOLIO_BUILD_DATE", "2026-06-02")
    for name in ("kept", "later"):  # the badge's name and issuer, which the baked image does not carry
        path = site.root / "portfolio" / "credentials" / f"{name}.yml"
        text = path.read_text().replace("name: REPLACE-ME", "name: Flipped Video Design", 1)
        path.write_text(text.replace("name: REPLACE-ME", "name: Sample Issuer Network", 1))
    site.build(strict=False)
    kept, later = shown(site, "kept"), shown(site, "later")
    assert (kept["verification"], kept["status"]) == ("Verified", "Earned"), kept
    assert (later["verification"], later["status"]) == ("Not verified", "Revoked"), later
    assert "Revocation: listed on the issuer's revocation list: issued in error" in later["text"]


def test_refresh_reports_a_document_it_could_not_fetch_for_every_credential_needing_it(tmp_path, capsys):
    """The issuer's badge class is not there (404): both badges need it, both are
    told, with its address, however the first request for it went."""
    server = IssuerServer()
    try:
        ob2 = badgekit.OB2(server, base=server.base)
        del server.documents["/badge.json"]
        site = Site(tmp_path / "site-src").write({"mkdocs.yml": YML}).write(BASE)
        for name in ("first", "second"):
            (tmp_path / f"{name}.png").write_bytes(badgekit.bake_ob2(ob2.sign(ob2.assertion(name))))
            assert flipfolio(["credentials", "import", str(tmp_path / f"{name}.png"), str(site.root)]) == 0
        capsys.readouterr()
        assert flipfolio(["credentials", "refresh", str(site.root)]) == 1
        out = capsys.readouterr().out
    finally:
        server.stop()
    for name in ("first", "second"):
        assert f"failed: {name}: could not fetch {server.base}/badge.json: HTTP 404 (stored copies kept)" in out, out
    assert "ok:" not in out


def test_import_says_whether_the_badge_verifies_and_why(tmp_path, capsys):
    site = Site(tmp_path / "site-src").write({"mkdocs.yml": YML}).write(BASE)
    store = Store(site.root / "portfolio")
    ob2, ob3 = badgekit.OB2(store), badgekit.OB3(store)
    ob2.revoked.append({"id": "urn:uuid:0000-gone", "revocationReason": "issued in error"})
    ob2.save_revocations()
    downloads = {
        "revoked.png": badgekit.bake_ob2(ob2.sign(ob2.assertion("gone"))),
        "tampered.png": ob3.bake_png(badgekit.tamper_jws(ob3.jwt(ob3.credential()),
                                                         lambda p: p.update(validFrom="2019-01-01T00:00:00Z"))),
        "fine.png": badgekit.bake_ob2(ob2.sign(ob2.assertion("fine"))),
    }
    said = {}
    for number, (name, data) in enumerate(downloads.items()):
        (tmp_path / name).write_bytes(data)
        assert flipfolio(["credentials", "import", str(tmp_path / name), str(site.root), "--id", f"c{number}"]) == 0
        said[name] = capsys.readouterr().out
    assert "verification: Not verified: Revocation: listed on the issuer's revocation list: issued in error" \
        in said["revoked.png"]
    assert "verification: Not verified: Signature: the signature does not match" in said["tampered.png"]
    assert "verification: Verified" in said["fine.png"]
    text = (site.root / "portfolio" / "credentials" / "c2.yml").read_text()
    assert "\n  issued: 2026-01-10\n" in text  # a date, as the guide writes them


def test_import_of_an_address_or_a_missing_file_says_what_to_do(tmp_path, capsys):
    site = Site(tmp_path / "site-src").write({"mkdocs.yml": YML}).write(BASE)
    assert flipfolio(["credentials", "import", "https://issuer.example.org/assertions/1.json", str(site.root)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("flipfolio: https://issuer.example.org/assertions/1.json is a web address; 'import' takes "
                          "a file you downloaded"), out
    assert "'award.proof.url'" in out and "Errno" not in out
    missing = tmp_path / "downloads" / "badge.png"
    assert flipfolio(["credentials", "import", str(missing), str(site.root)]) == 1
    out = capsys.readouterr().out
    assert out == f"flipfolio: {missing}: no such file; give the path of the badge you downloaded\n"
