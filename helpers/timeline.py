"""The timeline table: TIMEX3 temporal expressions, their TimeML values and the events they anchor.

``extract_timeline(doc, article_id, reference_date)`` tags the temporal
expressions of a parsed article (DATE, TIME, DURATION, SET), normalizes each to
a TimeML TIMEX3 value, gives it a calendar range for plotting and links it to
the event it anchors. The rules are regular expressions over ``doc.text``
built from ``helpers/data/lexicons/timex.yaml`` (see the comments there); the parse is
used for the events, their status and for the tense that resolves
underspecified dates. Nothing here runs a second pipeline.

Choices, in short:

* **Spans** follow TimeBank: determiners, modifiers and "ago"/"later" are part
  of the expression ("the weekend", "early May", "two days later");
  prepositions are not. "Monday (May 29)" gives two expressions, one per
  phrase, each with the same value; "Friday, Oct. 23" gives one.
* **Reference date**: the article's publication date. Without it, values keep
  what the text says (``XXXX-05-29``, ``XXXX-WXX-1``) and no range is made up.
* **The clause decides the direction** of an underspecified date
  (``clause_direction``, cue words in the lexicon): back for a past event,
  forward for a planned one, a deadline in a clause not in the past ("would be
  out by September 11"), a declared or scheduled day ("declared Tuesday a day
  of mourning"), "payable Dec. 7", "effective Feb. 1" or a present-tense verb
  with a day of the month ("reconvenes Jan. 24"); the nearest such date for
  other present tenses, modals, infinitives and deadline nouns, or a plan told
  in the past perfect. A weekday is then the last, the next or the nearest
  such day; a month or month-day takes the year that puts it there; a weekday
  written with its date ("Saturday, April 25") fixes the year.
* **Anchors** (the ``anchor`` column says which): a day that dates a verb of
  saying ("said on Saturday", ``speech:tN``) anchors what that verb reports:
  "the past week" said on Saturday 8 May is 2-8 May whenever the article
  appeared. Otherwise relative expressions count from the publication date
  (``published``); "two days later", "the next day", "the year before" from
  the date the text told last (``text:tN``; for years, not from the days of
  the week things were said on). So in "X told reporters on Monday that ... in
  the next two days", published on Tuesday 30 May 2017, the two days are 30-31
  May (from Monday 29 May), not 31 May-1 June. Values stated in full have no
  anchor. ``direction`` says where the value lies from its anchor day: past,
  future or none (it holds the day, or has no anchor).
* **Relative spans**: "the past week", "the last seven days", "the past year"
  are durations ending on their anchor day; "earlier this month" keeps the
  month's value and ends its range on that day; "in the coming days" starts
  the day after and leaves its end open (likewise "in recent weeks").
* **Durations are not dates** unless their sentence anchors them: by a
  direction ("the next two days"), by "since" ("the two years since the
  coup") or by a present perfect with "for" ("has been held for six months").
  "A seven-day stakeout" or "the six-year rebellion" keep their value and get
  no range; "the year ended March 31" is twelve months ending on that day.
* **Holidays**: fixed, Easter-based and nth-weekday days by arithmetic; Islamic
  ones (Ramadan, the Eids) with the hijridate package. The value is the first
  day; ``date_end`` is the last day of the period.
* **Events** are the verb that governs the expression or the event noun it
  modifies; status is ``planned`` (will, going to, plan to..., or "would" under
  a reporting verb), ``hypothetical`` (other modals, "if"), ``ongoing``
  (present tense) or ``happened`` (past and perfect).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from helpers.nlp import doc_text, sentences
from helpers.timex_rules import (
    GRANULARITIES, Rules, duration_value, easter, hijri_range, hijri_year_of, load_rules,
    nth_weekday, parse_number, period, safe_date, season_period, shift, spoken_year,
)

ROW_KEYS = ["article_id", "timex_id", "start", "end", "text", "type", "value", "date_start", "date_end",
            "event_text", "granularity", "event_start", "event_end", "event_status", "anchor", "direction"]
# Normalizers that need the values of the other expressions (pass two).
ANCHORED_KINDS = {"offset", "anchored", "duration", "period"}
# Which way an underspecified date points when there is no parse to read its clause from (clause_direction):
# news reports the present and the past far more than it schedules.
DIRECTION = {"happened": -1, "ongoing": -1, "planned": 1, "hypothetical": 1}
BACKWARD_WORDS = {"past", "last", "previous", "recent", "preceding", "this past", "the past", "the last"}
FORWARD_WORDS = {"next", "coming", "following", "remaining", "this coming", "the next", "the coming", "ahead"}


@dataclass
class Timex:
    """One tagged expression while it is being normalized."""

    start: int
    end: int
    text: str
    kind: str
    groups: dict
    type: str = "DATE"
    value: str = ""
    granularity: str = ""
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    anchor: str = ""
    sentence: int = -1
    event: object = None
    status: str = "happened"
    lean: int = -1  # which way an underspecified date points: -1 back, +1 forward, 0 the nearest
    extra: dict = field(default_factory=dict)


# ---------------------------------------------------------------- public API

def extract_timeline(doc, article_id: str, reference_date: dt.date | None) -> list[dict]:
    """Rows of the timeline table for one parsed article: one per temporal expression, in text order."""
    rules = load_rules()
    timexes = doc.user_data.pop(TAGGED_KEY, None)  # tagged already by infer_reference_date: no second pass
    if timexes is None:
        timexes = tag(doc, rules)
    if not timexes:
        return []
    sentence_starts = [sent.start_char for sent in sentences(doc)] or [0]
    for timex in timexes:
        timex.sentence = _sentence_index(sentence_starts, timex.start)
        timex.event = link_event(doc, timex.start, timex.end, rules)
        timex.status = event_status(timex.event, rules) if timex.event is not None else "happened"
        timex.lean = clause_direction(doc, timex, rules)
        timex.extra["preposition"] = _preposition(doc, timex)
    speech = [index for index, timex in enumerate(timexes) if _dates_a_saying(timex, rules)]
    for index in speech:
        timexes[index].extra["speech_time"] = True
    for stage in ("speech", "dates", "anchored"):
        for index, timex in enumerate(timexes):
            if _stage(index, timex, speech) != stage:
                continue
            said = _speech_time(index, timexes, speech) if timex.kind in SPEECH_RELATIVE_KINDS else None
            base = said[0].date_start if said else reference_date
            timex.extra["said"] = said is not None
            try:
                normalize(timex, index, timexes, base, rules)
            except Exception:  # one odd expression must not lose the others
                timex.value = timex.value or "XXXX"
            if timex.anchor == "reference":
                timex.anchor = f"speech:t{said[1] + 1}" if said else "published"
        if stage == "dates":
            _weekdays_take_their_dates(timexes, rules)
    return [_row(article_id, number, timex, _anchor_day(timex, timexes, reference_date))
            for number, timex in enumerate(timexes, start=1)]


# Expressions read from the day something was said when their sentence has one ("said on Saturday that ... in
# the past week"): the others keep the publication date (TimeBank counts "yesterday" and "ago" from it).
SPEECH_RELATIVE_KINDS = {"weekday", "date", "relative", "duration"}


def _dates_a_saying(timex: Timex, rules: Rules) -> bool:
    """True for "said on Saturday", "told reporters Monday": a day whose event is a verb of saying."""
    event = timex.event
    return (event is not None and timex.kind in ("weekday", "date", "deictic")
            and event.lemma_.lower() in rules.words["reporting_verbs"] and not timex.groups.get("part"))


def _stage(index: int, timex: Timex, speech: list[int]) -> str:
    """When an expression is normalized: the days of saying first, then dates, then what counts from them."""
    if index in speech:
        return "speech"
    return "anchored" if timex.kind in ANCHORED_KINDS else "dates"


def _speech_time(index: int, timexes: list[Timex], speech: list[int]):
    """The day its words were said, for an expression inside what a dated verb of saying reports, else None."""
    timex = timexes[index]
    if timex.event is None:
        return None
    for other_index in speech:
        other = timexes[other_index]
        if other_index == index or other.sentence != timex.sentence or other.date_start is None:
            continue
        verb = other.event
        if timex.event.i != verb.i and any(ancestor.i == verb.i for ancestor in timex.event.ancestors):
            return other, other_index
    return None


def _anchor_day(timex: Timex, timexes: list[Timex], published: dt.date | None) -> dt.date | None:
    """The day an expression's value was counted from, as its anchor column names it."""
    if timex.anchor == "published":
        return published
    if timex.anchor.startswith(("speech:t", "text:t")):
        return timexes[int(timex.anchor.split(":t")[1]) - 1].date_start
    return None


