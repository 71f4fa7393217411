"""The Indonesian catalogues use the fixed terms of locale/glossary.toml.

(a) Where an English message uses a glossary term, its Indonesian translation uses the term's
    Indonesian form (unless the glossary lists that message as a reasoned exception).
(b) No forbidden variant (e-mail, mengkonfirmasi, lowercase "anda", draf, ...) appears in any
    Indonesian translation of ours: locale/id, locale/wagtail/id and locale/allauth/id.
(c) The glossary parses, and every term and every exception in it is still needed.

The .po files are read by the small parser below (polib is not a dependency).
"""

import ast
import re
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
GLOSSARY = LOCALE / "glossary.toml"

# Catalogues checked against the terms (a): ours, where the English is Rembuk's own or the
# allauth messages we re-translate. Wagtail's admin messages use some words in Wagtail's own
# sense (a page "draft"), so for locale/wagtail/id only the forbidden variants are checked (b).
TERM_CATALOGUES = {
    "id": LOCALE / "id" / "LC_MESSAGES" / "django.po",
    "allauth/id": LOCALE / "allauth" / "id" / "LC_MESSAGES" / "django.po",
}
ALL_CATALOGUES = {
    **TERM_CATALOGUES,
    "wagtail/id": LOCALE / "wagtail" / "id" / "LC_MESSAGES" / "django.po",
    "wagtail/id (js)": LOCALE / "wagtail" / "id" / "LC_MESSAGES" / "djangojs.po",
}


# --- a tiny .po reader ------------------------------------------------------------------------


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False
    line: int = 0

    @property
    def translations(self):
        return [self.msgstr[n] for n in sorted(self.msgstr)]

    def describe(self):
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r} -> {' | '.join(self.translations)!r}"


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")\s*$')


def _unquote(token):
    # A PO string is a C string; these are also valid Python string literals.
    return ast.literal_eval(token)


def parse_po(path):
    """Entries of a .po file, without the header and obsolete (#~) entries."""
    entries, current, target, fuzzy = [], None, None, False
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
            continue
        if line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: a continuation line outside a message")
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += _unquote(line)
            else:
                setattr(current, name, getattr(current, name) + _unquote(line))
            continue
        match = _KEYWORD.match(line)
        if not match:
            raise ValueError(f"{path}:{number}: cannot read {raw!r}")
        keyword, index, token = match.groups()
        if keyword in ("msgctxt", "msgid") and (current is None or current.msgstr):
            if current is not None and current.msgid:
                entries.append(current)
            current, fuzzy = Entry(line=number, fuzzy=fuzzy), False
        if keyword.startswith("msgstr"):
            target = ("msgstr", int(index or 0))
            current.msgstr[target[1]] = _unquote(token)
        else:
            target = (keyword, None)
            setattr(current, keyword, _unquote(token))
    if current is not None and current.msgid:
        entries.append(current)
    return entries


# --- the glossary ------------------------------------------------------------------------------

# Placeholders and markup are not words: "%(email)s" and "mailto:" must not count as "email".
_NOT_WORDS = re.compile(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}|<[^>]*>")


def words_of(text):
    return _NOT_WORDS.sub(" ", text)


@dataclass
class Term:
    key: str
    english: str
    indonesian: str
    en: re.Pattern
    id: re.Pattern
    forbidden: list[re.Pattern]
    exceptions: list[dict]
    note: str

    def concerns(self, entry):
        english = words_of(entry.msgid + " " + (entry.msgid_plural or ""))
        return bool(self.en.search(english))

    def used_in(self, entry):
        return all(self.id.search(words_of(text)) for text in entry.translations)

    def excepts(self, catalogue, entry):
        return any(
            exception["msgid"] == entry.msgid
            and exception.get("msgctxt") == entry.msgctxt
            and exception.get("catalogue", "id") == catalogue
            for exception in self.exceptions
        )


def load_glossary():
    data = tomllib.loads(GLOSSARY.read_text(encoding="utf-8"))
    terms = []
    for key, item in data["term"].items():
        flags = 0 if item.get("case_sensitive") else re.IGNORECASE
        terms.append(
            Term(
                key=key,
                english=item["english"],
                indonesian=item["indonesian"],
                en=re.compile(item["en_pattern"], re.IGNORECASE),
                id=re.compile(item["id_pattern"], flags),
                forbidden=[re.compile(pattern, flags) for pattern in item.get("forbidden", [])],
                exceptions=item.get("exception", []),
                note=item["note"],
            )
        )
    return terms


TERMS = load_glossary()
CATALOGUE_ENTRIES = {name: parse_po(path) for name, path in ALL_CATALOGUES.items()}


def term_violations(term):
    """Entries that use the English term but not its Indonesian form, and are no exception."""
    return [
        f"{catalogue} {entry.describe()}"
        for catalogue in TERM_CATALOGUES
        for entry in CATALOGUE_ENTRIES[catalogue]
        if term.concerns(entry) and not term.used_in(entry) and not term.excepts(catalogue, entry)
    ]


def forbidden_uses(term):
    return [
        f"{catalogue} {entry.describe()} uses {pattern.pattern!r}"
        for catalogue, entries in CATALOGUE_ENTRIES.items()
        for entry in entries
        for pattern in term.forbidden
        if any(pattern.search(words_of(text)) for text in entry.translations)
    ]


# --- the tests ---------------------------------------------------------------------------------


@pytest.mark.parametrize("term", TERMS, ids=lambda term: term.key)
def test_translations_use_the_glossary_term(term):
    assert term_violations(term) == [], (
        f"“{term.english}” is “{term.indonesian}” in Indonesian ({term.note}); fix the "
        "translation, or add a reasoned exception to locale/glossary.toml"
    )


@pytest.mark.parametrize("term", [t for t in TERMS if t.forbidden], ids=lambda term: term.key)
def test_no_forbidden_variant_in_our_catalogues(term):
    assert forbidden_uses(term) == [], f"write “{term.indonesian}” ({term.note})"


def test_glossary_parses_and_every_term_is_used():
    assert 20 <= len(TERMS) <= 40
    for term in TERMS:
        assert term.english and term.indonesian and term.note, term.key
        used = [
            entry
            for catalogue in TERM_CATALOGUES
            for entry in CATALOGUE_ENTRIES[catalogue]
            if term.concerns(entry) and term.used_in(entry)
        ]
        assert used, f"no catalogue entry uses the glossary term {term.key!r}"


def test_every_exception_is_still_needed():
    """An exception names a real message that uses the English term and not the Indonesian one."""
    for term in TERMS:
        for exception in term.exceptions:
            assert exception.get("reason"), (term.key, exception["msgid"])
            catalogue = exception.get("catalogue", "id")
            matching = [
                entry
                for entry in CATALOGUE_ENTRIES[catalogue]
                if entry.msgid == exception["msgid"] and entry.msgctxt == exception.get("msgctxt")
            ]
            assert matching, f"{term.key}: no message {exception['msgid']!r} in {catalogue}"
            entry = matching[0]
            assert term.concerns(entry) and not term.used_in(entry), (
                f"{term.key}: the exception for {exception['msgid']!r} is no longer needed"
            )


def test_the_reader_sees_every_message():
    """The reader above agrees with msgfmt on the number of messages (a check on the reader)."""
    for name, path in ALL_CATALOGUES.items():
        result = subprocess.run(
            ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        counts = re.findall(r"(\d+) (?:translated|fuzzy|untranslated)", result.stderr)
        assert len(CATALOGUE_ENTRIES[name]) == sum(map(int, counts)), name
