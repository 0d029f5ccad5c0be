"""Language of short news sentences of our own, in every language the site ingests."""

import pytest

from worldbrief.enrich.language import detect_language

SENTENCES = {
    "en": "The ministry said on Monday that wheat exports would rise again in the spring.",
    "fr": "Le ministère a annoncé lundi que les exportations de blé reprendraient au printemps.",
    "de": "Das Ministerium teilte am Montag mit, dass die Weizenexporte im Frühjahr steigen.",
    "es": "El ministerio anunció el lunes que las exportaciones de trigo subirán en primavera.",
    "it": "Il ministero ha annunciato lunedì che le esportazioni di grano cresceranno.",
    "pt": "O ministério anunciou na segunda-feira que as exportações de trigo vão crescer.",
    "nl": "Het ministerie maakte maandag bekend dat de export van tarwe in het voorjaar stijgt.",
    "pl": "Ministerstwo poinformowało w poniedziałek, że eksport pszenicy wzrośnie wiosną.",
    "ru": "Министерство сообщило в понедельник, что экспорт пшеницы весной снова вырастет.",
    "uk": "Міністерство повідомило в понеділок, що експорт пшениці навесні знову зросте.",
    "tr": "Bakanlık pazartesi günü buğday ihracatının baharda artacağını söyledi.",
    "ar": "أعلنت الوزارة يوم الاثنين أن صادرات القمح سترتفع مرة أخرى في فصل الربيع.",
    "fa": "وزارت روز دوشنبه اعلام کرد که صادرات گندم در بهار دوباره افزایش خواهد یافت.",
    "zh": "该部周一宣布，春季小麦出口将再次增长，港口的运力也会随之扩大。",
    "ko": "정부는 월요일 봄철 밀 수출이 다시 늘어날 것이라고 발표했다.",
}


@pytest.mark.parametrize(("expected", "sentence"), sorted(SENTENCES.items()))
def test_each_language_is_recognised_from_one_sentence(expected: str, sentence: str) -> None:
    assert detect_language(sentence) == expected


def test_russian_and_ukrainian_are_told_apart() -> None:
    assert detect_language("Переговоры о воде продолжатся весной, заявили министры.") == "ru"
    assert detect_language("Переговори щодо води продовжаться навесні, заявили міністри.") == "uk"


def test_too_little_text_is_unknown() -> None:
    assert detect_language("Aktau") is None
    assert detect_language("1987 1988 — 2001") is None
    assert detect_language("") is None
