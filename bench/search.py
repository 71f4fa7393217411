"""Search and analysis at scale, on PostgreSQL: synthetic Indonesian comments (a realistic
vocabulary, form-letter campaigns mixed in) at 100,000 and 1,000,000 in one consultation.

Prints, for each size: indexing throughput (comments/s, through `search_index --rebuild`'s code
path), query latency p50/p95 for full text + 3 filters + facets, themes by the engine (a full
pass) and the theme counts recounted, campaign detection time over the whole consultation, then
1,000 comments arriving one by one (commit to campaign membership, p50/p95) and the dashboard's
themes read right after them and a moderation hide. Targets with the database engine: search
p95 < 300 ms, campaign detection < 5 minutes and dashboard themes < 1 s at 1,000,000; indexing
>= 2,000 comments/s; live campaign join p95 < 5 s. With ELASTICSEARCH_URL set the
same run measures Elasticsearch.
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/rembuk_bench_search),
BENCH_SEARCH_SIZES (default "100000,1000000"), BENCH_QUERIES (default 60).
"""

from __future__ import annotations

import io
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rembuk_bench_search"
)
SIZES = [int(n) for n in os.environ.get("BENCH_SEARCH_SIZES", "100000,1000000").split(",")]
QUERIES = int(os.environ.get("BENCH_QUERIES", "60"))

SUBJECTS = ["Layanan daring", "Pelayanan publik", "Perizinan usaha", "Data kependudukan",
            "Aplikasi pemerintah", "Loket pelayanan", "Sistem informasi desa", "Portal nasional",
            "Tanda tangan elektronik", "Pembayaran pajak daring", "Jaringan internet",
            "Pelindungan data pribadi", "Interoperabilitas data", "Pengaduan masyarakat"]  # fmt: skip
PROBLEMS = ["sering gangguan", "terlalu lambat", "sulit diakses dari desa", "biayanya mahal",
            "belum ramah disabilitas", "membutuhkan sinyal yang kuat", "tidak aman",
            "memerlukan banyak dokumen", "belum terhubung antarinstansi", "sering berubah",
            "tidak tersedia dalam bahasa daerah", "membingungkan bagi lansia"]  # fmt: skip
ASKS = ["Mohon pemerintah menyediakan pendamping digital di kecamatan.",
        "Kami usulkan standar layanan yang jelas dan terukur.",
        "Sebaiknya ada loket luring bagi warga tanpa internet.",
        "Perlu pengawasan independen atas penggunaan data.",
        "Anggaran untuk jaringan di daerah terpencil harus ditambah.",
        "Tolong sederhanakan persyaratan perizinan.",
        "Libatkan pelaku UMKM dalam uji coba aplikasi.",
        "Sediakan layanan pengaduan yang menjawab dalam tiga hari."]  # fmt: skip
PLACES = ["Aceh", "Medan", "Padang", "Palembang", "Bandung", "Semarang", "Surabaya", "Denpasar",
          "Mataram", "Kupang", "Pontianak", "Banjarmasin", "Samarinda", "Makassar", "Manado",
          "Ambon", "Ternate", "Sorong", "Jayapura", "Merauke"]  # fmt: skip
CAMPAIGNS = [
    (0.02, "Kami warga {place} menolak pasal ini karena pelindungan data pribadi belum diawasi "
           "lembaga independen. Data kependudukan tidak boleh dibagikan tanpa persetujuan."),
    (0.01, "Sebagai pelaku usaha di {place}, kami meminta perizinan berusaha satu pintu yang "
           "benar-benar terhubung antarinstansi dan tanpa biaya tambahan."),
    (0.005, "Kami mendukung rancangan ini dan meminta pendamping digital di setiap kecamatan "
            "di {place} agar lansia dan penyandang disabilitas terlayani."),
]  # fmt: skip
STANCES = ["support", "oppose", "neutral", "amend"]
TYPES = ["individual", "individual", "individual", "business", "civil_society", "academic"]
PROVINCES = ["11", "12", "13", "16", "31", "32", "33", "35", "51", "52", "53", "61", "63", "64",
             "71", "73", "81", "82", "91", "94"]  # fmt: skip
QUERY_WORDS = ["layanan", "perizinan", "sinyal", "data pribadi", "biaya", "desa", "aplikasi",
               "pendamping", "lansia", "internet", "pengaduan", "anggaran OR biaya",
               '"data kependudukan"', "disabilitas", "jaringan -pajak"]  # fmt: skip


OPENERS = [
    "Menurut saya",
    "Sebagai warga",
    "Dari pengalaman kami",
    "Saya perhatikan bahwa",
    "Kami di komunitas",
    "Sebagai guru",
    "Sebagai petani",
    "Sebagai pedagang pasar",
    "Sebagai pegawai dinas",
    "Sebagai mahasiswa",
    "Sebagai orang tua",
    "Jujur saja",
]
DETAILS = ["minggu lalu", "sejak tahun lalu", "setiap bulan", "saat musim hujan", "di kantor "
           "kecamatan", "di puskesmas", "ketika mengurus KTP", "saat membayar PBB", "di sekolah",
           "waktu mendaftar BPJS", "di balai desa", "saat antre berjam-jam"]  # fmt: skip
