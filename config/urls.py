from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path(f"{settings.ADMIN_URL_PATH}/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("akun/", include("accounts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
