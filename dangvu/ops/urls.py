from django.urls import path

from . import views

urlpatterns = [
    path("viec-nen/", views.jobs, name="jobs"),
    path("viec-nen/tai/", views.job_download, name="job_download"),
]
