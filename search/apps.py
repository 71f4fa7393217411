from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "rembuk_search"
    verbose_name = "Search and analysis"
