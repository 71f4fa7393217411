"""Keeping the comment index in step with the database, and the drafters' coding.

Every comment change calls ``queue_comment_updates`` inside its own transaction: an outbox row
(``PendingIndexUpdate``) is stored with the change, and a background task applies it after the
commit. When the engine is down the rows stay, with back-off, and are replayed by the task worker
and the scheduler until the engine answers: comments are accepted all the while and nothing is
lost.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from consultations.models import Comment, CommentStatus, Consultation
from search import tasks  # a module, not names from it: tasks import this module too
from search.analysis import default_pipeline, tokens
from search.documents import CommentDocument
from search.engine import get_engine
from search.engines.base import SearchUnavailable
from search.models import (
    PROBE_BANDS,
    Campaign,
    CampaignMember,
    Code,
    CommentCode,
    CommentSignature,
    PendingIndexUpdate,
    ThemeContribution,
    ThemeCount,
    ThemeCountState,
    ThemeWord,
)
from search.text import stop_terms

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
MAX_BACKOFF = dt.timedelta(minutes=30)


def comment_documents(comment_ids: Iterable[int]) -> list[CommentDocument]:
    """What an engine stores of each comment (ids missing from the database are left out)."""
    return CommentDocument.from_comments(comment_ids)


def queue_comment_updates(comment_ids: Iterable[int]) -> None:
    """Record that these comments changed; call inside the transaction that changes them."""
    ids = sorted(set(comment_ids))
    if not ids:
        return
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(comment_id=i, changed_at=now, next_attempt_at=now) for i in ids],
        update_conflicts=True,
        unique_fields=["comment_id"],
        update_fields=["changed_at", "next_attempt_at", "attempts"],
    )
    transaction.on_commit(_enqueue_apply)


def _enqueue_apply() -> None:
    try:
        tasks.apply_pending_index_updates.enqueue()
    except Exception:  # noqa: BLE001 - the queue is down: the scheduler replays the outbox
        logger.warning(
            "Could not enqueue index updates; the scheduler will replay them", exc_info=True
        )


def apply_pending_updates(*, limit: int = 5000, now: dt.datetime | None = None) -> dict:
    """Apply due outbox rows in batches. Returns counts; on engine failure the rows stay with
    a later ``next_attempt_at`` (exponential back-off) and the error is recorded."""
    now = now or timezone.now()
    engine = get_engine()
    done = failed = 0
    due = list(
        PendingIndexUpdate.objects.filter(next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("comment_id", "changed_at")[:limit]
    )
    for start in range(0, len(due), BATCH_SIZE):
        batch = due[start : start + BATCH_SIZE]
        ids = [comment_id for comment_id, _ in batch]
        try:
            documents = comment_documents(ids)
            engine.index(documents)
            present = {document.comment_id for document in documents}
            gone = [i for i in ids if i not in present]
            if gone:
                engine.delete(gone)
            themes_update(comment_ids=ids)  # a failure keeps the batch queued, like the engine's
        except SearchUnavailable as error:  # the engine is away: keep and retry
            logger.warning(
                "Search engine unavailable; %s index updates wait", len(batch), exc_info=True
            )
            failed += len(batch)
            _postpone(batch, error, now)
            continue
        except Exception as error:  # a bug: logged in full; the batch stays queued, retried
            logger.exception("Index update failed for %s comments", len(batch))
            failed += len(batch)
            _postpone(batch, error, now)
            continue
        _campaigns_on_arrival(ids)
        # Only rows not changed again meanwhile are done; newer ones stay queued.
        condition = Q()
        for comment_id, changed_at in batch:
            condition |= Q(comment_id=comment_id, changed_at=changed_at)
        PendingIndexUpdate.objects.filter(condition).delete()
        done += len(batch)
    return {"indexed": done, "failed": failed}


def _postpone(batch, error: Exception, now: dt.datetime) -> None:
    message = f"{type(error).__name__}: {error}"[:300]
    rows = list(PendingIndexUpdate.objects.filter(comment_id__in=[i for i, _ in batch]))
    for row in rows:
        row.attempts += 1
        delay = min(dt.timedelta(seconds=5 * 2 ** min(row.attempts, 12)), MAX_BACKOFF)
        row.next_attempt_at, row.last_error = now + delay, message
    PendingIndexUpdate.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])


def pending_count() -> int:
    return PendingIndexUpdate.objects.count()


def all_document_batches(*, size: int = BATCH_SIZE) -> Iterator[list[CommentDocument]]:
    last = 0
    while True:
        ids = list(
            Comment.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size]
        )
        if not ids:
            return
        yield comment_documents(ids)
        last = ids[-1]


def index_setup() -> None:
    """Prepare the engine (Elasticsearch: save the index template); run on every deploy."""
    get_engine().setup()


def index_rebuild(*, progress=None) -> int:
    return get_engine().rebuild(all_document_batches(), progress=progress)


def index_check(*, repair: bool) -> dict:
    """Compare the ids in the database with those in the index; with ``repair`` write the
    missing ones and remove the extra ones."""
    engine = get_engine()
    in_database = set(Comment.objects.values_list("pk", flat=True).iterator(10_000))
    in_index = engine.indexed_ids()
    missing, extra = sorted(in_database - in_index), sorted(in_index - in_database)
    if repair:
        for start in range(0, len(missing), BATCH_SIZE):
            engine.index(comment_documents(missing[start : start + BATCH_SIZE]))
        for start in range(0, len(extra), BATCH_SIZE):
            engine.delete(extra[start : start + BATCH_SIZE])
    return {
        "database": len(in_database), "index": len(in_index),
        "missing": len(missing), "extra": len(extra),
    }  # fmt: skip


# Coding -------------------------------------------------------------------------------------


class CodingError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@transaction.atomic
def code_create(*, consultation, user, label: str, description: str = "") -> Code:
    if not user.has_perm("consultations.respond", consultation):
        raise CodingError("not_allowed")
    label = label.strip()
    if not label:
        raise CodingError("empty")
    if Code.objects.filter(consultation=consultation, label__iexact=label).exists():
        raise CodingError("duplicate")
    return Code.objects.create(
        consultation=consultation, label=label[:80], description=description.strip()[:300],
        created_by=user,
    )  # fmt: skip


@transaction.atomic
def code_delete(*, code: Code, user) -> None:
    if not user.has_perm("consultations.respond", code.consultation):
        raise CodingError("not_allowed")
    comment_ids = list(code.codings.values_list("comment_id", flat=True))
    code.delete()
    queue_comment_updates(comment_ids)


@transaction.atomic
def comments_code(*, code: Code, comment_ids: Iterable[int], user, add: bool) -> int:
    """Tag (or untag) comments of the code's consultation; returns how many changed."""
    if not user.has_perm("consultations.respond", code.consultation):
        raise CodingError("not_allowed")
    ids = set(
        Comment.objects.filter(
            pk__in=list(comment_ids), consultation=code.consultation_id
        ).values_list("pk", flat=True)
    )
    if add:
        existing = set(
            CommentCode.objects.filter(code=code, comment_id__in=ids).values_list(
                "comment_id", flat=True
            )
        )
        new = ids - existing
        CommentCode.objects.bulk_create(
            [CommentCode(code=code, comment_id=i, coded_by=user) for i in new]
        )
        changed = new
    else:
        changed = set(
            CommentCode.objects.filter(code=code, comment_id__in=ids).values_list(
                "comment_id", flat=True
            )
        )
        CommentCode.objects.filter(code=code, comment_id__in=changed).delete()
    queue_comment_updates(changed)
    return len(changed)


