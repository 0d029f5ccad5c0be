"""Reading time, as the publication shows it ("4 MINS READ")."""

from __future__ import annotations

import dataclasses
import math
from typing import ClassVar

from worldbrief.domain import Article
from worldbrief.enrich.registry import register_stage

WORDS_PER_MINUTE = 230  # a common figure for attentive reading of non-fiction


def reading_minutes(text: str) -> int:
    return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))


class ReadingTime:
    name: ClassVar[str] = "reading_time"
    requires: ClassVar[frozenset[str]] = frozenset({"plain_text"})
    assigns: ClassVar[frozenset[str]] = frozenset({"enrichment.reading_minutes"})

    def __call__(self, article: Article) -> Article:
        enrichment = dataclasses.replace(
            article.enrichment, reading_minutes=reading_minutes(article.plain_text)
        )
        return dataclasses.replace(article, enrichment=enrichment)


register_stage(ReadingTime)
