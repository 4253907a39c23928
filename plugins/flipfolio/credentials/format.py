"""The format of credentials and stacks.

A credential file holds two parts, kept apart:

- the **definition**, what the credential means whoever earns it: name,
  issuer, image, description, the six components of a micro-credential
  (competency; key method; method components; research and resources;
  submission criteria; scoring rubric), alignment to standards and tags;
- the teacher's **award** (``award:``): dates, assessor, result, feedback,
  earlier attempts, evidence and the issuer's original proof.

Nothing says the credential's status: it is worked out (`status.py`) from the
award's dates and attempts, the build date and the verification of the proof.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from ..core.format import (Entry, Image, LocalFile, Model, Text, WebAddress, WebOrFile, Words, about, broken, ids,
                           names_file, refers)

#: Kinds of evidence, as the guide lists them.
EVIDENCE_KINDS = ("lesson", "video", "document", "reflection", "student-work", "lesson-plan", "observation",
                  "other")
#: Files a proof may be: a baked badge image, an assertion or credential as JSON, or a signed token.
PROOF_FILES = (".png", ".svg", ".json", ".jwt", ".jws")


class Issuer(Model):
    name: Annotated[str, about("Who awarded the credential.", min_length=1)]
    url: Annotated[WebAddress | None, about("The issuer's web site.")] = None
    sample: Annotated[bool, about(
        "true for a made-up issuer in an example portfolio: every page says it is a sample."
    )] = False


class MethodComponent(Model):
    title: Annotated[str, about("The component's name.", min_length=1)]
    detail: Annotated[str, about("What it involves.")] = ""


class Resource(Model):
    """A piece of research or a resource behind the key method: a citation, an address, or both."""

    citation: Annotated[str, about("The reference, as you would cite it.")] = ""
    url: Annotated[WebAddress | None, about("Where to read it.")] = None

    def __post_init__(self):
        if not self.citation and not self.url:
            raise ValueError("a resource needs a 'citation', a 'url' or both")


class SubmissionPart(Model):
    part: Annotated[str, about("The part of the submission (e.g. Overview, Artifacts, Reflection).", min_length=1)]
    requirement: Annotated[str, about("What it must contain.", min_length=1)]


class RubricLevel(Model):
    name: Annotated[str, about("The level's name.", min_length=1)]
    description: Annotated[str, about("What work at this level looks like (a holistic rubric).")] = ""


class RubricCriterion(Model):
    name: Annotated[str, about("The criterion, in the rubric's words.", min_length=1)]
    levels: Annotated[list[str], about(
        "What work looks like at each level for this criterion, one description per level, lowest first."
    )] = []


class Rubric(Model):
    levels: Annotated[list[Words | RubricLevel], about(
        "The rubric's levels, lowest first: names, or a name and a description each.", min_length=1)]
    required: Annotated[str, about("The level needed to earn the credential.")]
    criteria: Annotated[list[RubricCriterion], about(
        "The criteria, each with a description per level (a rubric per criterion).")] = []

    def __post_init__(self):
        broken(self._rules())

    def _rules(self):
        names = self.level_names
        if len(set(names)) != len(names):
            yield "'levels': each level needs a name of its own"
        if self.required not in names:
            yield f"'required': expected one of the rubric's levels ({', '.join(names)}), found {self.required!r}"
        for i, criterion in enumerate(self.criteria):
            if criterion.levels and len(criterion.levels) != len(names):
                yield (f"'criteria[{i}].levels': give one description per level ({len(names)}, "
                       f"lowest first), found {len(criterion.levels)}")

    @property
    def level_names(self) -> list[str]:
        return [level if isinstance(level, str) else level.name for level in self.levels]

    def level(self, name: str) -> RubricLevel:
        for level in self.levels:
            if (level if isinstance(level, str) else level.name) == name:
                return level if isinstance(level, RubricLevel) else RubricLevel(name=level)
        raise KeyError(name)

    def rank(self, name: str) -> int:
        return self.level_names.index(name)

    def meets(self, name: str) -> bool:
        """Whether the level `name` meets the required level."""
        return name in self.level_names and self.rank(name) >= self.rank(self.required)

    @property
    def descriptions(self) -> bool:
        """Whether any level has a description (a holistic rubric)."""
        return any(isinstance(level, RubricLevel) and level.description for level in self.levels)


class Alignment(Model):
    """A standard or framework the credential aligns to (Open Badges ``alignment``)."""

    name: Annotated[str, about("The standard's name or statement.", min_length=1)]
    framework: Annotated[str, about("The framework it belongs to, e.g. ISTE Standards for Educators.")] = ""
    code: Annotated[Text, about("Its code in the framework, e.g. 2.5.c.")] = ""
    url: Annotated[WebAddress | None, about("Where the standard is published.")] = None


class Assessor(Model):
    name: Annotated[str, about("Who assessed the submission (a person or an organisation).", min_length=1)]
    role: Annotated[str, about("Their role, e.g. 'Assessor, Coastal Educators Network'.")] = ""


class CriterionResult(Model):
    criterion: Annotated[str, about("The rubric criterion.", min_length=1)]
    level: Annotated[str, about("The level reached; one of the rubric's levels.")]


class Attempt(Model):
    """An earlier submission and its outcome, shown as growth."""

    date: Annotated[dt.date, about("When it was assessed (YYYY-MM-DD).")]
    result: Annotated[str, about("The level it reached; one of the rubric's levels.", min_length=1)]
    feedback: Annotated[str, about("The assessor's feedback on it.")] = ""


class Consent(Model):
    """Consent to publish a student's work, as recorded."""

    date: Annotated[dt.date, about("When consent was given (YYYY-MM-DD).")]
    given_by: Annotated[str, about("Who gave it, e.g. 'the student and a parent'.", min_length=1)]
    scope: Annotated[str, about("What it covers, e.g. 'this poster, on my public portfolio'.", min_length=1)]


