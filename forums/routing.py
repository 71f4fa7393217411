from django.urls import path

from forums.consumers import ThreadConsumer

websocket_urlpatterns = [path("ws/forum/", ThreadConsumer.as_asgi())]
