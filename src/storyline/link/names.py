"""Joining units by name: equal keys, spellings an article equated, person-name variants.

Candidates are found by hashing normalised keys (a name's compact form, a surname,
a gazetteer code), never by comparing all pairs of units: the cost grows with the
number of units plus, per surname, the square of the number of *distinct* spellings
of full names that share it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from storyline.extract.entity_coref_discourse import head_word
from storyline.extract.entity_lexicon import fold, lexicon
from storyline.extract.entity_names import PersonName, is_nickname, name_relation, org_words
from storyline.link.units import Clusters, Unit, model_of

#: a name used by articles for several longer names is taken for the one that at least
#: this fraction of them (numerator, denominator) used it for: its dominant sense
DOMINANT = (3, 4)


def link_keys(units: Sequence[Unit], clusters: Clusters) -> None:
    """Units with the same primary key are one entity, and so are a name in the plural
    and in the singular (:func:`_link_plurals`); a name an article used for a
    longer one ("Apple" for "Apple Computer") joins the entity called by that name to
    the longer name's, where that is the name's dominant sense (:data:`DOMINANT`)."""
    first: dict[str, int] = {}
    for unit in units:
        if unit.family == "description" or not unit.primary:
            continue
        if unit.primary in first:
            rule = "same-code" if unit.family == "country" else "same-name"
            clusters.union(first[unit.primary], unit.index, rule, unit.primary.split(":", 1)[1])
        else:
            first[unit.primary] = unit.index
    _link_plurals(units, clusters)
    listed: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for unit in units:
        for key in unit.secondary:
            listed[key][unit.primary].append(unit.index)
    for key, primaries in listed.items():
        if key not in first:
            continue
        counts = sorted(((len(v), p) for p, v in primaries.items()), reverse=True)
        total = sum(n for n, _ in counts)
        n, primary = counts[0]
        name = key.split(":", 1)[1]
        if n * DOMINANT[1] >= total * DOMINANT[0]:
            clusters.union(primaries[primary][0], first[key], "article-equated-names",
                           f"{name!r} named {primary.split(':', 1)[1]!r} in {n} of the "
                           f"{total} articles that used it for a longer name")
        else:
            clusters.refuse(first[key], "not-merged:ambiguous-name",
                            f"{name!r} is another name of "
                            + ", ".join(sorted(p.split(":", 1)[1] for p in primaries)))


def _link_plurals(units: Sequence[Unit], clusters: Clusters) -> None:
    """An organisation or product name in the plural ("iPods", "Apple Stores") is the
    entity of the same name in the singular ("iPod", "Apple Store") where another unit
    goes by it: the units of a product, the branches of a chain.  People never ("Jobs"
    is no plural), nor acronyms ("NPDs"), nor a name the corpus never uses in the
    singular ("Reuters"; "Reuter Group" is another name), nor a plural that an article
    uses beside a model of it ("iPhones" beside "iPhone 4": units of that model, maybe)."""
    singular: dict[str, int] = {}
    named: dict[str, list[str]] = defaultdict(list)  # article -> its org names
    for unit in units:
        if unit.family == "org" and unit.name:
            singular.setdefault(fold(unit.name), unit.index)
            named[unit.article].append(unit.name)
    plurals: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        last = unit.name.split()[-1] if unit.family == "org" and unit.name else ""
        if len(last) >= 4 and last.endswith("s") and not last[:-1].isupper():
            plurals[fold(str(unit.name))].append(unit)
    for name, group in plurals.items():
        stems = [name[:-1]] + ([name[:-2]] if name.endswith("es") else [])
        found = next((singular[k] for k in stems if k in singular), None)
        if found is None:
            continue
        one = str(units[found].name)
        if any(model_of(n, one) for u in group for n in named[u.article]):
            clusters.refuse(group[0].index, "not-merged:plural-of-a-model",
                            f"{group[0].name!r} is used beside a model of {one!r}")
            continue
        for unit in group:
            clusters.union(found, unit.index, "plural-name",
                           f"{unit.name!r} is the plural of {one!r}")


def _specificity(name: PersonName) -> tuple[int, int]:
    given = 0 if len(name.given) == 1 else 1 if is_nickname(name.given, lexicon()) else 2
    return given, len(name.middle)


def _less_specific(a: PersonName, b: PersonName) -> bool:
    sa, sb = _specificity(a), _specificity(b)
    return sa != sb and sa[0] <= sb[0] and sa[1] <= sb[1]


def link_person_variants(units: Sequence[Unit], clusters: Clusters) -> None:
    """Full names that are one person's: a hypocorism, an initial, a missing middle
    name.  The less specific name joins the more specific one only when exactly one
    entity fits ("Chris Smith" stays apart from both Christopher and Christine)."""
    blocks: dict[str, dict[str, tuple[PersonName, int]]] = defaultdict(dict)
    for unit in units:
        if unit.family == "person" and unit.person is not None and unit.person.full:
            blocks[unit.person.surname].setdefault(unit.person.compact,
                                                   (unit.person, unit.index))
    for names in blocks.values():
        if len(names) < 2:
            continue
        ordered = sorted(names.values(), key=lambda item: _specificity(item[0]), reverse=True)
        for name, index in ordered:
            fits: dict[int, tuple[str, PersonName, int]] = {}
            for other, other_index in ordered:
                if other_index == index or _less_specific(other, name):
                    continue
                relation = name_relation(name, other)
                if relation is not None:
                    fits.setdefault(clusters.find(other_index), (relation, other, other_index))
            fits.pop(clusters.find(index), None)
            if len(fits) == 1:
                (relation, other, other_index), = fits.values()
                clusters.union(index, other_index, relation,
                               f"{name.compact!r} and {other.compact!r}")
            elif len(fits) > 1:
                clusters.refuse(index, "not-merged:ambiguous-name",
                                f"{name.compact!r} fits " + ", ".join(
                                    sorted(o.compact for _, o, _ in fits.values())))


def _within(dates: list[dt.date], day: dt.date | None, window: int) -> bool:
    if day is None or not dates:
        return True
    k = bisect.bisect_left(dates, day - dt.timedelta(days=window))
    return k < len(dates) and dates[k] <= day + dt.timedelta(days=window)


def link_surnames(units: Sequence[Unit], clusters: Clusters, window: int) -> None:
    """A surname alone ("Biden") is the one person of that surname the corpus names in
    full within ``window`` days of the article; with two ("George Bush", "Laura Bush")
    it stays apart.  Surnames no full name explains are one entity per surname."""
    holders: dict[str, dict[int, list[dt.date]]] = defaultdict(lambda: defaultdict(list))
    undated: set[int] = set()
    for unit in units:
        if unit.family == "person" and unit.person is not None and unit.person.full:
            root = clusters.find(unit.index)
            if unit.date is None:
                undated.add(root)
            else:
                holders[unit.person.surname][root].append(unit.date)
            holders[unit.person.surname].setdefault(root, [])
    for by_root in holders.values():
        for dates in by_root.values():
            dates.sort()
    alone: dict[str, int] = {}
    for unit in units:
        if unit.family != "person" or unit.person is None or unit.person.full:
            continue
        surname = unit.person.surname
        fits = [root for root, dates in holders.get(surname, {}).items()
                if root in undated or _within(dates, unit.date, window)]
        if len(fits) == 1:
            clusters.union(unit.index, fits[0], "surname-only",
                           f"{unit.name!r}: the one person named {surname!r} within "
                           f"{window} days")
        elif fits:
            clusters.refuse(unit.index, "not-merged:ambiguous-surname",
                            f"{unit.name!r}: {len(fits)} people of that surname")
        elif surname in alone:
            clusters.union(alone[surname], unit.index, "same-name", surname)
        else:
            alone[surname] = unit.index


def link_kind_names(units: Sequence[Unit], clusters: Clusters) -> None:
    """A longer name that is a shorter one with the word for a kind of thing after it
    ("iTunes Music Store", "iTunes Apps Stores" of "iTunes") joins the entity of the
    shorter name where an article described that entity as that kind of thing ("the
    iTunes store", "the store" after "iTunes"): the longest such shorter name only.
    Without that description the longer name is another thing named after the shorter
    ("iPhone Developer Program", "Apple Worldwide Developers Conference")."""
    first: dict[str, int] = {}
    described: dict[int, set[str]] = defaultdict(set)
    for unit in units:
        if unit.family != "org":
            continue
        first.setdefault(unit.primary, unit.index)
        root = clusters.find(unit.index)
        for m in unit.data.get("mentions", []):
            if m.get("kind") == "description" and str(m.get("text", "")).strip():
                described[root].add(head_word(str(m["text"]).split()[-1]))
    for unit in units:
        words = org_words(unit.name) if unit.family == "org" and unit.name else []
        if len(words) < 2:
            continue
        head = head_word(words[-1])
        for n in range(len(words) - 1, 0, -1):
            index = first.get("org:" + "".join(words[:n]))
            if index is None or index == unit.index:
                continue
            if head in described[clusters.find(index)]:
                clusters.union(index, unit.index, "name-with-kind-head",
                               f"{unit.name!r} is {' '.join(words[:n])!r} and the kind of "
                               f"thing an article called it: {head!r}")
            break
