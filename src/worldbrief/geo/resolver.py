"""Toponym resolution: which gazetteer place each mention means.

Each candidate starts from its importance (population and feature, ``gazetteer.importance``)
and gains from the context: its country is one the text names (or the dateline's); a place
written right after it qualifies it ("Aktau, Kazakhstan"); its admin1 division is named; it
lies near the other places of the text ("spatial minimality"). Two passes: the first settles
the clear mentions, the second lets them pull the ambiguous ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from worldbrief.geo.country_names import NameKind
from worldbrief.geo.gazetteer import Candidate, Gazetteer, Place
from worldbrief.geo.guidance import SettledPlaces, context_keys, mutual_support
from worldbrief.geo.place_names import name_key
from worldbrief.geo.toponyms import Toponym
from worldbrief.geo.work import current_tally

COUNTRY_SUPPORT = 3.0
ADMIN1_SUPPORT = 2.5
NEARBY_SUPPORT = 2.0
MUTUAL_SUPPORT = 5.0
ALTERNATE_PENALTY = 1.5
STRANGER_IMPORTANCE = 4.0
CITY_BEFORE_DIVISION = 2.0  # how close in importance the city must be
DIVISION_PENALTY = 3.0
COUNTRY_NAME_KINDS = {
    NameKind.NAME,
    NameKind.ALIAS,
    NameKind.ABBREVIATION,
    NameKind.HISTORICAL,
    NameKind.DEMONYM,
}
_KIND_WEIGHT = {NameKind.CAPITAL: 0.6, NameKind.CITY: 0.5, NameKind.PLACE: 0.5}


@dataclass(frozen=True, slots=True)
class ResolutionContext:
    """What the text says outside its mentions: countries weighted by how surely it is
    about them (the dateline's, the title's)."""

    countries: Mapping[str, float]


class ToponymResolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def candidates(self, toponym: Toponym) -> list[Candidate]:
        found = self.gazetteer.candidates_for_key(toponym.key)
        if toponym.country is None or toponym.kind not in COUNTRY_NAME_KINDS:
            return found  # a town the country table knows ("Moscow") still weighs its rivals
        exact = [c for c in found if c.place.is_country and c.place.country == toponym.country]
        if toponym.kind is not NameKind.NAME:
            # "England", "Scotland": another name of the country that is a division's own name.
            division = [
                c
                for c in found
                if c.place.is_admin1
                and not c.alternate
                and c.place.country == toponym.country
                and name_key(c.place.name) == toponym.key
            ]
            exact = division[:1] or exact
        if exact:
            return exact[:1]
        country = self.gazetteer.find_country(toponym.country)
        return [Candidate(country, False)] if country is not None else found

    def resolve(
        self, text: str, toponyms: Sequence[Toponym], context: ResolutionContext
    ) -> list[Place | None]:
        """One place (or None) per toponym. A name is weighed once per text and per reading
        list, however often it recurs, so the work grows with the text and its different
        names, not with the square of its mentions."""
        options = self._options(toponyms)
        options = _apply_qualifiers(text, toponyms, options)
        countries, own = _country_weights(toponyms, options, context)
        nobody = SettledPlaces.none()
        weighed: dict[tuple[str, _Readings], Place | None] = {}
        first: list[Place | None] = []
        for toponym, found in zip(toponyms, options, strict=True):
            memo = (toponym.key, _readings(found))
            if memo not in weighed:
                weighed[memo] = self._best(
                    found, countries, nobody, toponym.key, own=own[toponym.key]
                )
            first.append(weighed[memo])
        for toponym, place in zip(toponyms, first, strict=True):
            # Once per name: "Lucy" six times over is not six towns in France.
            if place is not None and not place.is_country and place.country not in own[toponym.key]:
                countries[place.country] = countries.get(place.country, 0.0) + 0.3
                own[toponym.key][place.country] = own[toponym.key].get(place.country, 0.0) + 0.3
        guides = context_keys(toponyms)
        settled = SettledPlaces(
            (t.key, p)
            for t, p, o in zip(toponyms, first, options, strict=True)
            if p is not None and t.key in guides and _is_settled(p, o)
        )
        mutual = mutual_support(toponyms, options, guides)
        weighed.clear()
        chosen: list[Place | None] = []
        for toponym, found in zip(toponyms, options, strict=True):
            # A mention never supports itself: "Quebec" the province must not pull "Quebec"
            # towards the city inside it.
            memo = (toponym.key, _readings(found))
            if memo not in weighed:
                weighed[memo] = self._best(
                    found,
                    countries,
                    settled,
                    toponym.key,
                    mutual.get(toponym.key),
                    own[toponym.key],
                )
            chosen.append(weighed[memo])
        return chosen

    def _options(self, toponyms: Sequence[Toponym]) -> list[list[Candidate]]:
        """The candidates of each toponym, looked up once per different name."""
        looked_up: dict[tuple[str, str | None, NameKind | None], list[Candidate]] = {}
        options: list[list[Candidate]] = []
        for toponym in toponyms:
            name = (toponym.key, toponym.country, toponym.kind)
            if name not in looked_up:
                looked_up[name] = self.candidates(toponym)
            options.append(looked_up[name])
        return options

    def _best(
        self,
        options: list[Candidate],
        countries: Mapping[str, float],
        settled: SettledPlaces,
        key: str,
        mutual: Mapping[int, float] | None = None,
        own: Mapping[str, float] | None = None,
    ) -> Place | None:
        if not options:
            return None
        if len(options) == 1 and not settled.guide(key):
            return options[0].place
        tally = current_tally()
        if tally is not None:
            tally.readings_scored += len(options)
        top = max(countries.values(), default=0.0) or 1.0
        best, best_score = options[0].place, float("-inf")
        for candidate in options:
            place = candidate.place
            score = place.importance - ALTERNATE_PENALTY * candidate.alternate
            if place.is_admin1 and _named_after_its_city(place, options):
                score -= DIVISION_PENALTY
            score += COUNTRY_SUPPORT * min(1.0, countries.get(place.country, 0.0) / top)
            if not place.is_admin1 and settled.name_its_division(place, key):
                score += ADMIN1_SUPPORT
            score += NEARBY_SUPPORT * settled.nearness(place, key)
            if mutual:
                score += MUTUAL_SUPPORT * mutual.get(place.index, 0.0)
            if score > best_score:
                best, best_score = place, score
        elsewhere = countries.get(best.country, 0.0) - (own or {}).get(best.country, 0.0)
        if elsewhere <= 1e-9 and best.importance < STRANGER_IMPORTANCE:
            return None  # a small place abroad, in a text that never goes there: likely not it
        return best


_Readings = tuple[tuple[int, bool], ...]


def _readings(options: list[Candidate]) -> _Readings:
    return tuple((c.place.index, c.alternate) for c in options)


def _named_after_its_city(division: Place, options: list[Candidate]) -> bool:
    """A bare name shared by a division and a big city inside it means the city ("New York",
    "Aleppo", "Osh")."""
    return any(
        c.place.feature_class == "P"
        and c.place.admin1_code == division.admin1_code
        and c.place.importance >= division.importance - CITY_BEFORE_DIVISION
        for c in options
    )


def _is_settled(place: Place, options: list[Candidate]) -> bool:
    """A mention whose reading has no close rival, so that it may guide the others."""
    rivals = [c for c in options if c.place.index != place.index]
    return all(c.place.importance < place.importance - 2.0 for c in rivals)


def _country_weights(
    toponyms: Sequence[Toponym], options: list[list[Candidate]], context: ResolutionContext
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """How much the text speaks for each country, and how much of that each name contributes
    (so that a name is never its own only support)."""
    weights: dict[str, float] = defaultdict(float)
    own: dict[str, dict[str, float]] = defaultdict(dict)
    for code, weight in context.countries.items():
        weights[code] += weight
    for toponym, found in zip(toponyms, options, strict=True):
        if toponym.country is not None:
            weight = _KIND_WEIGHT.get(toponym.kind or NameKind.NAME, 1.0)
            code = toponym.country
        elif found and len({c.place.country for c in found}) == 1:
            weight, code = 0.5, found[0].place.country  # unambiguous as to country
            if code in own[toponym.key]:
                continue  # counted once per name
        else:
            continue
        weights[code] += weight
        own[toponym.key][code] = own[toponym.key].get(code, 0.0) + weight
    return weights, own


def _apply_qualifiers(
    text: str, toponyms: Sequence[Toponym], options: list[list[Candidate]]
) -> list[list[Candidate]]:
    """Keep the readings inside a qualifier: "Aktau, Kazakhstan", "Portland, Ore."; each pair
    of reading lists is narrowed once, however often the text repeats it."""
    narrowed = list(options)
    done: dict[tuple[int, int], list[Candidate]] = {}
    for i in range(len(toponyms) - 1):
        head, tail = toponyms[i], toponyms[i + 1]
        if text[head.span.end : tail.span.start].strip() != ",":
            continue
        pair = (id(options[i]), id(options[i + 1]))  # the lists live as long as ``options``
        if pair in done:
            if done[pair]:
                narrowed[i] = done[pair]
            continue
        scopes = {
            (c.place.country, c.place.admin1_code if c.place.is_admin1 else None)
            for c in options[i + 1]
        }
        inside = [
            c
            for c in options[i]
            if any(
                c.place.country == country and (admin is None or c.place.admin1_code == admin)
                for country, admin in scopes
            )
        ]
        done[pair] = inside
        if inside:
            narrowed[i] = inside
    return narrowed
