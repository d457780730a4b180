from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "dangvu.people"
    label = "people"

    def ready(self):
        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            facts,  # noqa: F401  (registers the section I facts)
            jobs,  # noqa: F401  (registers the large import as a background job)
        )
