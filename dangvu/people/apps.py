from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "dangvu.people"
    label = "people"

    def ready(self):
        from . import facts  # noqa: F401  (registers the section I facts)
