from django.core.management.base import BaseCommand

from consultations.services import send_due_consultation_notices


class Command(BaseCommand):
    help = "Queue emails to followers: consultation opened, closing within 48 hours, response out."

    def handle(self, *args, **options):
        count = send_due_consultation_notices()
        self.stdout.write(f"{count} notices queued")
