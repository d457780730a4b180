from django.apps import AppConfig


class MobilisationConfig(AppConfig):
    name = "dangvu.mobilisation"
    label = "mobilisation"
    verbose_name = "Vận động, quyên góp"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules and the facts)
