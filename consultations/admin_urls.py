"""Staff pages of a consultation, served inside the Wagtail admin (``register_admin_urls``):
Wagtail requires admin access before any of them runs; each view then asks the rules."""

from django.urls import path

from consultations import staff_views

urlpatterns = [
    path("<int:consultation_id>/", staff_views.workspace, name="consultations_workspace"),
    path("<int:consultation_id>/moderasi/", staff_views.ModerationQueueView.as_view(),
         name="consultations_moderation"),
    path("<int:consultation_id>/moderasi/hasil/",
         staff_views.ModerationQueueView.as_view(results_only=True),
         name="consultations_moderation_results"),
    path("<int:consultation_id>/tanggapan/", staff_views.responses,
         name="consultations_responses"),
    path("<int:consultation_id>/tanggapan/komentar/", staff_views.ResponseQueueView.as_view(),
         name="consultations_answer"),
    path("<int:consultation_id>/tanggapan/komentar/hasil/",
         staff_views.ResponseQueueView.as_view(results_only=True),
         name="consultations_answer_results"),
    path("<int:consultation_id>/masukan-luring/", staff_views.offline_input,
         name="consultations_offline"),
    path("<int:consultation_id>/unduh-lengkap.<str:fmt>", staff_views.full_export,
         name="consultations_full_export"),
]  # fmt: skip
