from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "dangvu.documents"
    label = "documents"
    verbose_name = "Văn bản"

    def ready(self):
        from . import access  # noqa: F401  (registers the access rules of its models)
