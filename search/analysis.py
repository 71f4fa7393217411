"""The Indonesian analysis pipeline: the one place text becomes search terms, for every engine.

Tokenise (letters and digits; a hyphenated word is one token), normalise informal writing
(``search/data/normalisation.tsv``: slang and chat spellings to standard words, agency and legal
abbreviations to their full form; letters repeated for emphasis), stem, and keep positions so
phrases still match. The database engines index the terms (PostgreSQL ``tsvector`` of the
terms, SQLite FTS5) and Elasticsearch a whitespace-analysed field of them, so switching engines
does not change results. Queries go through the same pipeline word by word.

Stemmers, chosen by measurement (``bench/relevance.py``, README "Search"):
- ``sastrawi``: PySastrawi, the Nazief–Adriani / ECS algorithm with a root-word dictionary:
  "berkeadilan", "keadilan" and "adil" meet; "perintah" and "pemerintahan" meet.
- ``snowball``: the Snowball Indonesian light stemmer (PostgreSQL's and Elasticsearch's own),
  kept as the baseline the benchmark compares with.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings

NORMALISATION_FILE = Path(__file__).resolve().parent / "data" / "normalisation.tsv"
TOKEN = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
REPEATED = re.compile(r"([^\W\d_])\1{2,}")  # three or more of one letter: "lamaaa"
REDUPLICATED_2 = re.compile(r"^([^\W\d_]{3,})2([^\W\d_]*)$")  # not co2, km2, no2
ROMAN_NUMERAL = re.compile(r"[ivxlcdm]+")  # "BAB III" is not "BAB I": letters kept as written
NEGATED_NOUN = re.compile(r"ketidak([^\W\d_]{3,})an")
WORD_CACHE_SIZE = 300_000


@cache
def normalisation() -> dict[str, tuple[str, ...]]:
    """Written form -> standard words, from the reviewed list kept in the repository."""
    table: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(NORMALISATION_FILE.read_text("utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            written, standard, _kind = line.split("\t")
        except ValueError as error:
            raise ValueError(f"{NORMALISATION_FILE.name} line {number}: {line!r}") from error
        if written in table:
            raise ValueError(f"{NORMALISATION_FILE.name} line {number}: {written!r} listed twice")
        table[written] = tuple(standard.split())
    return table


@cache
def _sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The plain stemmer, without Sastrawi's own unbounded cache: ours is bounded (below).
    return StemmerFactory().create_stemmer().delegatedStemmer


@cache
def _snowball():
    import snowballstemmer

    return snowballstemmer.stemmer("indonesian")


ASCII_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def sastrawi_stem(word: str) -> str:
    """Sastrawi knows Indonesian words in plain letters and drops any other character
    ("À" would become nothing): other words stay as they are."""
    if not ASCII_WORD.fullmatch(word):
        return word
    return _sastrawi().stem(word) or word


@lru_cache(maxsize=WORD_CACHE_SIZE)
def snowball_stem(word: str) -> str:
    return _snowball().stemWord(word)


def tokens(text: str) -> list[str]:
    """The words of a text as people wrote them, lowercased and in Unicode normal form."""
    return [m.group(0).lower() for m in TOKEN.finditer(unicodedata.normalize("NFKC", text))]


@dataclass(frozen=True)
class Pipeline:
    """One way of turning words into terms; ``name`` is how settings and the benchmark call it."""

    stemmer: str = "sastrawi"
    normalise: bool = True

    @property
    def name(self) -> str:
        return self.stemmer + ("+normalisation" if self.normalise else "")

    def stem(self, word: str) -> str:
        return sastrawi_stem(word) if self.stemmer == "sastrawi" else snowball_stem(word)

    def word_terms(self, word: str) -> tuple[str, ...]:
        """The terms of one written word (lowercased): usually one, several for an expanded
        abbreviation ("pemda" -> perintah, daerah), none for a word of no letters or digits."""
        return _word_terms(self, word)

    def terms(self, text: str) -> list[str]:
        """Every term of a text in order (an expansion's terms stay side by side, so phrases
        match across "pemda" and "pemerintah daerah")."""
        found: list[str] = []
        for word in tokens(text):
            for term in self.word_terms(word):
                if not found or found[-1] != term:  # "undang undang" is "undang-undang"
                    found.append(term)
        return found


TERM_PART = re.compile(r"[^\W_]+")


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_terms(pipeline: Pipeline, word: str) -> tuple[str, ...]:
    """A word's terms: letters and digits only (never a sign any engine reads as syntax)."""
    return _deduplicated(
        part for term in _raw_terms(pipeline, word) for part in TERM_PART.findall(term)
    )


def _raw_terms(pipeline: Pipeline, word: str) -> tuple[str, ...]:
    word = word.replace("’", "'")
    if pipeline.normalise:
        # The list first as written ("pppk"), then with emphasis undone ("lamaaa" -> "lama").
        expansion = normalisation().get(word)
        if expansion is None and not ROMAN_NUMERAL.fullmatch(word) and word != "www":
            word = REPEATED.sub(r"\1", word)
            expansion = normalisation().get(word)
        if expansion is not None:
            return _deduplicated(t for w in expansion for t in _stemmed(pipeline, w))
        # Reduplication written with a 2 ("oknum2", "obat2an"): the hyphenated form.
        word = REDUPLICATED_2.sub(r"\1-\1\2", word)
        # "ketidak-...-an" (ketidakadilan, ketidakpastian): "tidak" and the root between.
        negated = NEGATED_NOUN.fullmatch(word)
        if negated:
            return ("tidak", *_stemmed(pipeline, negated.group(1)))
    if pipeline.stemmer == "snowball" and not pipeline.normalise:
        # The baseline as it always was: the Snowball stem of the whole token.
        return tuple(t for t in re.split(r"[-']", pipeline.stem(word)) if t)
    return _stemmed(pipeline, word.replace("'", ""))


def _stemmed(pipeline: Pipeline, word: str) -> tuple[str, ...]:
    """A word's stem; a hyphenated word is one stem when it is a reduplication (kebijakan-
    kebijakan, sehari-hari), else the stems of its parts (e-government, tanda-tangan)."""
    if "-" not in word:
        return (pipeline.stem(word),) if word else ()
    whole = pipeline.stem(word)
    if "-" not in whole:
        return (whole,)
    parts = [p for p in word.split("-") if p]
    stems = [pipeline.stem(p) for p in parts]
    if len(set(stems)) == 1:  # a reduplication the stemmer did not see as one
        return (stems[0],)
    return _deduplicated(stems)


def _deduplicated(terms) -> tuple[str, ...]:
    out: list[str] = []
    for term in terms:
        if term and (not out or out[-1] != term):
            out.append(term)
    return tuple(out)


PIPELINES = {
    p.name: p
    for p in (
        Pipeline("snowball", normalise=False),
        Pipeline("snowball", normalise=True),
        Pipeline("sastrawi", normalise=False),
        Pipeline("sastrawi", normalise=True),
    )
}


def default_pipeline() -> Pipeline:
    """The pipeline every engine indexes and searches with (``SEARCH_PIPELINE``)."""
    return PIPELINES[settings.SEARCH_PIPELINE]
