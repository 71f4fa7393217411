from django.urls import path
from django.views.generic import RedirectView

from search import views


def moved(pattern_name: str):
    """A permanent redirect from an old staff address to its page in the admin."""
    return RedirectView.as_view(pattern_name=pattern_name, permanent=True, query_string=True)


urlpatterns = [
    path("cari/", views.public_search, name="search_public"),
    path("konsultasi/<int:consultation_id>/serupa/", views.similar_comments, name="search_similar"),
    # The analysis pages moved into the Wagtail admin (search/admin_urls.py).
    path("staf/cari/", moved("search_staff")),
    path("staf/konsultasi/<int:consultation_id>/kode/", moved("search_codebook")),
    path("staf/konsultasi/<int:consultation_id>/analisis/", moved("search_dashboard")),
    path("staf/konsultasi/<int:consultation_id>/analisis.csv", moved("search_dashboard_export")),
    path("staf/konsultasi/<int:consultation_id>/kampanye/<int:campaign_id>/",
         moved("search_campaign")),
]  # fmt: skip
