from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "dangvu.work"
    label = "work"
    verbose_name = "Công tác"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules, the facts of II–V)
