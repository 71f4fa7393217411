"""ASGI entry point: HTTP through Django, WebSockets through Channels routing."""

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

from config.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
