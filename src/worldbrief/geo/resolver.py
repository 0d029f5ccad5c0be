"""Toponym resolution: which gazetteer place each mention means.

Each candidate starts from its importance (population and feature, ``gazetteer.importance``)
and gains from the context: its country is one the text names (or the dateline's); a place
written right after it qualifies it ("Aktau, Kazakhstan"); its admin1 division is named; it
lies near the other places of the text ("spatial minimality"). Two passes: the first settles
the clear mentions, the second lets them pull the ambiguous ones.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from worldbrief.domain import Span
from worldbrief.geo.counties import county_divisions
from worldbrief.geo.country_names import NameKind
from worldbrief.geo.gazetteer import Candidate, Gazetteer, Place
from worldbrief.geo.guidance import (
    MUTUAL_CANDIDATES,
    SettledPlaces,
    context_keys,
    mutual_support,
)
from worldbrief.geo.place_names import name_key
from worldbrief.geo.ranker import RankerWeights
from worldbrief.geo.toponyms import Toponym
from worldbrief.geo.work import current_tally

STRANGER_IMPORTANCE = 4.0
ALTERNATE_PENALTY = 1.5  # another name of a place counts as 30 times fewer people
CITY_BEFORE_DIVISION = 2.0  # how close in importance the city must be
LOCAL_NAMES = 3  # the "local" feature is full when this many other names share the division
LOCAL_NAMES_TO_OPEN = 1.0  # how surely other names put the text in a division (see local)
OPEN_TOWN_IMPORTANCE = 3.7  # about 5,000 people: a village called China needs "China, Maine"
PROVISIONAL_PASS = 0.3  # what a name's first reading adds to its country's weight
COUNTRY_NAME_KINDS = {
    NameKind.NAME,
    NameKind.ALIAS,
    NameKind.ABBREVIATION,
    NameKind.HISTORICAL,
    NameKind.DEMONYM,
}
# Country names that may also name a town or division at home ("Lebanon", N.H.; "Georgia").
_OPEN_KINDS = {NameKind.NAME, NameKind.ALIAS, NameKind.HISTORICAL}
_TOWN_KINDS = {NameKind.CAPITAL, NameKind.CITY, NameKind.PLACE}
_DIVISION_WORD = re.compile(
    r"\s+(?:region|province|oblast|state|governorate|prefecture|district|department|county"
    r"|Gov\.|Governor|governor|legislature|Legislature|lawmakers)(?!\w)"
)


@dataclass(frozen=True, slots=True)
class ResolutionContext:
    """What the text says outside its mentions: countries weighted by how surely it is
    about them (the dateline's, the title's)."""

    countries: Mapping[str, float]
    dateline: Span | None = None  # where the dateline names its town
    division: str | None = None  # the admin1 code of the dateline's qualifier ("Ore.")


@dataclass(slots=True)
class ReadingTrace:
    """The readings weighed for each toponym in the final pass, with their feature values
    (``ranker.FEATURES``), for fitting the ranker's weights."""

    readings: dict[int, list[tuple[Place, tuple[float, ...]]]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Name:
    """A name as the text uses it: its readings and what the text around it says."""

    key: str
    options: list[Candidate]
    country_name: str | None  # the country it names, for a country's name
    listed: int | None  # the place index the country table means by this town's name
    division_word: bool  # followed by "region", "province"...
    dateline_town: int | None  # on a dateline, its best-known town ("FRANKFURT, March 3 -")


@dataclass(slots=True)
class _Evidence:
    """What the whole text offers for weighing each name."""

    countries: dict[str, float]
    own: dict[str, dict[str, float]]
    settled: SettledPlaces
    mutual: dict[str, dict[int, float]]
    # admin1 code -> the names with a reading inside it, each weighted by how likely that
    # reading is among the name's own: "Shakopee" says Minnesota, "Paris" says little.
    division_keys: dict[str, dict[str, float]]
    # name -> country -> how surely the names listed next to it ("Goma and Bukavu",
    # "New South Wales, Western Australia and Queensland") lie in that country; "" stands
    # for "a country": mates of a country's name are countries too.
    list_mates: dict[str, dict[str, float]]

    def mates(self, place: Place, key: str) -> float:
        shares = self.list_mates.get(key)
        if not shares:
            return 0.0
        return shares.get("" if place.is_country else place.country, 0.0)

    @property
    def home_division(self) -> str | None:
        """The division the text's names most surely lie in."""
        totals = {code: sum(keys.values()) for code, keys in self.division_keys.items()}
        return max(totals, key=lambda code: (totals[code], code), default=None)

    def local(self, place: Place, key: str) -> float:
        keys = self.division_keys.get(place.admin1_code or "")
        if not keys:
            return 0.0
        return sum(keys.values()) - keys.get(key, 0.0)


class ToponymResolver:
    def __init__(self, gazetteer: Gazetteer, weights: RankerWeights | None = None) -> None:
        self.gazetteer = gazetteer
        self.weights = weights or RankerWeights.load_default()

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
        if not exact:
            country = self.gazetteer.find_country(toponym.country)
            exact = [Candidate(country, False)] if country is not None else []
        if not exact or exact[0].place.is_admin1:
            return exact or found
        if toponym.kind not in _OPEN_KINDS:
            return exact[:1]
        # A country's name may name a town or division at home: "Lebanon", N.H.; "Georgia".
        elsewhere = [
            c
            for c in found
            if not c.alternate
            and not c.place.is_country
            and (c.place.is_admin1 or c.place.importance >= OPEN_TOWN_IMPORTANCE)
            and c.place.feature_class in ("P", "A")
            and c.place.country != toponym.country
        ]
        return exact[:1] + elsewhere

    def resolve(
        self,
        text: str,
        toponyms: Sequence[Toponym],
        context: ResolutionContext,
        trace: ReadingTrace | None = None,
    ) -> list[Place | None]:
        """One place (or None) per toponym. A name is weighed once per text and per reading
        list, however often it recurs, so the work grows with the text and its different
        names, not with the square of its mentions."""
        options = self._options(toponyms)
        options = _apply_qualifiers(text, toponyms, options)
        names = _names(text, toponyms, options, context.dateline)
        countries, own = _country_weights(toponyms, options, context)
        guides = context_keys(toponyms)
        evidence = _Evidence(
            countries,
            own,
            SettledPlaces.none(),
            {},
            _division_keys(toponyms, options, guides, context.division),
            _list_mates(text, toponyms, options),
        )
        first = self._pass(names, evidence)
        for name, place in zip(names, first, strict=True):
            # Once per name: "Lucy" six times over is not six towns in France.
            if (
                place is not None
                and not place.is_country
                and not place.multinational
                and place.country not in own[name.key]
            ):
                countries[place.country] = countries.get(place.country, 0.0) + PROVISIONAL_PASS
                own[name.key][place.country] = own[name.key].get(place.country, 0.0) + 0.3
        evidence.settled = SettledPlaces(
            (n.key, p)
            for n, p in zip(names, first, strict=True)
            if p is not None and n.key in guides and _is_settled(p, n.options)
        )
        evidence.mutual = mutual_support(toponyms, options, guides)
        # A mention never supports itself: "Quebec" the province must not pull "Quebec"
        # towards the city inside it.
        return self._pass(names, evidence, trace, final=True)

    def _pass(
        self,
        names: list[_Name],
        evidence: _Evidence,
        trace: ReadingTrace | None = None,
        final: bool = False,
    ) -> list[Place | None]:
        weighed: dict[_Memo, Place | None] = {}
        traced: dict[_Memo, list[tuple[Place, tuple[float, ...]]]] = {}
        chosen: list[Place | None] = []
        for index, name in enumerate(names):
            memo = (name.key, _readings(name.options), name.division_word, name.dateline_town)
            if memo not in weighed:
                features: list[tuple[Place, tuple[float, ...]]] | None = None
                if trace is not None:
                    features = traced[memo] = []
                weighed[memo] = self._best(name, evidence, final, features)
            if trace is not None:
                trace.readings[index] = traced[memo]
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
        name: _Name,
        evidence: _Evidence,
        final: bool,
        features: list[tuple[Place, tuple[float, ...]]] | None = None,
    ) -> Place | None:
        options, key = name.options, name.key
        if not options:
            return None
        settled = evidence.settled
        if len(options) == 1 and not settled.guide(key) and features is None:
            return options[0].place
        tally = current_tally()
        if tally is not None:
            tally.readings_scored += len(options)
        countries = evidence.countries
        top = max(countries.values(), default=0.0) or 1.0
        mutual = evidence.mutual.get(key) if final else None
        country_reading = name.country_name is not None and any(c.place.is_country for c in options)
        home = evidence.home_division if country_reading else None
        weights = self.weights.weights
        best, best_score = None, float("-inf")
        for candidate in options:
            place = candidate.place
            local = evidence.local(place, key) if place.admin1_code else 0.0
            elsewhere = name.country_name is not None and not place.is_country
            if (
                elsewhere
                and country_reading
                and (local < LOCAL_NAMES_TO_OPEN or place.admin1_code != home)
            ):
                continue  # "Jordan" is the country unless the text is set at a Jordan
            values = (
                place.importance,
                float(candidate.alternate),
                float(place.is_admin1 and _named_after_its_city(place, options)),
                min(1.0, _country_weight(place, countries) / top),
                float(final and not place.is_admin1 and settled.name_its_division(place, key)),
                settled.nearness(place, key) if final else 0.0,
                mutual.get(place.index, 0.0) if mutual else 0.0,
                min(local, LOCAL_NAMES) / LOCAL_NAMES,
                float(place.index == name.listed),
                float(place.index == name.dateline_town),
                float(name.division_word and place.is_admin1),
                float(elsewhere),
                evidence.mates(place, key),
            )
            score = sum(w * v for w, v in zip(weights, values, strict=True))
            if features is not None:
                features.append((place, values))
            if score > best_score:
                best, best_score = place, score
        if best is None:
            return None
        own = evidence.own.get(key) or {}
        elsewhere_weight = countries.get(best.country, 0.0) - own.get(best.country, 0.0)
        if elsewhere_weight <= 1e-9 and best.importance < STRANGER_IMPORTANCE:
            return None  # a small place abroad, in a text that never goes there: likely not it
        return best


