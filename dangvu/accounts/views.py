"""Accounts: one's own (and changing one's password), and for the office the accounts within
its organizations: create, reset a password, deactivate.

A one-time password is shown once, in the response to the action that made it, and kept
nowhere; its owner must change it at the next login (see the middleware).
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache

from dangvu.web import apply_action, attempt, refused, render_form

from . import actions, history
from .forms import AccountCreateForm, OwnPasswordForm
from .middleware import ONE_TIME_KEY
from .models import AuditEntry


def _require_manager(request):
    if not actions.can_manage_accounts(request.user):
        raise PermissionDenied("Chỉ văn phòng cấp ủy mới quản lý tài khoản.")


def _managed_or_404(request, user_id):
    _require_manager(request)
    user = actions.managed_accounts(request.user).filter(id=user_id).first()
    if user is None:
        raise Http404("Không tìm thấy tài khoản.")
    return user


def _roles(user):
    return user.roles.select_related("org", "person").order_by("kind")


def account_list(request):
    """Everyone: their own account. The office: also the accounts of its organizations."""
    accounts = None
    if actions.can_manage_accounts(request.user):
        accounts = actions.managed_accounts(request.user).prefetch_related(
            "roles__org", "roles__person"
        )
        accounts = accounts.select_related("account")
    return render(
        request,
        "accounts/list.html",
        {"roles": _roles(request.user), "accounts": accounts},
    )


@never_cache
def account_create(request):
    _require_manager(request)
    form = AccountCreateForm(request.POST or None, actor=request.user)
    if form.is_valid():
        data = form.cleaned_data
        created = apply_action(
            form,
            actions.create_account,
            request.user,
            data["username"],
            kind=data["kind"],
            org=data["org"],
            person=data["person"],
        )
        if created:
            user, password = created
            return _show_password(request, user, password, created_now=True)
    return render_form(
        request,
        form,
        title="Tạo tài khoản",
        back_url="/tai-khoan/",
        submit="Tạo tài khoản",
        intro="Tài khoản nhận một mật khẩu dùng một lần, hiện ra một lần sau khi tạo; người "
        "dùng phải đổi mật khẩu khi đăng nhập lần đầu.",
    )


def account_detail(request, user_id):
    account = _managed_or_404(request, user_id)
    return render(
        request,
        "accounts/detail.html",
        {
            "account": account,
            "roles": _roles(account),
            "can_manage": actions.can_manage_user(request.user, account),
            "is_self": account.pk == request.user.pk,
            "must_change": actions.must_change_password(account),
            "history": history.recent(
                request,
                AuditEntry.objects.filter(
                    target_type=account._meta.label_lower, target_id=account.pk
                ),
                limit=50,
            ),
        },
    )


def _confirm(request, account, *, title, text, submit):
    return render(
        request,
        "accounts/confirm.html",
        {"account": account, "title": title, "text": text, "submit": submit},
    )


def _lock_change(request, user_id, action, done, title, text, submit):
    """Confirm, then lock or unlock an account the office manages."""
    account = _managed_or_404(request, user_id)
    if not actions.can_manage_user(request.user, account):
        raise PermissionDenied("Bạn không có quyền quản lý tài khoản này.")
    if request.method == "POST":
        _, errors = attempt(action, request.user, account)
        if not refused(request, errors):
            messages.success(request, f"{done} {account.username}.")
        return redirect("account_detail", user_id=account.pk)
    return _confirm(request, account, title=f"{title} {account.username}", text=text, submit=submit)


def account_deactivate(request, user_id):
    return _lock_change(
        request,
        user_id,
        actions.deactivate_account,
        done="Đã khóa tài khoản",
        title="Khóa tài khoản",
        text="Tài khoản bị khóa không đăng nhập được nữa; hồ sơ và nhật ký vẫn giữ nguyên.",
        submit="Khóa tài khoản",
    )


def account_reactivate(request, user_id):
    return _lock_change(
        request,
        user_id,
        actions.reactivate_account,
        done="Đã mở khóa tài khoản",
        title="Mở khóa tài khoản",
        text="Tài khoản đăng nhập lại được, với các vai trò nó vẫn giữ.",
        submit="Mở khóa",
    )


@never_cache
def account_reset_password(request, user_id):
    account = _managed_or_404(request, user_id)
    if not actions.can_manage_user(request.user, account):
        raise PermissionDenied("Bạn không có quyền quản lý tài khoản này.")
    if request.method == "POST":
        password, errors = attempt(actions.reset_password, request.user, account)
        if refused(request, errors):
            return redirect("account_detail", user_id=account.pk)
        return _show_password(request, account, password, created_now=False)
    return _confirm(
        request,
        account,
        title=f"Cấp lại mật khẩu cho {account.username}",
        text="Mật khẩu cũ thôi dùng được ngay. Mật khẩu dùng một lần mới chỉ hiện ra một lần; "
        "người dùng phải đổi nó khi đăng nhập.",
        submit="Cấp mật khẩu mới",
    )


def _show_password(request, account, password, *, created_now):
    response = render(
        request,
        "accounts/one_time_password.html",
        {"account": account, "password": password, "created_now": created_now},
    )
    add_never_cache_headers(response)
    return response


@never_cache
def password_change(request):
    """Every user changes their own password; a one-time password must be changed first."""
    form = OwnPasswordForm(request.user, request.POST or None)
    if form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        actions.password_changed(user)
        request.session.pop(ONE_TIME_KEY, None)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("home")
    one_time = bool(request.session.get(ONE_TIME_KEY))
    return render_form(
        request,
        form,
        title="Đổi mật khẩu",
        back_url="/tai-khoan/",
        submit="Đổi mật khẩu",
        intro="Bạn đang dùng mật khẩu dùng một lần do văn phòng cấp: hãy đặt mật khẩu của riêng "
        "mình trước khi tiếp tục."
        if one_time
        else "",
    )
