"""One contract for every search engine present: the database engine always (SQLite here,
PostgreSQL in the services run), Elasticsearch whenever ELASTICSEARCH_URL is set. Each test
asserts what a drafter would see: which comments are found, in which order, with which counts."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from consultations.models import Comment, Consultation
from search.engines.base import SearchQuery
from search.models import Campaign, CampaignMember, Code, CommentCode
from search.services import comment_documents

pytestmark = pytest.mark.django_db

CORPUS = {
    # name: (text, stance, province, clause, status, days ago, supports, reply to)
    "desa": ("Pelayanan publik di desa harus cepat.", "support", "51", "a", "published", 1, 5, None),
    "sinyal": ("Layanan daring sering gagal karena sinyal lemah.", "oppose", "94", "a", "published", 2, 9, None),
    "sinyal2": ("Sinyal di pedalaman buruk, aplikasi tidak terbuka.", "oppose", "94", "a", "published", 3, 0, None),
    "sinyal3": ("Tanpa sinyal yang stabil warga tidak bisa mengurus izin.", "oppose", "91", "a", "published", 4, 1, None),
    "data": ("Data pribadi warga wajib dilindungi.", "amend", "51", "b", "published", 5, 2, None),
    "bocor": ("Biaya internet mahal; data pribadi bocor.", "oppose", "31", "b", "hidden", 6, 0, None),
    "izin": ("Mohon perizinan usaha dipermudah.", "support", "31", "", "published", 10, 3, None),
    "balas": ("Setuju soal desa.", "support", "51", "a", "published", 1, 0, "desa"),
    "skrip": ("<script>alert(1)</script> layanan harus aman", "neutral", "11", "", "published", 7, 0, None),
}  # fmt: skip


@pytest.fixture
def corpus(engine, egov_policy, egov_drafts):
    consultation = Consultation.objects.create(
        policy=egov_policy, draft=egov_drafts[1], title="Kontrak pencarian",
        opens_at=timezone.now() - dt.timedelta(days=30),
        closes_at=timezone.now() + dt.timedelta(days=30),
    )  # fmt: skip
    made = {}
    for name, (text, stance, province, clause, status, days, supports, reply) in CORPUS.items():
        made[name] = Comment.objects.create(
            consultation=consultation, clause_key=clause, body=text, stance=stance,
            province=province, status=status, support_count=supports,
            parent=made.get(reply), consent_given_at=timezone.now(),
        )  # fmt: skip
        Comment.objects.filter(pk=made[name].pk).update(
            created_at=timezone.now() - dt.timedelta(days=days)
        )
    engine.index(comment_documents([c.pk for c in made.values()]))
    engine.refresh()
    ids = {name: comment.pk for name, comment in made.items()}
    return consultation, ids


def found(engine, consultation, **options) -> set[int]:
    query = SearchQuery(consultations=(consultation.pk,), limit=50, **options)
    return {hit.comment_id for hit in engine.search(query).hits}


def names(ids: dict, *wanted) -> set[int]:
    return {ids[name] for name in wanted}


def test_indonesian_stems_meet(engine, corpus):
    consultation, ids = corpus
    assert found(engine, consultation, text="pelayanan") == names(
        ids, "desa", "sinyal", "skrip"
    )  # "pelayanan" finds "layanan"
    assert found(engine, consultation, text="izin") == names(ids, "sinyal3", "izin")


def test_phrases_exclusions_and_or(engine, corpus):
    consultation, ids = corpus
    assert found(engine, consultation, text='"data pribadi"') == names(ids, "data", "bocor")
    assert found(engine, consultation, text="data -biaya") == names(ids, "data")
    assert found(engine, consultation, text="dipermudah OR pedalaman") == names(
        ids, "izin", "sinyal2"
    )
    assert found(engine, consultation, text="zzzzyx") == set()


def test_filters(engine, corpus):
    consultation, ids = corpus
    assert found(engine, consultation, stances=("oppose",)) == names(
        ids, "sinyal", "sinyal2", "sinyal3", "bocor"
    )
    assert found(engine, consultation, provinces=("51",), clauses=("b",)) == names(ids, "data")
    assert found(engine, consultation, public_only=True, text="data") == names(ids, "data")
    assert found(engine, consultation, statuses=("hidden",)) == names(ids, "bocor")
    recent = found(engine, consultation, date_from=timezone.localdate() - dt.timedelta(days=8))
    assert ids["izin"] not in recent and ids["desa"] in recent
    assert ids["balas"] not in found(engine, consultation, include_replies=False)


def test_facet_counts_match_the_filtered_results(engine, corpus):
    consultation, _ids = corpus
    result = engine.search(
        SearchQuery(consultations=(consultation.pk,), text="sinyal OR data", limit=50)
    )
    assert result.total == 5
    assert dict(result.facets["stance"]) == {"oppose": 4, "amend": 1}
    assert dict(result.facets["status"]) == {"published": 4, "hidden": 1}
    assert dict(result.facets["clause"]) == {"a": 3, "b": 2}


def test_sorting(engine, corpus):
    consultation, ids = corpus

    def order(sort):
        query = SearchQuery(
            consultations=(consultation.pk,), stances=("oppose",), sort=sort, limit=50
        )
        return [hit.comment_id for hit in engine.search(query).hits]

    assert order("newest") == [ids[n] for n in ("sinyal", "sinyal2", "sinyal3", "bocor")]
    assert order("oldest") == [ids[n] for n in ("bocor", "sinyal3", "sinyal2", "sinyal")]
    assert order("support")[:2] == [ids["sinyal"], ids["sinyal3"]]
    relevant = engine.search(SearchQuery(consultations=(consultation.pk,), text="sinyal"))
    assert {h.comment_id for h in relevant.hits} == names(ids, "sinyal", "sinyal2", "sinyal3")
    assert [h.score for h in relevant.hits] == sorted(
        (h.score for h in relevant.hits), reverse=True
    )


def test_paging(engine, corpus):
    consultation, _ids = corpus
    first = engine.search(SearchQuery(consultations=(consultation.pk,), sort="newest", limit=4))
    second = engine.search(
        SearchQuery(consultations=(consultation.pk,), sort="newest", limit=4, offset=4)
    )
    assert first.total == second.total == len(CORPUS)
    assert not {h.comment_id for h in first.hits} & {h.comment_id for h in second.hits}


def test_highlights_mark_words_and_escape_markup(engine, corpus):
    consultation, ids = corpus
    result = engine.search(SearchQuery(consultations=(consultation.pk,), text="layanan"))
    snippets = {hit.comment_id: str(hit.snippet) for hit in result.hits}
    assert "<mark>" in snippets[ids["sinyal"]] and "Layanan</mark>" in snippets[ids["sinyal"]]
    assert "<script>" not in snippets[ids["skrip"]] and "&lt;script&gt;" in snippets[ids["skrip"]]


def test_updates_and_deletions(engine, corpus):
    consultation, ids = corpus
    Comment.objects.filter(pk=ids["izin"]).update(body="Mohon ada loket pendamping.")
    engine.index(comment_documents([ids["izin"]]))
    engine.delete([ids["data"]])
    engine.refresh()
    assert found(engine, consultation, text="dipermudah") == set()
    assert found(engine, consultation, text="pendamping") == names(ids, "izin")
    assert ids["data"] not in engine.indexed_ids()


def test_codes_and_campaigns_are_filters_and_facets(engine, corpus):
    consultation, ids = corpus
    code = Code.objects.create(consultation=consultation, label="Sinyal")
    for name in ("sinyal", "sinyal2"):
        CommentCode.objects.create(code=code, comment_id=ids[name])
    campaign = Campaign.objects.create(
        consultation=consultation, representative_id=ids["sinyal"], size=2
    )
    for name in ("sinyal", "sinyal3"):
        CampaignMember.objects.create(campaign=campaign, comment_id=ids[name], similarity=1)
    engine.index(comment_documents(ids.values()))
    engine.refresh()
    assert found(engine, consultation, codes=(code.pk,)) == names(ids, "sinyal", "sinyal2")
    assert found(engine, consultation, campaigns=(campaign.pk,)) == names(ids, "sinyal", "sinyal3")
    result = engine.search(SearchQuery(consultations=(consultation.pk,), stances=("oppose",)))
    assert dict(result.facets["code"]) == {str(code.pk): 2}
    assert dict(result.facets["campaign"]) == {str(campaign.pk): 2}


def test_significant_terms_of_a_selection(engine, corpus):
    consultation, _ids = corpus
    terms = engine.significant_terms(
        SearchQuery(consultations=(consultation.pk,), stances=("oppose",))
    )
    assert terms and terms[0].word.lower() == "sinyal" and terms[0].count == 3


def test_themes_are_words_as_people_wrote_them(engine, corpus):
    """A theme found in proposed wording is named by the word written there ("pengembangan"),
    never by its stem ("embang")."""
    consultation, _ids = corpus
    wording = "Pengembangan layanan daring dilaksanakan secara bertahap."
    made = [
        Comment.objects.create(
            consultation=consultation, clause_key="a", body=f"Usul perubahan nomor {n}.",
            proposed_wording=wording, stance="amend", status="published",
            consent_given_at=timezone.now(),
        )
        for n in range(3)
    ]  # fmt: skip
    engine.index(comment_documents([c.pk for c in made]))
    engine.refresh()
    terms = engine.significant_terms(
        SearchQuery(consultations=(consultation.pk,), stances=("amend",))
    )
    written = " ".join(f"{c.body} {c.proposed_wording}" for c in made).lower()
    assert terms
    assert [
        t.word for t in terms if not re.search(rf"\b{re.escape(t.word.lower())}\b", written)
    ] == []


def test_similar_published_comments(engine, corpus):
    consultation, ids = corpus
    similar = engine.similar(
        "Sinyal lemah membuat layanan daring gagal dibuka", consultation_id=consultation.pk,
        clause_key="a",
    )  # fmt: skip
    assert similar[0] == ids["sinyal"] and ids["bocor"] not in similar
    assert engine.similar("ok", consultation_id=consultation.pk, clause_key="a") == []


def test_rebuild_replaces_the_index(engine, corpus):
    consultation, ids = corpus
    engine.delete([ids["izin"]])
    engine.refresh()
    everything = [comment_documents([pk]) for pk in ids.values()]
    assert engine.rebuild(everything) == len(CORPUS)
    engine.refresh()
    assert found(engine, consultation, text="dipermudah") == names(ids, "izin")
