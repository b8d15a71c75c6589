"""Language of an article (ru, kk, en) by Lingua's n-gram models, restricted to those three;
Kazakh in the Latin and Arabic scripts by its letters, which Lingua's Cyrillic model lacks.

Kazakh and Russian share most of the Cyrillic alphabet and many names, so a letter test
alone misfires on Russian texts that quote Kazakh names; Lingua weighs n-grams of the
whole text and reports a confidence that we keep.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from app.loader.prefilter import CharCount

CODES = {Language.RUSSIAN: "ru", Language.KAZAKH: "kk", Language.ENGLISH: "en"}
MIN_LETTERS = 12
LETTER = re.compile(r"[^\W\d_]")
# The first few paragraphs decide as well as the whole text and cost a fraction.
SAMPLE_CHARS = 800
# Kazakh in the Latin alphabet (2021, and 2018's with acute accents: á ǵ ń ó ú ý): Lingua's
# Kazakh model knows only Cyrillic and calls it English with full confidence. Its letters
# (and a q not before u) in ordinary lowercase words give it away; names do not count (an
# English text quotes Erdoğan and Çavuşoğlu). The guess is marked uncertain.
KAZAKH_LATIN = re.compile(r"[äğıñöşūüáǵńóúý]|q(?!u)")
LOWER_WORD = re.compile(r"\b[^\W\d_A-ZÄĞİÑÖŞŪÜQ][^\W\d_]*")
KAZAKH_LATIN_SHARE = 0.25
KAZAKH_LATIN_MIN_WORDS = 2
KAZAKH_LATIN_CONFIDENCE = 0.5  # also the confidence of Kazakh in the Arabic script

# Kazakh in the Arabic script (töte, as written in China, Mongolia and Iran): Lingua has no
# model for it. Letters of that script make most of the text, and ones töte has and Arabic
# and Persian lack (ە ۇ ۋ ڭ ۆ, the high hamza ٴ) give it away; Uyghur, which shares most of
# them, also writes ې and ۈ, which töte lacks. Another text in the script is undetermined.
ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
TOTE_LETTER = re.compile(r"[\u06d5\u06c7\u06cb\u06ad\u06c6\u0674]")
UYGHUR_LETTER = re.compile(r"[\u06d0\u06c8]")
TOTE_MIN_LETTERS = 5
# Most of a text's characters: counted without a string per character (prefilter.CharCount).
LETTERS = CharCount(LETTER)


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    confidence: float


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Models load as texts need them: a long sample needs a few of them, and a load of one
    # file spent 0.5 s preloading every one (the values are the same either way).
    return LanguageDetectorBuilder.from_languages(*CODES).build()


def detect_language(text: str) -> LanguageGuess:
    """`und` (undetermined) when the text has too few letters to judge."""
    sample = text[:SAMPLE_CHARS]
    letters = LETTERS(sample)
    if letters < MIN_LETTERS:
        return LanguageGuess("und", 0.0)
    if len(ARABIC_LETTER.findall(sample)) * 2 > letters:
        return LanguageGuess("kk", KAZAKH_LATIN_CONFIDENCE) if _tote(sample) else LanguageGuess("und", 0.0)
    values = _detector().compute_language_confidence_values(sample)
    best = values[0]
    if CODES[best.language] == "en" and _kazakh_in_latin(sample):
        return LanguageGuess("kk", KAZAKH_LATIN_CONFIDENCE)
    return LanguageGuess(CODES[best.language], round(best.value, 4))


def _tote(sample: str) -> bool:
    return len(TOTE_LETTER.findall(sample)) >= TOTE_MIN_LETTERS and not UYGHUR_LETTER.search(sample)


def is_tote(text: str, guess: LanguageGuess) -> bool:
    """Kazakh in the Arabic script, for a text `detect_language` called Kazakh: a cheap test
    first, since only a guess of töte or Latin Kazakh has that confidence."""
    if guess.code != "kk" or guess.confidence != KAZAKH_LATIN_CONFIDENCE:
        return False
    sample = text[:SAMPLE_CHARS]
    return len(ARABIC_LETTER.findall(sample)) * 2 > LETTERS(sample) and _tote(sample)


def _kazakh_in_latin(sample: str) -> bool:
    words = LOWER_WORD.findall(sample)
    kazakh = sum(1 for word in words if KAZAKH_LATIN.search(word))
    return kazakh >= KAZAKH_LATIN_MIN_WORDS and kazakh >= KAZAKH_LATIN_SHARE * len(words)