def infer_reference_date(doc) -> dt.date | None:
    """A reference date read from the text: the latest weekday that the text pairs with a date.

    "Monday (May 29)", "Friday, Oct. 23" or "Monday, May 29, 2017" name a day
    whose weekday fixes the year among few candidates: the year written
    next to it, else the first year from the latest year the text mentions,
    else the latest year up to today. None when the text has no such pair.
    """
    rules = load_rules()
    timexes = doc.user_data.get(TAGGED_KEY)
    if timexes is None:
        timexes = doc.user_data[TAGGED_KEY] = tag(doc, rules)  # extract_timeline takes them over (and changes them)
    years = [int(t.groups["year"]) for t in timexes if t.groups.get("year") and t.kind in ("year", "date")]
    found = []
    for index, timex in enumerate(timexes):
        weekday = _weekday_number(timex.groups.get("weekday"), rules)
        date_groups = timex.groups
        if timex.kind == "date" and weekday is None and index > 0:
            before = timexes[index - 1]
            between = doc_text(doc)[before.end:timex.start]
            if before.kind == "weekday" and not before.groups.get("rel") and between.strip() in ("(", ",", "", "-"):
                weekday = _weekday_number(before.groups.get("weekday"), rules)
        if timex.kind == "weekday" and index + 1 < len(timexes):
            after = timexes[index + 1]
            if after.kind == "date" and doc_text(doc)[timex.end:after.start].strip() in ("(", ","):
                continue  # the pair is counted once, from the date's side
        if weekday is None or timex.kind != "date" or not date_groups.get("day") or not date_groups.get("month"):
            continue
        month, day = rules.months.get(date_groups["month"].lower()), int(date_groups["day"])
        day_found = _year_for_weekday(month, day, weekday, date_groups.get("year"), years)
        if day_found:
            found.append(day_found)
    return max(found) if found else None


# ---------------------------------------------------------------- tagging

TAGGED_KEY = "conflict_news_timexes"   # in doc.user_data: the expressions infer_reference_date tagged

def tag(doc, rules: Rules) -> list[Timex]:
    """The temporal expressions of a text: every pattern's matches, the longest kept where they overlap.

    A pattern is only run in short windows around the trigger words of its
    classes (found in one pass), never over the whole text.
    """
    text = doc_text(doc)
    windows = trigger_windows(text, rules)
    found, seen = [], set()
    for order, pattern in enumerate(rules.patterns):
        spans = _merge([w for name in pattern.triggers for w in windows.get(name, ())])
        for window_start, window_end in spans:
            for match in pattern.regex.finditer(text, window_start, window_end):
                start, end = match.span()
                while end > start and text[end - 1] in " \t\n,":
                    end -= 1
                if (start, end, order) in seen:
                    continue
                seen.add((start, end, order))
                if end > start and _case_ok(match, rules) and _plausible(match, pattern.kind, doc, rules):
                    found.append((start, end, order, pattern.kind, match))
    found.sort(key=lambda f: (f[0] - f[1], f[0], f[2]))
    chosen: list[tuple] = []
    starts: list[int] = []      # chosen never overlap: sorted by start, their ends are sorted too
    for candidate in found:
        at = bisect.bisect_right(starts, candidate[0])
        if (at == 0 or chosen[at - 1][1] <= candidate[0]) and (at == len(chosen) or candidate[1] <= chosen[at][0]):
            chosen.insert(at, candidate)
            starts.insert(at, candidate[0])
    timexes = []
    for start, end, _, kind, match in chosen:
        groups = {key: value for key, value in match.groupdict().items() if value}
        _read_words(groups, rules)
        if kind == "duration" and groups.get("the") and not groups.get("rel") and _adjectival(groups, rules):
            start = match.start("num")  # "the six-year rebellion": the article belongs to the noun
        if kind == "quarter" and groups.get("pre", "").lower() == "the" and "-" in match.group(0):
            start = match.start("ord")  # "the third-quarter profit", likewise
        timexes.append(Timex(start, end, text[start:end], kind, groups, extra={"after": text[end:end + 12]}))
        if kind == "duration" and _is_rate(timexes[-1], doc):
            timexes[-1].extra["rate"] = True
    return timexes


WINDOW_BEFORE, WINDOW_AFTER = 60, 40


def trigger_windows(text: str, rules: Rules) -> dict[str, list[tuple[int, int]]]:
    """For each trigger class, the stretches of text around its words where a pattern may match."""
    windows: dict[str, list[tuple[int, int]]] = {}
    length = len(text)
    for match in rules.trigger.finditer(text):
        start = max(0, match.start() - WINDOW_BEFORE)
        end = min(length, match.end() + WINDOW_AFTER)
        while end < length and not text[end].isspace():  # never cut a word: endpos acts as the text's end
            end += 1
        for name in rules.trigger_words.get(match.group().lower(), (match.lastgroup,)):
            windows.setdefault(name, []).append((start, end))
    return windows


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _read_words(groups: dict, rules: Rules) -> None:
    """Years and days written in words ("nineteen ninety-six", "March eighth") as the digits the normalizers read."""
    if groups.get("spoken"):
        year = spoken_year(groups["spoken"], rules)
        if year:
            groups["year"] = str(year)
    if groups.get("dayword"):
        groups["day"] = str(rules.ordinals.get(_key(groups["dayword"]), ""))


def _adjectival(groups: dict, rules: Rules) -> bool:
    """True for "six-year", "two day": a number before a singular unit, which then modifies a noun."""
    unit, number = groups.get("unit", "").lower(), groups.get("num", "")
    if not number or unit not in rules.units or unit.endswith("s"):
        return False
    return number.lower() not in ("a", "an", "one", "1")


