from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "dangvu.meetings"
    label = "meetings"
    verbose_name = "Hoạt động, sinh hoạt"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules and the facts)
