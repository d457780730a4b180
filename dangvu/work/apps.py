from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "dangvu.work"
    label = "work"
    verbose_name = "Công tác"

    def ready(self):
        from . import facts  # noqa: F401  (registers the facts of sections II–V)
