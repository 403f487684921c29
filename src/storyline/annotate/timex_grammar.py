"""The grammar of time expressions in English news: one named regular expression per form.

Kept apart from the resolver (temporal.py) so the two can be read separately: this module
says what counts as a time expression and what its parts are called; the resolver says
what each one means. Patterns are tried left to right at each position, so longer and more
specific forms come first. Calibrated on the gold set in tests/data/temporal_gold/: re-run
`bench/temporal.py` after any change.
"""

from __future__ import annotations

import re

MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?:\.|\b)"  # not "Mar" in "Marine"
)
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
NUM = (
    r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|a couple of)"
)
UNIT = r"(?:day|week|month|year)s?"
YEAR = r"(?:1[89]\d{2}|20\d{2})"
ORD = r"(?:st|nd|rd|th)?"
SEASON = r"(?:spring|summer|autumn|fall|winter)"
# "June last year", "25 June this year"
_REL_YEAR = r"(?:\s+(?:last|this|next)\s+year\b|\s+of\s+that\s+year\b)"
# Newspapers named after a weekday, and "USA Today", are not dates.
_NOT_AFTER_WEEKDAY = r"(?!\s+(?:Times|Telegraph|Mirror|Express|Post|Herald|Mail|Star|Independent|Tribune)\b)"
_PART_OF_YEAR = (
    r"(?:early|late|mid-?|end-|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half"
    r"|early\s+part|latter\s+part|last\s+part)\s+of)\s*"
)
# Counted things after a number mean it is a count, not a year ("2000 people").
_COUNTED = (
    r"(?-i:people|persons|men|women|children|troops|soldiers|civilians|dead|deaths|killed|cases"
    r"|homes|houses|families|refugees|residents|fighters|km|kilometres|kilometers|miles|metres"
    r"|meters|tonnes|tons|dollars|euros|votes|percent|barrels|jobs|workers|students|patients)"
)

# Happenings a time can be anchored on ("two days after the attack"): the resolver looks for
# the day the text gives for the same word earlier on (temporal._event_day).
EVENT = (
    r"(?:attack|bombing|blast|explosion|earthquake|quake|aftershock|tsunami|spill|leak|blowout|disaster"
    r"|accident|crash|shooting|massacre|raid|assault|offensive|coup|election|vote|referendum|ceasefire"
    r"|truce|storm|hurricane|flood|fire|eruption|clash|protest|rally|uprising|invasion|siege|riot"
    r"|verdict|trial|hearing|funeral|death|killing|arrest|resignation|announcement|summit|meeting)(?:e?s)?"
)

# Up to two words before the happening ("the devastating earthquake", "the Deepwater Horizon
# disaster"), none of them a date: a date there is a mention of its own ("the January 25
# protests"), which a match over it would swallow.
_EVENT_WORDS = rf"(?:(?!{MON}|{WD}|\d)[\w'’-]+\s+){{0,2}}?"