# Campaigns ----------------------------------------------------------------------------------


@transaction.atomic
def campaigns_detect(*, consultation) -> list:
    """Group the consultation's near-identical comments and store the groups, replacing the
    previous detection. Withdrawn and rejected comments are left out."""
    rows = (
        Comment.objects.filter(consultation=consultation, parent__isnull=True)
        .exclude(status__in=[CommentStatus.WITHDRAWN, CommentStatus.REJECTED])
        .order_by("pk")
        .values_list("pk", "body")
        .iterator(chunk_size=10_000)
    )
    # numpy (about 17 MB a process) loads in task workers (campaigns), not in web workers.
    from search.campaigns import find_groups

    CommentSignature.objects.filter(consultation_id=consultation.pk).delete()
    groups = find_groups(
        rows,
        on_signatures=lambda ids, sigs: _signatures_store(consultation.pk, ids, sigs, fresh=True),
    )
    consultation_locks([consultation.pk], "campaigns")  # live joins wait for the new groups
    before = set(
        CampaignMember.objects.filter(campaign__consultation=consultation).values_list(
            "comment_id", "campaign__representative_id"
        )
    )
    Campaign.objects.filter(consultation=consultation).delete()
    members = []
    for group in groups:
        campaign = Campaign.objects.create(
            consultation=consultation, representative_id=group.representative,
            size=len(group.members),
        )  # fmt: skip
        members += [
            CampaignMember(campaign=campaign, comment_id=i, similarity=group.similarity[i])
            for i in group.members
        ]
    CampaignMember.objects.bulk_create(members, batch_size=5000)
    after = {(m.comment_id, m.campaign.representative_id) for m in members}
    queue_comment_updates(comment_id for comment_id, _ in before ^ after)
    return list(Campaign.objects.filter(consultation=consultation))


