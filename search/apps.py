from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "rembuk_search"
    verbose_name = "Search and analysis"

    def ready(self) -> None:
        # Models and the modules that use them can only be imported once apps are loaded;
        # importing `contributions` also connects its signal receiver.
        from consultations.exports import register_staff_export_columns
        from consultations.selectors import report_sections, template_slots
        from search import contributions

        register_staff_export_columns(contributions.STAFF_EXPORT_COLUMNS)
        report_sections.register(contributions.report_campaigns_section)
        template_slots.add("workspace_tools", "search/includes/workspace_tools.html")
        template_slots.add("comment_form", "search/includes/similar_comments.html")
