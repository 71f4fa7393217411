from django.conf import settings


class AdminContentSecurityPolicyMiddleware:
    """The Wagtail admin gets its own, looser policy; the public site keeps the strict one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefix = f"/{settings.ADMIN_URL_PATH}/"

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.prefix) and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = settings.ADMIN_CONTENT_SECURITY_POLICY
        return response