WORDS = (
    "warga petugas kantor jalan sekolah pasar listrik air sinyal kuota ponsel laptop "
    "formulir nomor antrean jadwal biaya ongkos tiket kapal ojek keluarga anak ibu bapak "
    "nenek kakek tetangga kampung kota kabupaten provinsi nasional daerah pulau gunung "
    "pantai hutan sawah kebun toko warung koperasi bank kartu akun sandi surel pesan"
).split()


def comment_text(rng: random.Random) -> str:
    for share, template in CAMPAIGNS:
        if rng.random() < share:
            text = template.format(place=rng.choice(PLACES))
            if rng.random() < 0.5:
                text += " " + rng.choice(["Terima kasih.", "Mohon didengar.", "Salam."])
            return text
    sentences = []
    for _ in range(rng.randint(2, 4)):
        extra = " ".join(rng.sample(WORDS, rng.randint(2, 6)))
        sentences.append(
            f"{rng.choice(OPENERS)} {rng.choice(SUBJECTS).lower()} {rng.choice(PROBLEMS)} "
            f"{rng.choice(DETAILS)} di {rng.choice(PLACES)}, {extra}."
        )
    sentences.append(rng.choice(ASKS))
    return " ".join(sentences)


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(media: str) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production", DJANGO_DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false", DATABASE_URL=DATABASE_URL,
        TASK_BACKEND="immediate", LOG_LEVEL="ERROR", MEDIA_ROOT=media,
    )  # fmt: skip
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # demo emails


def add_comments(consultation, clause_keys: list[str], count: int, rng: random.Random) -> float:
    """COPY ``count`` comments in; returns seconds taken."""
    from django.db import connection
    from django.utils import timezone

    started = time.monotonic()
    opened = consultation.opens_at
    span = max((timezone.now() - opened).total_seconds(), 86400)
    columns = ("consultation_id, clause_key, show_name, body, stance, proposed_wording, "
               "respondent_type, organisation, province, channel, submitter_name, status, "
               "consent_given_at, submission_key, created_at, support_count, flag_count")  # fmt: skip
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY consultations_comment ({columns}) FROM STDIN") as copy:
            for _ in range(count):
                created = opened + (timezone.timedelta(seconds=rng.random() * span))
                copy.write_row((
                    consultation.pk, rng.choice(clause_keys), True, comment_text(rng),
                    rng.choice(STANCES), "", rng.choice(TYPES), "", rng.choice(PROVINCES),
                    "online", "", "published" if rng.random() > 0.03 else "hidden", created,
                    uuid.uuid4(), created, int(rng.expovariate(0.5)), 0,
                ))  # fmt: skip
    return time.monotonic() - started


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


def measure(consultation, clause_keys: list[str], rng: random.Random) -> None:
    from consultations.models import Comment
    from search.engine import get_engine, search_engine_name
    from search.engines.base import SearchQuery
    from search.services import campaigns_detect, index_rebuild

    total = Comment.objects.count()
    started = time.monotonic()
    indexed = index_rebuild()
    seconds = time.monotonic() - started
    print(f"  indexing ({search_engine_name()}): {indexed:,} comments in {seconds:.0f} s = "
          f"{indexed / seconds:,.0f} comments/s (target >= 2,000)")  # fmt: skip
    engine = get_engine()
    engine.refresh()
    latencies, found = [], []
    for number in range(QUERIES):
        query = SearchQuery(
            text=rng.choice(QUERY_WORDS), consultations=(consultation.pk,),
            stances=(rng.choice(STANCES),), provinces=tuple(rng.sample(PROVINCES, 5)),
            clauses=tuple(rng.sample(clause_keys, 4)), sort="relevance" if number % 2 else "newest",
        )  # fmt: skip
        started = time.monotonic()
        result = engine.search(query)
        latencies.append((time.monotonic() - started) * 1000)
        found.append(result.total)
    print(f"  search, full text + 3 filters + 8 facets ({QUERIES} queries, median "
          f"{statistics.median(found):,.0f} hits): p50 {statistics.median(latencies):.0f} ms, "
          f"p95 {percentile(latencies, 0.95):.0f} ms (target p95 < 300 ms)")  # fmt: skip
    started = time.monotonic()
    engine.significant_terms(SearchQuery(consultations=(consultation.pk,), stances=("oppose",)))
    print(f"  themes by the engine (significant terms of one stance, a full pass): "
          f"{time.monotonic() - started:.1f} s")  # fmt: skip
    from search.services import themes_recount

    started = time.monotonic()
    counted = themes_recount(consultation_ids=[consultation.pk])
    print(f"  theme counts recounted from scratch ({counted:,} published comments): "
          f"{time.monotonic() - started:.0f} s")  # fmt: skip
    started = time.monotonic()
    campaigns = campaigns_detect(consultation=consultation)
    seconds = time.monotonic() - started
    sizes = ", ".join(f"{c.size:,}" for c in campaigns[:5])
    print(f"  campaign detection over {total:,} comments: {seconds:.0f} s, {len(campaigns)} "
          f"campaigns (largest: {sizes}) (target < 300 s)")  # fmt: skip
    live_campaign_join(consultation, clause_keys, rng)
    dashboard_themes_after_changes(consultation)