# Campaigns as comments arrive -----------------------------------------------------------------


def _signatures_store(consultation_id: int, ids: list[int], sigs, *, fresh: bool = False) -> None:
    """Keep the signatures of these comments (empty texts have none). ``fresh``: the
    consultation's signatures were just deleted (a full pass), so plain inserts do; a comment
    stored meanwhile by a live join keeps its row."""
    from search.campaigns import encode, probe_keys

    rows = []
    for comment_id, signature in zip(ids, sigs, strict=True):
        if int(signature[0]) >= 2**32:  # an empty text: no words, no signature
            continue
        keys = probe_keys(signature, PROBE_BANDS)
        rows.append(
            CommentSignature(
                comment_id=comment_id, consultation_id=consultation_id,
                signature=encode(signature), **{f"band_{n}": k for n, k in enumerate(keys)},
            )
        )  # fmt: skip
    if fresh:
        CommentSignature.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
        return
    CommentSignature.objects.bulk_create(
        rows, batch_size=2000, update_conflicts=True, unique_fields=["comment_id"],
        update_fields=["consultation_id", "signature", *(f"band_{n}" for n in range(PROBE_BANDS))],
    )  # fmt: skip


def _campaigns_on_arrival(comment_ids: list[int]) -> None:
    """After indexing: new comments join a campaign of near-identical ones, or form one, at
    once. A failure here never fails indexing: it is logged, and the periodic full pass
    (``run_scheduler``) finds the campaign anyway."""
    try:
        changed = campaigns_join(comment_ids=comment_ids)
    except Exception:
        logger.exception("Live campaign detection failed for %s comments", len(comment_ids))
        return
    if changed:
        queue_comment_updates(changed)  # the campaign is a search facet


def campaigns_join(*, comment_ids: Iterable[int]) -> list[int]:
    """Store the signatures of comments seen for the first time (or whose text changed), and
    put each new one into the campaign of its near-identical neighbours, or form a campaign when
    enough of them stand alone. Returns the comments whose campaign changed."""
    from search.campaigns import encode, signatures

    comment_ids = list(comment_ids)
    comments = list(
        Comment.objects.filter(pk__in=comment_ids, parent__isnull=True)
        .exclude(status__in=[CommentStatus.WITHDRAWN, CommentStatus.REJECTED])
        .values_list("pk", "consultation_id", "body")
    )
    gone = set(comment_ids) - {pk for pk, _, _ in comments}
    if gone:  # deleted, withdrawn, rejected or a reply: no longer anyone's neighbour
        CommentSignature.objects.filter(pk__in=gone).delete()
    if not comments:
        return []
    stored = dict(
        CommentSignature.objects.filter(pk__in=[c[0] for c in comments]).values_list(
            "comment_id", "signature"
        )
    )
    sigs = signatures([body for _, _, body in comments])
    fresh: dict[int, list] = {}
    for (comment_id, consultation_id, _body), signature in zip(comments, sigs, strict=True):
        if int(signature[0]) >= 2**32:
            continue  # no words
        previous = stored.get(comment_id)
        if previous is not None and bytes(previous) == encode(signature):
            continue  # seen before, text unchanged
        fresh.setdefault(consultation_id, []).append((comment_id, signature))
    changed: list[int] = []
    for consultation_id, arrivals in fresh.items():
        _signatures_store(consultation_id, [i for i, _ in arrivals], [s for _, s in arrivals])
        changed += _join_consultation(consultation_id, arrivals)
    return changed


