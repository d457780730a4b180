"""Outgoing numbering: per type across the committee's term (Party), per year (State), and never
the same number twice, even when two users ask at once."""

import datetime as dt
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from dangvu.accounts.models import AuditEntry
from dangvu.documents import actions
from dangvu.documents.models import Document, NumberCounter
from dangvu.orgs import actions as org_actions

D = Document.Direction


def take(org, doc_type, on):
    return actions.next_number(None, org, doc_type, on)


def test_party_numbers_run_per_type_across_the_term(orgs):
    c = orgs.committee
    first = take(c, "Báo cáo", dt.date(2016, 1, 10))
    assert (first.number, first.symbol, first.label) == (1, "01-BC/ĐU", "Số 01-BC/ĐU")
    assert str(first) == "Số 01-BC/ĐU" and first.period == "nhiệm kỳ 2015-2020"
    # A new calendar year does not restart Party numbering: the term does.
    assert take(c, "Báo cáo", dt.date(2017, 12, 5)).label == "Số 02-BC/ĐU"
    assert take(c, "Kế hoạch", dt.date(2017, 12, 5)).label == "Số 01-KH/ĐU"
    assert take(c, "Chương trình", dt.date(2017, 12, 5)).label == "Số 01-CTr/ĐU"
    org_actions.open_term(None, c, name="2020-2025", valid_from=dt.date(2020, 7, 1))
    assert take(c, "Báo cáo", dt.date(2020, 8, 1)).label == "Số 01-BC/ĐU"
    assert AuditEntry.objects.filter(action="document.number").count() == 5
    second = AuditEntry.objects.filter(action="document.number").order_by("id")[1]
    assert (second.before["last"], second.after["last"]) == (1, 2)
    assert second.summary == "Lấy số Số 02-BC/ĐU (Báo cáo, nhiệm kỳ 2015-2020)"


def test_numbers_continue_after_documents_entered_by_hand(orgs):
    c = orgs.committee
    actions.register_document(
        None,
        owner_org=c,
        direction=D.OUTGOING,
        doc_type="Kế hoạch",
        symbol="33-KH/ĐU",
        issuer=c,
        date=dt.date(2016, 3, 25),
    )
    assert take(c, "Kế hoạch", dt.date(2017, 1, 3)).label == "Số 34-KH/ĐU"
    # Documents of another term do not count.
    assert take(c, "Kế hoạch", dt.date(2015, 6, 20)).label == "Số 35-KH/ĐU"
    assert NumberCounter.objects.get(doc_type="Kế hoạch").last == 35


def test_state_numbers_run_per_calendar_year(orgs):
    a = orgs.agency
    assert take(a, "Kế hoạch", dt.date(2017, 8, 1)).label == "Số: 01/KH-STTTT"
    assert take(a, "Kế hoạch", dt.date(2017, 8, 23)).label == "Số: 02/KH-STTTT"
    assert take(a, "Kế hoạch", dt.date(2018, 1, 2)).label == "Số: 01/KH-STTTT"
    assert take(a, "Công văn", dt.date(2018, 1, 2)).label == "Số: 01/STTTT"


@pytest.mark.parametrize(
    "who, doc_type, on, message",
    [
        ("committee", "Báo cáo", dt.date(2014, 5, 1), "chưa có nhiệm kỳ cấp ủy"),
        ("committee", "Giấy mời", dt.date(2017, 5, 1), "không phải là loại văn bản của Đảng"),
        ("cell", "Báo cáo", dt.date(2017, 5, 1), "chưa có ký hiệu"),
        ("committee", "Báo cáo", None, "Cần ngày ban hành"),
    ],
)
def test_refusals(orgs, who, doc_type, on, message):
    with pytest.raises(ValidationError, match=message):
        take(getattr(orgs, who), doc_type, on)
    assert not NumberCounter.objects.filter(last__gt=0).exists()


def test_register_outgoing_takes_the_number_and_enters_the_document(orgs):
    doc, reserved = actions.register_outgoing(
        None,
        orgs.committee,
        doc_type="Báo cáo",
        date=dt.date(2017, 12, 5),
        subject="Tình hình hoạt động năm 2017 và chương trình công tác năm 2018",
    )
    assert reserved.label == "Số 01-BC/ĐU"
    assert (doc.direction, doc.symbol, doc.issuer, doc.number) == (
        D.OUTGOING,
        "01-BC/ĐU",
        orgs.committee,
        "01",
    )
    # A failed registration gives its number back (one transaction).
    with pytest.raises(ValidationError):
        actions.register_outgoing(
            None, orgs.committee, doc_type="Báo cáo", date=dt.date(2017, 12, 6), subject=""
        )
    with pytest.raises(ValidationError):
        actions.register_outgoing(
            None,
            orgs.committee,
            doc_type="Báo cáo",
            date=dt.date(2017, 12, 6),
            subject="x",
            secrecy="khong-hop-le",
        )
    assert take(orgs.committee, "Báo cáo", dt.date(2017, 12, 7)).label == "Số 02-BC/ĐU"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_users_at_once_get_two_numbers(orgs):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI runs this with DATABASE_URL)")
    org, day = orgs.committee, dt.date(2017, 12, 5)
    take(org, "Báo cáo", day)  # the counter row exists; the race is on taking numbers
    holding, results, errors = threading.Event(), {}, []

    def first():
        try:
            with transaction.atomic():
                results["first"] = take(org, "Báo cáo", day).number
                holding.set()
                time.sleep(0.5)  # the second user asks while this transaction is open
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)
        finally:
            holding.set()
            connection.close()

    def second():
        try:
            holding.wait(5)
            started = time.monotonic()
            results["second"] = take(org, "Báo cáo", day).number
            results["waited"] = time.monotonic() - started
        except Exception as e:  # pragma: no cover
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors
    assert (results["first"], results["second"]) == (2, 3)
    assert results["waited"] > 0.3  # the second waited for the first's lock

    # Many at once, with the counter row created under contention too.
    numbers, lock = [], threading.Lock()

    def many():
        try:
            for _ in range(5):
                n = take(org, "Kế hoạch", day).number
                with lock:
                    numbers.append(n)
        except Exception as e:  # pragma: no cover
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=many) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert sorted(numbers) == list(range(1, 21))
