"""The vocabulary and surface patterns of English time expressions, as data.

Each pattern is a compiled regular expression with named groups that the
normalizer (:mod:`storyline.extract.timex_normalize`) reads; the tagger in
:mod:`storyline.extract.times` runs them over the raw text and keeps the longest
non-overlapping matches, trying them only where :data:`STARTS` finds a possible
first word.  Month and weekday names are matched case-sensitively
(``(?-i:...)``) so that "may", "march", "sun" and "fall" as ordinary words do
not become dates; everything else is case-insensitive.
"""

from __future__ import annotations

import re
from typing import Final

MONTHS: Final = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: Final = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}

#: number words; ``None`` means an unspecified count (TimeML ``X``)
NUMBERS: Final[dict[str, float | None]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "half a": 0.5,
    "a half": 0.5, "one and a half": 1.5, "a few": None, "few": None, "several": None,
    "some": None, "many": None, "dozens of": None, "hundreds of": None, "a number of": None,
}

#: unit word stem -> (TimeML duration letter, multiplier, ISO-time unit?)
UNITS: Final = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "centurie": ("Y", 100, False), "weekend": ("WE", 1, False),
}

#: hedges before a quantity of time -> TIMEX3 ``mod``
HEDGES: Final = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "APPROX", "almost": "APPROX", "close to": "APPROX",
    "more than": "MORE_THAN", "over": "MORE_THAN", "just over": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}

#: position inside a period -> TIMEX3 ``mod``
POSITIONS: Final = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "the end of": "END", "end of": "END", "late": "END", "the close of": "END",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "the middle": "MID",
}

PARTS_OF_DAY: Final = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
    "overnight": "NI",
}

SEASONS: Final = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

DECADE_WORDS: Final = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
    "seventies": 7, "eighties": 8, "nineties": 9,
}

#: single words with a fixed TIMEX3 reading: (type, value or a deictic offset in days)
DEICTIC: Final[dict[str, tuple[str, str | int]]] = {
    "today": ("DATE", 0), "tomorrow": ("DATE", 1), "yesterday": ("DATE", -1),
    "tonight": ("TIME", "TNI"), "now": ("DATE", "PRESENT_REF"),
    "currently": ("DATE", "PRESENT_REF"), "nowadays": ("DATE", "PRESENT_REF"),
    "at present": ("DATE", "PRESENT_REF"), "the present": ("DATE", "PRESENT_REF"),
    "at the moment": ("DATE", "PRESENT_REF"), "right now": ("DATE", "PRESENT_REF"),
    "recently": ("DATE", "PAST_REF"), "lately": ("DATE", "PAST_REF"),
    # "in the past": TimeBank leaves the preposition out of the span, as everywhere
    "the past": ("DATE", "PAST_REF"),
    "recent years": ("DATE", "PAST_REF"), "recent months": ("DURATION", "PXM"),
    "recent weeks": ("DURATION", "PXW"), "recent days": ("DURATION", "PXD"),
    "the future": ("DATE", "FUTURE_REF"), "these days": ("DATE", "PRESENT_REF"),
    "the near term": ("DATE", "FUTURE_REF"), "the short term": ("DATE", "FUTURE_REF"),
    "the long term": ("DATE", "FUTURE_REF"),
    "the near future": ("DATE", "FUTURE_REF"),
    # the adjective: "current market conditions", "its current wife" (see CURRENT_BLOCKERS)
    "current": ("DATE", "PRESENT_REF"),
    # only where the verb looks ahead: "will soon move", not "was soon released"
    "soon": ("DATE", "FUTURE_REF"),
}

#: nouns after "current" that make it no time expression (the flow, the account)
CURRENT_BLOCKERS: Final = frozenset({
    "account", "accounts", "affairs", "flow", "flows", "density", "source", "sources",
    "carrying", "transformer", "transformers", "meter", "loop", "collector",
})

