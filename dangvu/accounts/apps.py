from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    label = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import access  # noqa: F401  (registers the access rules of its models)
        from .middleware import remember_one_time_password

        user_logged_in.connect(remember_one_time_password, dispatch_uid="dangvu-one-time-password")
