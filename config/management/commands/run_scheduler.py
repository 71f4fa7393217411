import datetime as dt
import logging
import signal
import threading
import time
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from consultations.models import Consultation
from search.services import apply_pending_updates
from search.tasks import detect_campaigns

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Publish and unpublish pages whose scheduled time has come, every --interval seconds "
        "(Wagtail's publish_scheduled in a loop), queue consultation notices to followers, "
        "replay search index updates that failed (search engine down), run a full campaign "
        "detection pass over consultations with new input every CAMPAIGN_PASS_INTERVAL "
        "seconds, and apply data retention rules once a day, so none of them needs cron."
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
        retention_due = campaigns_due = 0.0
        campaigns_since = timezone.now() - dt.timedelta(seconds=settings.CAMPAIGN_PASS_INTERVAL)
        while True:
            call_command("publish_scheduled", verbosity=0)
            call_command("send_consultation_notices", stdout=StringIO())
            _replay_index_updates()
            if time.monotonic() >= campaigns_due:
                campaigns_since = _campaign_passes(since=campaigns_since)
                campaigns_due = time.monotonic() + settings.CAMPAIGN_PASS_INTERVAL
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


def _campaign_passes(*, since: dt.datetime) -> dt.datetime:
    """Queue a full campaign detection for every consultation with comment activity since the
    last round: comments join campaigns as they arrive, and this pass keeps the groups whole
    (pieces that met only through comments edited or moderated later). Returns the new mark."""
    now = timezone.now()
    try:
        for pk in Consultation.objects.filter(activity_at__gte=since).values_list("pk", flat=True):
            detect_campaigns.enqueue(pk)
    except Exception:  # noqa: BLE001 - the scheduler keeps running; the next round tries again
        logger.exception("Queueing campaign detection passes failed")
        return since
    return now
