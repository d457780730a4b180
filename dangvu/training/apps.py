from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dangvu.training"
    label = "training"
    verbose_name = "Đào tạo, bồi dưỡng"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules and the facts)
