"""Analysis pages, served inside the Wagtail admin (``register_admin_urls``)."""

from django.urls import path

from search import views

urlpatterns = [
    path("cari/", views.staff_search, name="search_staff"),
    path("konsultasi/<int:consultation_id>/kode/", views.codebook, name="search_codebook"),
    path("konsultasi/<int:consultation_id>/kode/terapkan/", views.apply_code,
         name="search_apply_code"),
    path("konsultasi/<int:consultation_id>/analisis/", views.dashboard,
         name="search_dashboard"),
    path("konsultasi/<int:consultation_id>/analisis.csv", views.dashboard_export,
         name="search_dashboard_export"),
    path("konsultasi/<int:consultation_id>/kampanye/<int:campaign_id>/",
         views.campaign_detail, name="search_campaign"),
]  # fmt: skip
