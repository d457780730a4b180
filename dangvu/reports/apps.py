from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"

    def ready(self):
        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            guards,  # noqa: F401  (a finalised report keeps the activities it counted)
            wording,  # noqa: F401  (registers the report's wording facts)
        )