class Evidence(Model):
    """One piece of evidence: a lesson of the portfolio, or an artifact."""

    title: Annotated[str, about("What the evidence is.", min_length=1)]
    kind: Annotated[Literal[EVIDENCE_KINDS], about("What sort of evidence it is.")] = "lesson"
    lesson: Annotated[str | None, about("Id of a lesson in this portfolio."), refers("lessons")] = None
    url: Annotated[WebOrFile | None, about(
        "A file in the portfolio (a Markdown file becomes a page of its own) or a web address."),
                   names_file("the evidence")] = None
    description: Annotated[str, about("A sentence on what it shows.")] = ""
    visibility: Annotated[Literal["public", "private"], about(
        "public (shown) or private (never published; listed by title only if the award says so)."
    )] = "public"
    consent: Annotated[Consent | None, about(
        "Student work only: the recorded consent to publish it. Without it the item stays off the site, "
        "whatever its visibility."
    )] = None

    def __post_init__(self):
        if self.lesson is None and self.url is None:
            raise ValueError("an evidence item needs a 'lesson' or a 'url'")
        if self.consent is not None and self.kind != "student-work":
            raise ValueError("'consent': only student work (kind: student-work) records a consent")

    @property
    def is_public(self) -> bool:
        """Whether the item may reach the site: public, and for student work a consent is recorded."""
        if self.kind == "student-work" and self.consent is None:
            return False
        return self.visibility == "public"

    @property
    def is_student_work_without_consent(self) -> bool:
        return self.kind == "student-work" and self.consent is None


class Proof(Model):
    """The issuer's original proof of the award, never re-issued under the teacher's name."""

    file: Annotated[LocalFile | None, about(
        "A file in the portfolio: the baked badge image (.png, .svg) the issuer sent, or the assertion or "
        "credential (.json, or a signed token in .jwt / .jws)."
    ), names_file("the proof")] = None
    url: Annotated[WebAddress | None, about("The address of the issuer's hosted assertion or credential.")] = None

    def __post_init__(self):
        if self.file is None and self.url is None:
            raise ValueError("a proof needs a 'file', a 'url' or both")
        if self.file is not None and not self.file.lower().endswith(PROOF_FILES):
            raise ValueError(f"'file': expected a baked badge or assertion file ({', '.join(PROOF_FILES)}), "
                             f"found {self.file!r}")


