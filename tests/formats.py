"""Every format struct by name, for the table tests (they read `schema.Lesson`)."""

from flipfolio.core.format import Image, Link, json_schemas, seconds  # noqa: F401
from flipfolio.credentials.format import Credential, Evidence, Issuer, Rubric, Stack  # noqa: F401
from flipfolio.lessons.format import Lesson, Profile, Unit  # noqa: F401
from flipfolio.questions.format import Choice, Question, QuestionSet  # noqa: F401
from flipfolio.videos.format import Chapter, Video  # noqa: F401
