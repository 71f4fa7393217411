"""WebSocket URL routes of every app, gathered for ``config.asgi``."""

from forums.routing import websocket_urlpatterns as forum_routes

websocket_urlpatterns = [*forum_routes]
