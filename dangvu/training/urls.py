from dangvu.web import kind_urls, record_urls

from . import views

urlpatterns = [
    *kind_urls(views, "enrolment", "dao-tao/", "list", "create"),
    *record_urls(views, "enrolment", "dao-tao/<int:enrolment_id>/", ("hoan-thanh/", "complete")),
]