PATTERNS = [
    # "two days after the attack", "a week before the election", "the day after the bombing",
    # "48 hours after the quake", "the third day of the siege": anchored on a happening
    ("event", (
        rf"(?P<ev_n>{NUM}|the)\s+(?P<ev_u>{UNIT}|hours)\s+(?P<ev_d>after|before)\s+"
        rf"(?:the|this|that)\s+{_EVENT_WORDS}(?P<ev_w>{EVENT})\b"
        r"|the\s+(?P<nd_n>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))"
        rf"\s+day\s+of\s+(?:the|this|that)\s+{_EVENT_WORDS}(?P<nd_w>{EVENT})\b"
    )),
    # "two days ago", "a year ago", "13 hrs ago"
    ("ago", rf"(?P<ago_n>{NUM})\s+(?P<ago_u>{UNIT}|hours?|hrs?|minutes?|mins?)\s+ago\b"),
    # "a week later", "two days earlier", "three days before," (not "days before a vote")
    ("shift", (
        rf"(?<!up to )(?P<sh_n>{NUM})\s+(?P<sh_u>{UNIT})\s+"
        r"(?P<sh_d>later|earlier|afterwards|(?:after|before)(?=\s*[,.;:!?)]|\s*$))"
    )),
    # "the next day", "the following week", "the previous day", "the day before", "the same day",
    # and a part of a day: "the next morning", "the previous night", "the same evening"
    ("next", (
        r"the\s+(?P<nx_d>next|following|previous|preceding|same)\s+(?P<nx_u>day|week|month|year)\b"
        r"(?!\s+(?:\d|of\b))"
        r"|the\s+(?P<nx_u2>day)\s+(?P<nx_d2>before|after)\b(?=\s*[,.;:!?)]|\s*$)"
        r"|the\s+(?P<nx_d3>next|following|previous|preceding|same)\s+(?:morning|afternoon|evening|night)\b"
    )),
    # "the past two weeks", "the last three days", "the past week"
    ("range", rf"the\s+(?:past|last|previous)\s+(?:(?P<rg_n>{NUM}|few|several)\s+)?(?P<rg_u>{UNIT})\b(?!\s+of\b)"),
    # "the next 20 years"
    ("ahead", rf"the\s+(?:next|coming)\s+(?P<ah_n>{NUM})\s+(?P<ah_u>{UNIT})\b"),
    # "this weekend", "the weekend", "last weekend"
    ("weekend", r"(?P<we_mod>this|the|last|past|next)\s+weekend\b"),
    # "the end of the week"
    ("week_end", r"the\s+end\s+of\s+(?:the|this)\s+week\b"),
    # "last week", "earlier this month", "this year", "next month"
    ("rel", (
        r"(?P<rel_pre>(?:earlier|later)\s+)?(?P<rel_m>last|this|next|past|previous)\s+"
        r"(?P<rel_u>week|month|year)\b"
    )),
    ("day_word", (
        r"(?P<dw>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?<!USA )today|tonight"
        r"|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b"
    )),
    # "the third quarter", "fourth-quarter 2010", "Q3 2009"
    ("quarter", (
        r"(?:the\s+)?(?P<q_ord>first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter"
        rf"(?:\s+(?:of\s+)?(?P<q_y>{YEAR})\b)?"
        rf"|\bQ(?P<q_n>[1-4])\s+(?P<q_y2>{YEAR})\b"
    )),
    # "last summer", "the summer of 2009", "winter 2010"
    ("season", (
        rf"(?P<s_mod>(?:last|this|next|early|late|mid-?|the)\s+)?(?P<s_word>{SEASON})\b"
        rf"(?:\s+(?:of\s+)?(?P<s_y>{YEAR})\b)?"
    )),
    # "9/11" as the name of a day
    ("nine_eleven", r"(?<![\d/])9\s?\\?/\s?11(?=\s+(?:attacks?|terror|hijack|commission|anniversary))"),
    ("iso", r"(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})(?![\d-])"),
    ("numeric", r"(?P<n1>\d{1,2})[/.](?P<n2>\d{1,2})[/.](?P<ny>\d{4}|\d{2})(?![\d/.]\d)"),
    # "July 31", "Thursday, Feb. 10, 2011", "May 11/12", "June 25 last year"
    ("mdy", (
        rf"(?:{WD}\s*,?\s+)?(?P<mdy_m>{MON})\s+(?P<mdy_d>\d{{1,2}}){ORD}"
        rf"(?:\s?(?:\\?/|[-–])\s?\d{{1,2}}{ORD})?(?!\d|,\d|:\d)"
        rf"(?:\s?,?\s+(?P<mdy_y>{YEAR})\b|(?P<mdy_rel>{_REL_YEAR}))?"
    )),
    # "31 July 2016", "the 3rd of March", "25 June last year"
    ("dmy", (
        rf"(?:{WD}\s*,?\s+)?(?P<dmy_d>\d{{1,2}}){ORD}\s+(?:of\s+)?(?P<dmy_m>{MON})"
        rf"(?:\s?,?\s+(?P<dmy_y>{YEAR})\b|(?P<dmy_rel>{_REL_YEAR}))?"
    )),
    # "March 2011", "April of 2008", "early March 2011"
    ("my", rf"(?P<my_mod>{_PART_OF_YEAR})?(?P<my_m>{MON}),?\s+(?:of\s+)?(?P<my_y>{YEAR})\b"),
    ("weekday", (
        rf"(?P<wd_mod>(?:early|late|earlier|later|last|this|next)\s+(?:on\s+)?)?(?P<wd>{WD})"
        rf"{_NOT_AFTER_WEEKDAY}(?:'s|’s)?"
        r"(?P<wd_part>\s+(?:morning|afternoon|evening|night|midnight))?\b"
    )),
    # "in July", "last July", "the end of September", "and August" (after another month)
    ("month", (
        r"(?:(?P<mo_prep>\b(?:in|since|during|until|till|through|from|by|before|after|between"
        r"|into|for|the|and|or|to)\s+))?"
        rf"(?P<mo_span>(?P<mo_mod>(?:last|this|next)\s+|{_PART_OF_YEAR})?(?P<mo_m>{MON}))\b"
        # A day or year after the month belongs to a fuller pattern starting at the month.
        r"(?!\.?\s*,?\s*(?:of\s+)?\d)"
        rf"(?P<mo_rel>{_REL_YEAR})?"
    )),
    # "in 2012", "mid-2012", "2011's", "1977-1979", "the end of 2010"
    ("year", (
        rf"(?<![\d$£€#.,/-])(?P<yr_mod>{_PART_OF_YEAR})?(?P<yr>{YEAR})"
        rf"(?:[-–](?:{YEAR}|\d{{2}})(?![\d-]))?(?:'s|’s)?"
        rf"(?![\d%]|s\b|-\d|/\d|,\d|\.\d|\s+{_COUNTED})"
    )),
]

