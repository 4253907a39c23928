"""Lookups of credentials and stacks, for pages, templates (``ff.<name>``) and exports."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import unquote, urlencode

from ..core import clock, links
from ..core.publish import is_content_file
from ..core.sources import find_bad_characters, split_front_matter
from . import status as states
from . import verify as proofs
from .store import Store

if TYPE_CHECKING:  # pragma: no cover
    from ..core.model import Portfolio
    from .format import Credential, Evidence, Stack


def ordered_credentials(portfolio: Portfolio) -> list[Credential]:
    return sorted(portfolio.credentials.values(), key=lambda c: (c.award.issued or dt.date.max, c.name.lower()))


def credentials_of(portfolio: Portfolio, lesson) -> list[Credential]:
    """The public credentials a lesson is evidence for (named by the lesson or by the credential's evidence)."""
    found = [portfolio.credentials[c] for c in lesson.credentials if c in portfolio.credentials]
    for credential in ordered_credentials(portfolio):
        if credential not in found and any(e.lesson == lesson.id for e in shown_evidence(portfolio, credential)):
            found.append(credential)
    return found


def lessons_for(portfolio: Portfolio, credential: Credential) -> list:
    """Published lessons that name the credential, or that its evidence names."""
    lessons = portfolio.lessons
    ids = [l.id for l in lessons.values() if credential.id in l.credentials]
    ids += [e.lesson for e in credential.award.evidence if e.lesson in lessons and e.lesson not in ids]
    return sorted((lessons[i] for i in ids), key=lambda l: (l.assigned or dt.date.max, l.title.lower()))


def shown_evidence(portfolio: Portfolio, credential: Credential) -> list[Evidence]:
    """Evidence that may be shown: public (student work only with a recorded
    consent), and lessons must be published."""
    return [e for e in credential.award.evidence
            if e.is_public and (e.lesson is None or e.lesson in portfolio.lessons)]


def evidence_of(portfolio: Portfolio, credential: Credential) -> list[Evidence]:
    return shown_evidence(portfolio, credential)


def private_titles(portfolio: Portfolio, credential: Credential) -> list[str]:
    """Titles of private evidence, when the award lists them; student work
    without a recorded consent is never named."""
    if credential.award.private_evidence != "titles":
        return []
    return [e.title for e in credential.award.evidence if not e.is_public and not e.is_student_work_without_consent]


def hidden_field(credential: Credential, path: tuple) -> bool:
    """Whether a field of a published credential is never shown: one of an
    evidence item that is not (`Evidence.is_public`), but the title of private
    evidence when the award lists those (`private_titles`)."""
    if path[:2] != ("award", "evidence") or len(path) < 4:
        return False
    item = credential.award.evidence[path[2]]
    if item.is_public:
        return False
    return not (path[3] == "title" and credential.award.private_evidence == "titles"
                and not item.is_student_work_without_consent)


def is_page_artifact(item: Evidence) -> bool:
    """A Markdown file of the portfolio, published as a page of its own (not
    a file Flipfolio reads to make pages: a lesson is evidence by its id)."""
    return (bool(item.url) and "://" not in item.url and item.url.lower().endswith((".md", ".markdown"))
            and not is_content_file(item.url))


def evidence_path(item: Evidence) -> str:
    """The portfolio path of an evidence item's file (its `url`, as the gate compares paths)."""
    return posixpath.normpath(item.url.strip())


def evidence_address_shown(portfolio: Portfolio, item: Evidence) -> bool:
    """Whether the evidence item's address is linked: another site's, or a
    file the site publishes (not one the gate refused, which is said)."""
    return "://" in item.url or evidence_path(item) in portfolio.gate.files


def _stem_slug(item: Evidence) -> str:
    stem = posixpath.splitext(posixpath.basename(item.url or ""))[0].lower()
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "evidence"


def artifact_slug(portfolio: Portfolio, credential: Credential, item: Evidence) -> str:
    """The last part of the address of the page of a Markdown evidence file (`artifacts`)."""
    path = evidence_path(item)
    return next(a.slug for a in artifacts(portfolio, credential) if a.path == path)


@dataclass(frozen=True)
class Artifact:
    """A Markdown evidence file shown as a page of its own."""

    credential: object
    evidence: object
    slug: str

    @property
    def file(self) -> str:
        return self.credential.file

    @property
    def id(self) -> str:
        return f"{self.credential.id}/{self.slug}"

    @property
    def path(self) -> str:
        """The evidence file's path inside the portfolio folder."""
        return evidence_path(self.evidence)

    @property
    def text_file(self) -> str:
        """The evidence file's path for messages, starting with the portfolio folder's name."""
        credential = self.credential
        return credential.file[: len(credential.file) - len(credential.path)] + self.path


class ArtifactText(NamedTuple):
    """The text of an evidence page (`body`), the line of its file it starts at,
    whether the file starts with front matter, which is left out, and the
    warnings for invisible characters in it, each shown as a space."""

    body: str
    first_line: int
    front_matter: bool
    characters: tuple = ()


def artifact_text(portfolio: Portfolio, artifact: Artifact) -> ArtifactText:
    """The text of an evidence page: front matter (``---`` … ``---``) and a
    leading '# Title' are left out (the page has the evidence's title, from
    the credential). Read once per build: its checks, its page and its links use it."""
    return portfolio.remember(f"credentials.artifact_text:{artifact.path}", lambda: _read_artifact(portfolio, artifact))


def _read_artifact(portfolio: Portfolio, artifact: Artifact) -> ArtifactText:
    text = (portfolio.root / artifact.path).read_text(encoding="utf-8")
    front, text, first_line = split_front_matter(text)
    stripped = text.lstrip()
    first_line += text.count("\n", 0, len(text) - len(stripped))
    if stripped.startswith("# "):
        end = stripped.find("\n")
        stripped, first_line = ("" if end < 0 else stripped[end + 1:]), first_line + 1
    stripped, found = find_bad_characters(stripped, artifact.text_file, first_line - 1, severity="warning")
    return ArtifactText(stripped, first_line, front is not None, tuple(found))


def part_links(portfolio: Portfolio, artifact: Artifact) -> list[tuple[tuple[str, str], str, int, str]]:
    """The links of an evidence page to a part of a page (``../lessons/cells.md#try-it``,
    or ``#try-it`` on the evidence page itself), as `lessons.text.part_links` gives a
    lesson's: for each, the page (kind, id), the part's id, the line of the file and
    the address as written."""
    text = artifact_text(portfolio, artifact)
    found = []
    for link in links.find(text.body):
        if "#" not in link.target or len(link.target) < 2 or link.picture:
            continue
        line = text.first_line + link.line - 1
        if link.target.startswith("#"):
            found.append((("credential", artifact.id), unquote(link.target[1:]), line, link.target))
            continue
        target = portfolio.gate.link(artifact.path, link.target)
        if target.kind == "page" and target.fragment:
            found.append((target.page, unquote(target.fragment), line, link.target))
    return found


def artifacts(portfolio: Portfolio, credential: Credential) -> list[Artifact]:
    """The pages of the credential's Markdown evidence files, one per file. The
    last part of each page's address is the file's name ('notes' for
    reflections/notes.md), numbered when the credential shows two files of
    that name ('notes-2'). Only shown evidence counts, so an address says
    nothing of what is not shown."""
    made: dict[str, Artifact] = {}
    for item in shown_evidence(portfolio, credential):
        path = evidence_path(item) if is_page_artifact(item) else None
        if path is None or path in made:
            continue
        stem = slug = _stem_slug(item)
        number = 2
        while any(artifact.slug == slug for artifact in made.values()):
            slug, number = f"{stem}-{number}", number + 1
        made[path] = Artifact(credential, item, slug)
    return list(made.values())


def stack_members(portfolio: Portfolio, stack: Stack) -> list[Credential]:
    return [portfolio.credentials[c] for c in stack.credentials if c in portfolio.credentials]


def loose_credentials(portfolio: Portfolio) -> list[Credential]:
    """Credentials in no stack, for the end of the badge wall."""
    stacked = {c for s in portfolio.stacks.values() for c in s.credentials}
    return [c for c in ordered_credentials(portfolio) if c.id not in stacked]


def stacks_of(portfolio: Portfolio, credential: Credential) -> list[Stack]:
    return [s for s in portfolio.stacks.values() if credential.id in s.credentials]


# ---- Verification and status (worked out once per build)


def today(portfolio: Portfolio) -> dt.date:
    return portfolio.remember("credentials:today", clock.build_date)  # (in UTC, as the proofs' dates are)


def verification(portfolio: Portfolio, credential: Credential) -> proofs.Verification:
    found = portfolio.remember("credentials:verification", dict)
    if credential.id not in found:
        found[credential.id] = _verify(portfolio, credential)
    return found[credential.id]


def _verify(portfolio: Portfolio, credential: Credential) -> proofs.Verification:
    proof = credential.award.proof
    if proof is None:
        return proofs.self_reported()
    store = portfolio.remember("credentials:store", lambda: Store(portfolio.root))
    if proof.file:
        try:
            data = (portfolio.root / proof.file).read_bytes()
            extracted = proofs.extract(data, proof.file)
        except (OSError, proofs.NoBadge) as exc:
            return proofs.refused(f"the proof file cannot be used: {exc}")
    else:
        stored = store.json(proof.url)
        version = "3.0" if stored is not None and proofs._is_ob3(stored) else "2.0"
        extracted = proofs.Extracted(version, proof.url)
    claims = proofs.Claims(credential.name, credential.issuer.name, credential.award.issued,
                           credential.issuer.url, credential.award.expires)
    return proofs.verify(extracted, store, today(portfolio), claims=claims)


def status(portfolio: Portfolio, credential: Credential) -> states.Standing:
    checked = verification(portfolio, credential)
    return states.standing(credential, today(portfolio), checked.revoked, expires(portfolio, credential),
                           checked.suspended)


def expires(portfolio: Portfolio, credential: Credential) -> dt.date | None:
    """The date the credential expires: the award's, or the proof's when earlier."""
    dates = [d for d in (credential.award.expires, verification(portfolio, credential).expires) if d]
    return min(dates) if dates and credential.award.issued else None


def holds(portfolio: Portfolio, credential: Credential) -> bool:
    """Whether the credential counts as earned and valid: earned, not expired
    or revoked, and not with a proof that fails its verification (a
    self-reported one counts; its page says it is self-reported)."""
    return status(portfolio, credential).earned and verification(portfolio, credential).outcome != "not-verified"


def progress(portfolio: Portfolio, stack: Stack) -> tuple[int, int]:
    """(earned and still valid, members) of a stack."""
    members = stack_members(portfolio, stack)
    return sum(1 for c in members if holds(portfolio, c)), len(members)


def summary(portfolio: Portfolio) -> dict:
    """The badge wall's counts: by status, earned results by level, and the
    earned ones whose proof fails its verification (not counted as earned)."""
    credentials = ordered_credentials(portfolio)
    by_status = Counter(status(portfolio, c).key for c in credentials)
    levels = Counter(c.award.result for c in credentials if c.award.result and holds(portfolio, c))
    failing = sum(1 for c in credentials if status(portfolio, c).earned and not holds(portfolio, c))
    return {"earned": sum(1 for c in credentials if holds(portfolio, c)), "statuses": by_status, "levels": levels,
            "not_verified": failing, "total": len(credentials)}


def filters(portfolio: Portfolio) -> dict[str, list[str]]:
    """The values the badge wall can be filtered by."""
    credentials = ordered_credentials(portfolio)
    return {
        "issuer": sorted({c.issuer.name for c in credentials}, key=str.lower),
        "year": sorted({str(c.award.issued.year) for c in credentials if c.award.issued}, reverse=True),
        "status": [s for s in states.ORDER if any(status(portfolio, c).key == s for c in credentials)],
        "tag": sorted({t for c in credentials for t in c.tags}, key=str.lower),
    }


def rubric_rows(portfolio: Portfolio, credential: Credential) -> list[dict]:
    """The rubric per criterion with the level reached: criterion, descriptions by level, reached, meets."""
    rubric = credential.rubric
    if rubric is None:
        return []
    reached = {r.criterion: r.level for r in credential.award.results}
    names = [c.name for c in rubric.criteria] or list(reached)
    descriptions = {c.name: c.levels for c in rubric.criteria}
    return [{"criterion": name, "descriptions": descriptions.get(name) or [], "reached": reached.get(name),
             "meets": rubric.meets(reached[name]) if name in reached else None} for name in names]


def linkedin_url(portfolio: Portfolio, credential: Credential, page_address: str) -> str:
    """LinkedIn's add-to-profile address (months 1-12; empty values left out)."""
    award = credential.award
    params = {"startTask": "CERTIFICATION_NAME", "name": credential.name, "organizationName": credential.issuer.name}
    if award.issued:
        params |= {"issueYear": award.issued.year, "issueMonth": award.issued.month}
    ends = expires(portfolio, credential)
    if ends:
        params |= {"expirationYear": ends.year, "expirationMonth": ends.month}
    if page_address:
        params["certUrl"] = page_address
    proof_id = verification(portfolio, credential).proof_id or (award.proof.url if award.proof else "")
    if proof_id:
        params["certId"] = proof_id
    return "https://www.linkedin.com/profile/add?" + urlencode(params)
