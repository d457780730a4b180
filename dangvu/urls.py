from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("dangvu.orgs.urls")),
    path("", include("dangvu.people.urls")),
    path("", include("dangvu.work.urls")),
    path("", include("dangvu.finance.urls")),
    path("", include("dangvu.people.excel_urls")),
    path("", include("dangvu.reports.urls")),
    path("", include("dangvu.documents.urls")),
    path("", include("dangvu.accounts.urls")),
    path("", include("dangvu.superior.urls")),
]
