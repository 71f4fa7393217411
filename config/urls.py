from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import staff_sign_in
from cms import views as cms_views
from config import errors, health

handler429 = errors.rate_limited

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    # Staff sign in through allauth (with MFA), never through Wagtail's own password form.
    path(f"{settings.ADMIN_URL_PATH}/login/", staff_sign_in, name="staff_sign_in"),
    path(f"{settings.ADMIN_URL_PATH}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("akun/", include("accounts.urls")),
    path("belum-diterjemahkan/<int:page_id>/", cms_views.not_translated, name="cms_not_translated"),
    path("", include("consultations.urls")),
    path("", include("forums.urls")),
    path("", include("search.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
