from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "dangvu.reports"
    label = "reports"

    def ready(self):
        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            check_jobs,  # noqa: F401  (registers the check of a long report as a job)
            guards,  # noqa: F401  (a finalised report keeps the activities it counted)
            mass,  # noqa: F401  (registers the figures of a mass organization's own report)
            movements,  # noqa: F401  (registers the members' arrivals, departures, badges)
            wording,  # noqa: F401  (registers the report's wording facts)
        )
