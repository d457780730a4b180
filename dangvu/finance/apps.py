from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "dangvu.finance"
    label = "finance"
    verbose_name = "Đảng phí"

    def ready(self):
        # Importing registers the fees.* facts and the closed-book check on people's actions.
        from . import actions, facts  # noqa: F401
