"""StreamField blocks. A draft's body is Bab (chapter) → Pasal (article) → ayat (clause).

Every structural element carries a ``key``: a short identifier assigned once and kept through
edits, revisions, renumbering and new versions, so anchors and comments stay attached to it.
"""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from cms.drafts import KEY_PATTERN, new_structure_key

key_validator = RegexValidator(
    KEY_PATTERN,
    _("Use 2 to 32 lowercase letters, digits or hyphens, starting with a letter or digit."),
)


class KeyedStructBlock(blocks.StructBlock):
    """Assigns a fresh key when there is none (new or newly added elements). The key is kept in
    the form but never shown: its form template renders it in a hidden container."""

    def clean(self, value):
        value = super().clean(value)
        if not value.get("key"):
            value["key"] = new_structure_key()
        return value


KEYED_FORM_TEMPLATE = "cms/blocks/keyed_struct_form.html"


def key_block() -> blocks.CharBlock:
    return blocks.CharBlock(
        label=_("Identifier"), required=False, max_length=32, validators=[key_validator]
    )


class ClauseBlock(KeyedStructBlock):
    key = key_block()
    text = blocks.TextBlock(label=_("Clause text"), required=True)

    class Meta:
        icon = "pilcrow"
        label = _("Clause (ayat)")
        form_template = KEYED_FORM_TEMPLATE


class ArticleBlock(KeyedStructBlock):
    key = key_block()
    heading = blocks.CharBlock(label=_("Heading (optional)"), required=False, max_length=200)
    clauses = blocks.ListBlock(ClauseBlock(), min_num=1, label=_("Clauses"))

    class Meta:
        icon = "doc-full"
        label = _("Article (pasal)")
        form_template = KEYED_FORM_TEMPLATE


class ChapterBlock(KeyedStructBlock):
    key = key_block()
    title = blocks.CharBlock(label=_("Chapter title"), required=True, max_length=200)
    articles = blocks.ListBlock(ArticleBlock(), min_num=1, label=_("Articles"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Chapter (bab)")
        form_template = KEYED_FORM_TEMPLATE


class DraftBodyBlock(blocks.StreamBlock):
    chapter = ChapterBlock()


class ContentBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        form_classname="title", icon="title", label=_("Section heading"), max_length=200
    )
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "document-link"], label=_("Text")
    )
    quote = blocks.BlockQuoteBlock(label=_("Quote"))
