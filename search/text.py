"""Text for search: words, the query language people type, and highlighting. Words become
search terms through the Indonesian analysis pipeline (``search.analysis``), the same for every
engine, index and query alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.analysis import TOKEN, Pipeline, default_pipeline, tokens

WORD = TOKEN

# Common function words, left out of themes and similarity (not out of search: a phrase
# such as "yang berwenang" still matches). Based on the Tala/Lucene Indonesian stop list.
STOP_WORDS = frozenset(
    """ada adalah adanya agar akan akankah aku amat anda antara apa apakah atas atau bagaimana
    bagi bahkan bahwa banyak baru begitu belum benar berapa bisa boleh bukan dalam dan dapat dari
    daripada demikian dengan di dia hal hanya harus hingga ia ialah ini itu jadi jika juga
    kalau kami kamu kan karena ke kemudian kepada ketika kita lagi lain lalu maka mana masih
    melalui mereka meski mungkin namun nya oleh pada para per perlu pula saat saja sampai sangat
    saya se sebab sebagai sebelum sedang sehingga sejak selain seperti serta setelah sudah supaya
    tanpa tapi telah tentang terhadap tersebut tetapi tidak untuk walau yaitu yakni yang the of
    and to in is for on that with""".split()
)


def words(text: str) -> list[str]:
    return tokens(text)


def stems(
    text: str, *, drop_stop_words: bool = False, pipeline: Pipeline | None = None
) -> list[str]:
    """The terms of a text, in order; without the terms of stop words if asked."""
    pipeline = pipeline or default_pipeline()
    if not drop_stop_words:
        return pipeline.terms(text)
    return [t for w in tokens(text) if w not in STOP_WORDS for t in pipeline.word_terms(w)]


def stop_terms(pipeline: Pipeline | None = None) -> frozenset[str]:
    pipeline = pipeline or default_pipeline()
    return frozenset(t for w in STOP_WORDS for t in pipeline.word_terms(w))


@dataclass(frozen=True)
class ParsedQuery:
    """A query in the language people type into search boxes: words (all required), "quoted
    phrases", -excluded words and ``OR`` between words."""

    required: tuple[str, ...] = ()
    any_of: tuple[tuple[str, ...], ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()
    excluded_phrases: tuple[tuple[str, ...], ...] = ()
    raw: str = field(default="", compare=False)

    @property
    def is_empty(self) -> bool:
        return not (self.required or self.any_of or self.phrases)

    def positive_stems(self, pipeline: Pipeline | None = None) -> set[str]:
        """Every term the query looks for (what highlights mark)."""
        pipeline = pipeline or default_pipeline()
        found: set[str] = set()
        for word in (*self.required, *(w for g in (*self.any_of, *self.phrases) for w in g)):
            found.update(pipeline.word_terms(word))
        return found


# A quoted phrase (a quote left open closes at the end of the text) or any other run of
# characters; everything that is not a word inside either is dropped by ``words``.
Terms = tuple[str, ...]  # the terms of one written word, or of a phrase: adjacent terms


@dataclass(frozen=True)
class AnalysedQuery:
    """A parsed query in the pipeline's terms, which every engine renders in its own syntax.
    Each unit is a tuple of terms that must stand side by side (a word an abbreviation expands
    into several terms, or a phrase); a unit of one term is a plain term."""

    required: tuple[Terms, ...] = ()
    any_of: tuple[tuple[Terms, ...], ...] = ()
    phrases: tuple[Terms, ...] = ()
    excluded: tuple[Terms, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.required or self.any_of or self.phrases)


def analyse_query(parsed: ParsedQuery, pipeline: Pipeline | None = None) -> AnalysedQuery:
    pipeline = pipeline or default_pipeline()

    def unit(written: tuple[str, ...]) -> Terms:
        terms: list[str] = []
        for word in written:
            for term in pipeline.word_terms(word):
                if not terms or terms[-1] != term:
                    terms.append(term)
        return tuple(terms)

    def units(written_words) -> tuple[Terms, ...]:
        return tuple(dict.fromkeys(u for u in (unit((w,)) for w in written_words) if u))

    any_of = tuple(group for group in (units(g) for g in parsed.any_of) if group)
    return AnalysedQuery(
        required=units(parsed.required),
        any_of=any_of,
        phrases=tuple(u for u in (unit(p) for p in parsed.phrases) if u),
        excluded=units(parsed.excluded)
        + tuple(u for u in (unit(p) for p in parsed.excluded_phrases) if u),
    )


QUERY_PART = re.compile(r'(-?)"([^"]*)(?:"|$)|([^\s"]+)')


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def parse_query(text: str) -> ParsedQuery:
    """Any text into a valid query: the one parser behind every search box and ``q=``. Quotes
    left open close at the end, stray operators are words or dropped, control characters go."""
    text = CONTROL.sub(" ", text)  # NUL and friends: never valid in a search, fatal to PostgreSQL
    required: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[str] = []
    excluded_phrases: list[tuple[str, ...]] = []
    groups: list[list[str]] = []
    pending_or = False
    for match in QUERY_PART.finditer(text[:500]):
        negative, phrase, token = match.groups()
        if phrase is not None:
            phrase_words = tuple(words(phrase))
            if pending_or:  # "pajak OR "pajak daerah"": the phrase is required, the OR dropped
                pending_or = False
            if negative and len(phrase_words) > 1:  # -"tidak setuju": that phrase, not each word
                excluded_phrases.append(phrase_words)
            elif negative:
                excluded.extend(phrase_words)
            elif phrase_words:
                phrases.append(phrase_words)
            continue
        if token == "OR":  # noqa: S105 - the OR operator, not a secret
            if required and not pending_or:
                pending_or = True
            else:  # nothing before it to join, or "OR OR": a stray operator is a word
                required.append("or")
            continue
        if token.startswith("-"):
            excluded.extend(words(token[1:]))
            continue
        token_words = words(token)
        if not token_words:
            continue
        if pending_or:
            previous = required.pop()
            if groups and previous in groups[-1]:
                groups[-1].extend(token_words)
            else:
                groups.append([previous, *token_words])
            pending_or = False
            # the group stays open for another OR: keep its last word as the "previous" one
            required.append(groups[-1][-1])
            continue
        required.extend(token_words)
    if pending_or:  # "pelayanan OR" with nothing after: the OR was a word
        required.append("or")
    grouped = {w for group in groups for w in group}
    required = [w for w in required if w not in grouped]
    return ParsedQuery(
        required=tuple(dict.fromkeys(required)),
        any_of=tuple(tuple(dict.fromkeys(g)) for g in groups),
        phrases=tuple(phrases),
        excluded=tuple(dict.fromkeys(excluded)),
        excluded_phrases=tuple(dict.fromkeys(excluded_phrases)),
        raw=text,
    )


def highlight(
    text: str, wanted_stems: set[str], *, length: int = 260, pipeline: Pipeline | None = None
) -> SafeString:
    """An escaped excerpt around the first match, with the words as the person wrote them
    marked wherever their terms are among the wanted ones."""
    pipeline = pipeline or default_pipeline()
    matches = [
        m for m in WORD.finditer(text)
        if wanted_stems.intersection(pipeline.word_terms(m.group(0).lower()))
    ]  # fmt: skip
    if matches:
        start = max(matches[0].start() - length // 3, 0)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < matches[0].start() else start
    else:
        start = 0
    end = min(start + length, len(text))
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    pieces, position = [], start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    return mark_safe(("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else ""))  # noqa: S308 - every piece is escaped above
