from django.urls import path
from django.views.generic import RedirectView

from forums import views

urlpatterns = [
    path("forum/", views.thread_index, name="forums_index"),
    path("forum/baru/", views.thread_new, name="forums_thread_new"),
    path("forum/<int:thread_id>/", views.thread_detail, name="forums_thread"),
    path("forum/<int:thread_id>/kirim/", views.post_new, name="forums_post_new"),
    path("forum/<int:thread_id>/kunci/", views.thread_lock, name="forums_lock"),
    path("forum/<int:thread_id>/sematkan/", views.thread_pin, name="forums_pin"),
    path("forum/<int:thread_id>/peristiwa/", views.thread_events, name="forums_events"),
    # The moderation log moved into the Wagtail admin (forums/wagtail_hooks.py).
    path(
        "staf/forum/moderasi/",
        RedirectView.as_view(
            pattern_name="forums_moderation_log", permanent=True, query_string=True
        ),
    ),
    path("forum/pesan/<int:post_id>/<str:action>/", views.post_action, name="forums_post_action"),
]
