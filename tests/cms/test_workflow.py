"""Editorial workflow: drafting → legal review → publication, and scheduled publishing."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from cms.models import DraftPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(user_factory):
    user = user_factory(email="editor.uji@example.id")
    user.groups.add(Group.objects.get(name="Editor kebijakan"))
    return user


@pytest.fixture
def reviewer(user_factory):
    user = user_factory(email="peninjau.uji@example.id")
    user.groups.add(Group.objects.get(name="Peninjau hukum"))
    return user


def new_draft(policy, number=3):
    draft = DraftPage(title=f"Draf {number}", slug=f"draf-{number}", version_number=number,
                      body=[], live=False)  # fmt: skip
    policy.add_child(instance=draft)
    return draft


def test_editor_can_edit_and_submit_but_not_publish(egov_policy, editor, reviewer):
    draft = new_draft(egov_policy)
    assert draft.permissions_for_user(editor).can_edit()
    assert not draft.permissions_for_user(editor).can_publish()
    assert draft.permissions_for_user(reviewer).can_publish()


def test_legal_review_approval_publishes_the_draft(egov_policy, editor, reviewer, client):
    draft = new_draft(egov_policy)
    workflow = draft.get_workflow()
    assert workflow.name == "Penyusunan → tinjauan hukum → terbit"
    draft.save_revision(user=editor)
    state = workflow.start(draft, editor)
    task = state.current_task_state.task.specific
    assert task.name == "Tinjauan hukum"
    assert not task.user_can_access_editor(draft, editor) or not task.get_actions(draft, editor)
    assert [name for name, *_ in task.get_actions(draft, reviewer)][:1] == ["reject"]

    state.current_task_state.approve(user=reviewer)
    draft.refresh_from_db()
    assert draft.live
    assert client.get(draft.url).status_code == 200


def test_rejected_draft_stays_unpublished(egov_policy, editor, reviewer):
    draft = new_draft(egov_policy)
    draft.save_revision(user=editor)
    state = draft.get_workflow().start(draft, editor)
    state.current_task_state.reject(user=reviewer)
    draft.refresh_from_db()
    assert not draft.live


def test_the_admin_is_reachable_for_both_roles_after_enrolling_a_second_factor(
    client, editor, reviewer, staff_login
):
    for user in (editor, reviewer):
        client.force_login(user)
        assert "/2fa/totp/activate/" in client.get("/admin/").url
        staff_login(user)
        assert client.get("/admin/").status_code == 200


def test_scheduled_publishing_publishes_when_the_time_comes(egov_policy, client):
    draft = new_draft(egov_policy)
    draft.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = draft.save_revision()
    revision.publish()
    draft.refresh_from_db()
    assert not draft.live
    assert revision.approved_go_live_at is not None
    call_command("run_scheduler", "--once")
    draft.refresh_from_db()
    assert not draft.live  # not yet

    # The hour passes: move the scheduled time (in the revision and its approval) into the past.
    past = timezone.now() - dt.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("run_scheduler", "--once")
    draft.refresh_from_db()
    assert draft.live
