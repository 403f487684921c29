"""Outlets and wire sources: from metadata, the URL's host, or agency credits in the text.

Agency credits take a few fixed shapes in news copy: a sign-off list ("(Reuters, AFP, dpa,
AP)", "TRTWorld and agencies"), a dateline ("VELDMARK, March 5 (MPA) –"), or attribution
("told AFP", "Reuters reported"). No library covers these, so the patterns are ours.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Canonical names of the agencies we recognise, keyed by the forms seen in copy.
AGENCIES = {
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "ap": "AP",
    "associated press": "AP", "the associated press": "AP", "dpa": "dpa", "xinhua": "Xinhua",
    "efe": "EFE", "ansa": "ANSA", "anadolu": "Anadolu Agency", "anadolu agency": "Anadolu Agency",
    "interfax": "Interfax", "tass": "TASS", "ria": "RIA Novosti", "ria novosti": "RIA Novosti",
    "pti": "PTI", "kyodo": "Kyodo", "yonhap": "Yonhap", "upi": "UPI", "bloomberg": "Bloomberg",
    "sana": "SANA", "irna": "IRNA", "bernama": "Bernama", "aap": "AAP",
}
_NAMES = "|".join(sorted((re.escape(k) for k in AGENCIES), key=len, reverse=True))
# "(Reuters, AFP, dpa, AP)" at the end of a line, possibly after editors' initials.
_SIGN_OFF = re.compile(rf"\(((?:{_NAMES})(?:\s*[,/]\s*(?:{_NAMES}))*)\)\s*$", re.IGNORECASE | re.MULTILINE)
# "TRTWorld and agencies": an outlet's own copy mixed with unnamed agencies' copy.
_OWN_AND_AGENCIES = re.compile(r"^\s*([\w .'-]{2,40}?)\s+and\s+(?:news\s+)?agencies\s*$", re.IGNORECASE | re.MULTILINE)
# "With AFP and Reuters"
_AND_AGENCIES = re.compile(rf"^\s*(?:with\s+)?((?:{_NAMES})(?:\s*(?:,|and)\s*(?:{_NAMES}))*)\s*$", re.IGNORECASE | re.MULTILINE)
# "VELDMARK, March 5 (MPA) –" or "ALEPPO (Reuters) -": any upper-case credit in a dateline.
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(?:,[^()\n]{0,30})?\s*\(([A-Z][A-Za-z]{1,9})\)\s*[-–—]", re.MULTILINE)
# "told AFP", "Reuters reported", "according to AFP", "said in a statement to Reuters"
_ATTRIBUTION = re.compile(
    rf"\b(?:told|to|according to|quoted by|cited by)\s+(?:the\s+)?({_NAMES})\b"
    rf"|\b({_NAMES})\s+(?:reported|said|news agency)\b",
    re.IGNORECASE,
)


def host_outlet(url: str | None) -> str | None:
    """The outlet a URL points at, as its host name without "www."."""
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def wire_sources(text: str) -> tuple[str, ...]:
    """Agencies credited in the text, canonical names, sorted."""
    found: set[str] = set()
    for match in _SIGN_OFF.finditer(text):
        found.update(_canonical(part) for part in re.split(r"\s*[,/]\s*", match.group(1)))
    for match in _AND_AGENCIES.finditer(text):
        found.update(_canonical(part) for part in re.split(r"\s*(?:,|and)\s*", match.group(1), flags=re.IGNORECASE))
    for match in _OWN_AND_AGENCIES.finditer(text):
        found.update((match.group(1).strip(), "agencies"))
    for match in _DATELINE.finditer(text):
        found.add(_canonical(match.group(1)))
    for match in _ATTRIBUTION.finditer(text):
        found.add(_canonical(match.group(1) or match.group(2)))
    found.discard("")
    return tuple(sorted(found))


def _canonical(name: str) -> str:
    key = " ".join(name.lower().split())
    return AGENCIES.get(key, name.strip())
