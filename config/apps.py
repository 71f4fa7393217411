from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package as an app, for the commands that drive every app (run_scheduler)."""

    name = "config"
    label = "config"
    verbose_name = "Rembuk"
