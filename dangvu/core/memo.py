"""Reads shared within one piece of work: `with scope():` and `@within_scope`.

Computing an organization's facts asks the same questions many times (its subtree during the
period, its type on the last day), each a query, from providers that know nothing of each other.
Inside `scope()` a function marked `@within_scope` runs once per arguments and every later call
gets the first call's result; outside it runs every time. The memory lives as long as the `with`
block (one `compute`), in a context variable of the thread: nothing outlives the call, so no
request or test is ever served another's records. Only reads may be marked, and the block must
write nothing they read.
"""

import copy
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

_MEMORY: ContextVar[dict | None] = ContextVar("dangvu_memo", default=None)

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def scope() -> Iterator[None]:
    """Share the results of `@within_scope` functions until the block ends; a block inside
    another shares the outer one's."""
    if _MEMORY.get() is not None:
        yield
        return
    token = _MEMORY.set({})
    try:
        yield
    finally:
        _MEMORY.reset(token)


def _frozen(value: Any) -> Any:
    """A hashable stand-in for an argument: a list of ids as a tuple, a set as a frozenset."""
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, set | frozenset):
        return frozenset(value)
    return value


def within_scope(func: F) -> F:
    """Mark a read whose result may be shared inside `scope()`. A caller gets its own copy of a
    list, set or dict, which it may change. Arguments that cannot be a key (an unsaved model
    instance, a dict) make the call run as if outside."""

    @functools.wraps(func)
    def shared(*args: Any, **kwargs: Any) -> Any:
        memory = _MEMORY.get()
        if memory is None:
            return func(*args, **kwargs)
        try:
            key = (func, _frozen(args), frozenset((k, _frozen(v)) for k, v in kwargs.items()))
            found = key in memory
        except TypeError:
            return func(*args, **kwargs)
        if not found:
            memory[key] = func(*args, **kwargs)
        result = memory[key]
        return copy.copy(result) if isinstance(result, list | set | dict) else result

    return shared  # type: ignore[return-value]
