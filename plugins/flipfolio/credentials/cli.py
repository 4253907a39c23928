"""``flipfolio credentials import FILE`` and ``flipfolio credentials refresh``.

- import: reads a baked PNG or SVG (Open Badges 2.0 or 3.0), an assertion or
  credential JSON, or a signed token, stores the proof (and the image) in the
  portfolio and writes ``credentials/<id>.yml`` with every field it could
  fill, for the teacher to complete; a file without a badge is refused with the reason;
- refresh: the one online step: fetches what verifying the portfolio's proofs
  needs (hosted assertions, issuer profiles and keys, revocation and status
  lists) into ``credentials.lock/``, with bounded timeouts and a report per
  credential; a failed fetch keeps the copy stored before.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.request
from pathlib import Path

import yaml

from . import verify as proofs
from .store import Store

MAX_BYTES = 2 * 1024 * 1024


def import_badge(folder: Path, source: Path, credential_id: str | None = None) -> tuple[Path, list[str]]:
    """Import the badge in `source` into the portfolio `folder`; returns the
    credential file written and the fields left for the teacher. Raises
    `proofs.NoBadge` (with the reason) for a file that carries no badge."""
    data = source.read_bytes()
    extracted = proofs.extract(data, source.name)
    document = extracted.document() or {}
    if extracted.version == "3.0":
        fields = _from_ob3(document)
    else:
        fields = _from_ob2(document, Store(folder))
    slug = credential_id or _slug(fields.get("name") or source.stem)
    target = folder / "credentials" / f"{slug}.yml"
    if target.exists():
        raise FileExistsError(f"{target} exists already; give another id with --id")
    suffix = source.suffix.lower() if source.suffix.lower() in (".png", ".svg", ".json", ".jwt", ".jws") else (
        ".jwt" if extracted.is_token else ".json")
    proof_path = f"media/badges/{slug}{suffix}"
    (folder / proof_path).parent.mkdir(parents=True, exist_ok=True)
    (folder / proof_path).write_bytes(data)
    award: dict = {}
    # Dates as dates, so YAML writes them as the guide does (2026-01-10, not '2026-01-10').
    if fields.get("issued"):
        award["issued"] = dt.date.fromisoformat(fields["issued"])
    if fields.get("expires"):
        award["expires"] = dt.date.fromisoformat(fields["expires"])
    proof: dict = {"file": proof_path}
    if fields.get("hosted"):
        proof["url"] = fields["hosted"]
    award["proof"] = proof
    credential: dict = {"name": fields.get("name") or "REPLACE-ME", "issuer": {"name": fields.get("issuer") or "REPLACE-ME"}}
    if fields.get("issuer_url"):
        credential["issuer"]["url"] = fields["issuer_url"]
    credential["competency"] = fields.get("competency") or "REPLACE-ME"
    if fields.get("description"):
        credential["description"] = fields["description"]
    if suffix in (".png", ".svg"):
        credential["image"] = {"src": proof_path, "alt": f"The badge {fields.get('name') or slug}"}
    if fields.get("alignment"):
        credential["alignment"] = fields["alignment"]
    if fields.get("tags"):
        credential["tags"] = fields["tags"]
    credential["award"] = award
    todo = [k for k in ("name", "competency") if credential[k] == "REPLACE-ME"]
    if credential["issuer"]["name"] == "REPLACE-ME":
        todo.append("issuer.name")
    todo += ["key_method", "method_components", "research", "submission", "rubric", "award.assessor",
             "award.result", "award.evidence"]
    text = yaml.safe_dump(credential, sort_keys=False, allow_unicode=True, width=100)
    # What to write, by field: the top level's, and the issuer's (indented).
    what = {("", "name"): "the credential's name", ("", "competency"): "what the credential shows you can do",
            ("  ", "name"): "who awarded it"}

    def noted(found: re.Match) -> str:
        return f"{found.group(0)}   # REPLACE-ME: {what.get(found.group(1, 2), 'your own words')}"

    text = re.sub(r"^(\s*)(\w+): REPLACE-ME$", noted, text, flags=re.M)
    header = ("# yaml-language-server: $schema=../.schemas/credentials.schema.json\n"
              f"# Imported from {source.name} by 'flipfolio credentials import'. Still to write: "
              + ", ".join(todo) + ".\n")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(header + text, encoding="utf-8")
    return target, todo


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "imported-credential"


def _iso(value) -> str | None:
    found = proofs._date(value)
    return found.isoformat() if found else None


def _from_ob2(assertion: dict, store: Store) -> dict:
    badge = assertion.get("badge")
    badge = badge if isinstance(badge, dict) else (store.json(badge) if isinstance(badge, str) else None) or {}
    issuer = badge.get("issuer")
    issuer = issuer if isinstance(issuer, dict) else (store.json(issuer) if isinstance(issuer, str) else None) or {}
    criteria = badge.get("criteria")
    narrative = criteria.get("narrative") if isinstance(criteria, dict) else ""
    verification = assertion.get("verification") or {}
    hosted = assertion.get("id") if isinstance(verification, dict) and str(verification.get("type", "hosted")).lower() \
        in ("hosted", "hostedbadge") and str(assertion.get("id", "")).startswith("http") else None
    return {
        "name": badge.get("name"), "issuer": issuer.get("name"), "issuer_url": issuer.get("url"),
        "competency": narrative or badge.get("description"), "description": badge.get("description"),
        "issued": _iso(assertion.get("issuedOn")), "expires": _iso(assertion.get("expires")), "hosted": hosted,
        "tags": [t for t in badge.get("tags") or [] if isinstance(t, str)],
        "alignment": [{"name": a["targetName"], **({"url": a["targetUrl"]} if a.get("targetUrl") else {})}
                      for a in badge.get("alignment") or [] if isinstance(a, dict) and a.get("targetName")],
    }


def _from_ob3(credential: dict) -> dict:
    issuer = credential.get("issuer")
    issuer = issuer if isinstance(issuer, dict) else {}
    subject = credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    criteria = achievement.get("criteria")
    narrative = criteria.get("narrative") if isinstance(criteria, dict) else ""
    return {
        "name": achievement.get("name") or credential.get("name"), "issuer": issuer.get("name"),
        "issuer_url": issuer.get("url"), "competency": narrative or achievement.get("description"),
        "description": achievement.get("description"),
        "issued": _iso(credential.get("validFrom") or credential.get("awardedDate")),
        "expires": _iso(credential.get("validUntil")), "hosted": None,
        "tags": [t for t in achievement.get("tag") or [] if isinstance(t, str)],
        "alignment": [{"name": a["targetName"], **({"url": a["targetUrl"]} if a.get("targetUrl") else {})}
                      for a in achievement.get("alignment") or [] if isinstance(a, dict) and a.get("targetName")],
    }


# ---- refresh


def addresses_of(extracted: proofs.Extracted, store: Store, fetch) -> list[str]:
    """Every address verifying the proof needs, following what is fetched."""
    document = extracted.document() or {}
    wanted: list[str] = []
    if extracted.is_address:
        wanted.append(extracted.text.strip())
        document = fetch(extracted.text.strip()) or {}
    if extracted.version == "2.0":
        if str(document.get("id", "")).startswith("http") and not extracted.is_token:
            wanted.append(document["id"])
        verification = document.get("verification") or {}
        if isinstance(verification, dict) and verification.get("creator"):
            wanted.append(verification["creator"])
        badge = document.get("badge")
        if isinstance(badge, str):
            wanted.append(badge)
            badge = fetch(badge) or {}
        issuer = badge.get("issuer") if isinstance(badge, dict) else None
        if isinstance(issuer, str):
            wanted.append(issuer)
            issuer = fetch(issuer) or {}
        if isinstance(issuer, dict) and isinstance(issuer.get("revocationList"), str):
            wanted.append(issuer["revocationList"])
    else:
        entries = document.get("credentialStatus")
        for entry in entries if isinstance(entries, list) else [entries] if entries else []:
            if isinstance(entry, dict) and entry.get("statusListCredential"):
                wanted.append(entry["statusListCredential"])
        issuer = document.get("issuer")
        issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
        if isinstance(issuer_id, str) and issuer_id.startswith("did:web:"):
            wanted.append(proofs.did_web_address(issuer_id))
        elif isinstance(issuer_id, str) and issuer_id.startswith("https://"):
            wanted += [issuer_id, proofs._origin(issuer_id) + "/.well-known/jwks.json"]
    return list(dict.fromkeys(wanted))


def refresh(folder: Path, timeout: float = 10.0, today: dt.date | None = None) -> list[tuple[str, bool, str]]:
    """Fetch what each credential's proof needs into credentials.lock/; a
    report per credential: (id, ok, what happened). Nothing stored is lost
    when a fetch fails."""
    from ..core.model import load

    portfolio = load(folder)
    store = Store(folder)
    today = today or dt.date.today()
    report = []
    # Each address is fetched once: its JSON (None for another answer), or the error it failed with,
    # raised again each time it is asked for, so that every credential needing it is told it failed.
    fetched: dict[str, tuple[dict | None, Exception | None]] = {}

    def fetch(url: str):
        if url not in fetched:
            try:
                fetched[url] = (_fetch(url), None)
            except Exception as exc:  # noqa: BLE001 - raised again below, each time
                fetched[url] = (None, exc)
        data, failure = fetched[url]
        if failure is not None:
            raise failure
        return data

    def _fetch(url: str):
        try:
            request = urllib.request.Request(url, headers={"Accept": "application/ld+json, application/json"})
            with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 - http(s) only, checked below
                body = answer.read(MAX_BYTES + 1)
                status = answer.status
        except urllib.error.HTTPError as exc:
            if exc.code == 410:  # the issuer's answer for a revoked hosted assertion
                store.put(url, b"", 410, today)
                return None
            raise
        if len(body) > MAX_BYTES:
            raise ValueError("the answer is too large")
        store.put(url, body, status, today)
        try:
            data = json.loads(body)
        except ValueError:
            data = None
        return data if isinstance(data, dict) else None

    for credential in portfolio.everything["credentials"].values():
        proof = credential.award.proof
        if proof is None:
            continue
        try:
            if proof.file:
                extracted = proofs.extract((folder / proof.file).read_bytes(), proof.file)
            else:
                extracted = proofs.Extracted("2.0", proof.url)
            wanted = addresses_of(extracted, store, lambda u: _safe(fetch, u))
            failed = []
            done = 0
            for url in wanted:
                if not url.startswith(("https://", "http://")):
                    continue
                try:
                    fetch(url)
                    done += 1
                except Exception as exc:  # noqa: BLE001 - reported, the stored copy is kept
                    failed.append(f"{url}: {_why(exc)}")
            if failed:
                report.append((credential.id, False, "could not fetch " + "; ".join(failed) + " (stored copies kept)"))
            else:
                report.append((credential.id, True, f"{done} document(s) stored"))
        except Exception as exc:  # noqa: BLE001
            report.append((credential.id, False, f"{type(exc).__name__}: {exc}"))
    store.save()
    return report


def _why(exc: Exception) -> str:
    """A failed fetch in a few words: the HTTP status, or the kind of error."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    return type(exc).__name__


