"""Options of the `flipfolio` plugin in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class _Prefix(c.Type):
    """A web address prefix such as 'lessons': lowercase words and slashes."""

    def __init__(self, default: str):
        super().__init__(str, default=default)

    def run_validation(self, value):
        value = super().run_validation(value).strip("/")
        if not value or not all(part.replace("-", "").isalnum() and part.islower() for part in value.split("/")):
            raise ValidationError(f"expected lowercase words joined by '-' or '/', e.g. 'lessons', found {value!r}")
        return value


class FlipfolioConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the plugin off without removing its options."""

    portfolio_dir = c.Dir(exists=True, default="portfolio")
    """The teacher's portfolio folder, relative to mkdocs.yml."""

    drafts_on_serve = c.Type(bool, default=True)
    """Show draft lessons while previewing with `mkdocs serve` (never in `mkdocs build`)."""

    lessons_url = _Prefix("lessons")
    """Address prefix of the lessons index and lesson pages."""

    units_url = _Prefix("units")
    """Address prefix of unit pages."""

    credentials_url = _Prefix("credentials")
    """Address prefix of the badge wall and credential pages."""
