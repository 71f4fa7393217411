from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.builder import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo site (policies, two draft versions, agencies, topics, news, English "
        "translations) and demo accounts. Safe to run again: pages are created once, and demo "
        "accounts get new passwords, printed here. For local use only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DJANGO_DEBUG is off (benchmarks, tests). Never on a public site.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "load_demo creates accounts with printed passwords and is meant for local use. "
                "DJANGO_DEBUG is off; pass --force if this really is a local or test database."
            )
        created, accounts = load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content was already loaded; pages left as they are.")
        self.stdout.write(
            "\nDemo accounts (local use only; passwords change on every run). Staff accounts "
            "set up an authenticator app (TOTP) the first time they open /admin/:"
        )
        width = max(len(account.email) for account in accounts)
        for account in accounts:
            self.stdout.write(f"  {account.email:<{width}}  {account.password}  {account.role}")
