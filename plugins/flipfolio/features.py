"""The features of the product, in order: the one list the core reads.

A feature may use the kinds of the features before it (a lesson's videos,
the question set a lesson names). Adding a feature is adding its package and
one line here.
"""

from __future__ import annotations

from . import credentials, delivery, lessons, questions, videos

FEATURES = (lessons.FEATURE, videos.FEATURE, questions.FEATURE, credentials.FEATURE, delivery.FEATURE)
