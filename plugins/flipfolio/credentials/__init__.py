"""Credentials: micro-credentials, their evidence and stacks, and the badge wall.

- `format.py`: `Credential` (with `Issuer`, `Evidence`, `Rubric`), `Stack`;
- `checks.py`: the lessons and files credentials name, stacks' members;
- `pages.py`: the badge wall and credential pages;
- `helpers.py`: lookups for templates (``ff.stack_members(stack)``, ``ff.evidence_of(credential)``).
"""

from __future__ import annotations

from ..core.features import Feature, Kind
from ..core.publish import FileUse
from . import checks, helpers, pages
from .format import Credential, Stack


def _files(portfolio):
    """Badge images, assertions and evidence files of every credential. Student
    work without consent stays private, whoever shows it."""
    public = portfolio.credentials
    for credential in portfolio.everything["credentials"].values():
        shown = public.get(credential.id) is credential
        if credential.image:
            yield FileUse(credential.image.src, credential, ("image", "src"), shown)
        if credential.assertion:
            yield FileUse(credential.assertion, credential, ("assertion",), shown)
        for i, item in enumerate(credential.evidence):
            if not item.url:
                continue
            private = None
            if item.kind == "student-work" and not item.consent:
                private = (f"student work without consent in {credential.file} (evidence[{i}]); it stays off "
                           "the site until 'consent: true' is recorded")
            yield FileUse(item.url, credential, ("evidence", i, "url"), shown, private)


def _addresses(portfolio):
    found = []
    for credential in helpers.ordered_credentials(portfolio):
        if credential.issuer.url:
            found.append((credential.issuer.url, "link"))
        for item in helpers.evidence_of(portfolio, credential):
            if item.url:
                found.append((item.url, "link"))
        if credential.assertion:
            found.append((credential.assertion, "link"))
    return found


def _dates(portfolio):
    return [c.issued for c in portfolio.credentials.values() if c.issued]


FEATURE = Feature(
    name="credentials",
    kinds=(
        Kind("credentials", "credentials", Credential, label="a credential in credentials/", reserved=("index",),
             published=lambda portfolio, credential: credential.public, noun="credential",
             why_unpublished=lambda credential: "is private"),
        Kind("stacks", "stacks", Stack, label="a credential stack in stacks/", noun="stack"),
    ),
    check=checks.check,
    check_published=checks.check_published,
    pages=pages.pages,
    files=_files,
    addresses=_addresses,
    dates=_dates,
    helpers={
        "ordered_credentials": helpers.ordered_credentials,
        "credentials_of": helpers.credentials_of,
        "lessons_for": helpers.lessons_for,
        "evidence_of": helpers.evidence_of,
        "stack_members": helpers.stack_members,
        "loose_credentials": helpers.loose_credentials,
        "stacks_of": helpers.stacks_of,
    },
    prefixes={"credential": ("credentials", "the badge wall")},
    page_of={"credentials": "credential"},
)
