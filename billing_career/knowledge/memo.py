"""What is built once per knowledge base (compiled rules, a planner), kept for the next call."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from billing_career.knowledge.models import KnowledgeBase

T = TypeVar("T")


class PerKnowledgeBase(Generic[T]):
    """One value per knowledge base, for the last few knowledge bases used."""

    # A process rarely holds more than one or two knowledge bases.
    KEEP = 4

    def __init__(self) -> None:
        self._kept: dict[int, tuple[KnowledgeBase, T]] = {}

    def get(self, kb: KnowledgeBase, build: Callable[[KnowledgeBase], T]) -> T:
        """The value kept for kb, or build(kb), kept from now on."""
        kept = self._kept.get(id(kb))
        if kept is not None and kept[0] is kb:
            return kept[1]
        value = build(kb)
        self.put(kb, value)
        return value

    def put(self, kb: KnowledgeBase, value: T) -> None:
        """Keep value for kb, in place of any value kept for it before."""
        # The knowledge base is kept alive with its value, so its id cannot be reused by another.
        if len(self._kept) >= self.KEEP:
            self._kept.pop(next(iter(self._kept)))
        self._kept[id(kb)] = (kb, value)


K = TypeVar("K")


def kept_for(memo: dict[int, tuple[K, T]], key: K, make: Callable[[K], T], limit: int) -> T:
    """make(key), kept in memo by the very key object: the key is kept with its value, so its
    id is not another object's while it is there; memo starts over once it holds limit values
    (memory stays flat however many plans a batch makes)."""
    found = memo.get(id(key))
    if found is not None and found[0] is key:
        return found[1]
    made = make(key)
    if len(memo) >= limit:
        memo.clear()
    memo[id(key)] = (key, made)
    return made