def _case_ok(match, rules: Rules) -> bool:
    """False when a case-sensitive name ("May") is written otherwise ("may")."""
    for name in ("month", "weekday"):
        word = match.group(name) if name in match.re.groupindex else None
        if word and word.lower() in rules.case_sensitive and word != rules.case_sensitive[word.lower()]:
            return False
    return True


NAME_LABELS = {"PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW", "GPE", "NORP"}


def _plausible(match, kind: str, doc, rules: Rules) -> bool:
    """Filters names ("Jan Kavan", "the March for Life") and bare numbers that are no years.

    A bare number such as 1998 is a year only when spaCy says DATE or a year cue precedes it.
    """
    if kind in ("date", "weekday", "relative"):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        return span is None or not len(span) or span[0].ent_type_ not in NAME_LABELS
    if kind == "duration":
        return not _fraction(match, doc)
    if kind == "year" and "spoken" in match.re.groupindex and match.group("spoken"):
        # "two thousand" is a number unless "the year" says otherwise; "nineteen ninety-six" is a year
        return bool(match.group("pre")) or match.group("spoken").lower().startswith("nineteen")
    if kind != "year" or match.group("mod") or match.group("pre"):
        return True
    start = match.start("year")
    span = doc.char_span(start, match.end("year"), alignment_mode="expand")
    if span is None or not len(span):
        return False
    token = span[0]
    if token.ent_type_ == "DATE":
        return True
    return token.i > 0 and doc[token.i - 1].lower_ in rules.words["year_cues"]


RATE_WORDS = {"million", "billion", "trillion", "thousand", "hundred", "percent", "%"}


def _fraction(match, doc) -> bool:
    """True for "three-quarters of its food", "more than a quarter of the market": a share, not a time."""
    groups = match.groupdict()
    if not (groups.get("unit") or "").lower().startswith("quarter"):
        return False
    written = match.group(0).lower()
    share = "-quarter" in written or (groups.get("num") or "").lower() in ("a", "an", "one")
    after = doc_text(doc)[match.end():match.end() + 20]
    return share and re.match(r"\s+of\b(?!\s+(?:the\s+)?(?:fiscal\b|year\b|\d{4}\b))", after) is not None


def _is_rate(timex: Timex, doc) -> bool:
    """True for "$2 million a year", "four flights a week", "24 hours a day": "a" unit after an amount (a SET)."""
    groups = timex.groups
    if (groups.get("num") or "").lower() not in ("a", "an") or any(groups.get(k) for k in ("the", "rel", "approx")):
        return False
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.tag_ in ("CD", "NNS", "NNPS") or before.lower_ in RATE_WORDS


# ---------------------------------------------------------------- events

