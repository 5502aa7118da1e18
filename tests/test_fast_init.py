"""records.fast_init: every class given a made __init__ is built as the dataclass's own builds it,
and a class the made one could differ for keeps its own."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import pickle
from collections.abc import Callable, Iterator
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import pytest

from billing_career.records import fast_init, plain_init

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "billing_career"


def _decorated() -> Iterator[type]:
    """Every class of the package written with @fast_init, found in the source."""
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if "fast_init" not in text or path.name == "records.py":
            continue
        names = [
            node.name
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.ClassDef)
            and any(
                isinstance(item, ast.Name) and item.id == "fast_init"
                for item in node.decorator_list
            )
        ]
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        module = importlib.import_module(".".join(parts))
        yield from (getattr(module, name) for name in names)


DECORATED = list(_decorated())


def test_the_hot_classes_are_decorated() -> None:
    """The walk finds the classes built per plan (so the tests below do test them)."""
    names = {cls.__name__ for cls in DECORATED}
    assert {"MinMax", "Plan", "PathOption", "FundingSource", "Budget"} <= names


@pytest.mark.parametrize("cls", DECORATED, ids=lambda cls: cls.__qualname__)
def test_every_decorated_class_of_the_package_has_the_made_init(cls: type) -> None:
    """No class of the package is decorated for nothing: fast_init refused none of them."""
    plain = plain_init(cls)
    assert plain is not None
    assert cls.__init__ is not plain
    assert inspect.signature(cls.__init__, follow_wrapped=False) == inspect.signature(plain)
    assert (cls.__init__.__qualname__, cls.__init__.__module__) == (
        plain.__qualname__,
        plain.__module__,
    )


def _arguments(cls: type) -> list[tuple[tuple[Any, ...], dict[str, Any]]]:
    """Ways to call the class: defaults left out, every argument by keyword, every argument in
    its place; each value its own object (hashable, picklable), so a value stored under
    another field's name shows."""
    given = [item for item in dataclasses.fields(cls) if item.init]
    value = {item.name: ("value of", cls.__name__, item.name) for item in given}
    required = [
        item
        for item in given
        if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
    ]
    positional = [item.name for item in given if not item.kw_only]
    keyword_only = {item.name: value[item.name] for item in given if item.kw_only}
    return [
        (
            tuple(value[item.name] for item in required if not item.kw_only),
            {item.name: value[item.name] for item in required if item.kw_only},
        ),
        ((), value),
        (tuple(value[name] for name in positional), keyword_only),
    ]


def _both(cls: type, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    """The instance the made __init__ builds, and the one the dataclass's own builds."""
    plain = plain_init(cls)
    assert plain is not None
    made = cls(*args, **kwargs)
    twin = object.__new__(cls)
    plain(twin, *args, **kwargs)
    return made, twin


def _same(made: Any, twin: Any) -> None:
    assert list(vars(made)) == list(vars(twin))
    assert vars(made) == vars(twin)
    assert made == twin
    assert repr(made) == repr(twin)
    assert hash(made) == hash(twin)


# The classes whose __post_init__ reads other objects' fields: built from real arguments in
# test_fast_paths.py (a varied cohort's plans), not from stand-in values.
_READS_ITS_ARGUMENTS = {"Plan", "PlanProfile", "FundingSource", "Funding", "Budget"}


@pytest.mark.parametrize(
    "cls",
    [cls for cls in DECORATED if cls.__name__ not in _READS_ITS_ARGUMENTS],
    ids=lambda cls: cls.__qualname__,
)
def test_made_init_builds_what_the_dataclass_s_own_builds(cls: type) -> None:
    """Positional, keyword and default arguments: the same __dict__ (keys in order, the very
    values), eq, hash and repr; frozen stays frozen; replace and pickle give equal copies."""
    for args, kwargs in _arguments(cls):
        made, twin = _both(cls, args, kwargs)
        _same(made, twin)
        positional = [
            item.name for item in dataclasses.fields(cls) if item.init and not item.kw_only
        ]
        for name, value in {**dict(zip(positional, args, strict=False)), **kwargs}.items():
            assert vars(made)[name] is value
        for item in dataclasses.fields(cls):
            with pytest.raises(FrozenInstanceError):
                setattr(made, item.name, "changed")
            with pytest.raises(FrozenInstanceError):
                delattr(made, item.name)
        assert pickle.loads(pickle.dumps(made)) == made
        first = next(item.name for item in dataclasses.fields(cls) if item.init)
        changed = dataclasses.replace(made, **{first: "changed"})
        assert getattr(changed, first) == "changed"
        _same(changed, dataclasses.replace(twin, **{first: "changed"}))


def _twins(make: Callable[[], type]) -> tuple[type, type]:
    """One class body made twice: with fast_init and as the plain dataclass."""
    return fast_init(make()), make()


def test_made_init_keeps_every_dataclass_feature_it_takes() -> None:
    """Defaults, default_factory given or not, init=False fields with a default or a factory,
    keyword-only fields, a __post_init__ that sets a field: as the plain dataclass."""
    posts: list[str] = []

    def make() -> type:
        @dataclass(frozen=True)
        class Record:
            name: str
            tags: list[str] = field(default_factory=list)
            size: int = 3
            kind: str = field(init=False, default="record")
            seen: dict[str, int] = field(init=False, default_factory=dict)
            label: str = field(init=False)
            note: str = field(default="", kw_only=True)
            weight: float = field(kw_only=True)

            def __post_init__(self) -> None:
                posts.append(self.name)
                object.__setattr__(self, "label", f"{self.name}:{self.size}")

        return Record

    fast, plain = _twins(make)
    assert plain_init(fast) is not None
    assert inspect.signature(fast.__init__) == inspect.signature(plain.__init__)
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
        (("a",), {"weight": 1.0}),
        (("b", ["x"], 4), {"note": "n", "weight": 2.0}),
        ((), {"name": "c", "size": 5, "weight": 0.5, "tags": ["y"]}),
    ]
    for args, kwargs in calls:
        made, twin = fast(*args, **kwargs), plain(*args, **kwargs)
        assert list(vars(made).items()) == list(vars(twin).items())
        assert repr(made) == repr(twin).replace(plain.__qualname__, fast.__qualname__)
        assert made.kind == "record"
    assert posts == ["a", "a", "b", "b", "c", "c"]
    # Each instance gets its own default_factory value, as with the dataclass.
    assert fast("d", weight=1.0).tags is not fast("e", weight=1.0).tags
    with pytest.raises(TypeError) as made_error:
        fast()
    with pytest.raises(TypeError) as plain_error:
        plain()
    assert str(made_error.value) == str(plain_error.value)
    with pytest.raises(TypeError):
        fast("a", [], 1, 2.0)  # weight is keyword-only