@transaction.atomic
def _join_consultation(consultation_id: int, arrivals: list) -> list[int]:
    """Join arrivals to campaigns in one consultation, under its "campaigns" lock: two workers
    never form two campaigns of the same letter, nor race a full pass."""
    import numpy as np

    from search.campaigns import MIN_CAMPAIGN_SIZE, SIMILARITY, agreement, decode, probe_keys

    consultation_locks([consultation_id], "campaigns")
    changed: list[int] = []
    for comment_id, signature in arrivals:
        if CampaignMember.objects.filter(comment_id=comment_id).exists():
            continue  # already placed (by a full pass, or with an earlier arrival)
        keys = probe_keys(signature, PROBE_BANDS)
        near = Q()
        for n, key in enumerate(keys):
            near |= Q(**{f"band_{n}": key})
        candidates = list(
            CommentSignature.objects.filter(near, consultation_id=consultation_id)
            .exclude(comment_id=comment_id)
            .values_list("comment_id", "signature")[:500]
        )
        if not candidates:
            continue
        ids = [pk for pk, _ in candidates]
        block = np.vstack([decode(data) for _, data in candidates])
        scores = agreement(signature, block)
        similar = {pk: float(a) for pk, a in zip(ids, scores, strict=True) if a >= SIMILARITY}
        if not similar:
            continue
        memberships = dict(
            CampaignMember.objects.filter(comment_id__in=similar).values_list(
                "comment_id", "campaign_id"
            )
        )
        if memberships:
            best = max(memberships, key=similar.get)
            campaign = Campaign.objects.select_related("representative").get(pk=memberships[best])
            representative = (
                CommentSignature.objects.filter(pk=campaign.representative_id)
                .values_list("signature", flat=True)
                .first()
            )
            score = (
                similar[best]
                if representative is None
                else float(agreement(signature, decode(representative)[None, :])[0])
            )
            CampaignMember.objects.create(
                campaign=campaign, comment_id=comment_id, similarity=round(score, 3)
            )
            Campaign.objects.filter(pk=campaign.pk).update(size=F("size") + 1)
            changed.append(comment_id)
            continue
        group = [comment_id, *similar]
        if len(group) < MIN_CAMPAIGN_SIZE:
            continue
        group_sigs = np.vstack([signature, *(block[ids.index(pk)] for pk in similar)])
        together = (group_sigs[:, None, :] == group_sigs[None, :, :]).mean(axis=2).sum(axis=1)
        centre = int(together.argmax())
        campaign = Campaign.objects.create(
            consultation_id=consultation_id, representative_id=group[centre], size=len(group)
        )
        scores = agreement(group_sigs[centre], group_sigs)
        CampaignMember.objects.bulk_create(
            CampaignMember(campaign=campaign, comment_id=pk, similarity=round(float(a), 3))
            for pk, a in zip(group, scores, strict=True)
        )
        changed += group
    return changed


# Theme counts ----------------------------------------------------------------------------------
THEME_TERM_MAX = 50  # longer "words" (run-together addresses) are never themes


def consultation_locks(consultation_ids: Iterable[int], purpose: str) -> None:
    """Serialise the writers of one consultation's derived data (theme counts, campaigns) until
    the transaction ends. PostgreSQL: an advisory lock per consultation, never the consultation
    row itself (every comment insert takes a key-share lock on it, and must not wait for this).
    SQLite has one writer at a time anyway."""
    if connection.vendor != "postgresql":
        return
    namespace = zlib.crc32(purpose.encode()) & 0x7FFFFFFF
    with connection.cursor() as cursor:
        for pk in sorted(set(consultation_ids)):
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, int(pk)])


