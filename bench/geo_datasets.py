"""Readers of the geoparsing evaluation corpora in ../shared/data (GeoWebNews, TR-News, Reuters).

Each reader returns plain gold records; a malformed toponym or story is skipped and named in
``problems`` so that one bad record never hides the rest of a corpus.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
GWN_PATH = DATA_DIR / "geoparsing" / "GWN.xml"
TRNEWS_PATH = DATA_DIR / "geoparsing" / "TR-News.xml"
REUTERS_PATH = DATA_DIR / "reuters21578" / "dev.jsonl"

# GeoWebNews annotation types that are not place names: a prediction there is a false positive.
GWN_NON_TOPONYM_TYPES = frozenset({"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"})

_MONTHS = "january february march april may june july august september october november december"
_ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_DAY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!:)")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\b")
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")  # month/day/year, as US sites print
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A gold place mention with the coordinates the annotators chose for it."""

    start: int
    end: int
    text: str
    lat: float
    lon: float
    name: str = ""
    geonameid: int | None = None
    kind: str = ""  # GWN annotation type or GeoNames feature code
    country: str = ""  # the country's name, where the corpus gives it (TR-News)


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    text: str
    title: str | None
    published_at: str | None
    toponyms: tuple[GoldToponym, ...]  # the scored ones: annotated with coordinates
    # Place names annotated without coordinates: recognising them is neither right nor wrong.
    unscored_spans: tuple[tuple[int, int], ...] = ()


@dataclass(slots=True)
class GoldCorpus:
    name: str
    documents: list[GoldDocument]
    realigned: int = 0  # gold offsets moved onto the nearest occurrence of their phrase
    problems: list[str] = field(default_factory=list)

    @property
    def toponym_count(self) -> int:
        return sum(len(doc.toponyms) for doc in self.documents)


@dataclass(frozen=True, slots=True)
class ReutersStory:
    id: str
    title: str
    text: str  # the dateline, as the wire printed it, then the body
    published_at: str | None
    countries: frozenset[str]  # gold focus countries, ISO 3166-1 alpha-2


