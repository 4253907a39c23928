"""Checks of credentials and stacks: the lessons and files they name, proofs that carry a badge."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ..core import bodycheck, clock
from ..core.model import not_utf8
from ..core.sources import format_path
from . import helpers
from . import verify as proofs

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Check


def check(check: Check) -> None:
    # (The lessons and files a credential names are checked with every file's: `references.py`.)
    # The machine's today (not the build date, which may be set in the past to rebuild a site as it was then).
    today = clock.latest_today()
    for credential in check.portfolio.everything["credentials"].values():
        award = credential.award
        if award.proof and award.proof.file:
            _check_proof(check, credential)
        if award.proof:
            _check_claims(check, credential)
            _check_verification(check, credential)
            _check_recipient_shown(check, credential)
        for i, item in enumerate(award.evidence):
            if item.is_student_work_without_consent and item.visibility == "public":
                check.problems.note(
                    credential.file, "student work is left off the site until a consent to publish it is recorded",
                    field=f"award.evidence[{i}]", line=credential.line_of("award", "evidence", i),
                    hint="Add 'consent' (given_by, date) once the student and a parent agree, or "
                    "'visibility: private' to keep it off the site without this note")
        # Dates of what has happened: one after today is a year mistyped (2062 for 2026).
        dated = [(("award", "issued"), award.issued, "the credential was awarded")]
        dated += [(("award", "evidence", i, "consent", "date"), item.consent.date, "the consent was given")
                  for i, item in enumerate(award.evidence) if item.consent is not None]
        dated += [(("award", "attempts", i, "date"), attempt.date, "the attempt was assessed")
                  for i, attempt in enumerate(award.attempts)]
        for path, date, what in dated:
            if date is not None and date > today:
                check.problems.warning(
                    credential.file, f"the date is in the future: it is the day {what}, which has happened; "
                    "check the year", field=format_path(path), line=credential.line_of(*path), found=date.isoformat())


def _check_proof(check: Check, credential) -> None:
    """The proof file must carry an Open Badges assertion or credential (that
    it is a file in the portfolio is checked with every file named)."""
    path = credential.award.proof.file
    field = ("award", "proof", "file")
    target = check.portfolio.root / path
    if not target.is_file():
        return
    try:
        proofs.extract(target.read_bytes(), path)
    except proofs.NoBadge as exc:
        check.problems.error(credential.file, f"the proof carries no badge: {exc}", field="award.proof.file",
                             line=credential.line_of(*field), found=repr(path))


_CLAIMED = {"name": "the badge's name", "issuer.name": "the issuer's name", "issuer.url": "the issuer's web address",
            "award.issued": "the date it was issued"}


def _check_claims(check: Check, credential) -> None:
    """What the credential file says of the award must be what its proof says:
    where they differ, the page shows the badge as not verified."""
    written = {"name": credential.name, "issuer.name": credential.issuer.name, "issuer.url": credential.issuer.url or "",
               "award.issued": credential.award.issued.isoformat() if credential.award.issued else ""}
    for field, stated in helpers.verification(check.portfolio, credential).differences:
        check.problems.warning(
            credential.file, f"{_CLAIMED[field]} is not what the issuer's proof states ({stated!r}), so the "
            "credential's page shows it as not verified", field=field, line=credential.line_of(*field.split(".")),
            found=repr(written[field]), hint="Write it as the issuer did, or attach this credential's own proof")


#: What to do about a proof that does not verify, by the check that says why (the first).
_FIXES = {
    "check.signature": "Ask the issuer for the original proof again: this one was changed after it was signed, or "
                       "signed with another key",
    "check.issuer": "Ask the issuer for a badge signed with a key it publishes for its own domain (a did:web, or "
                    "keys at its web address), then run 'flipfolio credentials refresh'",
    "check.recipient": "Check that FLIPFOLIO_RECIPIENT holds the address the badge was made out to; if it does, "
                       "the badge is someone else's",
    "check.dates": "See the Dates row of the check-by-check table on the credential's page",
    "check.revocation": "Nothing to fix if the issuer revoked or suspended it: the page says so; ask the issuer if "
                        "it is a mistake. If the revocation could not be checked, run 'flipfolio credentials refresh'",
}
#: What to do, by what a check found, where that says more than the check's name.
_FIXES_BY_FINDING = {
    "proof.expired": "Nothing to fix: an expired credential is shown as expired; renew it with the issuer and "
                     "attach the new proof",
    "proof.expired_page": "'award.expires' is earlier than the proof's expiry: correct it, or leave it out to show "
                          "the proof's",
    "proof.no_issue_date": "Ask the issuer for a proof that says when it was issued",
    "proof.not_valid_yet": "The proof is valid from a later date than the build's: wait for it, or check "
                           "FLIPFOLIO_BUILD_DATE if it is set",
    "proof.status_unsigned": "Ask the issuer about its status list, which carries no valid proof; 'flipfolio "
                             "credentials refresh' fetches it again once it does",
}


def _check_verification(check: Check, credential) -> None:
    """A proof that does not verify is said at every build, with the reason
    and the fix: a warning when a stored copy is missing (the teacher runs
    'flipfolio credentials refresh'), else a note (an issuer's revocation is
    no mistake of the teacher's). A page that says more than its proof is
    warned about by `_check_claims`."""
    checked = helpers.verification(check.portfolio, credential)
    if checked.outcome != "not-verified":
        return
    keys = proofs._keys(checked.reason)
    if "check.page" in keys:
        return
    place = {"field": "award.proof", "line": credential.line_of("award", "proof")}
    message = f"the issuer's proof does not verify ({checked.reason}), so the credential's page shows it as not verified"
    if checked.missing_copy:
        check.problems.warning(credential.file, message, **place,
                               hint="Run 'flipfolio credentials refresh' (it goes online once, to the issuers) and "
                               "commit the credentials.lock/ folder it fills")
        return
    check_key = next((k for k in keys if k.startswith("check.")), "")
    found = next((_FIXES_BY_FINDING[k] for k in keys if k in _FIXES_BY_FINDING), None)
    check.problems.note(credential.file, message, **place,
                        hint=found or _FIXES.get(check_key, "See the check-by-check table on the credential's page"))


def _plain_addresses(document) -> bool:
    """Whether an assertion or credential names its recipient by an e-mail address in plain text."""
    if not isinstance(document, dict):
        return False
    objects = []
    if isinstance(document.get("recipient"), dict):
        objects.append(document["recipient"])
    subject = document.get("credentialSubject")
    subject = subject[0] if isinstance(subject, list) and subject else subject
    if isinstance(subject, dict):
        objects += [o for o in subject.get("identifier") or [] if isinstance(o, dict)]
        if isinstance(subject.get("id"), str):
            objects.append({"identity": subject["id"], "hashed": False})
    for obj in objects:
        value = str(obj.get("identity") or obj.get("identityHash") or "")
        if not obj.get("hashed") and not value.startswith(("sha256$", "md5$")) and "@" in value:
            return True
    return False


def _check_recipient_shown(check: Check, credential) -> None:
    """A proof that names the teacher's e-mail address in plain text publishes
    it (the proof's download and proof.json): said, with how to avoid it."""
    if check.portfolio.credentials.get(credential.id) is not credential:
        return
    checked = helpers.verification(check.portfolio, credential)
    proof = credential.award.proof
    if not _plain_addresses(checked.document):
        return
    published = "proof.json" + (f" and the proof file {proof.file}" if proof.file else "")
    check.problems.warning(
        credential.file, f"the issuer's proof shows the recipient's e-mail address in plain text (not hashed), and "
        f"the site publishes the proof ({published}): the address would be on the site",
        field="award.proof", line=credential.line_of("award", "proof"),
        hint="Ask the issuer for the badge with a hashed recipient (Open Badges offers it) and attach that one; "
        "until then, remove 'award.proof' (the credential shows as self-reported) or set 'public: false'")


def check_published(check: Check) -> None:
    """A published page must not link to a page the site leaves out. A lesson
    left out for a problem of its own (or of its unit) is reported there. The
    text of each evidence page (a Markdown file of the evidence) is checked."""
    portfolio = check.portfolio
    lessons = portfolio.everything["lessons"]
    for credential in portfolio.credentials.values():
        for i, item in enumerate(credential.award.evidence):
            lesson = lessons.get(item.lesson)
            if lesson is not None and item.lesson not in portfolio.lessons and lesson.is_draft:
                check.problems.warning(
                    credential.file,
                    f"the evidence names lesson '{item.lesson}', which is a draft; the item is left "
                    "out until the lesson is published",
                    field=f"award.evidence[{i}].lesson",
                    line=credential.line_of("award", "evidence", i, "lesson"),
                )
        for artifact in helpers.artifacts(portfolio, credential):
            check.guarded(artifact.text_file, _check_artifact, check, artifact)


class _Text(NamedTuple):
    file: str
    body: str
    body_line: int


def _check_artifact(check: Check, artifact: helpers.Artifact) -> None:
    """An evidence page's text, as a lesson's (`lessons/checks.py`): its links
    go through the publishing gate (which publishes the files it links), a
    private address written out is left out, with a warning each; what would
    run a script or load another site is an error. (That the file is there is
    checked with every file named.)"""
    portfolio = check.portfolio
    if not (portfolio.root / artifact.path).is_file():
        return
    try:
        body, first_line, front_matter, characters = helpers.artifact_text(portfolio, artifact)
    except UnicodeDecodeError as exc:
        check.problems.add(not_utf8(artifact.text_file, exc))
        return
    for problem in characters:
        check.problems.add(problem)
    if front_matter:
        check.problems.warning(artifact.text_file, "the front matter (between the '---' lines) is left out of the "
                               "evidence page: its title and description come from the credential's evidence item",
                               line=1, hint="Remove the front matter, or give the title in the credential")
    portfolio.gate.check_text(artifact.path, artifact.text_file, first_line, body, check.problems)
    for problem in bodycheck.body_problems(_Text(artifact.text_file, body, first_line), "evidence page"):
        check.problems.add(problem)
