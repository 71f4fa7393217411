from django.urls import path

from search import views

urlpatterns = [
    path("cari/", views.public_search, name="search_public"),
    path("konsultasi/<int:consultation_id>/serupa/", views.similar_comments, name="search_similar"),
    path("staf/cari/", views.staff_search, name="search_staff"),
    path("staf/konsultasi/<int:consultation_id>/kode/", views.codebook, name="search_codebook"),
    path("staf/konsultasi/<int:consultation_id>/kode/terapkan/", views.apply_code,
         name="search_apply_code"),
    path("staf/konsultasi/<int:consultation_id>/analisis/", views.dashboard,
         name="search_dashboard"),
    path("staf/konsultasi/<int:consultation_id>/analisis.csv", views.dashboard_export,
         name="search_dashboard_export"),
    path("staf/konsultasi/<int:consultation_id>/kampanye/<int:campaign_id>/",
         views.campaign_detail, name="search_campaign"),
]  # fmt: skip
