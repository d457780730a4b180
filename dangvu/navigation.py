"""The main menu. Each part of the product adds its entry here; entries whose URL does not
exist (a part not installed) are left out."""

from django.urls import NoReverseMatch, reverse

MENU = [
    ("org_tree", "Tổ chức"),
    ("people_list", "Cá nhân"),
    ("activity_list", "Hoạt động"),
    ("work_programme_list", "Chương trình công tác"),
    ("report_list", "Báo cáo"),
    ("document_list", "Văn bản"),
    ("fee_home", "Đảng phí"),
    ("superior_home", "Cấp trên"),
    ("account_list", "Tài khoản"),
]


def menu(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": []}
    items = []
    for name, label in MENU:
        try:
            items.append((reverse(name), label))
        except NoReverseMatch:
            continue
    return {"menu": items}
