"""Credentials: micro-credentials, their evidence and stacks, and the badge wall.

- `format.py`: a `Credential`'s definition (the six components, rubric,
  alignment) apart from its `Award` (dates, assessor, result, attempts,
  evidence, proof); `Stack`;
- `status.py`: the status, worked out from the award and the build date;
- `verify.py`, `store.py`: Open Badges 2.0 and 3.0 proofs read out of baked
  images and verified offline against copies `flipfolio credentials refresh` stored;
- `checks.py`: the lessons and files credentials name, proofs that carry a badge;
- `pages.py`: the badge wall, a page per stack, per credential and per Markdown
  artifact; `outputs.py`: the feed, its schema, QR codes, proof downloads, the wall's script;
- `helpers.py`: lookups for templates (``ff.status(credential)``, ``ff.stack_members(stack)``…);
- `cli.py`: ``flipfolio credentials import`` and ``refresh``.
"""

from __future__ import annotations

from ..core.features import Feature, Kind
from ..core.publish import FileUse
from . import checks, helpers, outputs, pages, store
from .format import Credential, Stack
from .store import Store

#: Fields of a credential's award, written at the top of the file instead of under 'award:'.
_AWARD_FIELDS = ("issued", "expires", "evidence", "result", "results", "assessor", "feedback", "attempts", "proof",
                 "private_evidence")


def _files(portfolio):
    """Badge images, proofs and evidence files of every credential. Private
    evidence and student work without a recorded consent stay private,
    whoever shows them; so do the stored copies of the issuers' documents."""
    public = portfolio.credentials
    for credential in portfolio.everything["credentials"].values():
        shown = public.get(credential.id) is credential
        award = credential.award
        pages = {a.path: a.id for a in helpers.artifacts(portfolio, credential)} if shown else {}
        if credential.image:
            yield FileUse(credential.image.src, credential, ("image", "src"), shown)
        if award.proof and award.proof.file:
            yield FileUse(award.proof.file, credential, ("award", "proof", "file"), shown)
        for i, item in enumerate(award.evidence):
            if not item.url:
                continue
            private = None
            if item.is_student_work_without_consent:
                private = (f"student work without consent (none is recorded) in {credential.file} (award.evidence[{i}]); "
                           "it stays off the site until its 'consent' is recorded")
            elif item.visibility == "private":
                private = f"private evidence in {credential.file} (award.evidence[{i}])"
            elif helpers.is_page_artifact(item):  # published as a page of its own (pages.py), never as a file
                page = pages.get(helpers.evidence_path(item))
                if page is not None:
                    yield FileUse(item.url, credential, ("award", "evidence", i, "url"), True, page=("credential", page))
                continue
            yield FileUse(item.url, credential, ("award", "evidence", i, "url"), shown, private)
    for path in Store(portfolio.root).files():
        yield FileUse(path, None, (), False, "a stored copy of an issuer's document (credentials.lock/)")


def _addresses(portfolio):
    found = []
    for credential in helpers.ordered_credentials(portfolio):
        if credential.issuer.url:
            found.append((credential.issuer.url, "link"))
        for item in helpers.shown_evidence(portfolio, credential):
            if item.url and "://" in item.url:
                found.append((item.url, "link"))
        for resource in credential.research:
            if resource.url:
                found.append((resource.url, "link"))
        for alignment in credential.alignment:
            if alignment.url:
                found.append((alignment.url, "link"))
        proof = credential.award.proof
        if proof and proof.url:
            found.append((proof.url, "link"))
        found.append(("https://www.linkedin.com/profile/add", "link"))
    return found


def _dates(portfolio):
    return [c.award.issued for c in portfolio.credentials.values() if c.award.issued]


def _shows(portfolio):
    """A lesson page names the credentials it is evidence for (`helpers.credentials_of`):
    those it names and those whose evidence names it."""
    lessons = portfolio.everything.get("lessons") or {}
    credentials = portfolio.everything.get("credentials") or {}
    for lesson in lessons.values():
        for credential_id in lesson.credentials:
            if credential_id in credentials:
                yield lesson, credentials[credential_id]
    for credential in credentials.values():
        for evidence in credential.award.evidence:
            if evidence.lesson in lessons:
                yield lessons[evidence.lesson], credential


FEATURE = Feature(
    name="credentials",
    kinds=(
        Kind("credentials", "credentials", Credential, label="a credential in credentials/",
             reserved=("index", "stacks", "feed"),
             published=lambda portfolio, credential: credential.public, noun="credential",
             why_unpublished=lambda credential: "is private", hidden=helpers.hidden_field,
             belongs_under={"award": _AWARD_FIELDS}),
        Kind("stacks", "stacks", Stack, label="a credential stack in stacks/", noun="stack"),
    ),
    folders={store.FOLDER: ()},
    check=checks.check,
    check_published=checks.check_published,
    pages=pages.pages,
    outputs=outputs.outputs,
    files=_files,
    addresses=_addresses,
    shows=_shows,
    dates=_dates,
    helpers={
        "credentials_of": helpers.credentials_of,
        "lessons_for": helpers.lessons_for,
        "evidence_of": helpers.evidence_of,
        "private_titles": helpers.private_titles,
        "is_page_artifact": lambda portfolio, item: helpers.is_page_artifact(item),
        "artifact_slug": helpers.artifact_slug,
        "evidence_address_shown": helpers.evidence_address_shown,
        "stack_members": helpers.stack_members,
        "loose_credentials": helpers.loose_credentials,
        "stacks_of": helpers.stacks_of,
        "status": helpers.status,
        "verification": helpers.verification,
        "expires": helpers.expires,
        "progress": helpers.progress,
        "holds": helpers.holds,
        "summary": helpers.summary,
        "filters": helpers.filters,
        "rubric_rows": helpers.rubric_rows,
        "linkedin_url": helpers.linkedin_url,
        "build_date": helpers.today,
        "proof_downloads": outputs.proof_downloads,
    },
    prefixes={"credential": ("credentials", "the badge wall")},
    page_of={"credentials": "credential"},
)
