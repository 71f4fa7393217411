from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for `make run`, built through the same services as real data."""

    name = "demo"
    verbose_name = "Demo"
