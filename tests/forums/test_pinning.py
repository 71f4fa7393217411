"""A moderator pins a thread to the top of the forum; nobody else can."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_moderator_pins_a_thread_to_the_top_and_unpins_it(
    client, staff_login, moderator, egov_policy, thread_factory
):
    older = thread_factory(title="Utas yang akan disematkan", policy=egov_policy)
    thread_factory(title="Utas terbaru", policy=egov_policy)
    staff_login(moderator)

    page = client.get(reverse("forums_thread", args=[older.pk]), HTTP_ACCEPT_LANGUAGE="id")
    assert "Sematkan utas di atas" in page.content.decode()
    client.post(reverse("forums_pin", args=[older.pk]), {"pinned": "1"})

    listing = client.get(reverse("forums_index")).content.decode()
    assert listing.index("Utas yang akan disematkan") < listing.index("Utas terbaru")
    page = client.get(reverse("forums_thread", args=[older.pk]), HTTP_ACCEPT_LANGUAGE="id")
    assert "Lepas sematan" in page.content.decode()

    client.post(reverse("forums_pin", args=[older.pk]), {"pinned": "0"})
    listing = client.get(reverse("forums_index")).content.decode()
    assert listing.index("Utas terbaru") < listing.index("Utas yang akan disematkan")


def test_a_participant_cannot_pin(client, user_factory, egov_policy, thread_factory):
    thread = thread_factory(title="Utas biasa", policy=egov_policy)
    client.force_login(user_factory())

    page = client.get(reverse("forums_thread", args=[thread.pk])).content.decode()
    assert reverse("forums_pin", args=[thread.pk]) not in page
    response = client.post(reverse("forums_pin", args=[thread.pk]), {"pinned": "1"}, follow=True)

    thread.refresh_from_db()
    assert not thread.pinned
    assert response.status_code == 200
