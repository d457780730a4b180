from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"

    def ready(self):
        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            wording,  # noqa: F401  (registers the report's wording facts)
        )