def _names(
    text: str,
    toponyms: Sequence[Toponym],
    options: list[list[Candidate]],
    dateline: Span | None,
) -> list[_Name]:
    names: list[_Name] = []
    for toponym, found in zip(toponyms, options, strict=True):
        listed = _listed_reading(toponym, found)
        country_name = toponym.country if toponym.kind in COUNTRY_NAME_KINDS else None
        division_word = _DIVISION_WORD.match(text, toponym.span.end) is not None
        town = None
        if dateline is not None and toponym.span.overlaps(dateline):
            town = next((c.place.index for c in found if c.place.feature_class == "P"), None)
        names.append(_Name(toponym.key, found, country_name, listed, division_word, town))
    return names


def _listed_reading(toponym: Toponym, found: list[Candidate]) -> int | None:
    """The reading the country table means by a town's name: the capital for a capital
    ("Washington"), the city for a city ("New York"), the best place of the country else."""
    if toponym.country is None or toponym.kind not in _TOWN_KINDS:
        return None
    home = [c for c in found if c.place.country == toponym.country]
    if toponym.kind is not NameKind.PLACE:
        towns = [c for c in home if c.place.feature_class == "P"]
        capitals = [c for c in towns if c.place.feature == "P.PPLC"]
        home = (capitals if toponym.kind is NameKind.CAPITAL else []) or towns or home
    if not home:
        return None
    best = max(
        home,
        key=lambda c: (
            c.place.importance
            - (CITY_BEFORE_DIVISION + 1.0)
            * (c.place.is_admin1 and _named_after_its_city(c.place, found))
        ),
    )
    return best.place.index


