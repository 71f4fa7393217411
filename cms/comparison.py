"""Clause-by-clause comparison of two draft versions, with a word-level diff inside clauses.

Clauses are matched by their stable key, so a renumbered clause is not reported as changed and a
clause that moved to another place or article is reported as moved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from enum import StrEnum

from cms.drafts import Chapter, Clause, outline_clauses

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


class SegmentKind(StrEnum):
    EQUAL = "equal"
    INSERTED = "inserted"
    DELETED = "deleted"


@dataclass(frozen=True)
class Segment:
    kind: SegmentKind
    text: str


def word_diff(old_text: str, new_text: str) -> list[Segment]:
    old_tokens, new_tokens = _TOKEN.findall(old_text), _TOKEN.findall(new_text)
    matcher = SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    segments: list[Segment] = []
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment(SegmentKind.EQUAL, "".join(old_tokens[old_start:old_end])))
            continue
        if old_end > old_start:
            segments.append(Segment(SegmentKind.DELETED, "".join(old_tokens[old_start:old_end])))
        if new_end > new_start:
            segments.append(Segment(SegmentKind.INSERTED, "".join(new_tokens[new_start:new_end])))
    return segments


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    MOVED = "moved"
    MOVED_AND_CHANGED = "moved_changed"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class ClauseChange:
    kind: ChangeKind
    old: Clause | None
    new: Clause | None
    segments: list[Segment] = field(default_factory=list)

    @property
    def key(self) -> str:
        return (self.new or self.old).key

    @property
    def is_change(self) -> bool:
        return self.kind is not ChangeKind.UNCHANGED


@dataclass(frozen=True)
class Comparison:
    changes: list[ClauseChange]

    def count(self, kind: ChangeKind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)

    @property
    def summary(self) -> dict[str, int]:
        return {kind.value: self.count(kind) for kind in ChangeKind}

    @property
    def has_changes(self) -> bool:
        return any(change.is_change for change in self.changes)


def changed_clause_keys(old_outline: list[Chapter], new_outline: list[Chapter]) -> set[str]:
    """Keys of the clauses kept in the new text whose wording changed (moved or not): what
    `compare_outlines` marks changed, without computing word diffs nobody will read."""
    old_texts = {clause.key: clause.text for clause in outline_clauses(old_outline)}
    return {
        clause.key
        for clause in outline_clauses(new_outline)
        if clause.key in old_texts and old_texts[clause.key] != clause.text
    }


def compare_outlines(old_outline: list[Chapter], new_outline: list[Chapter]) -> Comparison:
    old_clauses = list(outline_clauses(old_outline))
    new_clauses = list(outline_clauses(new_outline))
    old_by_key = {clause.key: clause for clause in old_clauses}
    new_by_key = {clause.key: clause for clause in new_clauses}

    # Clauses kept in the same relative order are "in place"; the rest of the shared ones moved.
    shared_old = [c.key for c in old_clauses if c.key in new_by_key]
    shared_new = [c.key for c in new_clauses if c.key in old_by_key]
    in_place: set[str] = set()
    matcher = SequenceMatcher(None, shared_old, shared_new, autojunk=False)
    for block in matcher.get_matching_blocks():
        in_place.update(shared_old[block.a : block.a + block.size])

    def change_for(new: Clause) -> ClauseChange:
        old = old_by_key.get(new.key)
        if old is None:
            return ClauseChange(ChangeKind.ADDED, None, new)
        moved = new.key not in in_place or old.article_key != new.article_key
        changed = old.text != new.text
        segments = word_diff(old.text, new.text) if changed else []
        if moved and changed:
            kind = ChangeKind.MOVED_AND_CHANGED
        elif moved:
            kind = ChangeKind.MOVED
        elif changed:
            kind = ChangeKind.CHANGED
        else:
            kind = ChangeKind.UNCHANGED
        return ClauseChange(kind, old, new, segments)

    # Walk the new text in order, placing each removed clause after the clause that preceded it
    # in the old text, so the reader sees it where it used to be.
    removed_after: dict[str | None, list[Clause]] = {}
    previous_key: str | None = None
    for clause in old_clauses:
        if clause.key not in new_by_key:
            removed_after.setdefault(previous_key, []).append(clause)
        else:
            previous_key = clause.key

    changes = [ClauseChange(ChangeKind.REMOVED, c, None) for c in removed_after.get(None, [])]
    for clause in new_clauses:
        changes.append(change_for(clause))
        for removed in removed_after.get(clause.key, []):
            changes.append(ClauseChange(ChangeKind.REMOVED, removed, None))
    return Comparison(changes)