class Award(Model):
    """The teacher's award: empty or without ``issued`` while in progress."""

    issued: Annotated[dt.date | None, about("The date it was awarded (YYYY-MM-DD); none while in progress.")] = None
    expires: Annotated[dt.date | None, about("The date it expires, if it does.")] = None
    assessor: Annotated[Assessor | None, about("Who assessed the submission.")] = None
    result: Annotated[str | None, about("The level reached overall; one of the rubric's levels.")] = None
    results: Annotated[list[CriterionResult], about("The level reached per criterion.")] = []
    feedback: Annotated[str, about("The assessor's feedback.")] = ""
    attempts: Annotated[list[Attempt], about("Earlier submissions, oldest first, shown as growth.")] = []
    evidence: Annotated[list[Evidence], about("What shows the competency.")] = []
    private_evidence: Annotated[Literal["titles", "none"], about(
        "How private evidence shows: 'titles' lists its titles (student work without consent never), "
        "'none' leaves it out."
    )] = "none"
    proof: Annotated[Proof | None, about("The issuer's original proof (baked badge, assertion or credential).")] = None

    def __post_init__(self):
        broken(self._dates(), self._attempts())

    def _dates(self):
        if self.issued and self.expires and self.expires < self.issued:
            yield f"'expires' ({self.expires}) is before 'issued' ({self.issued})"
        if self.issued is None and self.expires is not None:
            yield "'expires': a credential not yet awarded has no expiry; add 'issued' or remove it"

    def _attempts(self):
        for i, attempt in enumerate(self.attempts):
            if i and attempt.date < self.attempts[i - 1].date:
                yield (f"'attempts[{i}].date': attempts go oldest first; {attempt.date} is before "
                       f"{self.attempts[i - 1].date}")


class Credential(Entry):
    """`credentials/<id>.yml`: a micro-credential's definition and the teacher's award."""

    name: Annotated[str, about("The credential's name.", min_length=1)]
    issuer: Annotated[Issuer, about("Who awards it.")]
    competency: Annotated[str, about("The competency the credential recognises.", min_length=1)]
    key_method: Annotated[str, about("The research-backed method the educator uses to show the competency.")] = ""
    method_components: Annotated[list[MethodComponent], about("The parts of the key method.")] = []
    research: Annotated[list[Resource], about("Research and resources behind the key method.")] = []
    submission: Annotated[list[SubmissionPart], about("What a submission must contain, part by part.")] = []
    rubric: Annotated[Rubric | None, about("The scoring rubric.")] = None
    description: Annotated[str, about("A few sentences on the credential.")] = ""
    image: Annotated[Image | None, about("The badge image with alt text."), names_file("the badge image")] = None
    alignment: Annotated[list[Alignment], about("Standards the credential aligns to.")] = []
    tags: Annotated[list[Text], ids("Competency keywords, for the badge wall's filter.")] = []
    public: Annotated[bool, about("false keeps the credential off the site.")] = True
    award: Annotated[Award, about("The teacher's award; leave it out while working towards the credential.")] = \
        msgspec.field(default_factory=Award)

    def __post_init__(self):
        broken(self._levels_and_criteria())

    def _levels_and_criteria(self):
        """The levels the award names are the rubric's, and so are its criteria."""
        award, rubric = self.award, self.rubric
        named = [("award", "result", award.result)] if award.result else []
        named += [("award", "results", i, "level", r.level) for i, r in enumerate(award.results)]
        named += [("award", "attempts", i, "result", a.result) for i, a in enumerate(award.attempts)]
        if named and rubric is None:
            yield f"'{_where(named[0][:-1])}': a level needs a 'rubric' with its levels"
            return
        for path in named:
            if path[-1] not in rubric.level_names:
                yield (f"'{_where(path[:-1])}': expected one of the rubric's levels "
                       f"({', '.join(rubric.level_names)}), found {path[-1]!r}")
        criteria = [c.name for c in rubric.criteria] if rubric else []
        for i, result in enumerate(award.results):
            if criteria and result.criterion not in criteria:
                yield (f"'award.results[{i}].criterion': expected one of the rubric's criteria "
                       f"({'; '.join(criteria)}), found {result.criterion!r}")


def _where(path: tuple) -> str:
    """``award.results[0].level`` for ("award", "results", 0, "level")."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)[1:]


class Stack(Entry):
    """`stacks/<id>.yml`: related credentials earned one by one."""

    name: Annotated[str, about("The stack's name.", min_length=1)]
    credentials: Annotated[list[Annotated[str, refers("credentials")]], ids(
        "Ids of the credentials in the stack, in order.", min_length=1)]
    description: Annotated[str, about("What the stack adds up to.")] = ""
    completion: Annotated[str, about("What completing the stack means.")] = ""
