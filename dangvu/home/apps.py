from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "dangvu.home"
    verbose_name = "Bảng việc"