def _contribution(comment, pipeline, stop: frozenset[str]) -> dict[str, str]:
    """Term -> the first word written for it, over the comment's text and proposed wording;
    stop words, numbers and very short or long terms left out (as in the engines' themes)."""
    words: dict[str, str] = {}
    for word in tokens(f"{comment.body} {comment.proposed_wording}"):
        for term in pipeline.word_terms(word):
            if (term in stop or len(term) < 3 or len(term) > THEME_TERM_MAX
                    or term.isdigit() or term in words):  # fmt: skip
                continue
            words[term] = word[:100]
    return words


THEME_FIELDS = ("consultation_id", "stance", "clause_key", "status", "body", "proposed_wording")


def themes_update(*, comment_ids: Iterable[int]) -> None:
    """Bring the theme counts in line with these comments as they are now: what each counted
    before is taken away, what it counts now (published comments only) is added. Runs under
    the consultations' locks and reads the comments after taking them, so two workers never
    apply an older state over a newer one. A consultation not counted yet is counted whole."""
    comment_ids = list(comment_ids)
    with transaction.atomic():
        consultations = set(
            Comment.objects.filter(pk__in=comment_ids).values_list("consultation_id", flat=True)
        ) | set(
            ThemeContribution.objects.filter(pk__in=comment_ids).values_list(
                "consultation_id", flat=True
            )
        )
        consultation_locks(consultations, "themes")
        counted = set(
            ThemeCountState.objects.filter(pk__in=consultations).values_list("pk", flat=True)
        )
        for consultation_id in consultations - counted:
            _recount_locked(consultation_id)  # once: includes these comments as they are
        if not counted:
            return
        comments = {
            c.pk: c
            for c in Comment.objects.filter(pk__in=comment_ids, consultation_id__in=counted).only(
                *THEME_FIELDS
            )
        }
        before = {
            row.comment_id: row
            for row in ThemeContribution.objects.filter(
                pk__in=comment_ids, consultation_id__in=counted
            )
        }
        pipeline, stop = default_pipeline(), stop_terms()
        counts: Counter = Counter()
        uses: Counter = Counter()
        keep, drop = [], []
        for pk in comment_ids:
            old, comment = before.get(pk), comments.get(pk)
            if old is None and comment is None:
                continue
            if old is not None:
                group = (old.consultation_id, old.stance, old.clause_key)
                counts[(*group, "")] -= 1
                for term, word in old.words.items():
                    counts[(*group, term)] -= 1
                    uses[(old.consultation_id, term, word)] -= 1
            if comment is not None and comment.status == CommentStatus.PUBLISHED:
                keep.append(_counted(comment, pipeline, stop, counts, uses))
            elif old is not None:
                drop.append(pk)
        _add_counts(counts, uses)
        ThemeContribution.objects.filter(pk__in=drop).delete()
        ThemeContribution.objects.bulk_create(
            keep, update_conflicts=True, unique_fields=["comment_id"],
            update_fields=["consultation_id", "stance", "clause_key", "words"],
        )  # fmt: skip


def _counted(comment, pipeline, stop, counts: Counter, uses: Counter) -> ThemeContribution:
    """Add a published comment's terms to ``counts`` and ``uses``; return its contribution."""
    words = _contribution(comment, pipeline, stop)
    group = (comment.consultation_id, comment.stance, comment.clause_key)
    counts[(*group, "")] += 1
    for term, word in words.items():
        counts[(*group, term)] += 1
        uses[(comment.consultation_id, term, word)] += 1
    return ThemeContribution(
        comment_id=comment.pk, consultation_id=comment.consultation_id, stance=comment.stance,
        clause_key=comment.clause_key, words=words,
    )  # fmt: skip