# Every expression starts a word with one of these: testing them first (a cheap lookahead)
# lets the scanner skip most positions, 8x faster than trying every pattern everywhere,
# and keeps month and season names from matching inside words ("Omar", "downfall").
_FIRST_WORD = (
    r"(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
    r"|today|tonight|yesterday|tomorrow|last|this|next|past|previous|the|early|late|mid|end"
    r"|spring|summer|autumn|fall|winter|q[1-4]|a|an|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|fifteen|twenty|thirty|earlier|later|in|since|during|until|till"
    r"|through|from|by|before|after|between|into|for|and|or|to|first|second|third|fourth|final)"
)
MASTER = re.compile(
    rf"(?<!\w)(?={_FIRST_WORD})(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern in PATTERNS)
    + ")",
    re.IGNORECASE,
)

# Words in the clause before an expression that say it lies in the future, or the past.
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|'ll|wo n't|won't|is due|are due|due to|scheduled|set to|set for|plans? to"
    r"|planning to|planned|expected to|going to|to be held|upcoming|is to|are to|hopes? to)\b",
    re.IGNORECASE,
)
PAST_CUE = re.compile(r"\b(?:was|were|had|did|ago|said|told)\b|\b(?P<verb>\w{3,}ed)\b", re.IGNORECASE)
# "-ed" after these words is an adjective or a passive ("the estimated date is"), not past.
NOT_PAST_BEFORE_ED = {"the", "a", "an", "is", "are", "be", "been", "being", "its", "their", "his", "her"}
# After these, a date is a limit, which says nothing of tense ("closed until 18 May").
LIMIT_WORDS = re.compile(r"\b(?:until|till|through|by)\s+$", re.IGNORECASE)
CLAUSE_BREAK = re.compile(r"[.;:!?](?=\s|$)|\n|,\s|\s(?:and|but|while|after|before|as|when)\s")
STAMP_WEEKDAY = re.compile(rf"({WD}|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s*$", re.IGNORECASE)
# "... and March 2003", "... to April of 2008": a year shared by coordinated dates.
COORDINATED_YEAR = re.compile(
    rf"\s*(?:and|or|to|through|until|-|–)\s+(?:{MON}\s*(?:\d{{1,2}}{ORD})?|\d{{1,2}}{ORD}\s+{MON})"
    rf"\s?,?\s*(?:of\s+)?(?:(?P<year>{YEAR})\b|(?P<rel>last|this|next)\s+year\b)",
    re.IGNORECASE,
)
COORDINATION = re.compile(r"\s*(?:and|or|to|through|until|-|–)\s*$", re.IGNORECASE)

# Clock times ("7pm", "10:10 a.m.", "1600 GMT", "2:12 pm EDT", "midnight"), found apart from
# the dates: each is tagged with the day it falls on (temporal.clock_times). A bare "14:30"
# counts only after a word that sets a time ("at", "by", "until", ...) or beside a date.
_ZONE = r"(?:\s*(?:GMT|UTC|BST|CET|CEST|EDT|EST|ET|PDT|PST|IST|AEST|local\s+time)\b)"
CLOCK = re.compile(
    r"(?=[\dmn])(?<![\w:.,])(?:"  # the first look-ahead: a cheap filter, for speed
    r"(?P<ampm>\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|(?-i:am|pm|AM|PM)\b))" + _ZONE + "?"
    r"|(?P<zoned>\d{1,2}:\d{2}|\d{4})" + _ZONE
    + r"|(?P<bare>\d{1,2}:\d{2})(?![\d:])"
    r"|(?P<word>midnight|noon|midday)\b"
    r")",
    re.IGNORECASE,
)
# Words before a bare "14:30" that make it a time of day.
CLOCK_CUE = re.compile(r"\b(?:at|by|until|till|around|about|after|before|from|since|to)\s+$", re.IGNORECASE)
# What may stand between a clock time and the date it belongs to ("3 p.m. Sunday",
# "Tuesday midnight", "11pm on 27 April", "Tue Jun 30 , 2009 4:18 am IST", "2011 - 23:07").
CLOCK_GAP = re.compile(r"^[\s,;|-]*(?:(?:on|at|of)\s+)?[\s,;|-]*$", re.IGNORECASE)
