"""ASGI entry point: HTTP through Django, WebSockets through Channels routing."""

import gc
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

from django.core.asgi import get_asgi_application  # noqa: E402

from config.env import InvalidEnvironment  # noqa: E402

try:
    django_asgi_app = get_asgi_application()
except InvalidEnvironment as exc:
    sys.stderr.write(f"Configuration error: {exc}\n")
    raise SystemExit(2) from None

# Consumers import models, so they are imported only after Django is set up.
from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import get_resolver  # noqa: E402

from config.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)

# What a worker loads at startup (Django, Wagtail, the URLconf and every view module, the search
# document classes) lives as long as the process; freezing it keeps the garbage collector from
# scanning those objects again and again while requests are served.
get_resolver().url_patterns  # noqa: B018 - load every view module now, not on the first request
gc.collect()
gc.freeze()
