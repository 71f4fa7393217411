"""Apps above cms add their parts to its pages; cms itself knows none of them."""

import pytest

from cms.contributions import TemplateSlots
from cms.models import DraftPage, PolicyPage
from consultations.selectors import template_slots as consultation_slots


def test_the_apps_above_fill_the_page_slots_once_in_app_order():
    assert PolicyPage.template_slots["header"] == ["consultations/includes/policy_follow.html"]
    assert PolicyPage.template_slots["sections"] == ["forums/includes/policy_discussions.html"]
    assert DraftPage.template_slots["clause"] == ["consultations/includes/clause_comments.html"]
    # consultations' own templates have slots of their own, filled by forums and search
    assert consultation_slots["clause_bar"] == ["forums/includes/clause_discuss_link.html"]
    assert consultation_slots["workspace_tools"] == ["search/includes/workspace_tools.html"]
    assert consultation_slots["comment_form"] == ["search/includes/similar_comments.html"]


def test_a_misspelt_slot_fails_loudly_instead_of_never_showing():
    slots = TemplateSlots("header")
    slots.add("header", "a.html")
    slots.add("header", "a.html")
    assert slots["header"] == ["a.html"]
    with pytest.raises(KeyError):
        slots.add("heading", "b.html")