def dashboard_themes_after_changes(consultation) -> None:
    """The dashboard's themes (all comments and three stances) right after the 1,000 arrivals
    and a moderation hide, read from the theme counts: no cache of an earlier answer."""
    from django.core.cache import cache

    from consultations.models import Comment
    from search.selectors import counted_themes
    from search.services import apply_pending_updates, queue_comment_updates

    hidden = Comment.objects.filter(consultation=consultation, status="published").last()
    Comment.objects.filter(pk=hidden.pk).update(status="hidden")
    queue_comment_updates([hidden.pk])
    apply_pending_updates()
    cache.clear()
    timings = []
    for _ in range(5):
        started = time.monotonic()
        themes = counted_themes(
            consultation_id=consultation.pk, stances=("support", "oppose", "amend")
        )
        timings.append((time.monotonic() - started) * 1000)
    total = Comment.objects.filter(consultation=consultation).count()
    print(f"  dashboard themes over {total:,} comments after the arrivals and a hide "
          f"(all + 3 stances, from the counts): first {timings[0]:.0f} ms, median "
          f"{statistics.median(timings):.0f} ms (target < 1,000 ms); top: "
          f"{', '.join(t.word for t in themes['oppose'][:4])}")  # fmt: skip


def live_campaign_join(consultation, clause_keys: list[str], rng: random.Random) -> None:
    """1,000 comments arrive one at a time: a third are copies of the largest campaign's form
    letter, 50 are copies of a letter nobody sent before, the rest are ordinary. Each is
    committed with its outbox row and indexed as the task worker does; the latency is from
    the commit to the comment's campaign membership being stored."""
    from django.db import transaction
    from django.utils import timezone

    from consultations.models import Comment
    from search.models import Campaign, CampaignMember
    from search.services import apply_pending_updates, queue_comment_updates

    known = CAMPAIGNS[0][1]
    unknown = ("Kami nelayan {place} meminta pasal tentang perizinan kapal kecil "
               "disederhanakan dan biaya pas kecil dihapus bagi kapal di bawah lima gross ton.")  # fmt: skip
    plan = ["known"] * 333 + ["unknown"] * 50 + ["ordinary"] * 617
    rng.shuffle(plan)
    campaigns_before = Campaign.objects.filter(consultation=consultation).count()
    joined, missed = [], 0
    for kind in plan:
        body = (known if kind == "known" else unknown).format(place=rng.choice(PLACES))
        if kind == "ordinary":
            body = comment_text(rng)
        started = time.monotonic()  # the commit runs the outbox task (immediate backend)
        with transaction.atomic():
            comment = Comment.objects.create(
                consultation=consultation, clause_key=rng.choice(clause_keys), body=body,
                stance="oppose", respondent_type="individual", province=rng.choice(PROVINCES),
                channel="online", status="published", consent_given_at=timezone.now(),
            )  # fmt: skip
            queue_comment_updates([comment.pk])
        apply_pending_updates()  # what the commit's task left, if the task ran elsewhere
        seconds = time.monotonic() - started
        member = CampaignMember.objects.filter(comment=comment).exists()
        if kind != "ordinary":
            if member:
                joined.append(seconds * 1000)
            else:
                missed += 1
    formed = Campaign.objects.filter(consultation=consultation).count() - campaigns_before
    print(f"  live campaign join, 1,000 arrivals (333 copies of a known letter, 50 of a new "
          f"one): {len(joined)} joined, {missed} not (the first 4 copies of the new letter wait "
          f"for a fifth), {formed} campaign formed; commit to membership p50 "
          f"{statistics.median(joined):.0f} ms, p95 {percentile(joined, 0.95):.0f} ms "
          f"(target p95 < 5,000 ms)")  # fmt: skip


def main() -> int:
    import tempfile

    media = tempfile.mkdtemp(prefix="bench-search-")
    recreate_database()
    setup_django(media)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", force=True, stdout=io.StringIO())
    from cms.drafts import outline_clauses
    from consultations.models import Comment, Consultation

    consultation = Consultation.objects.get(title="Konsultasi publik Draf 2")
    clause_keys = [c.key for c in outline_clauses(consultation.draft.specific.outline)]
    rng = random.Random(2026)
    for size in SIZES:
        missing = size - Comment.objects.filter(consultation=consultation).count()
        seconds = add_comments(consultation, clause_keys, missing, rng)
        print(f"\n{size:,} comments (generated {missing:,} in {seconds:.0f} s)")
        measure(consultation, clause_keys, rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
