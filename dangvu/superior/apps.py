from django.apps import AppConfig


class SuperiorConfig(AppConfig):
    name = "dangvu.superior"
    verbose_name = "Cấp ủy cấp trên"
