from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the installation: login throttling, backup and restore, file permissions."""

    name = "dangvu.ops"
    verbose_name = "Vận hành"

    def ready(self):
        from . import throttle  # noqa: F401 - connects the login signals