#: named days: fixed (month, day) or a rule name the normalizer computes
HOLIDAYS: Final[dict[str, tuple[int, int] | str]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "independence day": (7, 4), "the fourth of july": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26), "veterans day": (11, 11),
    "armistice day": (11, 11), "bastille day": (7, 14), "may day": (5, 1),
    "waitangi day": (2, 6), "australia day": (1, 26), "canada day": (7, 1),
    "anzac day": (4, 25), "st. patrick's day": (3, 17), "st patrick's day": (3, 17),
    "groundhog day": (2, 2), "juneteenth": (6, 19), "remembrance day": (11, 11),
    "inauguration day": (1, 20), "martin luther king day": "mlk_day",
    "presidents day": "presidents_day", "presidents' day": "presidents_day",
    "mother's day": "mothers_day", "father's day": "fathers_day",
    "thanksgiving": "thanksgiving", "thanksgiving day": "thanksgiving",
    "easter": "easter", "easter sunday": "easter", "good friday": "good_friday",
    "labor day": "labor_day", "memorial day": "memorial_day", "election day": "election_day",
}

# -- building blocks ------------------------------------------------------------------

MONTH = (
    r"(?-i:(?P<mon>January|February|March|April|May|June|July|August|September|October"
    # bare "Mar" only before a number: the verb "mar" is not a month
    r"|November|December|Jan\.?|Feb\.?|Mar(?:\.|(?=\s+\d))|Apr\.?|Jun\.?|Jul\.?|Aug\.?"
    r"|Sept?\.?|Oct\.?|Nov\.?|Dec\.?))"
)
MONTH_FULL = (
    r"(?-i:(?P<mon>January|February|March|April|May|June|July|August|September|October"
    r"|November|December))"
)
WEEKDAY = (
    r"(?-i:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon\.|Tues?\.|Wed\.|Thu(?:rs)?\.|Fri\.|Sat\.|Sun\.))"
)
DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
#: not "2082.1" (an index level) nor "1,998"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)(?!\d|[,.]\d)"
_NUM_WORDS = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in NUMBERS), key=len, reverse=True)
)
NUM = (
    r"(?P<num>(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+and"
    r"\s+a\s+half"
    rf"|\d{{1,3}}(?:\.\d+)?(?:\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty"
    rf"|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|{_NUM_WORDS})"
)
UNIT = (
    r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?"
    r"|years?|decades?|century|centuries|weekends?)"
)
_HEDGE = "|".join(sorted((w.replace(" ", r"\s+") for w in HEDGES), key=len, reverse=True))
HEDGE = rf"(?:(?P<hedge>{_HEDGE})\s+)?"
_POS = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in POSITIONS), key=len, reverse=True)
)
POSITION = rf"(?:(?P<pos>{_POS})(?:\s+|-|(?<=-)))?"
PART = r"(?P<part>morning|afternoon|evening|night|midday)"
REL = r"(?P<rel>last|next|this|coming|past|previous|following|current|this\s+past)"
_DEICTIC = "|".join(
    sorted((w.replace(" ", r"\s+") for w in DEICTIC), key=len, reverse=True)
)
_HOLIDAY = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in HOLIDAYS),
           key=len, reverse=True)
)
CLOCK = (
    r"(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.?\s?m\b\.?)"
    r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?=\s*(?:GMT|UTC|[A-Z]{1,2}T\b|hrs|h\b"
    r"|local\s+time))|(?P<named>noon|midnight|midday)"
)

#: (kind, pattern); on equal spans the earlier kind wins
_SPECS: Final[tuple[tuple[str, str], ...]] = (
    # Sunday (Jan 28) / Sunday (28 January) / Jan. 28 (Sunday)
    ("date", rf"{WEEKDAY}\s*\(\s*{MONTH}\s*{DAY}(?:,?\s+{YEAR})?\s*\)"),
    ("date", rf"{WEEKDAY}\s*\(\s*{DAY}\s+{MONTH}(?:,?\s+{YEAR})?\s*\)"),
    ("date", rf"{MONTH}\s*{DAY}(?:,?\s+{YEAR})?\s*\(\s*{WEEKDAY}\s*\)"),
    # [Monday,] Oct. 26[, 1998] / [Monday] 26 October [1998]
    ("date", rf"(?:{WEEKDAY}\s?,?\s+)?{MONTH}\s*{DAY}(?:\s?,?\s+{YEAR})?"),
    ("date", rf"(?:{WEEKDAY}\s?,?\s+)?(?:the\s+)?{DAY}(?:\s+of)?\s+{MONTH}(?:\s?,?\s+{YEAR})?"),
    ("date", r"(?P<year>(?:19|20)\d\d)-(?P<monnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
             r"(?![\d-])"),
    ("date", r"(?<![\d/])(?P<monnum>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/"
             r"(?P<year>(?:19|20)\d\d)(?![\d/])"),
    ("month", rf"{POSITION}(?:{REL}\s+)?{MONTH_FULL}(?:,?\s+(?:of\s+)?{YEAR})?"),
    ("month", rf"{POSITION}{MONTH}\s+{YEAR}"),
    ("year", rf"{POSITION}(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year|calendar(?:\s+year)?)\s+)?"
             rf"{YEAR}"),
    ("decade", rf"(?:the\s+)?{POSITION}(?P<decade>1[0-9]\d0|20\d0)['’]?s\b"),
    ("decade", rf"(?:the\s+)?{POSITION}['’](?P<decade2>\d0)s\b"),
    ("decade", r"(?:the\s+)?(?P<cent>1\d|20|21)(?:st|nd|rd|th)[\s-]+century"),
    ("decade", rf"the\s+{POSITION}(?P<decword>twenties|thirties|forties|fifties|sixties"
               rf"|seventies|eighties|nineties)\b"),
    ("weekday", rf"{POSITION}(?:{REL}\s+)?{WEEKDAY}(?P<plural>s)?(?:\s+{PART})?"),
    ("clock", rf"(?:{CLOCK})(?:\s+(?P<zone>(?-i:[A-Z]{{1,2}}[SD]?T|GMT|UTC)|local\s+time))?"),
    # "9 a.m. EST Tuesday", "noon Saturday", "10 p.m. Wednesday", "5 p.m. EST, Nov. 6": one
    # expression in TimeBank (every clock time written next to its day is), the day's time
    ("clockday", rf"(?:{CLOCK})(?:\s+(?P<zone>(?-i:[A-Z]{{1,2}}[SD]?T|GMT|UTC)))?,?\s+"
                 rf"(?:{WEEKDAY}(?!\s*\()|{MONTH}\s*{DAY}(?:,?\s+{YEAR})?)"),
    ("clock", r"(?P<hour>1[0-2]|[1-9])(?:\s+o['’]clock)?\s+(?P<dpart>in\s+the\s+(?:morning"
              r"|afternoon|evening)|at\s+night)"),
    ("part", r"(?P<pos>mid)[-\s]?(?P<part>morning|afternoon|evening)"
             r"(?:\s+(?P<rel>yesterday|today|tomorrow))?"),
    ("part", rf"(?:(?P<pos>early|late)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+{PART}"),
    ("deictic", rf"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<word>{_DEICTIC})"),
    ("holiday", rf"(?:{REL}\s+)?(?P<hol>{_HOLIDAY})(?:,?\s+{YEAR})?"),
    ("season", rf"{POSITION}(?:(?P<the>the)\s+)?(?:{REL}\s+)?"
               rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?{YEAR})?"),
    ("quarter", rf"(?:the\s+)?(?:{REL}\s+|(?P<ago>year-ago|year-earlier|same)\s+)?"
                r"(?:(?P<fy>fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd"
                r"|4th)[\s-]+(?P<qh>quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?"
                r"(?P<year>(?:19|20)\d\d))?"),
    # "the quarter ended July 31": the calendar quarter most of it falls in (TimeBank's
    # reading); the date's groups are read in the lookahead, the span stays "the quarter"
    ("quarter", rf"the\s+(?:(?P<rel>latest|last|most\s+recent)\s+)?(?P<qh>quarter)"
                rf"(?=\s+end(?:ed|ing)\s+{MONTH}\s*{DAY}(?:,?\s+{YEAR})?)"),
    ("quarter", r"the\s+(?:(?P<rel>latest|last|previous|current|past|recent|most\s+recent)\s+"
                r"|(?P<ago>year-ago|year-earlier|same)\s+)?(?P<qh>quarter)(?![s-])"),
    ("quarter", r"(?P<yrel>this|last|next)\s+year['’]s\s+(?:(?:fiscal|calendar)\s+)?"
                r"(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?P<qh>quarter|half)"),
    ("quarter", r"the\s+(?P<year>(?:19|20)\d\d)\s+(?:(?:fiscal|calendar)\s+)?"
                r"(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?P<qh>quarter|half)"),
    ("quarter", r"the\s+(?:(?:comparable|corresponding)\s+)?(?P<ago>year-ago|year-earlier"
                r"|year-before)\s+(?P<qh>quarter|period)"),
    ("quarter", r"the\s+(?:same|corresponding|comparable)\s+(?P<qh>period|quarter)\s+(?:of\s+)?"
                r"(?P<ago>last\s+year|a\s+year\s+(?:ago|earlier)|the\s+(?:previous|prior)\s+year)"),
    ("quarter", r"the\s+(?P<rel>latest|most\s+recent)\s+(?P<qh>period)"),
    # "the 1988 period": that year's quarter in a results report
    ("quarter", r"the\s+(?P<year>(?:19|20)\d\d)\s+(?P<qh>period)"),
    ("quarter", r"the\s+(?P<ord>last)\s+(?P<qh>half)\s+of\s+(?:fiscal\s+)?"
                r"(?P<year>(?:19|20)\d\d)"),
    # "for the year ended June 30" is a twelve-month span; "for the year" this year
    # (the words before "the year" and "year-end" that make them one are in YEAR_PREPS)
    ("theyear", r"the\s+(?:fiscal\s+)?year(?=\s+(?P<ended>end(?:ed|ing))\b)"),
    ("theyear", r"the\s+(?:fiscal\s+)?(?-i:year)\b(?![-'’]|\s+(?:before|after|ago|earlier"
                r"|later|end|\d))"),
    ("yearend", r"year(?:['’]s)?[-\s]end\b(?!-)"),
    ("weekof", rf"the\s+week\s+of\s+{MONTH}\s*{DAY}(?:,?\s+{YEAR})?"),
    ("month", rf"{MONTH_FULL}\s+(?P<yrel>last|next|this)\s+year"),
    ("yearago", r"(?P<ago>year-earlier|year-ago|year-before)"),
    ("quarter", r"(?<![\w-])(?P<qabbr>Q[1-4])(?:\s+(?P<year>(?:19|20)\d\d))?(?![\w-])"),
    ("future", r"the\s+(?P<rel>coming|next|days\s+and|weeks\s+and)\s+"
               r"(?:(?P<few>few|several)\s+)?(?P<unit>week|days|weeks|months|years)\b"),
    ("future", r"(?:the\s+)?(?:coming|upcoming)\s+(?P<unit>days|weeks|months|years|quarters)\b"),
    ("future", r"the\s+(?P<unit>days|weeks|months|years)\s+(?P<few>ahead)\b"),
    ("spokenyear", r"(?P<cent>nineteen|twenty)[\s-](?P<tens>ten|eleven|twelve|thirteen|fourteen"
                   r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
                   r"|seventy|eighty|ninety)(?:[\s-](?P<ones>one|two|three|four|five|six|seven"
                   r"|eight|nine))?\b"),
    ("spokenyear", r"the\s+year\s+two\s+thousand(?:\s+and)?(?:[\s-](?P<ones>one|two"
                   r"|three|four|five|six|seven|eight|nine|ten))?\b"),
    # "two thousand troops" is a count: a plural noun after it, but not "has", "was"
    ("spokenyear", r"two\s+thousand(?:\s+and)?(?:[\s-](?P<ones>one|two|three|four|five|six"
                   r"|seven|eight|nine|ten))?\b(?!\s+(?!has\b|was\b|is\b)[a-z]+s\b)"),
    # last week / earlier this year / the coming week / next month
    ("relunit", rf"(?:{POSITION}|(?P<side>earlier|later)\s+(?:in\s+)?)"
                # "the following year" is the anaphor's: a year after the last date written
                rf"(?:the\s+(?!following\b|previous\b))?{REL}\s+"
                r"(?P<unit>week|month|year|quarter|decade|century|weekend)\b"),
    ("relunit", rf"(?:{POSITION}|(?P<side>earlier|later)\s+in\s+)the\s+"
                r"(?P<unit>week|month|year|decade|century)\b"),
    ("relunit", r"(?P<rel>this|the|last|next|past|coming)\s+(?P<unit>weekend)\b"),
    ("relunit", r"the\s+(?:(?P<rel>current|latest|last|previous|next|coming)\s+|(?P<full>full)\s+)"
                r"(?:(?:fiscal|calendar)\s+)?(?P<unit>year)\b"),
    # "that year", "later that day", "the following month": anchored on the text's last date
    ("anaphor", r"(?:(?P<side>earlier|later)\s+)?(?:that|the\s+same)\s+(?P<unit>day|week|month"
                r"|year|morning|afternoon|evening|night)\b"),
    ("anaphor", r"the\s+(?P<rel>next|following|previous|preceding)\s+(?P<unit>day|week|month"
                r"|year|morning|afternoon|evening|night)\b"),
    # "..., the day before.": a day from the last date; "Oct. 12, the day before the
    # plunge": the date itself (the span is "the day"); not "later in the day before leaving"
    ("anaphor", r"(?<!, )(?<!in )the\s+(?P<rel>day)\s+(?P<dir>before|after)\b"),
    ("anaphor", r"(?<=, )(?P<core>the\s+day)(?=\s+(?:before|after)\s+[\w$])"),
    ("ago", rf"{HEDGE}{NUM}\s+(?:more\s+)?{UNIT}(?:\s+or\s+so)?\s+"
            r"(?P<dir>ago|earlier|later|from\s+now|hence)"),
    ("duration", rf"{HEDGE}(?:the\s+(?:(?P<span>past|last|next|coming|first|final|previous"
                 rf"|following|latest|same|full|entire|whole|remaining|year-earlier|year-ago"
                 rf"|comparable)\s+)?)?"
                 rf"{NUM}\s+(?:(?:more|full|straight|consecutive|additional|extra|trading|business"
                 rf"|working)\s+)?{UNIT}"
                 r"(?P<andhalf>\s+and\s+a\s+half)?(?![\w-])(?!s?[\s-]+old\b)"),
    ("duration", rf"{HEDGE}(?:(?P<span>past|last|next|coming|previous|first)\s+)"
                 rf"{NUM}\s+{UNIT}(?![\w-])"),
    ("duration", r"(?:the\s+)(?P<span>past|last|previous)\s+(?P<unit>week|month|year|decade"
                 r"|century)\b"),
    ("adjdur", rf"{NUM}-(?P<unit>second|minute|hour|day|week|month|year|decade|century)"
               r"(?!-old|s?\s+old)(?![\w-])"),
    # "day-long", "decades-long", "a three-week-long strike"
    ("adjdur", rf"(?:{NUM}-)?(?P<unit>hour|day|week|month|year|decade|(?P<plural>hours|days"
               r"|weeks|months|years|decades|centuries))-long\b"),
    ("bareunits", r"(?:for|over|within|after|took|takes|lasted|in)\s+(?P<core>(?P<unit>years"
                  r"|months|weeks|days|hours|decades|centuries))\b(?!\s+(?:of|ago|later))"),
    ("set", r"(?P<adv>daily|weekly|monthly|yearly|hourly|nightly)"),
    ("set", r"(?P<every>every|each|per)\s+(?:(?P<num>other|[a-z]+|\d+)\s+)?"
            r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?"
            r"|decades?|morning|evening|weekend)\b"),
    ("set", r"(?P<freq>once|twice|three\s+times|\d+\s+times)\s+a\s+(?P<unit>day|week|month"
            r"|year|night)\b"),
    ("set", rf"(?P<every>every|each)\s+{WEEKDAY}"),
    ("set", rf"(?P<every>every|each)\s+{MONTH_FULL}(?!\s+\d)"),
)

PATTERNS: Final[tuple[tuple[str, re.Pattern[str]], ...]] = tuple(
    (kind, re.compile(rf"(?<![\w'’]){spec}(?![\w])", re.IGNORECASE)) for kind, spec in _SPECS
)

#: every time expression starts with a digit or one of these words; the tagger tries its
#: patterns only where one begins (half the work of scanning every position)
_FIRST_WORDS = {
    re.split(r"[\s-]", key)[0]
    for table in (HEDGES, POSITIONS, NUMBERS, DEICTIC, HOLIDAYS, SEASONS, DECADE_WORDS, ORDINALS)
    for key in table
} | {
    "last", "next", "this", "coming", "upcoming", "past", "previous", "following", "current",
    "the", "fiscal", "calendar", "year", "every", "each", "per", "once", "twice", "three", "for",
    "over", "within", "after", "took", "takes", "lasted", "in", "earlier", "later", "that",
    "noon", "midnight", "midday", "tonight", "daily", "weekly", "monthly", "yearly", "hourly",
    "nightly", "q1", "q2", "q3", "q4", "nineteen", "twenty", "two", "days", "weeks", "mid",
    "early", "late",
}
#: multi-word starts: "day-long" starts at "day", but only the compound is worth a try
_FIRST_COMPOUNDS = (r"(?:hours?|days?|weeks?|months?|years?|decades?|century|centuries)-long",)
STARTS: Final = re.compile(
    r"(?<![\w'’])(?:\d|['’]\d|(?-i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue"
    r"|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?)|(?:"
    + "|".join(sorted((re.escape(w) for w in _FIRST_WORDS if w), key=len, reverse=True)
               + list(_FIRST_COMPOUNDS))
    + r")(?!\w))",
    re.IGNORECASE,
)

#: words right before a bare month, year or season that make it a time expression
CUE_WORDS: Final = frozenset({
    "in", "since", "by", "until", "till", "from", "to", "through", "during", "before",
    "after", "of", "early", "late", "mid", "last", "next", "this", "that", "each", "every",
    "between", "and", "or", "for", "around", "about", "as", "on", "at", "throughout",
    "fiscal", "the", "its", "circa", "c.", "year", "ended", "ending", "into", "over", "within",
    "than", "—", "–", "-", "(", ",", "past", "summer", "spring", "winter", "autumn", "fall",
})

#: words right before "the year" and "year-end" that make them a time expression: "for the
#: year ended June 30", "the first nine months of the year", "by year-end" (after "of", the
#: word before it must be one of YEAR_PARTS)
YEAR_PREPS: Final = frozenset({
    "for", "throughout", "of", "by", "at", "before", "since", "until", "till", "around",
    "after", "from", "through", "near",
})
YEAR_PARTS: Final = frozenset({"months", "quarters", "half", "rest", "remainder", "balance"})

#: words right after a four-digit number that make it a quantity, not a year
YEAR_BLOCKERS: Final = frozenset({
    "people", "persons", "men", "women", "children", "troops", "soldiers", "percent", "%",
    "dollars", "euros", "pounds", "yen", "shares", "units", "cars", "votes", "deaths",
    "hostages", "feet", "ft", "meters", "metres", "miles", "km", "kilometers", "tons",
    "tonnes", "barrels", "points", "jobs", "homes", "houses", "members", "workers",
    "employees", "students", "cases", "acres", "hectares", "years", "rooms", "calories",
    "pages", "words", "copies", "residents", "protesters", "refugees", "prisoners",
})
