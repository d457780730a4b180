from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "dangvu.oversight"
    label = "oversight"
    verbose_name = "Kiểm tra, giám sát"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules and the facts)