_LIST_SEPARATORS = frozenset({",", "and", "or", "&", ", and", ", or", "/"})


def _list_mates(
    text: str, toponyms: Sequence[Toponym], options: list[list[Candidate]]
) -> dict[str, dict[str, float]]:
    """For each name, the countries its neighbours in a list lie in, averaged over them."""
    shares_of: dict[int, dict[str, float]] = {}
    gathered: dict[str, list[dict[str, float]]] = defaultdict(list)
    for i in range(len(toponyms) - 1):
        between = " ".join(text[toponyms[i].span.end : toponyms[i + 1].span.start].split())
        if between not in _LIST_SEPARATORS or toponyms[i].key == toponyms[i + 1].key:
            continue
        for here, there in ((i, i + 1), (i + 1, i)):
            found = options[there]
            if id(found) not in shares_of:
                shares_of[id(found)] = _country_shares(found)
            gathered[toponyms[here].key].append(shares_of[id(found)])
    mates: dict[str, dict[str, float]] = {}
    for key, neighbours in gathered.items():
        total: dict[str, float] = defaultdict(float)
        for shares in neighbours:
            for code, share in shares.items():
                total[code] += share / len(neighbours)
        mates[key] = dict(total)
    return mates


def _country_shares(found: list[Candidate]) -> dict[str, float]:
    """How likely a name's readings lie in each country (by population); "" for any country."""
    readings = [c for c in found[:MUTUAL_CANDIDATES] if not c.place.multinational]
    likelihood = [10.0 ** (c.place.importance - ALTERNATE_PENALTY * c.alternate) for c in readings]
    total = sum(likelihood)
    shares: dict[str, float] = defaultdict(float)
    for candidate, weight in zip(readings, likelihood, strict=True):
        code = "" if candidate.place.is_country else candidate.place.country
        shares[code] += weight / total
    return dict(shares)


