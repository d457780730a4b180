from django.apps import AppConfig


class SuperiorConfig(AppConfig):
    name = "dangvu.superior"
    verbose_name = "Cấp ủy cấp trên"

    def ready(self):
        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            facts,  # noqa: F401  (registers the superior's own report facts)
            jobs,  # noqa: F401  (registers its background jobs)
            kept,
            own_activity,  # noqa: F401  (what its Ban Thường vụ itself did)
        )

        # The statistics page's figures, kept for a big subtree: they include the charts'
        # counts, computed by the page's own layer.
        from dangvu.orgs.views import statistics_figures

        kept.register(kept.STATISTICS, statistics_figures)
