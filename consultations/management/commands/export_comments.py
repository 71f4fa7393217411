import sys

from django.core.management.base import BaseCommand, CommandError

from consultations.exports import FORMATS, FULL, PUBLIC, export_size, write_export
from consultations.models import Consultation


class Command(BaseCommand):
    help = (
        "Export a consultation's comments as CSV, XLSX or JSON. The public scope holds published "
        "comments without personal data; the full scope holds everything, marked with its state."
    )

    def add_arguments(self, parser):
        parser.add_argument("consultation_id", type=int)
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--scope", choices=["public", "full"], default="public")
        parser.add_argument("--output", "-o", required=True, help="File to write ('-' for stdout).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, consultation_id, format, scope, output, quiet, **options):
        consultation = Consultation.objects.filter(pk=consultation_id).first()
        if consultation is None:
            raise CommandError(f"No consultation has id {consultation_id}.")
        export_scope = FULL if scope == "full" else PUBLIC
        total = export_size(consultation, export_scope)

        def progress(done: int) -> None:
            if quiet:
                return
            width = 30
            filled = width if not total else int(width * done / total)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} comments")
            sys.stderr.flush()

        if output == "-":
            write_export(consultation, export_scope, format, sys.stdout.buffer, progress)
        else:
            try:
                handle = open(output, "wb")  # noqa: SIM115 - closed by the with block below
            except OSError as error:
                raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
            with handle:
                write_export(consultation, export_scope, format, handle, progress)
        if not quiet:
            sys.stderr.write("\n")
        self.stderr.write(f"Exported {total} comments ({export_scope.name}, {format}).")
