"""A consultation with 50,000 comments, measured through the ASGI stack on PostgreSQL.

Prints: draft page latency with few and with 50,000 comments (warm: cached text; cold: first
render after comment activity), comment submission latency with 20 concurrent clients, and the
time and peak memory of a CSV export of every comment.
Targets: draft page p95 < 200 ms and flat in the comment count; submission p95 < 150 ms;
export peak memory < 200 MB.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
COMMENTS = int(os.environ.get("BENCH_COMMENTS", "50000"))
CLIENTS = 20
SUBMISSIONS_PER_CLIENT = 15
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rembuk_bench"
)


def environment(folder: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_DEBUG="false",
        SECRET_KEY="benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=DATABASE_URL,
        TASK_BACKEND="immediate",
        COMMENT_RATE_LIMIT="100000/m/user,100000/m/ip",
        LOG_LEVEL="ERROR",
        MEDIA_ROOT=str(folder / "media"),
    )
    return env


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


SETUP = """
import django, io, json, os, sys
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("collectstatic", "--noinput", verbosity=0)
call_command("load_demo", force=True, stdout=io.StringIO())
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from allauth.account.models import EmailAddress
from consultations.models import Consultation
User = get_user_model()
consultation = Consultation.objects.get(title="Konsultasi publik Draf 2")
sessions = []
for n in range(int(sys.argv[1])):
    user = User.objects.create_user(email=f"bench{n}@example.id", password=None)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    sessions.append(store.session_key)
print(json.dumps({"consultation": consultation.pk, "draft": consultation.draft.url,
                  "sessions": sessions}))
"""

SEED = """
import django, random, sys
django.setup()
from django.utils import timezone
from django.contrib.auth import get_user_model
from cms.drafts import outline_clauses
from consultations.models import Comment, Consultation
random.seed(50)
consultation = Consultation.objects.get(pk=int(sys.argv[1]))
total = int(sys.argv[2])
keys = [c.key for c in outline_clauses(consultation.draft.specific.outline)] + [""]
User = get_user_model()
users = User.objects.bulk_create(
    [User(email=f"seed{n}@example.id", display_name=f"Peserta {n}") for n in range(2000)]
)
words = ("layanan publik data pribadi akses biaya desa sinyal aplikasi perizinan usaha "
         "transparansi daerah interoperabilitas keamanan disabilitas pelatihan").split()
now = timezone.now()
batch = []
for n in range(total):
    author = users[n % len(users)]
    body = " ".join(random.choices(words, k=random.randint(12, 60))).capitalize() + "."
    batch.append(Comment(consultation=consultation, clause_key=random.choice(keys), author=author,
                         body=body, stance=random.choice(["support", "oppose", "neutral", "amend"]),
                         respondent_type="individual", province=random.choice(["31", "32", "51", "94"]),
                         consent_given_at=now, status="published"))
    if len(batch) == 5000:
        Comment.objects.bulk_create(batch)
        batch = []
Comment.objects.bulk_create(batch)
Consultation.objects.filter(pk=consultation.pk).update(activity_at=now)
from django.db import connection
with connection.cursor() as cursor:  # as autovacuum would soon after a bulk load
    cursor.execute("VACUUM ANALYZE consultations_comment")
print(Comment.objects.filter(consultation=consultation).count())
"""

COLD = """
import django, statistics, sys, time
django.setup()
from django.test import Client
from django.utils import timezone
from consultations.models import Consultation
client = Client(HTTP_HOST="127.0.0.1")
client.get(sys.argv[1])
timings = []
for _ in range(30):
    # What a new comment does: the cached draft text with its comments must be rebuilt.
    Consultation.objects.filter(pk=int(sys.argv[2])).update(activity_at=timezone.now())
    started = time.perf_counter()
    assert client.get(sys.argv[1]).status_code == 200
    timings.append((time.perf_counter() - started) * 1000)
timings.sort()
print(f"{statistics.median(timings):.1f} {timings[int(0.95 * (len(timings) - 1))]:.1f}")
"""


EXPORT = """
import django, io, resource, sys
django.setup()
from django.core.management import call_command
call_command("export_comments", int(sys.argv[1]), "--scope", "full", "--output", sys.argv[2],
             "--quiet", stderr=io.StringIO())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

