"""The main menu, by role.

Each part of the product adds its entry here. An entry is shown only when the viewer's scope
(`request.scope`, see `dangvu.accounts.scope`) would find something behind it: a member, who sees
only their own person, would otherwise get four pages that say "nothing here". Entries whose URL
does not exist (a part not installed) are left out.

The context is `menu`, a list of (url, label), and `menu_active`, the url of the entry the current
page belongs to.
"""

from django.urls import NoReverseMatch, reverse

from dangvu.accounts.scope import scope_for
from dangvu.orgs.models import Organization


def reads_orgs(scope):
    """An office, a secretary or a superior: the scope covers organizations."""
    return scope.sees_everything or bool(scope.read_org_ids)


def has_own_person(scope):
    return bool(scope.self_person_ids)


def reads_committees(scope):
    """The superior page lists superior and party committees in scope; a cell's secretary has
    none, and a member none at all."""
    if scope.sees_everything:
        return True
    if not scope.read_org_ids:
        return False
    K = Organization.Kind
    kinds = [K.SUPERIOR_COMMITTEE, K.PARTY_COMMITTEE]
    return scope.orgs(Organization.objects.filter(kind__in=kinds)).exists()


def reads_anything(scope):
    """A role of any kind: an account without one has nothing behind these pages."""
    return reads_orgs(scope) or has_own_person(scope)


def everyone(scope):
    return True


def own_person_url(scope):
    """A member's own record (the lowest id if a login is tied to several)."""
    return reverse("person_detail", args=[min(scope.self_person_ids)])


def fee_url(scope):
    """Who reads no organization has only their own fee book."""
    return reverse("fee_home") if reads_orgs(scope) else reverse("fee_mine")


# (url name or a function of the scope giving the url, label, who sees it)
MENU = [
    ("org_tree", "Tổ chức", reads_orgs),
    ("people_list", "Cá nhân", reads_orgs),
    (own_person_url, "Hồ sơ của tôi", has_own_person),
    ("activity_list", "Hoạt động", reads_anything),
    ("meeting_home", "Sinh hoạt chi bộ", reads_anything),
    ("work_programme_list", "Chương trình công tác", reads_orgs),
    ("report_list", "Báo cáo", reads_orgs),
    ("document_list", "Văn bản", reads_orgs),
    (fee_url, "Đảng phí", reads_anything),
    ("superior_home", "Cấp trên", reads_committees),
    ("account_list", "Tài khoản", everyone),
]


def menu_items(scope):
    items = []
    for target, label, shown in MENU:
        if not shown(scope):
            continue
        try:
            items.append((target(scope) if callable(target) else reverse(target), label))
        except NoReverseMatch:
            continue
    return items


def active_url(path, items):
    """The entry whose url is the longest start of `path`: /ca-nhan/12/ belongs to "Hồ sơ của
    tôi" rather than to "Cá nhân" when both are shown."""
    matches = [url for url, _label in items if path.startswith(url)]
    return max(matches, key=len) if matches else None


def menu(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": [], "menu_active": None}
    scope = getattr(request, "scope", None)
    if scope is None:
        # Pages answered before the middleware ran (an error page) still get a menu.

        scope = scope_for(request.user)
    items = menu_items(scope)
    return {"menu": items, "menu_active": active_url(request.path, items)}
