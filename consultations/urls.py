from django.urls import path
from django.views.generic import RedirectView

from consultations import views


def moved(pattern_name: str):
    """A permanent redirect from an old staff address to its page in the admin."""
    return RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True)


urlpatterns = [
    path("konsultasi/<int:consultation_id>/komentar/", views.clause_comments,
         name="consultations_clause_comments"),
    path("konsultasi/<int:consultation_id>/komentar/baru/", views.comment_new,
         name="consultations_comment_new"),
    path("komentar/<int:comment_id>/", views.comment_detail, name="consultations_comment"),
    path("komentar/<int:comment_id>/balas/", views.comment_reply, name="consultations_reply"),
    path("komentar/<int:comment_id>/lampiran/<int:attachment_id>/", views.attachment_download,
         name="consultations_attachment"),
    path("komentar/<int:comment_id>/ubah/", views.comment_edit, name="consultations_edit"),
    path("komentar/<int:comment_id>/tarik/", views.comment_withdraw,
         name="consultations_withdraw"),
    path("komentar/<int:comment_id>/dukung/", views.comment_support,
         name="consultations_support"),
    path("komentar/<int:comment_id>/laporkan/", views.comment_flag, name="consultations_flag"),
    path("komentar/<int:comment_id>/banding/", views.comment_appeal,
         name="consultations_appeal"),
    path("konsultasi/<int:consultation_id>/unduh.<str:fmt>", views.comments_export,
         name="consultations_export"),
    path("ikuti/<int:policy_id>/", views.policy_follow_toggle, name="consultations_follow"),
    path("berhenti-mengikuti/<str:token>/", views.unfollow_by_link, name="consultations_unfollow"),
    path("konsultasi/<int:consultation_id>/laporan/", views.response_report,
         name="consultations_report"),
    # The staff pages moved into the Wagtail admin (consultations/admin_urls.py).
    path("staf/konsultasi/<int:consultation_id>/tanggapan/", moved("consultations_responses")),
    path("staf/konsultasi/<int:consultation_id>/masukan-luring/",
         moved("consultations_offline")),
    path("staf/konsultasi/<int:consultation_id>/moderasi/", moved("consultations_moderation")),
    path("staf/konsultasi/<int:consultation_id>/unduh-lengkap.<str:fmt>",
         moved("consultations_full_export")),
]  # fmt: skip