def _division_keys(
    toponyms: Sequence[Toponym],
    options: list[list[Candidate]],
    guides: frozenset[str],
    dateline_division: str | None = None,
) -> dict[str, dict[str, float]]:
    """For each first-level division, the guiding names that have a reading in it (towns and
    divisions among their first readings) and how surely; countries' names say nothing."""
    keys: dict[str, dict[str, float]] = defaultdict(dict)
    if dateline_division:
        keys[dateline_division]["dateline"] = 1.0  # "CAMP MURRAY, Wash."
    seen: set[str] = set()
    counties = county_divisions()
    for toponym, found in zip(toponyms, options, strict=True):
        if toponym.county and toponym.county in counties:
            # "Limestone County" puts the text in Alabama or Texas, whatever else it names.
            states = counties[toponym.county]
            for code in states:
                keys[code][f"county {toponym.county}"] = 1.0 / len(states)
            continue
        if toponym.key in seen or toponym.key not in guides:
            continue
        seen.add(toponym.key)
        if toponym.country is not None and toponym.kind in COUNTRY_NAME_KINDS:
            continue
        readings = [
            c
            for c in found[:MUTUAL_CANDIDATES]
            if c.place.admin1_code and not c.place.is_country and c.place.feature_class in "PA"
        ]
        # Each reading as likely as its population suggests (10 ** importance).
        likelihood = [
            10.0 ** (c.place.importance - ALTERNATE_PENALTY * c.alternate) for c in readings
        ]
        total = sum(likelihood)
        for candidate, share in zip(readings, likelihood, strict=True):
            code = candidate.place.admin1_code or ""
            keys[code][toponym.key] = keys[code].get(toponym.key, 0.0) + share / total
    return keys


def _country_weight(place: Place, countries: Mapping[str, float]) -> float:
    """How much the text speaks for the place's country; for a place shared by several
    countries ("Lake Tanganyika", "Great Lakes"), for the best supported of them."""
    if place.countries:
        return max(countries.get(code, 0.0) for code in place.countries)
    return countries.get(place.country, 0.0)


_Readings = tuple[tuple[int, bool], ...]
_Memo = tuple[str, _Readings, bool, int | None]


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
        if toponym.country is not None and toponym.kind in COUNTRY_NAME_KINDS:
            weight, code = 1.0, toponym.country
        elif (
            found and len({c.place.own_country for c in found}) == 1 and found[0].place.own_country
        ):
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
    """Keep the readings inside a qualifier: "Aktau, Kazakhstan", "Portland, Ore."; the
    qualifier keeps the readings that hold the town ("Athens, Georgia": the state), and a
    name narrowed one way only reads that way throughout the text ("Paris, Tenn." then
    "Paris"). Each pair of reading lists is narrowed once, however often the text repeats it."""
    narrowed = list(options)
    done: dict[tuple[int, int], tuple[list[Candidate], list[Candidate]]] = {}
    for i in range(len(toponyms) - 1):
        head, tail = toponyms[i], toponyms[i + 1]
        if text[head.span.end : tail.span.start].strip() != ",":
            continue
        pair = (id(options[i]), id(options[i + 1]))  # the lists live as long as ``options``
        if pair not in done:
            done[pair] = _narrow_pair(options[i], options[i + 1])
        inside, holding = done[pair]
        if inside:
            narrowed[i] = inside
            narrowed[i + 1] = holding
    return _one_reading_per_name(toponyms, options, narrowed)


def _narrow_pair(
    head: list[Candidate], tail: list[Candidate]
) -> tuple[list[Candidate], list[Candidate]]:
    """The head's readings inside one of the tail's, and the tail's readings holding them.
    Only a country or a division qualifies a town ("Paris, London" is a list), and not a
    division that shares its name with a big city ("Washington, New York and Boston")."""
    # A country's name before another country's is a list ("Russia, U.S. officials").
    countries_qualify = not any(c.place.is_country for c in head)
    holders = [
        c
        for c in tail
        if (c.place.is_country and countries_qualify)
        or (c.place.is_admin1 and not _named_after_its_city(c.place, tail))
    ]
    scopes = {
        (c.place.country, c.place.admin1_code if c.place.is_admin1 else None) for c in holders
    }
    inside = [
        c
        for c in head
        if any(
            c.place.country == country and (admin is None or c.place.admin1_code == admin)
            for country, admin in scopes
        )
    ]
    holding = [
        c
        for c in holders
        if any(
            h.place.country == c.place.country
            and (not c.place.is_admin1 or h.place.admin1_code == c.place.admin1_code)
            for h in inside
        )
    ]
    return inside, holding or tail


def _one_reading_per_name(
    toponyms: Sequence[Toponym],
    options: list[list[Candidate]],
    narrowed: list[list[Candidate]],
) -> list[list[Candidate]]:
    """A name narrowed by its qualifier, always the same way, reads so at its other mentions."""
    ways: dict[str, set[_Readings]] = defaultdict(set)
    chosen: dict[str, list[Candidate]] = {}
    for toponym, before, after in zip(toponyms, options, narrowed, strict=True):
        if after is not before:
            ways[toponym.key].add(_readings(after))
            chosen[toponym.key] = after
    if not chosen:
        return narrowed
    return [
        chosen[t.key] if after is before and len(ways.get(t.key, ())) == 1 else after
        for t, before, after in zip(toponyms, options, narrowed, strict=True)
    ]
