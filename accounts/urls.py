from django.urls import include, path

from accounts import views

urlpatterns = [
    path("profil/", views.profile, name="accounts_profile"),
    path("profil/perwakilan/", views.representation_request, name="accounts_representation"),
    path("privasi/", views.privacy, name="accounts_privacy"),
    path("privasi/unduh/", views.personal_data_download, name="accounts_data_download"),
    path("hapus/", views.delete_account, name="accounts_delete"),
    path("", include("allauth.urls")),
]
