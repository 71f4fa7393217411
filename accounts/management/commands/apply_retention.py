from django.core.management.base import BaseCommand

from accounts.retention import retention_rules


class Command(BaseCommand):
    help = "Remove personal data kept past its retention period (audit entries, IP addresses)."

    def handle(self, *args, **options):
        for rule in retention_rules():
            count = rule.purge()
            self.stdout.write(f"{rule.name}: {count} removed")
