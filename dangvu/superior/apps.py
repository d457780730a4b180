from django.apps import AppConfig


class SuperiorConfig(AppConfig):
    name = "dangvu.superior"
    verbose_name = "Cấp ủy cấp trên"

    def ready(self):
        # The statistics page's figures, kept for a big subtree (`kept`), include the charts'
        # counts, computed by the page's own layer: registered here, where both are wired.
        from dangvu.orgs.views import statistics_figures

        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            facts,  # noqa: F401  (registers the superior's own report facts)
            jobs,  # noqa: F401  (registers its background jobs)
            kept,  # registers the job computing kept figures
            own_activity,  # noqa: F401  (what its Ban Thường vụ itself did)
        )

        kept.register(kept.STATISTICS, statistics_figures)
