from django.urls import path

from . import views

urlpatterns = [
    path("cuoc-van-dong/", views.campaign_list, name="campaign_list"),
    path("cuoc-van-dong/them/", views.campaign_create, name="campaign_create"),
    path("cuoc-van-dong/<int:campaign_id>/", views.campaign_detail, name="campaign_detail"),
    path(
        "cuoc-van-dong/<int:campaign_id>/dong-gop/",
        views.contribution_create,
        name="contribution_create",
    ),
]
