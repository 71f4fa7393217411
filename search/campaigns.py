"""Campaign and duplicate detection: groups of near-identical comments (form letters with small
edits), found with MinHash signatures over word pairs and locality-sensitive hashing, then
checked pairwise against the estimated Jaccard similarity. Linear in the number of comments;
numpy does the arithmetic, in chunks, so a million comments fit in modest memory.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from search.text import words

SHINGLE_WORDS = 2
PERMUTATIONS = 64
BANDS, ROWS = 32, 2  # candidates from about 0.2 Jaccard upwards
SIMILARITY = 0.65  # estimated Jaccard needed to join a group (form letters: 0.8 and more)
MIN_CAMPAIGN_SIZE = 5
CHUNK = 50_000
MASK = np.uint64(0xFFFFFFFF)

_random = np.random.default_rng(20261128)
_A = _random.integers(1, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
_B = _random.integers(0, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
_BAND_MIX = _random.integers(1, 2**63 - 1, size=ROWS, dtype=np.uint64) | np.uint64(1)


def shingle_hashes(text: str) -> list[int]:
    tokens = words(text)
    if len(tokens) < SHINGLE_WORDS:
        grams = tokens
    else:
        grams = [
            " ".join(tokens[i : i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)
        ]
    # A stable hash: Python's own hash() of a string changes with every process (hash
    # randomisation), which made the same comments form a campaign of 6 in one run and 5 in
    # another.
    return [zlib.crc32(gram.encode()) for gram in set(grams)]


def signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures (len(texts) × PERMUTATIONS); an empty text gets all-max values."""
    hashed = [shingle_hashes(text) for text in texts]
    lengths = np.fromiter((len(h) for h in hashed), dtype=np.int64, count=len(hashed))
    result = np.full((len(texts), PERMUTATIONS), np.iinfo(np.uint64).max, dtype=np.uint64)
    present = lengths > 0
    if not present.any():
        return result
    flat = np.fromiter((x for h in hashed for x in h), dtype=np.uint64, count=int(lengths.sum()))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[present]
    for i in range(PERMUTATIONS):
        permuted = (_A[i] * flat + _B[i]) & MASK
        result[present, i] = np.minimum.reduceat(permuted, starts)
    return result


# Stored signatures (search.models.CommentSignature) ----------------------------------------
# Every value of a signature is below 2**32 (MASK) except for an empty text, which is never
# stored: a signature is kept as 64 little-endian 32-bit values.


def encode(signature: np.ndarray) -> bytes:
    return signature.astype("<u4").tobytes()


def decode(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype="<u4").astype(np.uint64)


def probe_keys(signature: np.ndarray, bands: int) -> list[int]:
    """The keys of the first ``bands`` bands, as signed 64-bit integers for the database: two
    signatures that agree on a band get the same key for it (as in ``_join_similar``)."""
    keys = []
    for band in range(bands):
        block = signature[band * ROWS : (band + 1) * ROWS].astype(np.uint64)
        key = int((block * _BAND_MIX).sum(dtype=np.uint64))
        keys.append(key - 2**64 if key >= 2**63 else key)
    return keys


def agreement(signature: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of one signature with each row of ``others``."""
    return (others == signature).mean(axis=1)


@dataclass
class Group:
    members: list[int]  # comment ids
    similarity: dict[int, float]  # estimated Jaccard with the representative
    representative: int


class _UnionFind:
    def __init__(self, size: int):
        self.parent = np.arange(size)

    def find(self, item: int) -> int:
        parent = self.parent
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:
            parent[item], item = root, parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _join_similar(sigs: np.ndarray, candidates: np.ndarray, sets: _UnionFind) -> None:
    """Band the signatures of ``candidates``; in each bucket, join the members whose signature
    agrees with the bucket's first member's in at least SIMILARITY of the positions."""
    for band in range(BANDS):
        block = sigs[candidates, band * ROWS : (band + 1) * ROWS]
        keys = (block * _BAND_MIX).sum(axis=1, dtype=np.uint64)
        order = np.argsort(keys, kind="stable")
        boundaries = np.flatnonzero(np.diff(keys[order])) + 1
        for bucket in np.split(candidates[order], boundaries):
            if len(bucket) < 2:
                continue
            first = int(bucket[0])
            agreement = (sigs[bucket[1:]] == sigs[first]).mean(axis=1)
            for other in bucket[1:][agreement >= SIMILARITY]:
                sets.union(first, int(other))


def _members(sets: _UnionFind, size: int) -> dict[int, list[int]]:
    members = defaultdict(list)
    for index in range(size):
        members[sets.find(index)].append(index)
    return members


def find_groups(rows, *, min_size: int = MIN_CAMPAIGN_SIZE, on_signatures=None) -> list[Group]:
    """``rows`` yields (comment id, text). Returns groups of at least ``min_size`` comments.
    ``on_signatures(ids, signatures)`` is called for each chunk (to store them)."""
    ids: list[int] = []
    chunks: list[np.ndarray] = []
    batch_ids, batch_texts = [], []
    for comment_id, text in rows:
        batch_ids.append(comment_id)
        batch_texts.append(text)
        if len(batch_texts) >= CHUNK:
            chunks.append(signatures(batch_texts))
            ids.extend(batch_ids)
            if on_signatures:
                on_signatures(batch_ids, chunks[-1])
            batch_ids, batch_texts = [], []
    if batch_texts:
        chunks.append(signatures(batch_texts))
        ids.extend(batch_ids)
        if on_signatures:
            on_signatures(batch_ids, chunks[-1])
    if not ids:
        return []
    sigs = np.vstack(chunks)
    sets = _UnionFind(len(ids))
    _join_similar(sigs, np.arange(len(ids)), sets)
    # A second pass over one member of each group joins pieces of the same campaign that were
    # only compared with different first members in the first pass.
    members = _members(sets, len(ids))
    heads = np.array([indexes[0] for indexes in members.values() if len(indexes) > 1])
    if len(heads) > 1:
        _join_similar(sigs, heads, sets)
        members = _members(sets, len(ids))
    groups = []
    for indexes in members.values():
        if len(indexes) < min_size:
            continue
        block = sigs[indexes[:200]]
        # The representative agrees most with the others: the form letter itself, usually.
        centre = indexes[int((block[:, None, :] == block[None, :, :]).mean(axis=2).sum(1).argmax())]
        similarity = (sigs[indexes] == sigs[centre]).mean(axis=1)
        groups.append(
            Group(
                members=[ids[i] for i in indexes],
                similarity={
                    ids[i]: round(float(s), 3) for i, s in zip(indexes, similarity, strict=True)
                },
                representative=ids[centre],
            )
        )
    groups.sort(key=lambda g: len(g.members), reverse=True)
    return groups
