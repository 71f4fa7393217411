"""Editor forms of the Wagtail admin that need more than the model's fields say."""

from __future__ import annotations

from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm


class DraftPageForm(WagtailAdminPageForm):
    """A new draft version is numbered after the policy's latest and addressed ``draf-N``:
    the number and the address are offered, and a slug the editor left to follow the title
    becomes ``draf-N`` too (addresses of versions stay short and predictable)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.parent_page is not None:
            number = self._next_version_number()
            if not self.initial.get("version_number"):
                self.initial["version_number"] = number
            if not self.initial.get("slug"):
                self.initial["slug"] = f"draf-{number}"

    def _next_version_number(self) -> int:
        numbers = self.instance.__class__.objects.child_of(self.parent_page).values_list(
            "version_number", flat=True
        )
        return max(numbers, default=0) + 1

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("version_number")
        slug = cleaned.get("slug") or ""
        if self.instance.pk is None and number and slug == slugify(cleaned.get("title") or ""):
            cleaned["slug"] = f"draf-{number}"
        return cleaned
