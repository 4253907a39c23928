"""Files of the credentials feature that are not pages: the JSON feed of
public credentials and its schema, a QR code per credential page, each
proof's JSON for download, and the badge wall's small script."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import qrcode
from ..core.outputs import FileSpec, Layout
from . import helpers

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio

HERE = Path(__file__).resolve().parent
#: The feed's JSON Schema, shipped in the package and published beside the feed.
FEED_SCHEMA = HERE / "feed.schema.json"
SCRIPT = HERE / "credentials.js"
FEED = "feed.json"
SCHEMA = "feed.schema.json"
SCRIPT_PATH = "assets/flipfolio/credentials.js"
FEED_VERSION = "1"


def outputs(portfolio: Portfolio, layout: Layout) -> list[FileSpec]:
    specs = [FileSpec(SCRIPT_PATH, SCRIPT.read_bytes(), "text/javascript")]
    credentials = helpers.ordered_credentials(portfolio)
    if not credentials and not portfolio.everything["credentials"]:
        return specs
    base = layout.url("credential")
    specs.append(FileSpec(base + FEED, lambda: feed_bytes(portfolio, layout), "application/json",
                          tuple(credentials)))
    specs.append(FileSpec(base + SCHEMA, FEED_SCHEMA.read_bytes(), "application/schema+json"))
    for credential in credentials:
        folder = layout.url("credential", credential.id)
        if layout.site_url:
            specs.append(FileSpec(folder + "qr.svg", partial(_qr, layout.site_url + folder), "image/svg+xml",
                                  (credential,)))
        document = helpers.verification(portfolio, credential).document
        if document is not None and credential.award.proof is not None:
            specs.append(FileSpec(folder + "proof.json", _json(document), "application/json", (credential,)))
    return specs


def proof_downloads(portfolio: Portfolio, credential) -> list[dict]:
    """What the credential page offers to download: the original baked badge and its JSON."""
    found = []
    proof = credential.award.proof
    if proof is None:
        return found
    if proof.file:
        name = proof.file.rsplit("/", 1)[-1]
        what = "baked_badge" if proof.file.lower().endswith((".png", ".svg")) else "original_proof"
        label = portfolio.messages.t(f"credential.download_{what}", file=name)
        found.append({"href": f"portfolio/{proof.file}", "label": label, "local": True})
    if helpers.verification(portfolio, credential).document is not None:
        label = portfolio.messages.t("credential.download_json", file="proof.json")
        found.append({"href": "proof.json", "label": label, "local": False})
    return found


def _json(data) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _qr(address: str) -> bytes:
    return (qrcode.svg(address, title=f"QR code for {address}", scale=4) + "\n").encode("utf-8")


def feed(portfolio: Portfolio, layout: Layout) -> dict:
    """The feed: every public credential with its status, verification and proof."""
    site = layout.site_url

    def address(path: str) -> str:
        return site + path if site else path

    items = []
    for credential in helpers.ordered_credentials(portfolio):
        standing = helpers.status(portfolio, credential)
        checked = helpers.verification(portfolio, credential)
        award = credential.award
        ends = helpers.expires(portfolio, credential)
        proof = award.proof
        folder = layout.url("credential", credential.id)
        item = {
            "id": credential.id,
            "name": credential.name,
            "issuer": {"name": credential.issuer.name, "url": credential.issuer.url, "sample": credential.issuer.sample},
            "competency": credential.competency,
            "page": address(folder),
            "image": address(f"portfolio/{credential.image.src}") if credential.image else None,
            "status": standing.key,
            "status_label": standing.label,
            "issued": award.issued.isoformat() if award.issued else None,
            "expires": ends.isoformat() if ends else None,
            "result": award.result,
            "verification": {
                "outcome": checked.outcome,
                "label": checked.label,
                "recipient_checked": checked.recipient_checked if checked.outcome != "self-reported" else None,
                "reason": checked.reason or None,
                "checked": checked.checked.isoformat() if checked.checked else None,
                "version": checked.version or None,
                "method": checked.method or None,
                "checks": [{"name": c.name, "passed": c.passed, "detail": c.detail} for c in checked.checks],
            },
            "proof": None if proof is None else {
                "original": proof.url or None,
                "id": checked.proof_id or None,
                "download": address(f"portfolio/{proof.file}") if proof.file else None,
                "json": address(folder + "proof.json") if checked.document is not None else None,
            },
            "stacks": [s.id for s in helpers.stacks_of(portfolio, credential)],
            "tags": list(credential.tags),
        }
        items.append(item)
    return {
        "$schema": address(layout.url("credential") + SCHEMA),
        "version": FEED_VERSION,
        "built": helpers.today(portfolio).isoformat(),
        "credentials": items,
    }


def feed_bytes(portfolio: Portfolio, layout: Layout) -> bytes:
    return _json(feed(portfolio, layout))
