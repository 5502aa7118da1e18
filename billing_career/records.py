"""Frozen dataclasses built cheaper: an __init__ that does just what the dataclass's own does."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

_Class = TypeVar("_Class", bound=type)

# The dataclass's own __init__ of each class fast_init gave a made one: the plain twin the
# tests compare the made one with.
_PLAIN_INITS: dict[type, Callable[..., None]] = {}


def fast_init(cls: _Class) -> _Class:
    """Give a frozen dataclass an __init__ that stores its fields into the instance's __dict__
    in one update, instead of one object.__setattr__ a field (a global look-up and a slot
    wrapper call each); put it above @dataclass(frozen=True). The class keeps its own __init__
    where the made one could differ from it (see _made_init); nothing else changes: frozen,
    eq, hash, repr, replace and pickle are the dataclass's."""
    made = _made_init(cls)
    if made is not None:
        _PLAIN_INITS[cls] = cls.__dict__["__init__"]
        type.__setattr__(cls, "__init__", made)
    return cls


def plain_init(cls: type) -> Callable[..., None] | None:
    """The dataclass's own __init__ of a class fast_init gave a made one; None for any other
    class (fast_init refused it, or it is not decorated)."""
    return _PLAIN_INITS.get(cls)


def made_init_classes() -> list[type]:
    """The classes fast_init gave a made __init__, of the modules imported so far."""
    return list(_PLAIN_INITS)


def _made_init(cls: type) -> Callable[..., None] | None:
    """The __init__ made for a frozen dataclass, the code written once from its fields; None
    where it could differ from the dataclass's own: not a frozen dataclass with an __init__
    of dataclasses' making, slots, InitVar or ClassVar pseudo-fields, a field the class reads
    through a data descriptor (the dataclass's setattr would call it), a custom
    __getattribute__."""
    params = cls.__dict__.get("__dataclass_params__")
    plain = cls.__dict__.get("__init__")
    if params is None or not params.frozen or not params.init or plain is None:
        return None
    code = getattr(plain, "__code__", None)
    # dataclasses makes its functions with exec: an __init__ written in a file is the class's.
    if code is None or code.co_filename != "<string>" or code.co_name != "__init__":
        return None
    # No __dict__ (slots) or one read another way: the update could not stand for the setattrs.
    if cls.__dictoffset__ == 0 or any(
        "__getattribute__" in vars(base) for base in cls.__mro__[:-1]
    ):
        return None
    fields = dataclasses.fields(cls)
    if len(fields) != len(cls.__dataclass_fields__):  # type: ignore[attr-defined]
        return None
    names = [item.name for item in fields]
    for name in names:
        # The class attribute of that name, as the class's own lookup finds it (first in the
        # MRO): a look through the classes' dicts, far cheaper at start-up than inspect's.
        held = next((vars(base)[name] for base in cls.__mro__ if name in vars(base)), None)
        if hasattr(type(held), "__set__") or hasattr(type(held), "__delete__"):
            return None
    # Each parameter's default as the dataclass wrote it (its "not given" marker for a field
    # with a default_factory), read off the function itself, not through inspect.signature.
    positional_names = code.co_varnames[1 : code.co_argcount]
    given_defaults = plain.__defaults__ or ()
    defaults: dict[str, Any] = dict(
        zip(
            positional_names[len(positional_names) - len(given_defaults) :],
            given_defaults,
            strict=True,
        )
    )
    defaults.update(plain.__kwdefaults__ or {})
    namespace: dict[str, Any] = {}
    stored = []
    for number, item in enumerate(fields):
        name = item.name
        if item.default_factory is not dataclasses.MISSING:
            namespace[f"_factory_{number}"] = item.default_factory
            if item.init:
                # The dataclass's marker for "not given": its own default of the parameter.
                namespace[f"_not_given_{number}"] = defaults[name]
                value = f"_factory_{number}() if {name} is _not_given_{number} else {name}"
            else:
                value = f"_factory_{number}()"
        elif item.init:
            value = name
        else:
            # As the dataclass's: no value to store (the class attribute holds the default, or
            # __post_init__ sets it).
            continue
        stored.append(f"{name!r}: {value}")
    if "self" in names or not namespace.keys().isdisjoint(names):
        return None
    positional = [item.name for item in fields if item.init and not item.kw_only]
    keyword_only = [item.name for item in fields if item.init and item.kw_only]
    parameters = ["self", *positional, *(["*", *keyword_only] if keyword_only else [])]
    # One update with a dict display: it leaves a plain dict (Python 3.11), whose attributes
    # reads find at once; a store a key into the __dict__ would be cheaper to build, but would
    # leave a dict sharing its keys with the class, which every read then looks up the slow way.
    body = [f"self.__dict__.update({{{', '.join(stored)}}})"] if stored else []
    # As the dataclass's: called when the class had one when it was made.
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    # The code is written here from the class's own field names (identifiers: dataclasses
    # checked them) and names of its own making.
    source = f"def __init__({', '.join(parameters)}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, namespace)
    made: Callable[..., None] = namespace["__init__"]
    made.__defaults__ = plain.__defaults__
    made.__kwdefaults__ = plain.__kwdefaults__
    made.__annotations__ = dict(plain.__annotations__)
    made.__qualname__ = plain.__qualname__
    made.__module__ = plain.__module__
    # The parameters the dataclass wrote, in its order, or the made one is not used.
    made_code = made.__code__
    count = code.co_argcount + code.co_kwonlyargcount
    if (made_code.co_argcount, made_code.co_kwonlyargcount) != (
        code.co_argcount,
        code.co_kwonlyargcount,
    ) or made_code.co_varnames[1:count] != code.co_varnames[1:count]:
        return None
    return made
