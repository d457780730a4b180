from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the installation: login throttling, backup and restore, file permissions."""

    name = "dangvu.ops"
    verbose_name = "Vận hành"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import (
            access,  # noqa: F401 - registers the access rule of jobs
            throttle,  # noqa: F401 - connects the login signals
        )
        from .private import sqlite_files_private

        connection_created.connect(sqlite_files_private, dispatch_uid="dangvu-sqlite-private")
