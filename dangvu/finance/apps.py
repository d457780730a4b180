from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "dangvu.finance"
    label = "finance"
    verbose_name = "Đảng phí"

    def ready(self):
        from . import (
            access,  # noqa: F401  (registers the access rules of its models)
            facts,  # noqa: F401  (registers the fees.* facts)
        )