def realign_to_phrase(text: str, phrase: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the occurrence of ``phrase`` nearest to ``start`` (None when absent)."""
    if text[start:end] == phrase:
        return start, end
    occurrences = [m.start() for m in re.finditer(re.escape(phrase), text)]
    if not occurrences:
        occurrences = [m.start() for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)]
    if not occurrences:
        return None
    nearest = min(occurrences, key=lambda offset: (abs(offset - start), offset))
    return nearest, nearest + len(phrase)


def parse_gwn(xml: str | bytes) -> GoldCorpus:
    """GeoWebNews XML: every ``<toponym>`` with a latitude is scored (2,601 in GWN.xml)."""
    corpus = GoldCorpus("GeoWebNews", [])
    for article in ET.fromstring(xml).iter("article"):
        doc_id = f"gwn-{article.get('file', len(corpus.documents))}"
        text = article.findtext("text") or ""
        scored: list[GoldToponym] = []
        unscored: list[tuple[int, int]] = []
        for element in article.iter("toponym"):
            phrase = element.findtext("extractedName") or ""
            try:
                span = _aligned_span(corpus, doc_id, text, phrase, element)
                if element.findtext("latitude"):
                    scored.append(
                        GoldToponym(
                            start=span[0],
                            end=span[1],
                            text=phrase,
                            lat=_coordinate(element, "latitude", 90.0),
                            lon=_coordinate(element, "longitude", 180.0),
                            name=element.findtext("normalisedName") or "",
                            geonameid=_optional_int(element.findtext("geonamesID")),
                            kind=element.findtext("type") or "",
                        )
                    )
                elif element.findtext("type") not in GWN_NON_TOPONYM_TYPES:
                    unscored.append(span)
            except ValueError as error:
                corpus.problems.append(f"{doc_id}: toponym {phrase!r} skipped: {error}")
        corpus.documents.append(
            GoldDocument(
                doc_id,
                text,
                _clean(article.findtext("title")),
                None,
                _sorted(scored),
                tuple(sorted(unscored)),
            )
        )
    return corpus


def parse_trnews(xml: str | bytes) -> GoldCorpus:
    """TR-News (LGL schema): toponyms with a ``<gaztag>`` carrying lat/lon are scored (1,275)."""
    corpus = GoldCorpus("TR-News", [])
    for article in ET.fromstring(xml).iter("article"):
        doc_id = f"trnews-{article.get('docid', len(corpus.documents))}"
        text = article.findtext("text") or ""
        scored: list[GoldToponym] = []
        unscored: list[tuple[int, int]] = []
        for element in article.iter("toponym"):
            phrase = element.findtext("phrase") or ""
            try:
                span = _aligned_span(corpus, doc_id, text, phrase, element)
                gaztag = element.find("gaztag")
                if gaztag is None or not gaztag.findtext("lat"):
                    unscored.append(span)
                    continue
                fclass, fcode = gaztag.findtext("fclass") or "", gaztag.findtext("fcode") or ""
                scored.append(
                    GoldToponym(
                        start=span[0],
                        end=span[1],
                        text=phrase,
                        lat=_coordinate(gaztag, "lat", 90.0),
                        lon=_coordinate(gaztag, "lon", 180.0),
                        name=gaztag.findtext("name") or "",
                        geonameid=_optional_int(gaztag.get("geonameid")),
                        kind=f"{fclass}.{fcode}" if fclass or fcode else "",
                        country=(gaztag.findtext("country") or "").strip(),
                    )
                )
            except ValueError as error:
                corpus.problems.append(f"{doc_id}: toponym {phrase!r} skipped: {error}")
        corpus.documents.append(
            GoldDocument(
                doc_id,
                text,
                _clean(article.findtext("title")),
                iso_date(article.findtext("dltime")),
                _sorted(scored),
                tuple(sorted(unscored)),
            )
        )
    return corpus


def read_gwn(path: Path = GWN_PATH) -> GoldCorpus:
    return parse_gwn(path.read_bytes())


def read_trnews(path: Path = TRNEWS_PATH) -> GoldCorpus:
    return parse_trnews(path.read_bytes())


def read_reuters(
    path: Path = REUTERS_PATH, problems: list[str] | None = None
) -> list[ReutersStory]:
    """Reuters-21578 stories; lines that are not a story with a body are named in ``problems``."""
    stories: list[ReutersStory] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                stories.append(_reuters_story(json.loads(line)))
            except (ValueError, KeyError, TypeError) as error:
                if problems is not None:
                    problems.append(f"{path.name} line {number} skipped: {error!r}")
    return stories


def _reuters_story(record: dict[str, object]) -> ReutersStory:
    body, title = record["body"], record.get("title") or ""
    dateline = record.get("dateline") or ""
    countries = record.get("countries") or []
    if not isinstance(body, str) or not isinstance(title, str) or not isinstance(dateline, str):
        raise ValueError("title, body and dateline must be strings")
    if not isinstance(countries, list):
        raise ValueError(f"countries must be a list, not {countries!r}")
    published = record.get("published_at")
    return ReutersStory(
        id=str(record["id"]),
        title=title,
        text=f"{dateline} {body}" if dateline else body,
        published_at=published if isinstance(published, str) else None,
        countries=frozenset(str(code).upper() for code in countries),
    )


def iso_date(value: str | None) -> str | None:
    """The calendar date in a free-form dateline ("Dec 17, 2016 8:46 AM ET"), as YYYY-MM-DD."""
    if not value:
        return None
    if match := _ISO_DATE.search(value):
        year, month, day = (int(part) for part in match.groups())
    elif match := _US_DATE.search(value):
        month, day, year = (int(part) for part in match.groups())
    else:
        year_match = _YEAR.search(value)
        found = [(m[1], m[2]) for m in _MONTH_DAY.finditer(value)]
        found += [(m[2], m[1]) for m in _DAY_MONTH.finditer(value)]
        named = [(_month_number(word), int(day)) for word, day in found if _month_number(word)]
        if year_match is None or not named:
            return None
        year, (month, day) = int(year_match[0]), named[0]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_number(word: str) -> int:
    """1-12 for a month name or its abbreviation ("Dec", "DEC", "December"), else 0."""
    word = word.lower()
    for number, name in enumerate(_MONTHS.split(), start=1):
        if len(word) >= 3 and name.startswith(word):
            return number
    return 0


def _aligned_span(
    corpus: GoldCorpus, doc_id: str, text: str, phrase: str, element: ET.Element
) -> tuple[int, int]:
    start, end = int(element.findtext("start") or ""), int(element.findtext("end") or "")
    if not phrase:
        raise ValueError("empty phrase")
    span = realign_to_phrase(text, phrase, start, end)
    if span is None:
        raise ValueError(f"phrase not found in the text (gold offsets {start}-{end})")
    if span != (start, end):
        corpus.realigned += 1
    return span


def _coordinate(element: ET.Element, tag: str, limit: float) -> float:
    value = float(element.findtext(tag) or "")
    if not -limit <= value <= limit:
        raise ValueError(f"{tag} {value} is out of range")
    return value


def _optional_int(value: str | None) -> int | None:
    return int(value) if value and value.strip() else None


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _sorted(toponyms: list[GoldToponym]) -> tuple[GoldToponym, ...]:
    return tuple(sorted(toponyms, key=lambda t: (t.start, t.end)))