BASELINE = """
import django, resource
django.setup()
import cms.models, consultations.exports  # what the export command loads
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_python(code: str, env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]


def page_latency(client: httpx.Client, path: str, requests: int = 100) -> tuple[float, float]:
    for _ in range(10):
        client.get(path).raise_for_status()
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path).raise_for_status()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95)


async def submissions(base: str, consultation: int, sessions: list[str]) -> list[float]:
    timings: list[float] = []
    failures = 0

    async def one_client(session_key: str) -> None:
        nonlocal failures
        cookies = {"sessionid": session_key, "csrftoken": "b" * 32}
        async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30) as client:
            for n in range(SUBMISSIONS_PER_CLIENT):
                data = {"clause_key": "", "stance": "support", "body": f"Masukan beban {n}.",
                        "respondent_type": "individual", "show_name": "1", "consent": "on",
                        "submission_key": str(uuid.uuid4())}  # fmt: skip
                started = time.perf_counter()
                response = await client.post(
                    f"/konsultasi/{consultation}/komentar/baru/", data=data,
                    headers={"X-CSRFToken": "b" * 32, "Referer": base},
                )  # fmt: skip
                timings.append((time.perf_counter() - started) * 1000)
                if response.status_code != 302:
                    failures += 1

    await asyncio.gather(*(one_client(key) for key in sessions))
    if failures:
        print(f"  ! {failures} submissions failed")
    return timings


def serve(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--workers", "2", "--no-access-log", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(150):
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("server did not start")


def main() -> int:
    try:
        recreate_database()
    except Exception as error:  # no PostgreSQL on this machine
        print(f"PostgreSQL is needed for this benchmark ({error}); set BENCH_DATABASE_URL.")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        env = environment(Path(tmp))
        import json

        setup = json.loads(run_python(SETUP, env, str(CLIENTS)))
        port = 8900 + os.getpid() % 50
        base = f"http://127.0.0.1:{port}"
        rows = []
        server = serve(env, port)
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                rows.append(
                    ("draft page, demo (18 comments), warm", *page_latency(client, setup["draft"]))
                )
        finally:
            server.terminate()
            server.wait(timeout=20)
        cold_few = run_python(COLD, env, setup["draft"], str(setup["consultation"])).split()
        rows.append(
            ("draft page, demo, after new activity", float(cold_few[0]), float(cold_few[1]))
        )

        started = time.perf_counter()
        seeded = run_python(SEED, env, str(setup["consultation"]), str(COMMENTS))
        seed_seconds = time.perf_counter() - started

        server = serve(env, port)
        try:
            with httpx.Client(base_url=base, timeout=30) as client:
                rows.append(
                    (
                        f"draft page, {int(seeded):,} comments, warm",
                        *page_latency(client, setup["draft"]),
                    )
                )
            started = time.perf_counter()
            timings = asyncio.run(submissions(base, setup["consultation"], setup["sessions"]))
            throughput = len(timings) / (time.perf_counter() - started)
            rows.append((f"comment submission, {CLIENTS} clients", statistics.median(timings),
                         percentile(timings, 0.95)))  # fmt: skip
        finally:
            server.terminate()
            server.wait(timeout=20)
        cold_many = run_python(COLD, env, setup["draft"], str(setup["consultation"])).split()
        rows.append(
            (
                f"draft page, {int(seeded):,} comments, after new activity",
                float(cold_many[0]),
                float(cold_many[1]),
            )
        )

        started = time.perf_counter()
        peak_kb = run_python(EXPORT, env, str(setup["consultation"]), str(Path(tmp) / "all.csv"))
        export_seconds = time.perf_counter() - started
        peak_mb = int(peak_kb) / 1024
        size_mb = (Path(tmp) / "all.csv").stat().st_size / 1024 / 1024
        baseline_mb = int(run_python(BASELINE, env)) / 1024

    print(
        f"Consultation benchmark, PostgreSQL, uvicorn with 2 workers ({COMMENTS:,} comments seeded in {seed_seconds:.0f} s)"
    )
    print(f"{'measure':44} {'median ms':>10} {'p95 ms':>8}")
    rows.append((f"  (throughput {throughput:.0f} submissions/s)", 0.0, 0.0))
    for name, median, p95 in rows:
        print(f"{name:44} {median:10.1f} {p95:8.1f}" if median else name)
    print(
        f"{'CSV export of every comment':44} {export_seconds:9.1f}s  peak memory {peak_mb:.0f} MB "
        f"(a Django process that does nothing: {baseline_mb:.0f} MB), file {size_mb:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
