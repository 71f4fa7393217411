"""Background work of the search app (django-tasks; the database backend in `make run`)."""

from __future__ import annotations

from django_tasks import task


@task()
def apply_pending_index_updates() -> dict:
    """Apply the index outbox. Failures stay in the outbox with back-off; the scheduler
    (``run_scheduler``) calls this again every minute, so updates resume when the engine does."""
    from search.services import apply_pending_updates

    return apply_pending_updates()


@task()
def detect_campaigns(consultation_id: int) -> int:
    from consultations.models import Consultation
    from search.services import campaigns_detect

    consultation = Consultation.objects.filter(pk=consultation_id).first()
    return len(campaigns_detect(consultation=consultation)) if consultation else 0
