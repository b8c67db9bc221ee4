"""The TIMEX3 tagger's lexicon, patterns and calendar arithmetic (used by helpers.timeline).

``load_rules()`` reads ``helpers/data/lexicons/timex.yaml`` once per process and
compiles its patterns. The other functions here turn dates into TimeML values
and calendar ranges and do the date arithmetic the normalizer needs; none of
them raises on dates out of range: they return None instead.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache


from . import vocabulary

LEXICON_PATH = vocabulary.data_file("lexicons", "timex.yaml")

# Granularities from fine to coarse; the order decides which one a shifted anchor keeps.
GRANULARITIES = ["time", "day", "weekend", "week", "month", "quarter", "season", "year", "decade", "century"]
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


@dataclass
class Pattern:
    """One compiled tagging rule from the lexicon."""

    name: str
    kind: str
    regex: re.Pattern
    triggers: tuple[str, ...] = ()


@dataclass
class Rules:
    """The lexicon with lower-cased lookups and the compiled patterns."""

    lexicon: dict
    patterns: list[Pattern] = field(default_factory=list)
    months: dict = field(default_factory=dict)
    weekdays: dict = field(default_factory=dict)
    seasons: dict = field(default_factory=dict)
    parts: dict = field(default_factory=dict)
    numbers: dict = field(default_factory=dict)
    ordinals: dict = field(default_factory=dict)
    units: dict = field(default_factory=dict)
    deictics: dict = field(default_factory=dict)
    relative: dict = field(default_factory=dict)
    directions: dict = field(default_factory=dict)
    frequencies: dict = field(default_factory=dict)
    decade_words: dict = field(default_factory=dict)
    holidays: dict = field(default_factory=dict)
    case_sensitive: dict = field(default_factory=dict)
    words: dict = field(default_factory=dict)
    trigger: re.Pattern | None = None
    trigger_words: dict = field(default_factory=dict)


def _lower_keys(mapping: dict | None) -> dict:
    return {str(key).lower(): value for key, value in (mapping or {}).items()}


def alternation(words) -> str:
    """A regex alternation of words, longest first, with any run of spaces matching any whitespace."""
    ordered = sorted({str(w).lower() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def _placeholders(rules: Rules) -> dict[str, str]:
    lex = rules.lexicon
    number_word = alternation(w for w in rules.numbers if w not in ("a", "an"))
    units = rules.units
    return {
        "MONTH": alternation(rules.months),
        "WEEKDAY": alternation(rules.weekdays),
        "SEASON": alternation(rules.seasons),
        "PART": alternation(rules.parts),
        "NUM": (r"(?:\d+(?:,\d{3})*(?:\.\d+)?(?:\s+\d/\d)?|\d/\d|"
                + number_word + r"(?:(?:\s+|-)(?:and\s+)?" + number_word + ")*|an?)"),
        "UNIT": alternation(units),
        "UNITS": alternation(u for u in units if u.endswith("s")),
        "UNIT1": alternation(u for u in units if not u.endswith("s")),
        "ORD": alternation(rules.ordinals),
        "DEICTIC": alternation(rules.deictics),
        "MOD": alternation(lex.get("modifiers") or ["early"]),
        "APPROX": alternation(lex.get("approximators") or ["about"]),
        "DIRECTION": alternation(rules.directions),
        "FREQ": alternation(rules.frequencies),
        "DECADEWORD": alternation(rules.decade_words),
        "HOLIDAY": alternation(rules.holidays),
        "TZ": alternation(lex.get("timezones") or ["GMT"]),
        "YEAR": r"(?:1\d{3}|20\d{2})",
        "SPOKENYEAR": _spoken_year_regex(rules),
        "DAYWORD": alternation(w for w, n in rules.ordinals.items() if n <= 31 and not w[0].isdigit()),
    }


def _spoken_year_regex(rules: Rules) -> str:
    """Years in words: "nineteen ninety-six", "nineteen oh five", "twenty twenty-one", "two thousand and one"."""
    words = {value: word for word, value in rules.numbers.items() if isinstance(value, int) and " " not in word}
    ones = alternation(words[n] for n in range(1, 10) if n in words)
    teens = alternation(words[n] for n in range(10, 20) if n in words)
    tens = alternation(words[n] for n in range(20, 100, 10) if n in words)
    two_digits = rf"(?:{teens}|{tens}(?:[\s-]+{ones})?)"
    return (rf"(?:(?:nineteen|twenty)[\s-]+(?:hundred|oh[\s-]+{ones}|{two_digits})"
            rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:{two_digits}|{ones}))?)")


def spoken_year(text: str, rules: Rules) -> int | None:
    """The year a spoken year names ("nineteen ninety-six" -> 1996, "two thousand and one" -> 2001)."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + int(parse_number(" ".join(rest), rules) or 0) if rest else 2000
    century = rules.numbers.get(words[0])
    if not isinstance(century, int) or len(words) < 2:
        return None
    if words[1] == "hundred":
        return century * 100
    if words[1] == "oh":
        rest = parse_number(" ".join(words[2:]), rules)
    else:
        rest = parse_number(" ".join(words[1:]), rules)
    return century * 100 + int(rest) if rest is not None and rest < 100 else None


