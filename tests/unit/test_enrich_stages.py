from datetime import UTC, datetime

import pytest

from worldbrief.domain import Article, ArticleType, BodyFormat
from worldbrief.enrich.language import LanguageDetector, detect_language
from worldbrief.enrich.pipeline import Pipeline, PipelineOrderError
from worldbrief.enrich.reading_time import ReadingTime, reading_minutes


def make(text: str) -> Article:
    return Article(
        id="a1",
        type=ArticleType.ANALYSIS,
        title="Title",
        body=text,
        body_format=BodyFormat.TEXT,
        plain_text=f"Title\n\n{text}",
        published_at=datetime(2020, 1, 1, tzinfo=UTC),
    )


def test_reading_time_rounds_up_and_is_at_least_one_minute() -> None:
    assert reading_minutes("word " * 10) == 1
    assert reading_minutes("word " * 231) == 2
    assert ReadingTime()(make("word " * 900)).enrichment.reading_minutes == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ministry said on Monday that exports of wheat would rise in the spring.", "en"),
        ("Le ministère a dit que les exportations de blé vont augmenter pour la saison.", "fr"),
        ("Die Regierung hat gesagt, dass die Preise nicht mehr steigen und das ist gut.", "de"),
        ("El gobierno dijo que los precios de la energía van a subir en el invierno.", "es"),
        ("Правительство заявило, что цены на газ не будут расти и это для всех.", "ru"),
    ],
)
def test_language_of_news_sentences(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_language_is_unknown_for_too_little_text() -> None:
    assert detect_language("Aktau") is None
    assert LanguageDetector()(make("1987 1988")).enrichment.language is None


def test_pipeline_rejects_a_stage_whose_inputs_come_later() -> None:
    class NeedsCountries:
        name = "needs_countries"
        requires = frozenset({"enrichment.countries"})
        assigns = frozenset({"enrichment.entities"})

        def __call__(self, article: Article) -> Article:
            return article

    with pytest.raises(PipelineOrderError, match="needs_countries"):
        Pipeline([NeedsCountries(), ReadingTime()])
    assert Pipeline([ReadingTime()]).names == ["reading_time"]