def _refused(make: Callable[[], type]) -> None:
    cls = make()
    own = cls.__dict__.get("__init__")
    assert fast_init(cls) is cls
    assert cls.__dict__.get("__init__") is own
    assert plain_init(cls) is None


def test_what_it_does_not_handle_keeps_the_dataclass_s_own_init() -> None:
    """slots, InitVar, ClassVar, an __init__ written by hand, init=False, not frozen, a field
    behind a data descriptor, a custom __getattribute__, a field named self, not a dataclass."""

    def slots() -> type:
        @dataclass(frozen=True, slots=True)
        class Slotted:
            a: int

        return Slotted

    def init_var() -> type:
        @dataclass(frozen=True)
        class WithInitVar:
            a: int
            b: dataclasses.InitVar[int]

            def __post_init__(self, b: int) -> None:
                pass

        return WithInitVar

    def class_var() -> type:
        @dataclass(frozen=True)
        class WithClassVar:
            a: int
            shared: ClassVar[int] = 1

        return WithClassVar

    def own_init() -> type:
        @dataclass(frozen=True)
        class OwnInit:
            a: int

            def __init__(self, a: int) -> None:
                object.__setattr__(self, "a", a * 2)

        return OwnInit

    def no_init() -> type:
        @dataclass(frozen=True, init=False)
        class NoInit:
            a: int = 1

        return NoInit

    def not_frozen() -> type:
        @dataclass
        class Mutable:
            a: int

        return Mutable

    class Doubled:
        def __set_name__(self, owner: type, name: str) -> None:
            self.name = f"_{name}"

        def __get__(self, instance: object, owner: type) -> Any:
            return 0 if instance is None else getattr(instance, self.name)

        def __set__(self, instance: object, value: int) -> None:
            object.__setattr__(instance, self.name, value * 2)

    def descriptor() -> type:
        @dataclass(frozen=True)
        class WithDescriptor:
            a: Doubled = Doubled()  # noqa: RUF009  (the descriptor is the point)

        return WithDescriptor

    def read_another_way() -> type:
        @dataclass(frozen=True)
        class Watched:
            a: int

            def __getattribute__(self, name: str) -> Any:
                return object.__getattribute__(self, name)

        return Watched

    def named_self() -> type:
        @dataclass(frozen=True)
        class Selfish:
            self: int

        return Selfish

    def plain_class() -> type:
        class NotADataclass:
            def __init__(self) -> None:
                self.a = 1

        return NotADataclass

    for make in (
        slots,
        init_var,
        class_var,
        own_init,
        no_init,
        not_frozen,
        descriptor,
        read_another_way,
        named_self,
        plain_class,
    ):
        _refused(make)


def test_a_subclass_made_by_dataclass_keeps_its_own_init() -> None:
    """The made __init__ is its class's: a dataclass subclass gets the dataclass's own, with
    its own fields, and builds as it would without the decorator above."""

    @fast_init
    @dataclass(frozen=True)
    class Base:
        a: int

    @dataclass(frozen=True)
    class Child(Base):
        b: int = 2

    assert plain_init(Child) is None
    assert vars(Child(1)) == {"a": 1, "b": 2}
    assert vars(Base(1)) == {"a": 1}
