"""Background work of the search app (django-tasks; the database backend in `make run`)."""

from __future__ import annotations

from django_tasks import task

from consultations.models import Consultation
from search import services  # a module, not names from it: services import this module too


@task()
def apply_pending_index_updates() -> dict:
    """Apply the index outbox. Failures stay in the outbox with back-off; the scheduler
    (``run_scheduler``) calls this again every minute, so updates resume when the engine does."""
    return services.apply_pending_updates()


@task()
def detect_campaigns(consultation_id: int) -> int:
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    return len(services.campaigns_detect(consultation=consultation)) if consultation else 0
