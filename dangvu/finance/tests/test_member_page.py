"""A member's own page: the `dangvien` demo user sees what they paid, and nobody else's."""

from django.db.models import Sum

from dangvu.accounts.models import Role
from dangvu.finance.models import Payment


def test_the_member_sees_their_own_payments(demo, login):
    me = Role.objects.get(user__username="dangvien").person
    client = login("dangvien")
    home = client.get("/dang-phi/")
    assert home.status_code == 302 and home["Location"].endswith("/dang-phi/cua-toi/")
    response = client.get("/dang-phi/cua-toi/")
    assert response.status_code == 200
    assert response.context["year"] == 2017  # the latest year with payments
    paid = Payment.objects.filter(person=me, paid_on__year=2017).aggregate(t=Sum("amount"))["t"]
    assert response.context["member"].paid == paid > 0
    assert [p.person_id for p in response.context["payments"]] == [me.id] * 12
    html = response.content.decode()
    assert "Đảng phí của tôi" in html and me.full_name in html
    assert "Đảng phí" in [label for _url, label in response.context["menu"]]
    assert "Sửa" not in html and "Ghi căn cứ" not in html  # the member reads, does not change
    others = Payment.objects.exclude(person=me).values_list("person__full_name", flat=True)
    assert not any(name in html for name in set(others))
    earlier = client.get("/dang-phi/cua-toi/?nam=2016")
    assert (
        earlier.context["member"].paid
        == Payment.objects.filter(person=me, paid_on__year=2016).aggregate(t=Sum("amount"))["t"]
    )
    # The secretary of the member's cell sees the same page with the actions.
    html = login("bithu1").get(f"/dang-phi/dang-vien/{me.id}/?nam=2018").content.decode()
    assert "Ghi căn cứ tính đảng phí" in html
    assert "chưa đóng" in html  # 2018 has no payments in the demo
