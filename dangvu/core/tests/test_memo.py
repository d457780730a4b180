"""Reads shared within one scope: once per arguments inside, every time outside, never kept."""

from dangvu.core import memo

calls = []


@memo.within_scope
def read(ids, day=None):
    calls.append((tuple(ids), day))
    return list(ids)


def setup_function():
    calls.clear()


def test_outside_a_scope_every_call_runs():
    read([1, 2])
    read([1, 2])
    assert len(calls) == 2


def test_inside_a_scope_one_call_per_arguments():
    with memo.scope():
        read([1, 2])
        read([1, 2])
        read([1, 2], day=3)
        read([2, 1])
    assert calls == [((1, 2), None), ((1, 2), 3), ((2, 1), None)]


def test_nothing_is_kept_after_the_scope():
    with memo.scope():
        read([1])
    with memo.scope():
        read([1])
    read([1])
    assert len(calls) == 3


def test_an_inner_scope_shares_the_outer_one():
    with memo.scope():
        read([1])
        with memo.scope():
            read([1])
        read([1])
    assert len(calls) == 1


def test_each_caller_gets_its_own_list():
    with memo.scope():
        first = read([1, 2])
        first.append(3)
        assert read([1, 2]) == [1, 2]


def test_an_argument_that_cannot_be_a_key_runs_the_call():
    with memo.scope():
        read([1], day={"a": 1})
        read([1], day={"a": 1})
    assert len(calls) == 2