def link_event(doc, start: int, end: int, rules: Rules):
    """The event an expression anchors: the noun it modifies when that is an event, else the governing verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or not doc.has_annotation("DEP"):
        return None
    token = span.root
    for _ in range(12):
        head = token.head
        if head.i == token.i:
            return token if token.pos_ in ("VERB", "AUX") and not (span.start <= token.i < span.end) else None
        if span.start <= head.i < span.end:
            token = head
            continue
        if head.pos_ == "VERB":
            return head
        if head.pos_ in ("NOUN", "PROPN") and (
                token.dep_ in ("amod", "compound", "nmod", "poss", "nummod") or head.lemma_.lower() in rules.words["event_nouns"]):
            return head
        if head.pos_ == "AUX" and head.dep_ not in ("aux", "auxpass"):  # a copula heads its clause: "would be out"
            return head
        token = head
    return None


def event_status(token, rules: Rules) -> str:
    """happened, ongoing, planned or hypothetical, from the tense, aspect and modality around an event."""
    verb = token
    for _ in range(8):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "happened"
    auxiliaries, above, clause = _auxiliaries(verb), [], verb
    for _ in range(8):
        infinitive = any(child.tag_ == "TO" for child in clause.children)
        if clause.head.i == clause.i or not (clause.dep_ in ("xcomp", "conj", "acl") or infinitive):
            break
        clause = clause.head
        while clause.pos_ in ("NOUN", "PROPN") and clause.head.i != clause.i:
            clause = clause.head
        above.append(clause.lemma_.lower())
        auxiliaries += _auxiliaries(clause)
    words = {a.lower_ for a in auxiliaries}
    if words & {"will", "shall", "'ll", "wo"} or set(above) & rules.words["future_cues"]:
        return "planned"
    if "would" in words or "'d" in words:
        reported = clause.dep_ == "ccomp" and clause.head.lemma_.lower() in rules.words["reporting_verbs"]
        return "planned" if reported else "hypothetical"
    if words & rules.words["hypothetical_cues"] or any(
            c.dep_ == "mark" and c.lower_ in rules.words["hypothetical_cues"] for c in clause.children):
        return "hypothetical"
    if any(a.lower_ in ("going",) for a in auxiliaries):
        return "planned"
    tags = [a.tag_ for a in auxiliaries if a.dep_ in ("aux", "auxpass")] + [verb.tag_]
    finite = next((t for t in tags if t in ("VBD", "VBZ", "VBP", "MD")), None)
    if finite is None and clause.head.i != clause.i:
        finite = clause.head.tag_ if clause.head.tag_ in ("VBD", "VBZ", "VBP") else None
    if finite == "VBD":
        return "happened"
    if finite in ("VBZ", "VBP"):
        perfect = any(a.lemma_ == "have" for a in auxiliaries) and verb.tag_ == "VBN"
        return "happened" if perfect else "ongoing"
    return "happened"


def clause_direction(doc, timex: Timex, rules: Rules) -> int:
    """Whether an underspecified date points back (-1), forward (+1) or to the nearest such day (0).

    Read from its clause, strongest cue first:

    * a day declared or set ("declared Tuesday a national day of mourning",
      "set Friday as the deadline") is the coming one (the nearest, after "had");
    * "since" points back ("on patrol since March");
    * a word on the way to the event that looks ahead: "payable Dec. 7",
      "effective Feb. 1", "the slated visit in September";
    * a deadline ("by September 11", "until Tuesday") points forward in a
      clause that is not in the past, or under a verb that moves one
      ("extended its offer to Nov. 20", "postponed until Tuesday"); a day a
      plan is "for" is the nearest ("a rally planned for Saturday");
    * then tense and modality: planned events and "is to" look forward, and so
      does a verb in the present tense with a day of the month, the present of
      timetables ("Congress reconvenes Jan. 24"); another present tense, an
      infinitive ("agreed to buy it in February"), a modal ("could be reached
      Wednesday") or a deadline noun ("the Jan. 14 deadline") take the nearest
      date; the past tense and a past modal ("may have been responsible
      Wednesday") point back.
    """
    status, event = timex.status, timex.event
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or not len(span) or not doc.has_annotation("DEP") or event is None:
        return DIRECTION.get(status, -1)
    root, lemma, words = span.root, event.lemma_.lower(), rules.words
    # a plan or deadline told in the past perfect ("had been due to expire Friday") may have passed
    ahead = 0 if _past_perfect(event) else 1
    if _declared_day(root, event, rules):
        return ahead
    preposition, forward, nearest = _path_cues(root, event, words)
    if forward:
        return ahead
    if preposition in words["backward_prepositions"]:
        return -1
    if preposition in words["deadline_prepositions"] or preposition == "to":
        if lemma in words["deadline_verbs"]:
            return ahead
        if preposition != "to" and status != "happened":
            return ahead
    if lemma in words["future_cues"] and preposition == "for":
        return 0  # "planned for Saturday": ahead of the planning, which may itself be past
    if status == "planned":
        return ahead
    infinitive = event.tag_ == "VB" and any(child.tag_ == "TO" for child in event.children)
    if infinitive and event.head.lemma_ == "be" and event.head.tag_ in ("VBZ", "VBP"):
        return 1  # "is to resume trading Tuesday"
    if status == "hypothetical":
        perfect = any(child.lemma_ == "have" and child.dep_ == "aux" for child in event.children)
        return -1 if perfect else 0
    if status == "ongoing" and timex.kind == "date" and timex.groups.get("day") and event.pos_ in ("VERB", "AUX"):
        return 1
    if status == "ongoing" or infinitive or nearest:
        return 0
    return -1


def _path_cues(root, event, words: dict) -> tuple[str | None, bool, bool]:
    """What lies between an expression and its event: the first preposition, a forward word, a deadline noun."""
    token, preposition, forward, nearest = root, None, False, False
    for _ in range(8):
        if token.head.i == token.i or token.i == event.i:
            break
        token = token.head
        if token.pos_ == "ADP" and preposition is None:
            preposition = token.lower_
        forward = forward or token.lower_ in words["forward_heads"] or token.lemma_.lower() in words["forward_heads"]
        nearest = nearest or token.lemma_.lower() in words["deadline_nouns"]
    return preposition, forward, nearest


def _past_perfect(event) -> bool:
    """True when the event's clause is in the past perfect: "had been due to expire", "had set Friday"."""
    token = event
    for _ in range(4):
        if any(child.lower_ == "had" and child.dep_ in ("aux", "auxpass") for child in token.children):
            return True
        if token.dep_ not in ("xcomp", "acomp", "conj") or token.head.i == token.i:
            return False
        token = token.head
    return False


def _preposition(doc, timex: Timex) -> str | None:
    """The preposition an expression is the object of ("for" in "for six months"), in lower case."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or not len(span) or not doc.has_annotation("DEP"):
        return None
    head = span.root.head
    return head.lower_ if span.root.dep_ == "pobj" and head.pos_ == "ADP" else None


def _declared_day(root, event, rules: Rules) -> bool:
    """True for the day a verb of declaring names: "declared Tuesday (as) a day of mourning", not "declared Tuesday that"."""
    if root.head.i != event.i or event.lemma_.lower() not in rules.words["declaring_verbs"]:
        return False
    if root.dep_ not in ("dobj", "oprd", "npadvmod", "nsubjpass"):
        return False
    children = list(event.children)
    if any(child.dep_ == "ccomp" for child in children):
        return False
    return any((child.dep_ == "prep" and child.lower_ == "as") or
               (child.i != root.i and child.dep_ in ("dobj", "oprd", "npadvmod", "attr") and child.pos_ == "NOUN")
               for child in children)


def _auxiliaries(verb) -> list:
    return [child for child in verb.children if child.dep_ in ("aux", "auxpass") or child.tag_ == "MD"]


# ---------------------------------------------------------------- normalization

def normalize(timex: Timex, index: int, timexes: list[Timex], ref: dt.date | None, rules: Rules) -> None:
    """Fill type, value, granularity, range and anchor of one expression from its pattern's groups."""
    handler = NORMALIZERS.get(timex.kind)
    if handler is not None:
        handler(timex, index, timexes, ref, rules)
    if not timex.value:
        timex.value = {"DURATION": "PXX", "SET": "XXXX"}.get(timex.type, "XXXX")


def _set_period(timex: Timex, found, granularity: str, anchor: str = "reference") -> None:
    if found is None:
        return
    timex.value, timex.date_start, timex.date_end = found
    timex.granularity, timex.anchor = granularity, anchor


def _direction(timex: Timex) -> int:
    return timex.lean


def _weekday_number(word: str | None, rules: Rules) -> int | None:
    if not word:
        return None
    word = word.lower()
    return rules.weekdays.get(word[:-2] if word.endswith("'s") else word)


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _year_for(month: int, day: int | None, ref: dt.date, direction: int) -> int:
    """The year that puts a month (day None) or month/day before (-1), after (+1) or nearest to (0) a date.

    A month counts as before or after the date when it contains it: "in May",
    written in May, is this May whichever way the clause points.
    """
    here, there = (month, day or 0), (ref.month, ref.day if day else 0)
    if direction < 0:
        return ref.year if here <= there else ref.year - 1
    if direction > 0:
        return ref.year if here >= there else ref.year + 1
    middle = 15 if day is None else min(day, 28)
    candidates = [y for y in (ref.year - 1, ref.year, ref.year + 1) if safe_date(y, month, middle)]
    return min(candidates, key=lambda y: abs((safe_date(y, month, middle) - ref).days))


def normalize_date(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    month = rules.months.get(g["month"].lower()) if g.get("month") else int(g.get("monthnum", 0))
    day = int(g["day"]) if g.get("day") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        timex.value = ""
        return
    year = int(g["year"]) if g.get("year") else None
    if year is not None and year < 100:
        year += 1900 if year >= 50 else 2000
    rel = _key(g.get("rel", ""))
    anchor = "" if year is not None else "reference"  # a year written in full needs no anchor
    if year is None and ref is not None:
        if rel and "year" in timex.text.lower():
            year = ref.year + rules.relative.get(rel, 0)
        elif rel in ("last", "past", "this past"):
            year = ref.year if month < ref.month else ref.year - 1
        elif rel in ("next", "coming", "this coming"):
            year = ref.year if month > ref.month else ref.year + 1
        elif rel == "this":
            year = ref.year
        else:
            year = _year_for(month, day, ref, _direction(timex))
            weekday = _weekday_number(g.get("weekday"), rules) or _weekday_before(index, timexes, rules)
            if weekday and day:  # "Saturday, April 25": the year whose April 25 is a Saturday, nearest first
                for candidate in sorted((year, year - 1, year + 1), key=lambda y: abs(y - ref.year)):
                    found = safe_date(candidate, month, day)
                    if found and found.isoweekday() == weekday:
                        year = candidate
                        break
    if day is not None:
        if year is None:
            timex.value, timex.granularity = f"XXXX-{month:02d}-{day:02d}", "day"
            return
        _set_period(timex, period(safe_date(year, month, day), "week" if g.get("weekof") else "day"),
                    "week" if g.get("weekof") else "day", anchor)
        if timex.date_start is None:
            timex.value = ""
        return
    if year is None:
        timex.value, timex.granularity = f"XXXX-{month:02d}", "month"
        return
    _set_period(timex, period(safe_date(year, month, 1), "month"), "month", anchor)


def _weekdays_take_their_dates(timexes: list[Timex], rules: Rules) -> None:
    """ "Monday (May 29)": the weekday takes the value of the date written with it, when that date is one."""
    for index in range(1, len(timexes)):
        date = timexes[index]
        weekday = _weekday_before(index, timexes, rules)
        if weekday and date.kind == "date" and date.granularity == "day" and date.date_start \
                and date.date_start.isoweekday() == weekday and not timexes[index - 1].groups.get("part"):
            named = timexes[index - 1]
            named.value, named.date_start, named.date_end = date.value, date.date_start, date.date_end
            named.granularity, named.anchor = "day", date.anchor


def _weekday_before(index: int, timexes: list[Timex], rules: Rules) -> int | None:
    """The weekday of "Monday (May 29)": an expression ending just before this one, when it is a bare weekday."""
    if index == 0:
        return None
    before = timexes[index - 1]
    if before.kind != "weekday" or before.groups.get("rel") or timexes[index].start - before.end > 2:
        return None
    return _weekday_number(before.groups.get("weekday"), rules)


def normalize_year(timex: Timex, index, timexes, ref, rules) -> None:
    """A year; "the first half of 1990", "the last half of 1989" are its halves (1990-H1, 1989-H2)."""
    mod = _key(timex.groups.get("mod", ""))
    half = {"the first half of": 1, "the second half of": 7, "the last half of": 7}.get(mod)
    if half:
        _set_period(timex, period(safe_date(int(timex.groups["year"]), half, 1), "half"), "year", "")
        return
    _set_period(timex, period(safe_date(int(timex.groups["year"]), 1, 1), "year"), "year", "")


def normalize_decade(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    if g.get("decade"):
        first = int(g["decade"])
    elif g.get("decade2"):
        century = (ref.year // 100 * 100) if ref else 1900
        first = century + int(g["decade2"])
    else:
        first = int(rules.decade_words.get(g.get("decadeword", "").lower(), 0))
    if first:
        _set_period(timex, period(safe_date(first, 1, 1), "decade"), "decade", "")


def normalize_century(timex: Timex, index, timexes, ref, rules) -> None:
    word = timex.groups.get("ord", "").lower()
    number = rules.ordinals.get(word) or int("".join(ch for ch in word if ch.isdigit()) or 0)
    if number:
        _set_period(timex, period(safe_date(max((number - 1) * 100, 1), 1, 1), "century"), "century", "")
        timex.value = f"{number - 1:02d}"


def resolve_weekday(weekday: int, ref: dt.date, rel: str, direction: int) -> dt.date:
    """The date of a weekday near the reference date, by "last"/"next", else by the clause's direction.

    Direction 0 takes the nearer of the two candidates (the past one on a tie).
    """
    if rel in ("last", "previous", "this past", "the previous"):
        return ref - dt.timedelta(days=(ref.isoweekday() - weekday - 1) % 7 + 1)
    if rel in ("next", "following", "this coming", "coming", "the following"):
        return ref + dt.timedelta(days=(weekday - ref.isoweekday() - 1) % 7 + 1)
    ahead, back = (weekday - ref.isoweekday()) % 7, (ref.isoweekday() - weekday) % 7
    if direction > 0 or (direction == 0 and ahead < back):
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


def normalize_weekday(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    weekday = _weekday_number(g.get("weekday"), rules)
    part = rules.parts.get(_key(g.get("part", "")))
    if weekday is None:
        return
    rel, anchor = _key(g.get("rel", "")), "reference"
    if rel in ("the previous", "the following"):  # "down from the previous Friday": before the day under discussion
        found = _text_anchor(index, timexes)
        if found and found[0].granularity in ("day", "time") and found[0].sentence >= timex.sentence - 1:
            ref, anchor = found[0].date_start, f"text:t{found[1] + 1}"
    if ref is None:
        timex.value, timex.granularity = f"XXXX-WXX-{weekday}", "day"
    else:
        _set_period(timex, period(resolve_weekday(weekday, ref, rel, _direction(timex)), "day"), "day", anchor)
    if part:  # TimeBank types "Friday night" as a DATE with a part-of-day value
        timex.value, timex.granularity = f"{timex.value}T{part}", "time"


def normalize_time(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    if g.get("named"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[g["named"].lower()]
    else:
        hour, minute = int(g["hour"]), int(g.get("minute") or 0)
        pm = g.get("ampm", "").lower().startswith("p")
        if hour > 12 or minute > 59:
            return
        hour = (hour % 12) + (12 if pm else 0)
    day = None
    weekday = _weekday_number(g.get("weekday"), rules)
    if ref is not None:
        if g.get("month") and g.get("day"):
            month = rules.months.get(g["month"].lower(), 0)
            day = safe_date(_year_for(month, int(g["day"]), ref, _direction(timex)), month, int(g["day"]))
        elif weekday:
            day = resolve_weekday(weekday, ref, "", _direction(timex))
        elif g.get("deictic"):
            day = ref + dt.timedelta(days=rules.deictics.get(g["deictic"].lower(), {}).get("days", 0))
        else:
            day = ref
    timex.type, timex.granularity = "TIME", "time"
    timex.value = f"{day.isoformat() if day else 'XXXX-XX-XX'}T{hour:02d}:{minute:02d}"
    if day:
        timex.date_start = timex.date_end = day
        timex.anchor = "reference"


def normalize_deictic(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    entry = rules.deictics.get(_key(g.get("deictic", "")), {})
    part = rules.parts.get(_key(g.get("part", ""))) or entry.get("part")
    if "value" in entry:
        timex.value, timex.granularity = entry["value"], "ref"
        if entry["value"] == "PRESENT_REF" and ref is not None:
            timex.date_start = timex.date_end = ref
            timex.anchor = "reference"
        return
    day = ref + dt.timedelta(days=int(entry.get("days", 0))) if ref is not None else None
    if day is None:
        timex.value, timex.granularity = "XXXX-XX-XX", "day"
    else:
        _set_period(timex, period(day, "day"), "day")
    if part:
        timex.type = entry.get("type", "TIME")
        timex.value, timex.granularity = f"{timex.value}T{part}", "time"


def _season_around(code: str, ref: dt.date, offset: int, direction: int):
    """The season of a code that is this one (offset 0, by tense), the last (-1) or the next (+1)."""
    year_now = ref.year - 1 if ref.month <= 2 else ref.year
    options = [season_period(year, code) for year in (year_now - 1, year_now, year_now + 1)]
    options = [o for o in options if o]
    if offset < 0:
        past = [o for o in options if o[2] < ref]
        return past[-1] if past else None
    if offset > 0:
        future = [o for o in options if o[1] > ref]
        return future[0] if future else None
    current = [o for o in options if o[1] <= ref <= o[2]]
    if current:
        return current[0]
    return _season_around(code, ref, 1 if direction > 0 else -1, direction) if direction else season_period(ref.year, code)


def normalize_relative(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    unit = _key(g.get("unit", ""))
    rel = _key(g.get("rel", "the" if g.get("the") else ""))
    offset = rules.relative.get(rel, 0)
    season = rules.seasons.get(unit)
    if (unit in ("decade", "century") and "past" in rel) or _span_up_to_now(rel, unit, timex):
        letter = rules.units[unit][0]
        _duration_range(timex, 1, letter, -1, ref, "reference")
        timex.type, timex.granularity, timex.value = "DURATION", "duration", duration_value(1, letter)
        return
    if season and g.get("year"):
        _set_period(timex, season_period(int(g["year"]), season), "season", "")
        return
    anchor_day, anchor = ref, "reference"
    under_discussion = rel == "the" and unit in ("week", "month", "year", "decade", "century")  # "earlier in the year"
    if rel in ("the same", "that", "the following", "the previous") or under_discussion:
        found = _text_anchor(index, timexes, skip_speech=unit == "year")
        recent = found is not None and found[0].sentence >= timex.sentence - 1
        if found is not None and (recent or not under_discussion):
            anchor_day, anchor = found[0].date_start, f"text:t{found[1] + 1}"
    if anchor_day is None:
        placeholder = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX"}
        timex.value = f"XXXX-{season}" if season else placeholder.get(unit, "XXXX")
        timex.granularity = "season" if season else unit
        return
    if unit in ("week", "month", "year") and (rel == "this" or under_discussion) \
            and _key(g.get("mod", "")) in ("earlier", "later"):
        _set_period(timex, _part_of_period(anchor_day, unit, _key(g["mod"])), unit, anchor)
        return
    if season:
        _set_period(timex, _season_around(season, anchor_day, offset, _direction(timex)), "season", anchor)
    elif unit == "weekend":
        _set_period(timex, _weekend_around(anchor_day, offset or _direction(timex)), "weekend", anchor)
    elif unit in ("week", "month", "quarter", "year", "decade", "century"):
        letter = rules.units[unit][0]
        _set_period(timex, period(shift(anchor_day, offset, letter), unit), unit, anchor)


def _span_up_to_now(rel: str, unit: str, timex: Timex) -> bool:
    """True for "the past week", "the last month": the days up to the anchor day, not the calendar unit before.

    Not "the last week of May", a part of a named period.
    """
    return rel in ("the past", "the last") and unit in ("week", "month", "year") and \
        not timex.extra.get("after", "").lstrip().lower().startswith("of ")


def _part_of_period(day: dt.date, unit: str, mod: str):
    """ "earlier this month": the month's value, its range cut at the anchor day ("later": from it)."""
    found = period(day, unit)
    if found is None:
        return None
    value, first, last = found
    return (value, first, day) if mod == "earlier" else (value, day, last)


def _weekend_around(ref: dt.date, direction: int):
    """The weekend containing the reference date, else the one before (direction <= 0) or after it."""
    weekday = ref.isoweekday()
    if weekday >= 6:
        return period(ref, "weekend")
    if direction > 0:
        return period(ref + dt.timedelta(days=6 - weekday), "weekend")
    return period(ref - dt.timedelta(days=weekday + 1), "weekend")


def normalize_quarter(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    half = g.get("half", "").lower() == "half"
    word = g.get("ord", "").lower()
    year = int(g.get("year") or g.get("qyear") or 0) or None
    pre = _key(g.get("pre", ""))
    if year is None and ref is not None:
        if pre.startswith("this year"):
            year = ref.year
        elif pre.startswith(("last year", "the year-")):
            year = ref.year - 1
        elif pre.startswith("next year"):
            year = ref.year + 1
    size = 6 if half else 3
    if word in ("latest", "current"):
        if ref is None:
            timex.value = "XXXX-QX"
            return
        day = ref if word == "current" else shift(ref, -size, "M")
        _set_period(timex, period(day, "half" if half else "quarter"), "quarter", "reference")
        return
    number = rules.ordinals.get(word)
    if not number or number > (2 if half else 4):
        return
    letter = "H" if half else "Q"
    if year is None and ref is not None:
        # the last such quarter for a past event, else the nearest: "expects to report third-quarter
        # earnings", written in October, is about the quarter just ended
        current = (ref.month - 1) // size + 1
        year = ref.year - (number > current)
        if _direction(timex) >= 0 and (number - current) % (12 // size) <= (current - number) % (12 // size) \
                and number != current:
            year = ref.year + (number < current)
    if year is None:
        timex.value, timex.granularity = f"XXXX-{letter}{number}", "quarter"
        return
    _set_period(timex, period(safe_date(year, size * number, 1), "half" if half else "quarter"), "quarter",
                "reference" if not (g.get("year") or g.get("qyear")) else "")


def normalize_period(timex: Timex, index, timexes, ref, rules) -> None:
    """ "the quarter", "the latest period", "the year-ago quarter", "year-earlier": the period under discussion."""
    g = timex.groups
    pre, word = _key(g.get("pre", "")), _key(g.get("half", "quarter"))
    granularity = "year" if "year" in word else "quarter"
    if granularity == "year" and re.match(r"\s+end(?:ed|ing)\b", timex.extra.get("after", "")):
        _year_ended(timex, index, timexes)
        return
    found = _text_anchor(index, timexes, own_dates_only=True)
    if granularity == "quarter" and g.get("half"):  # "the quarter": the quarter told last, never a year's first
        found = next(((timexes[k], k) for k in range(index - 1, -1, -1) if timexes[k].granularity == "quarter"
                      and timexes[k].date_start and not timexes[k].anchor.startswith("text:")), None)
    if pre in ("that", "the same") and granularity == "year":  # "later that year": the year of the date told last
        found = _text_anchor(index, timexes, skip_speech=True)
        if found:
            _set_period(timex, period(found[0].date_start, "year"), "year", f"text:t{found[1] + 1}")
            return
    if g.get("pyear"):  # "the 1988 quarter": the quarter under discussion, in 1988
        quarter = next(((timexes[k], k) for k in range(index - 1, -1, -1)
                        if timexes[k].granularity == "quarter" and timexes[k].date_start), None)
        month = quarter[0].date_start.month if quarter else 1
        _set_period(timex, period(safe_date(int(g["pyear"]), month, 1), "quarter" if quarter else "year"),
                    "quarter" if quarter else "year", f"text:t{quarter[1] + 1}" if quarter else "")
        return
    if found and found[0].granularity in ("quarter", "year") and "latest" not in (pre, _key(g.get("ord", ""))):
        base, anchor = found[0].date_start, f"text:t{found[1] + 1}"
        if not g.get("half"):
            granularity = found[0].granularity
    elif ref is not None:
        past = _direction(timex) < 0 and granularity == "quarter"
        base, anchor = (shift(ref, -3, "M") if past else ref), "reference"
    else:
        timex.value = "XXXX-QX" if granularity == "quarter" else "XXXX"
        return
    if "year-" in pre or "earlier" in pre:
        base = shift(base, -1, "Y")
    _set_period(timex, period(base, granularity), granularity, anchor)


def _year_ended(timex: Timex, index: int, timexes: list[Timex]) -> None:
    """ "the year ended March 31": twelve months, not a calendar year (a DURATION ending on that day)."""
    timex.type, timex.granularity, timex.value = "DURATION", "duration", "P1Y"
    following = timexes[index + 1] if index + 1 < len(timexes) else None
    if following is not None and following.start - timex.end < 16 and following.granularity in ("day", "time") \
            and following.date_start:
        _duration_range(timex, 1, "Y", -1, following.date_start, f"text:t{index + 2}")


def add_days(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def _text_anchor(index: int, timexes: list[Timex], own_dates_only: bool = False, skip_speech: bool = False):
    """The latest earlier expression with a calendar date (the one "later"/"the next day" counts from).

    With own_dates_only, expressions that were themselves counted from another are skipped, so that
    "the third quarter ... a year earlier ... year-earlier" all count from the third quarter. With
    skip_speech, so are the days of the week on which things were said ("said on Monday", the
    article's own days): "the year before" and "the previous year" take the year of the events told,
    not the publication year. A saying dated in the story ("warned in July") still counts.
    """
    for back in range(index - 1, -1, -1):
        other = timexes[back]
        reporting_day = other.extra.get("speech_time") and other.kind in ("weekday", "deictic")
        if (own_dates_only and other.anchor.startswith("text:")) or (skip_speech and reporting_day):
            continue
        if other.type in ("DATE", "TIME") and other.date_start and other.granularity in GRANULARITIES[:8]:
            return other, back
    return None


def _sentence_day(index: int, timexes: list[Timex]):
    """A day named in the same sentence (before the expression first, then after it)."""
    sentence = timexes[index].sentence
    order = list(range(index - 1, -1, -1)) + list(range(index + 1, len(timexes)))
    for other_index in order:
        other = timexes[other_index]
        if other.sentence == sentence and other.type in ("DATE", "TIME") and other.granularity in ("day", "time") \
                and other.date_start:
            return other, other_index
    return None


def normalize_offset(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    unit = _key(g.get("unit", ""))
    letter, granularity = rules.units.get(unit, ["D", "day"])
    direction = rules.directions.get(_key(g.get("dir", "")), {"sign": -1, "anchor": "reference"})
    amount = parse_number(g.get("num", ""), rules)
    if amount is None:
        timex.value, timex.granularity = ("PAST_REF" if direction["sign"] < 0 else "FUTURE_REF"), "ref"
        return
    granularity = {"time": "day", "decade": "year", "century": "year", "weekend": "week"}.get(granularity, granularity)
    letter = {"TH": "D", "TM": "D", "TS": "D"}.get(letter, letter)
    if letter == "D" and unit.startswith(("hour", "minute", "second")):
        amount = 0
    anchor_day, anchor = ref, "reference"
    found = _text_anchor(index, timexes, own_dates_only=granularity == "year")
    recent = found and found[0].sentence >= timex.sentence - 1
    if found and (direction["anchor"] == "text" or (recent and found[0].granularity in ("quarter", "month")
                                                    and granularity == "year")):
        anchor_day, anchor = found[0].date_start, f"text:t{found[1] + 1}"
        if GRANULARITIES.index(found[0].granularity) < GRANULARITIES.index(granularity) or \
                found[0].granularity in ("quarter", "month"):
            granularity = found[0].granularity
    if anchor_day is None:
        timex.value = "PAST_REF" if direction["sign"] < 0 else "FUTURE_REF"
        timex.granularity = "ref"
        return
    _set_period(timex, period(shift(anchor_day, direction["sign"] * amount, letter), granularity), granularity, anchor)


def normalize_anchored(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    rel, unit, after = _key(g.get("rel", "")), _key(g.get("unit", "")), _key(g.get("dir", ""))
    sign = 1 if rel in ("the next", "the following", "the day after") or after in ("after", "later") else -1 if (
        rel in ("the previous", "the day before") or after in ("before", "earlier")) else 0
    found = _text_anchor(index, timexes, skip_speech=unit == "year")
    anchor_day, anchor = (found[0].date_start, f"text:t{found[1] + 1}") if found else (ref, "reference")
    if anchor_day is None:
        return
    part = rules.parts.get(unit)
    granularity = unit if unit in ("week", "month", "year") else "day"
    letter = {"week": "W", "month": "M", "year": "Y"}.get(unit, "D")
    _set_period(timex, period(shift(anchor_day, sign, letter), granularity), granularity, anchor)
    if part and timex.value:
        timex.type, timex.value, timex.granularity = "TIME", f"{timex.value}T{part}", "time"


def _duration_range(timex: Timex, amount, letter: str, sign: int, anchor_day: dt.date | None, anchor: str) -> None:
    """The calendar days a duration covers: up to its anchor day (sign -1) or from the day after it (+1).

    A vague amount ("the coming days", "recent weeks") keeps only the end it
    knows: the other is left empty.
    """
    if anchor_day is None:
        return
    if amount is None:
        if sign < 0:
            timex.date_end = anchor_day
        else:
            timex.date_start = add_days(anchor_day, 1)
        timex.anchor = anchor
        return
    if letter.startswith("T"):
        timex.date_start = timex.date_end = anchor_day
    elif sign < 0:
        begin = shift(anchor_day, -amount, letter)
        timex.date_start, timex.date_end = (add_days(begin, 1) if begin else None), anchor_day
    else:
        timex.date_start, timex.date_end = add_days(anchor_day, 1), shift(anchor_day, amount, letter)
    if timex.date_start is None or timex.date_end is None:
        timex.date_start = timex.date_end = None
    else:
        timex.anchor = anchor


def normalize_duration(timex: Timex, index, timexes, ref, rules) -> None:
    """A TimeML duration, given the days it covers only when its sentence anchors it.

    Anchored are "the next two days", "the past five years", "the last seven
    days", "in the coming days" (from the day the words were said, a day named
    in the sentence or the publication date), "the two years since the coup"
    and "has been held for six months" (up to that day). A duration with no
    anchor ("a seven-day stakeout", "the six-year rebellion") has no range: it
    is a length of time, not a place on the calendar.
    """
    g = timex.groups
    unit = _key(g.get("unit", ""))
    letter = rules.units.get(unit, ["D"])[0]
    amount = parse_number(g["num"], rules) if g.get("num") else None
    if amount is not None and g.get("andhalf"):  # "a minute and a half"
        amount += 0.5
    timex.type, timex.granularity = "DURATION", "duration"
    timex.value = duration_value(amount, letter)
    if timex.extra.get("rate"):  # "$2 million a year": how often, a TimeML SET
        timex.type, timex.granularity = "SET", "set"
        return
    if amount is not None and amount > 10 ** 6:
        return
    rel = _key(g.get("rel", ""))
    if not rel and _key(g.get("approx", "")) in ("the last", "the past"):
        rel = _key(g["approx"])[4:]  # "the last seven days": the approximator's list holds "the last" too
    sign = -1 if rel in BACKWARD_WORDS else 1 if rel in FORWARD_WORDS else 0
    if sign == 0:
        if _runs_up_to_now(timex, rules):
            _duration_range(timex, amount, letter, -1, ref, "reference")
        return
    found = None if timex.extra.get("said") else _sentence_day(index, timexes)
    anchor_day, anchor = (found[0].date_start, f"text:t{found[1] + 1}") if found else (ref, "reference")
    _duration_range(timex, amount, letter, sign, anchor_day, anchor)


def _runs_up_to_now(timex: Timex, rules: Rules) -> bool:
    """True when the sentence ends a duration at the time of speaking.

    "in the two years since the coup" (since right after it), or "has been
    held for six months" (for, under a verb in the present perfect).
    """
    if timex.extra.get("after", "").lstrip().lower().startswith("since "):
        return True
    event = timex.event
    if event is None or event.pos_ not in ("VERB", "AUX"):
        return False
    present_perfect = any(child.lemma_ == "have" and child.tag_ in ("VBZ", "VBP") for child in event.children)
    return present_perfect and timex.extra.get("preposition") == "for"


def normalize_set(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    timex.type, timex.granularity = "SET", "set"
    if g.get("freq"):
        timex.value = rules.frequencies.get(g["freq"].lower(), "XXXX")
        return
    word = _key(g.get("unit") or g.get("weekdays") or "")
    weekday = _weekday_number(word[:-1] if g.get("weekdays") else word, rules)
    if weekday:
        timex.value = f"XXXX-WXX-{weekday}"
    elif word in rules.months and not rules.case_sensitive.get(word):
        timex.value = f"XXXX-{rules.months[word]:02d}"
    elif word in rules.parts:
        timex.value = f"XXXX-XX-XXT{rules.parts[word]}"
    elif word in rules.units:
        every = g.get("num", "").lower()
        amount = 2 if every == "other" else parse_number(every, rules) if every else 1
        timex.value = duration_value(amount, rules.units[word][0])


def _holiday_dates(entry: dict, year: int, hijri: bool):
    """First and last day of a holiday in a Gregorian year (or a Hijri year for Islamic holidays)."""
    if hijri:
        return hijri_range(year, entry)
    if "month" in entry:
        day = safe_date(year, entry["month"], entry["day"])
    elif "easter" in entry:
        base = easter(year)
        day = add_days(base, int(entry["easter"])) if base else None
    elif "nth_weekday" in entry:
        month, weekday, n = entry["nth_weekday"]
        day = nth_weekday(year, month, weekday, n)
    else:
        day = None
    return (day, day) if day else None


def normalize_holiday(timex: Timex, index, timexes, ref, rules) -> None:
    g = timex.groups
    entry = rules.holidays.get(_key(g.get("holiday", "")))
    if not entry:
        return
    hijri = "hijri_month" in entry
    rel = _key(g.get("rel", ""))
    if g.get("year"):
        year = int(g["year"])
        candidates = [y for y in ((hijri_year_of(dt.date(year, 1, 1)) or 0) + k for k in (0, 1))] if hijri else [year]
        ranges = [r for r in (_holiday_dates(entry, y, hijri) for y in candidates) if r and r[0].year == year]
        anchor = ""
    elif ref is not None:
        base = hijri_year_of(ref) if hijri else ref.year
        if base is None:
            return
        if rel.endswith("year's"):
            base += {"this year's": 0, "last year's": -1, "next year's": 1}.get(rel, 0)
            ranges = [r for r in [_holiday_dates(entry, base, hijri)] if r]
        else:
            options = [r for r in (_holiday_dates(entry, base + k, hijri) for k in (-1, 0, 1)) if r]
            direction = {"last": -1, "next": 1}.get(rel, _direction(timex))
            if direction < 0 or (direction == 0 and not rel):
                chosen = [r for r in options if r[0] <= ref and (rel != "last" or r[1] < ref)]
                ranges = chosen[-1:]
            else:
                chosen = [r for r in options if r[1] >= ref and (rel != "next" or r[0] > ref)]
                ranges = chosen[:1]
        anchor = "reference"
    else:
        if "month" in entry:
            timex.value, timex.granularity = f"XXXX-{entry['month']:02d}-{entry['day']:02d}", "day"
        return
    if ranges:
        first, last = ranges[0]
        timex.value, timex.date_start, timex.date_end, timex.anchor = first.isoformat(), first, last, anchor
        timex.granularity = "day" if first == last else "month" if entry.get("days") == "month" else "day"


NORMALIZERS = {
    "date": normalize_date, "year": normalize_year, "decade": normalize_decade, "century": normalize_century,
    "weekday": normalize_weekday, "time": normalize_time, "deictic": normalize_deictic,
    "relative": normalize_relative, "quarter": normalize_quarter, "offset": normalize_offset,
    "anchored": normalize_anchored, "duration": normalize_duration, "set": normalize_set,
    "holiday": normalize_holiday, "period": normalize_period,
}


# ---------------------------------------------------------------- rows and helpers

def _sentence_index(starts: list[int], offset: int) -> int:
    low, high = 0, len(starts)
    while low + 1 < high:
        middle = (low + high) // 2
        if starts[middle] <= offset:
            low = middle
        else:
            high = middle
    return low


def _year_for_weekday(month, day: int, weekday: int, written_year, years: list[int]) -> dt.date | None:
    if not month:
        return None
    if written_year:
        found = safe_date(int(written_year), month, day)
        return found if found and found.isoweekday() == weekday else None
    if years:
        candidates = range(max(years), max(years) + 12)
    else:
        candidates = range(dt.date.today().year, dt.date.today().year - 12, -1)
    for year in candidates:
        found = safe_date(year, month, day)
        if found and found.isoweekday() == weekday and found <= dt.date.today():
            return found
    return None


def direction_from(timex: Timex, anchor_day: dt.date | None) -> str:
    """past, future or none: where the expression lies from the day it was counted from.

    "none" for values stated in full, for a range that holds its anchor day
    ("this month", "today") and for durations that no day anchors.
    """
    if timex.value in ("PAST_REF", "FUTURE_REF"):
        return "past" if timex.value == "PAST_REF" else "future"
    start, end = timex.date_start, timex.date_end
    if anchor_day is None or (start is None and end is None):
        return "none"
    if end is not None and end <= anchor_day and (start is None or start < anchor_day):
        return "past"
    if start is not None and start >= anchor_day and (end is None or end > anchor_day):
        return "future"
    return "none"


def _row(article_id: str, number: int, timex: Timex, anchor_day: dt.date | None = None) -> dict:
    event = timex.event
    event_text = event.text if event is not None else ""
    event_start = event.idx if event is not None else None
    return {
        "article_id": article_id,
        "timex_id": f"t{number}",
        "start": timex.start,
        "end": timex.end,
        "text": timex.text,
        "type": timex.type if timex.kind in ("duration", "set", "time") or timex.type != "DATE" else "DATE",
        "value": timex.value,
        "date_start": timex.date_start.isoformat() if timex.date_start else None,
        "date_end": timex.date_end.isoformat() if timex.date_end else None,
        "event_text": event_text or None,
        "granularity": timex.granularity or ("duration" if timex.type == "DURATION" else ""),
        "event_start": event_start,
        "event_end": event_start + len(event_text) if event is not None else None,
        "event_status": timex.status if event is not None else None,
        "anchor": timex.anchor or None,
        "direction": direction_from(timex, anchor_day),
    }