def _expand(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{([A-Z0-9]+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


# Rules attribute -> the lexicon key of the word table (word -> value) it holds, words in lower case.
LEXICON_TABLES = {
    "months": "months", "weekdays": "weekdays", "seasons": "seasons", "parts": "parts_of_day",
    "numbers": "number_words", "ordinals": "ordinals", "units": "units", "deictics": "deictics",
    "relative": "relative", "directions": "directions", "frequencies": "frequencies",
    "decade_words": "decade_words", "holidays": "holidays",
}


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read the lexicon (with the shared verbs of saying) and compile its patterns, once per process."""
    lexicon = dict(vocabulary.lexicon("timex"))
    lexicon["reporting_verbs"] = sorted(vocabulary.shared().speech_verbs)
    rules = Rules(lexicon=lexicon)
    for attribute, key in LEXICON_TABLES.items():
        setattr(rules, attribute, _lower_keys(lexicon.get(key)))
    rules.case_sensitive = {str(w).lower(): str(w) for w in lexicon.get("case_sensitive") or []}
    for key in ("future_cues", "hypothetical_cues", "reporting_verbs", "event_nouns", "year_cues", "forward_heads",
                "deadline_nouns", "backward_prepositions", "deadline_prepositions", "deadline_verbs", "declaring_verbs"):
        rules.words[key] = {str(w).lower() for w in lexicon.get(key) or []}
    values = _placeholders(rules)
    for entry in lexicon.get("patterns") or []:
        body = _expand(entry["regex"], values)
        regex = re.compile(r"(?<![\w'])(?:" + body + ")", re.IGNORECASE)
        triggers = tuple(entry.get("trigger") or ())
        rules.patterns.append(Pattern(entry.get("name", entry["kind"]), entry["kind"], regex, triggers))
    rules.trigger = _trigger_regex(rules)
    return rules


def _trigger_regex(rules: Rules) -> re.Pattern:
    """One regex that finds every trigger word in a single pass, its class in the group name."""
    classes = {
        "MONTH": alternation(rules.months),
        "WEEKDAY": alternation(list(rules.weekdays) + [w + "s" for w in rules.weekdays if w.endswith("day")]),
        "SEASON": alternation(rules.seasons),
        "PART": alternation(rules.parts),
        "UNIT": alternation(rules.units),
        "DEICTIC": alternation(key.split()[-1] for key in rules.deictics),
        "HOLIDAY": alternation(key.split()[0] for key in rules.holidays),
        "FREQ": alternation(rules.frequencies),
        "DECADEWORD": alternation(rules.decade_words),
        "DECADE": r"(?:(?:1\d|20)?\d0'?s|'\d0s)",
        "DIGITDATE": r"(?:\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})",
        "YEAR": r"(?:1\d{3}|20\d{2})",
        "AMPM": r"(?:[ap]\.m\.?|[ap]m)",
        "NOON": r"(?:noon|midnight|midday)",
        "QUARTER": r"(?:quarter|half|period)",
        "CENTURY": r"(?:century)",
        "EVERY": r"(?:every|each)",
        "SPOKEN": r"(?:nineteen|twenty|thousand)",
    }
    words = {"MONTH": rules.months, "WEEKDAY": rules.weekdays, "SEASON": rules.seasons, "PART": rules.parts,
             "UNIT": rules.units, "FREQ": rules.frequencies, "DECADEWORD": rules.decade_words,
             "DEICTIC": [key.split()[-1] for key in rules.deictics],
             "HOLIDAY": [key.split()[0] for key in rules.holidays],
             "QUARTER": ["quarter", "half", "period"], "CENTURY": ["century"], "EVERY": ["every", "each"],
             "SPOKEN": ["nineteen", "twenty", "thousand"]}
    for name, members in words.items():  # a word may open several classes ("quarter": UNIT and QUARTER)
        for word in members:
            rules.trigger_words.setdefault(str(word).lower(), set()).add(name)
    body = "|".join(f"(?P<{name}>{regex})" for name, regex in classes.items())
    return re.compile(r"(?<![\w'])(?:" + body + r")(?!\w)", re.IGNORECASE)


# ---------------------------------------------------------------- numbers

def parse_number(text: str, rules: Rules) -> float | None:
    """The amount a number phrase names ("two", "twenty-four", "5 1/2", "a few"); None when vague."""
    text = text.lower().strip()
    digits = re.fullmatch(r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s+(\d)/(\d))?|(\d)/(\d)", text)
    if digits:
        if digits.group(4):
            return int(digits.group(4)) / max(int(digits.group(5)), 1)
        amount = float(digits.group(1).replace(",", ""))
        if digits.group(2):
            amount += int(digits.group(2)) / max(int(digits.group(3)), 1)
        return amount
    if text in rules.numbers:
        value = rules.numbers[text]
        return None if value == "X" else float(value)
    total = 0.0
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        value = rules.numbers.get(word)
        if value is None or value == "X":
            return None
        if value in (100, 1000):
            total = max(total, 1) * value
        else:
            total += value
    return total or None


def duration_value(amount: float | None, letter: str) -> str:
    """A TimeML duration such as P2D, PT3H, P10Y or PXW (vague amount)."""
    time_part = letter.startswith("T")
    letter = letter[1:] if time_part else letter
    if letter == "DE":
        letter, amount = "Y", None if amount is None else amount * 10
    elif letter == "CE":
        letter, amount = "Y", None if amount is None else amount * 100
    elif letter == "WE":
        letter, amount = "D", None if amount is None else amount * 2
    prefix = "PT" if time_part else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    whole = int(amount)
    rest = amount - whole
    # a fraction goes to the next finer unit: P1Y6M, PT5H30M, PT1M30S, P1DT12H
    finer = {(False, "Y"): ("M", 12, ""), (True, "H"): ("M", 60, ""), (True, "M"): ("S", 60, ""),
             (False, "D"): ("H", 24, "T")}.get((time_part, letter))
    if rest and finer:
        small, per, separator = finer
        part = f"{separator}{round(rest * per)}{small}"
        return f"{prefix}{whole}{letter}{part}" if whole else f"{prefix}{part}"
    return f"{prefix}{round(amount) if rest else whole}{letter}"


# ---------------------------------------------------------------- calendar arithmetic

def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when it does not exist (February 30, year 0)."""
    try:
        return dt.date(int(year), int(month), int(day))
    except (ValueError, OverflowError, TypeError):
        return None


def add_months(day: dt.date, months: int) -> dt.date | None:
    """The same day some months later (or earlier), clipped to the month's last day."""
    try:
        index = day.year * 12 + day.month - 1 + int(months)
        year, month = divmod(index, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return dt.date(year, month + 1, min(day.day, last))
    except (ValueError, OverflowError, TypeError):
        return None


def shift(day: dt.date | None, amount: float, letter: str) -> dt.date | None:
    """Move a date by an amount of a unit letter (D, W, WE, M, Q, Y, DE, CE); None if out of range."""
    if day is None:
        return None
    try:
        amount = int(amount)
        if letter == "D":
            return day + dt.timedelta(days=amount)
        if letter in ("W", "WE"):
            return day + dt.timedelta(weeks=amount)
        if letter == "M":
            return add_months(day, amount)
        if letter == "Q":
            return add_months(day, 3 * amount)
        if letter == "Y":
            return add_months(day, 12 * amount)
        if letter == "DE":
            return add_months(day, 120 * amount)
        if letter == "CE":
            return add_months(day, 1200 * amount)
    except (ValueError, OverflowError, TypeError):
        return None
    return None


def month_end(year: int, month: int) -> dt.date | None:
    try:
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    except (ValueError, OverflowError, TypeError):
        return None


def period(day: dt.date | None, granularity: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    """The TimeML value and first and last day of the period of a granularity that contains a day."""
    if day is None:
        return None
    try:
        year, month = day.year, day.month
        if granularity in ("day", "time"):
            return day.isoformat(), day, day
        if granularity == "week":
            iso_year, week, weekday = day.isocalendar()
            monday = day - dt.timedelta(days=weekday - 1)
            return f"{iso_year}-W{week:02d}", monday, monday + dt.timedelta(days=6)
        if granularity == "weekend":
            iso_year, week, weekday = day.isocalendar()
            saturday = day + dt.timedelta(days=6 - weekday)
            return f"{iso_year}-W{week:02d}-WE", saturday, saturday + dt.timedelta(days=1)
        if granularity == "month":
            return f"{year:04d}-{month:02d}", dt.date(year, month, 1), month_end(year, month)
        if granularity == "quarter":
            quarter = (month - 1) // 3 + 1
            return (f"{year:04d}-Q{quarter}", dt.date(year, 3 * quarter - 2, 1),
                    month_end(year, 3 * quarter))
        if granularity == "half":
            half = 1 if month <= 6 else 2
            return f"{year:04d}-H{half}", dt.date(year, 6 * half - 5, 1), month_end(year, 6 * half)
        if granularity == "year":
            return f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31)
        if granularity == "decade":
            first = year - year % 10
            return f"{first // 10:03d}", safe_date(max(first, 1), 1, 1), safe_date(first + 9, 12, 31)
        if granularity == "century":
            first = year - year % 100
            return f"{first // 100:02d}", safe_date(max(first, 1), 1, 1), safe_date(first + 99, 12, 31)
    except (ValueError, OverflowError):
        return None
    return None


def season_period(year: int, code: str):
    """Value and range of a season of a year (meteorological seasons; winter runs into the next year)."""
    first, last = SEASON_MONTHS.get(code, (None, None))
    if first is None:
        return None
    start = safe_date(year, first, 1)
    end = month_end(year + 1, last) if code == "WI" else month_end(year, last)
    if start is None or end is None:
        return None
    return f"{year:04d}-{code}", start, end


def easter(year: int) -> dt.date | None:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return safe_date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date | None:
    first = safe_date(year, month, 1)
    if first is None:
        return None
    return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def hijri_range(hijri_year: int, entry: dict) -> tuple[dt.date, dt.date] | None:
    """Gregorian first and last day of an Islamic-calendar holiday in a Hijri year (hijridate)."""
    try:
        from hijridate import Hijri

        month, day = int(entry["hijri_month"]), int(entry.get("hijri_day", 1))
        start = Hijri(hijri_year, month, day).to_gregorian()
        start = dt.date(start.year, start.month, start.day)
        if entry.get("days") == "month":
            month_length = Hijri(hijri_year, month, 1).month_length()
            end = start + dt.timedelta(days=month_length - day)
        else:
            end = start + dt.timedelta(days=int(entry.get("days", 1)) - 1)
        return start, end
    except Exception:  # hijridate covers 1343-1500 AH only; anything else is simply not resolved
        return None


def hijri_year_of(day: dt.date) -> int | None:
    try:
        from hijridate import Gregorian

        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except Exception:
        return None
