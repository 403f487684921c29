"""Language of an article, so non-English text is reported instead of misread.

py3langid ships its model inside the package (nothing is downloaded) and classifies a
page in well under a millisecond.
"""

from __future__ import annotations

from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Below this many characters identification is unreliable; such texts are taken as English.
MIN_CHARS = 80
# A text is declared non-English only when the identifier is at least this sure.
MIN_PROBABILITY = 0.9
SAMPLE_CHARS = 1000


@lru_cache(maxsize=1)
def load() -> LanguageIdentifier:
    """The language identifier, loaded once per process (about 0.3 s)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float]:
    """ISO 639-1 code and probability; ("en", 0.0) when the text is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return "en", 0.0
    language, probability = load().classify(sample)
    return str(language), float(probability)


def is_foreign(text: str, wanted: tuple[str, ...] = ("en",)) -> str | None:
    """The detected language when it is confidently not one of `wanted`, else None."""
    language, probability = detect(text)
    if language not in wanted and probability >= MIN_PROBABILITY:
        return language
    return None
