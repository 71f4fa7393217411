"""Uploaded documents: what counts as a PDF is decided by content, never by name."""

import filetype
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm


def is_pdf(upload) -> bool:
    """Whether an uploaded file's first bytes are a PDF's; the file is left at its start.
    Used by the editors' documents and by comment attachments."""
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    return kind is not None and kind.mime == "application/pdf"


class PolicyDocumentForm(BaseDocumentForm):
    """Accept a document only when its content is a PDF, whatever its name says."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "read") and not is_pdf(upload):
            raise forms.ValidationError(_("This file is not a PDF document."))
        return upload
