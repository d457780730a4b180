from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "dangvu.programme"
    label = "programme"
    verbose_name = "Chương trình công tác"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules and the facts)
