"""Every fee page with every demo user: the office sees and changes the whole committee, the
secretary of Chi bộ 1 only their cell, the member only their own page, the superior reads."""

import pytest

from dangvu.accounts.models import Role
from dangvu.finance.models import LedgerEntry, Payment
from dangvu.people.models import Membership

OK, NO, RO = 200, 404, 403  # RO: visible but read-only (a change refused)


@pytest.fixture
def ids(demo):
    me = Role.objects.get(user__username="dangvien").person
    other = (
        Membership.objects.filter(org__slug="so-tttt-chi-bo-2", kind="party", valid_to=None)
        .first()
        .person
    )
    return {
        "me": me.id,
        "other": other.id,
        "p1": Payment.objects.filter(cell__slug="so-tttt-chi-bo-1", person=me).first().id,
        "p2": Payment.objects.filter(cell__slug="so-tttt-chi-bo-2").first().id,
        "entry": LedgerEntry.objects.filter(org=demo, on__year=2017).first().id,
    }


# (url, vanphong, bithu1, dangvien, captren)
PAGES = [
    ("/dang-phi/", OK, OK, 302, OK),
    ("/dang-phi/cua-toi/", OK, OK, OK, OK),  # without a fee book of their own: a notice
    ("/dang-phi/quy-dinh/", OK, OK, OK, OK),
    ("/dang-phi/quy-dinh/?to-chuc=so-tttt-tra-vinh", OK, NO, NO, OK),
    ("/dang-phi/dang-vien/{me}/", OK, OK, OK, OK),
    ("/dang-phi/dang-vien/{other}/", OK, NO, NO, OK),
    ("/dang-phi/dang-vien/{me}/luong/", OK, OK, RO, RO),
    ("/dang-phi/dang-vien/{other}/luong/", OK, NO, NO, RO),
    ("/dang-phi/dang-vien/{me}/ly-do/", OK, OK, RO, RO),
    # p1 is the member's own payment: read (on their fee page), not changed.
    ("/dang-phi/khoan-nop/{p1}/sua/", OK, OK, RO, RO),
    ("/dang-phi/khoan-nop/{p2}/sua/", OK, NO, NO, RO),
    ("/dang-phi/khoan-nop/{p1}/dao/", OK, OK, RO, RO),
    ("/dang-phi/but-toan/{entry}/sua/", OK, NO, NO, RO),
    ("/dang-phi/but-toan/{entry}/dao/", OK, NO, NO, RO),
    ("/dang-phi/to-chuc/so-tttt-chi-bo-1/nop/", OK, OK, NO, RO),
    ("/dang-phi/to-chuc/so-tttt-chi-bo-2/nop/", OK, NO, NO, RO),
    ("/dang-phi/to-chuc/so-tttt-tra-vinh/nop/", OK, NO, NO, RO),
    ("/dang-phi/to-chuc/so-tttt-tra-vinh/quy-dinh/", OK, NO, NO, RO),
    ("/dang-phi/to-chuc/so-tttt-chi-bo-1/so-thu-nop/2017/", OK, OK, NO, OK),
    ("/dang-phi/to-chuc/so-tttt-tra-vinh/so-thu-nop/2017/", OK, NO, NO, OK),
    ("/dang-phi/to-chuc/so-tttt-chi-bo-2/so-thu-nop/2017/xlsx/", OK, NO, NO, OK),
    ("/dang-phi/to-chuc/so-tttt-tra-vinh/so-quy/2017/", OK, NO, NO, OK),
    ("/dang-phi/to-chuc/so-tttt-chi-bo-1/so-quy/2017/", OK, OK, NO, OK),
    ("/dang-phi/to-chuc/so-tttt-tra-vinh/so-quy/2018/ghi/", OK, NO, NO, RO),
    ("/dang-phi/to-chuc/so-tttt-tra-vinh/so-quy/2018/khoa-so/", OK, NO, NO, RO),
    ("/dang-phi/to-chuc/so-tttt-co-quan/so-thu-nop/2017/", NO, NO, NO, NO),  # not a party org
    ("/dang-phi/to-chuc/dang-uy-khoi-cac-co-quan-tra-vinh/so-quy/2017/", NO, NO, NO, NO),
]
USERS = ["vanphong", "bithu1", "dangvien", "captren"]


def test_every_fee_page_with_every_demo_user(ids, login, client):
    failures = []
    for i, user in enumerate(USERS):
        session = login(user)
        for url, *expected in PAGES:
            response = session.get(url.format(**ids))
            if response.status_code != expected[i]:
                failures.append((user, url, response.status_code, expected[i]))
    client.logout()
    response = client.get("/dang-phi/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert failures == []
    _posts_outside_scope_write_nothing(ids, login)


def _posts_outside_scope_write_nothing(ids, login):
    count = Payment.objects.count()
    form = {
        "person": ids["other"],
        "paid_on": "2018-01-20",
        "first_month": "1/2018",
        "months": "1",
        "amount": "40.000",
        "method": "cash",
    }
    assert login("captren").post("/dang-phi/to-chuc/so-tttt-chi-bo-2/nop/", form).status_code == 403
    # The secretary of Chi bộ 1 cannot record for a member of Chi bộ 2 through their own form.
    response = login("bithu1").post("/dang-phi/to-chuc/so-tttt-chi-bo-1/nop/", form)
    assert response.status_code == 400
    assert "Không tìm thấy đảng viên" in response.content.decode()
    assert (
        login("dangvien").post("/dang-phi/to-chuc/so-tttt-chi-bo-1/nop/", form).status_code == 404
    )
    assert Payment.objects.count() == count
    # The office records it.
    response = login("vanphong").post("/dang-phi/to-chuc/so-tttt-tra-vinh/nop/", form)
    assert response.status_code == 302
    assert Payment.objects.count() == count + 1
