from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "dangvu.review"
    label = "review"
    verbose_name = "Đánh giá, rèn luyện"

    def ready(self):
        from . import access, facts  # noqa: F401  (register the access rules and the facts)
