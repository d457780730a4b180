from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "dangvu.orgs"
    label = "orgs"

    def ready(self):
        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            facts,  # noqa: F401  (registers the facts of types and profiles)
        )
