import logging
import signal
import threading
import time
from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from search.services import apply_pending_updates

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Publish and unpublish pages whose scheduled time has come, every --interval seconds "
        "(Wagtail's publish_scheduled in a loop), queue consultation notices to followers, "
        "replay search index updates that failed (search engine down), and apply data "
        "retention rules once a day, so none of them needs cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=60, help="Seconds between runs.")
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args, interval: int, once: bool, **options):
        if interval < 1:
            self.stderr.write("--interval must be at least 1 second.")
            raise SystemExit(2)
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        retention_due = 0.0
        while True:
            call_command("publish_scheduled", verbosity=0)
            call_command("send_consultation_notices", stdout=StringIO())
            _replay_index_updates()
            if time.monotonic() >= retention_due:
                call_command("apply_retention", verbosity=0, stdout=self.stdout)
                retention_due = time.monotonic() + 24 * 60 * 60
            if once or stop.wait(interval):
                return


def _replay_index_updates() -> None:
    """Index updates whose back-off has passed, applied here in case no task worker runs."""
    try:
        apply_pending_updates()
    except Exception:  # noqa: BLE001 - the scheduler keeps running; the outbox keeps the rows
        logger.exception("Replaying search index updates failed")