def _safe(fetch, url):
    try:
        return fetch(url) if url.startswith(("https://", "http://")) else None
    except Exception:  # noqa: BLE001
        return None


def cmd_import(args, find_portfolio) -> int:
    folder = find_portfolio(Path(args.dir))
    if re.match(r"^[a-z][a-z0-9+.-]*://", args.file, re.I):
        print(f"flipfolio: {args.file} is a web address; 'import' takes a file you downloaded (a baked PNG or SVG, "
              "a JSON assertion or credential, or a .jwt/.jws token). For a hosted badge, download its baked image "
              "from the issuer and import that, or write its address as 'award.proof.url' in a credential file and "
              "run 'flipfolio credentials refresh'", flush=True)
        return 1
    source = Path(args.file)
    if not source.is_file():
        print(f"flipfolio: {source}: no such file" + (" (it is a folder)" if source.is_dir() else "")
              + "; give the path of the badge you downloaded", flush=True)
        return 1
    try:
        target, todo = import_badge(folder, source, args.id)
    except proofs.NoBadge as exc:
        print(f"flipfolio: {source} carries no badge: {exc}", flush=True)
        return 1
    except FileExistsError as exc:
        print(f"flipfolio: {exc}", flush=True)
        return 1
    except OSError as exc:
        print(f"flipfolio: {exc.filename or source}: {exc.strerror or exc}", flush=True)
        return 1
    print(f"wrote {target}; still to write: {', '.join(todo)}")
    print(verification_said(folder, target))
    return 0