def _recount_locked(consultation_id: int) -> int:
    """Count one consultation's themes from all its published comments (the caller holds the
    consultation's "themes" lock, inside a transaction); returns the comments counted."""
    ThemeCount.objects.filter(consultation_id=consultation_id).delete()
    ThemeWord.objects.filter(consultation_id=consultation_id).delete()
    ThemeContribution.objects.filter(consultation_id=consultation_id).delete()
    pipeline, stop = default_pipeline(), stop_terms()
    published = Comment.objects.filter(
        consultation_id=consultation_id, status=CommentStatus.PUBLISHED
    ).only(*THEME_FIELDS)
    counted = 0
    batch: list[Comment] = []
    for comment in published.order_by("pk").iterator(chunk_size=5000):
        batch.append(comment)
        if len(batch) == 5000:
            counted += _count_batch(batch, pipeline, stop)
            batch = []
    counted += _count_batch(batch, pipeline, stop)
    ThemeCountState.objects.update_or_create(consultation_id=consultation_id)
    return counted


def _count_batch(batch: list, pipeline, stop) -> int:
    counts: Counter = Counter()
    uses: Counter = Counter()
    contributions = [_counted(c, pipeline, stop, counts, uses) for c in batch]
    _add_counts(counts, uses)
    ThemeContribution.objects.bulk_create(contributions, batch_size=2000)
    return len(batch)


UPSERT_ROWS = 150  # rows per INSERT statement (5 parameters each: within SQLite's limit)


def _add_counts(counts: Counter, uses: Counter) -> None:
    """Add the changes with multi-row INSERT ... ON CONFLICT statements (an increment in the
    database, whatever else changed the row meanwhile), then drop rows that reached zero."""
    count_rows = [(*key, n) for key, n in counts.items() if n]
    use_rows = [(*key, n) for key, n in uses.items() if n]
    counted, worded = ThemeCount._meta.db_table, ThemeWord._meta.db_table
    _upsert(
        f"INSERT INTO {counted} (consultation_id, stance, clause_key, term, comments) VALUES ",  # noqa: S608 - table names from the models
        "(%s, %s, %s, %s, %s)",
        " ON CONFLICT (consultation_id, stance, clause_key, term) "
        f"DO UPDATE SET comments = {counted}.comments + excluded.comments",
        count_rows,
    )
    _upsert(
        f"INSERT INTO {worded} (consultation_id, term, word, uses) VALUES ",  # noqa: S608
        "(%s, %s, %s, %s)",
        f" ON CONFLICT (consultation_id, term, word) DO UPDATE SET uses = {worded}.uses + excluded.uses",
        use_rows,
    )
    # Rows a decrement may have brought to zero: looked up by consultation and term (indexed).
    lowered = [(c, t) for c, _s, _k, t, n in count_rows if n < 0]
    for consultation_id in {c for c, _t in lowered}:
        terms = {t for c, t in lowered if c == consultation_id}
        ThemeCount.objects.filter(
            consultation_id=consultation_id, term__in=terms, comments__lte=0
        ).delete()
    unused = [(c, t) for c, t, _w, n in use_rows if n < 0]
    for consultation_id in {c for c, _t in unused}:
        terms = {t for c, t in unused if c == consultation_id}
        ThemeWord.objects.filter(
            consultation_id=consultation_id, term__in=terms, uses__lte=0
        ).delete()


def _upsert(head: str, row: str, tail: str, rows: list[tuple]) -> None:
    """One statement per UPSERT_ROWS rows; the SQL is literal, every value a parameter."""
    with connection.cursor() as cursor:
        for start in range(0, len(rows), UPSERT_ROWS):
            chunk = rows[start : start + UPSERT_ROWS]
            cursor.execute(
                head + ", ".join([row] * len(chunk)) + tail,
                [value for values in chunk for value in values],
            )


def themes_recount(*, consultation_ids: Iterable[int] | None = None) -> int:
    """Recount the theme counts (after a pipeline change, or to repair), one consultation at a
    time, each in its own transaction under its lock: live updates wait, never interleave.
    Returns the number of published comments counted."""
    if consultation_ids is None:
        consultation_ids = Consultation.objects.values_list("pk", flat=True)
    counted = 0
    for consultation_id in list(consultation_ids):
        with transaction.atomic():
            consultation_locks([consultation_id], "themes")
            counted += _recount_locked(consultation_id)
    return counted
