from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "dangvu.finance"
    label = "finance"
    verbose_name = "Đảng phí"

    def ready(self):
        from . import (  # noqa: F401
            access,  # registers the access rules of its models
            actions,  # registers the closed-book check on people's actions
            facts,  # registers the fees.* facts
        )