def verification_said(folder: Path, target: Path) -> str:
    """What verifying the imported badge says now, with the stored copies there
    are (none before 'flipfolio credentials refresh'), and why."""
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    proof = data["award"]["proof"]
    try:
        extracted = proofs.extract((folder / proof["file"]).read_bytes(), proof["file"])
    except proofs.NoBadge as exc:  # pragma: no cover - import refused it already
        return f"verification: not verified: {exc}"
    result = proofs.verify(extracted, Store(folder), dt.datetime.now(dt.timezone.utc).date())
    said = f"verification: {result.label}" + (f": {result.reason}" if result.reason else "")
    if result.missing_copy:
        said += ("\n  (run 'flipfolio credentials refresh' to fetch what the check needs from the issuer, then "
                 "build again)")
    return said


def cmd_refresh(args, find_portfolio) -> int:
    folder = find_portfolio(Path(args.dir))
    report = refresh(folder, timeout=args.timeout)
    for credential_id, ok, what in report:
        print(f"{'ok' if ok else 'failed'}: {credential_id}: {what}")
    return 0 if all(ok for _, ok, _ in report) else 1


def add_commands(commands, find_portfolio) -> None:
    """The ``credentials`` commands; `find_portfolio` turns the folder given into the portfolio folder."""
    credentials = commands.add_parser("credentials", help="import badges; 'refresh' stores what verifying them needs")
    sub = credentials.add_subparsers(dest="credentials_command", required=True)
    imported = sub.add_parser("import", help="import a baked badge (PNG/SVG), an assertion/credential JSON or a token")
    imported.add_argument("file")
    imported.add_argument("dir", nargs="?", default=".", help="site folder (with mkdocs.yml) or portfolio folder")
    imported.add_argument("--id", help="the credential's id (default: from its name)")
    imported.set_defaults(run=lambda args: cmd_import(args, find_portfolio))
    refreshed = sub.add_parser("refresh", help="fetch hosted assertions, issuer keys and revocation lists "
                                               "into credentials.lock/ (the one online step)")
    refreshed.add_argument("dir", nargs="?", default=".", help="site folder (with mkdocs.yml) or portfolio folder")
    refreshed.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a server (default 10)")
    refreshed.set_defaults(run=lambda args: cmd_refresh(args, find_portfolio))
