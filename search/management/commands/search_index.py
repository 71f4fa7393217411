import time

from django.core.management.base import BaseCommand, CommandError

from consultations.models import Comment, Consultation
from search.engine import search_engine_name
from search.engines.base import SearchUnavailable
from search.services import (
    apply_pending_updates,
    campaigns_detect,
    index_check,
    index_rebuild,
    index_setup,
    pending_count,
    themes_recount,
)


class Command(BaseCommand):
    help = (
        "Maintain the comment search index. --setup prepares the engine and is run on every "
        "deploy (Elasticsearch: saves the index template, creates the first index); --rebuild "
        "builds a complete new index and switches to it with no downtime (Elasticsearch: the "
        "template saved, a new versioned index, then the alias swap); "
        "--check compares ids in the database and the index and repairs any drift; --replay "
        "applies queued updates now (they are also replayed by the task worker and scheduler); "
        "--campaigns N detects campaigns in consultation N."
    )

    def add_arguments(self, parser):
        actions = parser.add_mutually_exclusive_group(required=True)
        actions.add_argument("--setup", action="store_true")
        actions.add_argument("--rebuild", action="store_true")
        actions.add_argument("--check", action="store_true")
        actions.add_argument("--replay", action="store_true")
        actions.add_argument("--campaigns", type=int, metavar="CONSULTATION_ID")
        parser.add_argument(
            "--dry-run", action="store_true", help="With --check: report drift, repair nothing."
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, setup, rebuild, check, replay, campaigns, dry_run, quiet, **options):
        if dry_run and not check:
            raise CommandError("--dry-run goes with --check only.")
        engine = search_engine_name()
        try:
            if setup:
                index_setup()
                self.stdout.write(f"The {engine} search engine is ready.")
            elif rebuild:
                self._rebuild(engine, quiet)
            elif check:
                self._check(engine, repair=not dry_run)
            elif replay:
                result = apply_pending_updates(limit=10**9)
                self.stdout.write(
                    f"Applied {result['indexed']} updates; {result['failed']} failed and stay "
                    f"queued ({pending_count()} pending)."
                )
                if result["failed"]:
                    raise CommandError("The search engine did not accept every update.")
            else:
                self._campaigns(campaigns)
        except SearchUnavailable as error:  # a clear line and exit 1; other errors are bugs
            raise CommandError(f"The {engine} search engine is unavailable: {error}") from error

    def _rebuild(self, engine: str, quiet: bool) -> None:
        total, done, started = Comment.objects.count(), 0, time.monotonic()

        def progress(count: int) -> None:
            nonlocal done
            done += count
            if quiet:
                return
            width = 30
            filled = width if not total else int(width * done / total)
            self.stderr.write(
                f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} comments", ending=""
            )
            self.stderr.flush()

        indexed = index_rebuild(progress=progress)
        if not quiet:
            self.stderr.write("")
        elapsed = time.monotonic() - started
        rate = indexed / elapsed if elapsed else 0
        self.stdout.write(
            f"Rebuilt the {engine} index: {indexed} comments in {elapsed:.1f} s ({rate:.0f}/s)."
        )
        started = time.monotonic()
        counted = themes_recount()
        self.stdout.write(
            f"Recounted the themes of {counted} published comments in "
            f"{time.monotonic() - started:.1f} s."
        )

    def _check(self, engine: str, *, repair: bool) -> None:
        result = index_check(repair=repair)
        self.stdout.write(
            f"{engine}: {result['database']} comments in the database, {result['index']} in the "
            f"index; {result['missing']} missing, {result['extra']} extra."
        )
        if result["missing"] or result["extra"]:
            self.stdout.write("Repaired." if repair else "Not repaired (--dry-run).")

    def _campaigns(self, consultation_id: int) -> None:
        consultation = Consultation.objects.filter(pk=consultation_id).first()
        if consultation is None:
            raise CommandError(f"No consultation has id {consultation_id}.")
        started = time.monotonic()
        found = campaigns_detect(consultation=consultation)
        self.stdout.write(
            f"{len(found)} campaigns ({sum(c.size for c in found)} comments) in "
            f"{time.monotonic() - started:.1f} s."
        )
