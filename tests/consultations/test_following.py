"""Following a policy: emails when a consultation opens, is about to close, or answers."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation, PolicyFollow
from consultations.services import send_due_consultation_notices

pytestmark = pytest.mark.django_db


def test_follow_and_unfollow_from_the_policy_page(client, citizen, egov_policy):
    client.force_login(citizen)
    assert "Ikuti kebijakan ini" in client.get(egov_policy.url).content.decode()
    client.post(reverse("consultations_follow", args=[egov_policy.pk]))
    assert PolicyFollow.objects.filter(user=citizen, policy=egov_policy).exists()
    assert "Mengikuti — berhenti" in client.get(egov_policy.url).content.decode()
    client.post(reverse("consultations_follow", args=[egov_policy.pk]), {"action": "unfollow"})
    assert not PolicyFollow.objects.filter(user=citizen).exists()


def test_notices_go_out_once_each_and_respect_preferences(
    open_consultation, citizen, user_factory, egov_policy
):
    PolicyFollow.objects.create(user=citizen, policy=egov_policy)
    quiet = user_factory(notify_followed=False)
    PolicyFollow.objects.create(user=quiet, policy=egov_policy)

    assert send_due_consultation_notices() == 1  # the open consultation: "opened"
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    assert "Sekarang terbuka untuk komentar" in mail.outbox[0].subject
    assert "List-Unsubscribe" in mail.outbox[0].extra_headers
    assert send_due_consultation_notices() == 0  # never twice

    closing_time = open_consultation.closes_at - dt.timedelta(hours=47)
    assert send_due_consultation_notices(now=closing_time) == 1
    assert "48 jam" in mail.outbox[-1].subject

    Consultation.objects.filter(pk=open_consultation.pk).update(
        response_published_at=timezone.now()
    )
    assert send_due_consultation_notices() == 1
    assert "/laporan/" in mail.outbox[-1].body
    assert len(mail.outbox) == 3


def test_one_click_unsubscribe_link_from_the_email(client, open_consultation, citizen, egov_policy):
    PolicyFollow.objects.create(user=citizen, policy=egov_policy)
    send_due_consultation_notices()
    link = re.search(r"https?://[^/\s]+(/\S*berhenti-mengikuti/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link)
    assert page.status_code == 200 and "Berhenti mengikuti" in page.content.decode()
    assert PolicyFollow.objects.filter(user=citizen).exists()  # a GET changes nothing
    done = client.post(link)
    assert "Tidak ada lagi email" in done.content.decode()
    assert not PolicyFollow.objects.filter(user=citizen).exists()
    broken = client.get(reverse("consultations_unfollow", args=["rusak"]))
    assert broken.status_code == 400
