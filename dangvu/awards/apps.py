from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "dangvu.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules and the facts)
