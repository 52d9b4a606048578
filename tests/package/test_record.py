"""The shared repr, == and hash behave as attrs' generated ones would, on every record class."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import coproduce
from coproduce._record import Record


def _sample(base: tuple[type, ...]) -> Any:
    """The same record shape, with the shared methods (base ``Record``) or attrs' own."""

    @attrs.frozen(kw_only=True)
    class Sample(*base):  # type: ignore[misc]
        a: int
        b: str = "x"
        skipped: int = attrs.field(default=0, eq=False)
        unhashed: tuple[int, ...] = attrs.field(default=(), hash=False)
        hidden: int = attrs.field(default=0, repr=False)
        shown: int = attrs.field(default=0, repr=lambda v: f"<{v}>")
        folded: str = attrs.field(default="", eq=str.lower)
        nested: object = None
        later: int = attrs.field(init=False, default=7)

    return Sample


SHARED, ATTRS = _sample((Record,)), _sample(())

values = st.fixed_dictionaries(
    {
        "a": st.integers(-2, 2),
        "b": st.sampled_from(["x", "y"]),
        "skipped": st.integers(0, 1),
        "unhashed": st.tuples() | st.tuples(st.integers(0, 1)),
        "hidden": st.integers(0, 1),
        "shown": st.integers(0, 1),
        "folded": st.sampled_from(["", "f", "F"]),
    }
)


@given(values, values)
def test_shared_methods_agree_with_attrs_generated_ones(
    one: dict[str, Any], two: dict[str, Any]
) -> None:
    shared, ref = (SHARED(**one), SHARED(**two)), (ATTRS(**one), ATTRS(**two))
    assert repr(shared[0]) == repr(ref[0])
    assert (shared[0] == shared[1]) == (ref[0] == ref[1])
    assert (shared[0] != shared[1]) == (ref[0] != ref[1])
    if shared[0] == shared[1]:
        assert hash(shared[0]) == hash(shared[1])
        assert hash(ref[0]) == hash(ref[1])
    assert shared[0] == SHARED(**one)


def test_other_classes_are_not_equal_and_nesting_shows() -> None:
    inner = SHARED(a=1)
    outer = SHARED(a=2, nested=(inner,))
    assert outer != ATTRS(a=2, nested=(inner,))
    assert outer.__eq__(1) is NotImplemented
    assert repr(outer) == repr(ATTRS(a=2, nested=(ATTRS(a=1),)))
    assert "nested=(Sample(a=1," in repr(outer)


def _modules() -> list[Any]:
    """Every module of the package (``__main__`` would run the command)."""
    names = [i.name for i in pkgutil.walk_packages(coproduce.__path__, "coproduce.")]
    return [importlib.import_module(n) for n in names if not n.endswith("__main__")]


def test_every_attrs_class_in_the_package_uses_the_shared_methods() -> None:
    """attrs compiles no repr, eq or hash for any record (what importing coproduce saves)."""
    classes = [
        value
        for module in _modules()
        for value in vars(module).values()
        if isinstance(value, type) and attrs.has(value) and value.__module__ == module.__name__
    ]
    assert len(classes) > 100
    for cls in classes:
        assert issubclass(cls, Record), f"{cls.__module__}.{cls.__qualname__}"
        for name in ("__repr__", "__eq__", "__hash__"):
            made_by = getattr(cls, name).__code__.co_filename
            assert not made_by.startswith("<attrs generated"), f"{cls.__qualname__}.{name}"


def test_fast_path_type_hints_equal_typing_get_type_hints_for_every_record() -> None:
    """The io fast path evaluates each annotation text once; the types must be the same.

    Except for ``extensions``, whose recursive ``JSONValue`` alias ``get_type_hints`` unfolds
    one level (the fast path never reads its type: it handles the ``x-`` keys itself).
    """
    import typing

    from coproduce.io._fast import type_hints

    classes = {
        value
        for module in _modules()
        for value in vars(module).values()
        if isinstance(value, type) and attrs.has(value)
    }
    checked = 0
    for cls in sorted(classes, key=lambda c: f"{c.__module__}.{c.__qualname__}"):
        try:
            expected = typing.get_type_hints(cls)
        except NameError:  # a name only imported for type checkers: neither can resolve it
            continue
        expected.pop("extensions", None)  # the x- keys: a recursive alias, which io reads apart
        assert {k: v for k, v in type_hints(cls).items() if k != "extensions"} == expected, (
            cls.__qualname__
        )
        checked += 1
    assert checked > 100


def test_a_plain_subclass_keeps_its_parents_own_repr_and_attrs_subclasses_get_attrs() -> None:
    @attrs.frozen(kw_only=True)
    class Parent(Record):
        a: int

        def __repr__(self) -> str:
            return "short"

    class Plain(Parent):
        pass

    @attrs.frozen(kw_only=True)
    class Decorated(Parent):
        b: int = 0

    assert repr(Plain(a=1)) == "short"
    assert repr(Decorated(a=1)) == "Decorated(a=1, b=0)"  # attrs' own, as before Record
    assert Decorated.__repr__.__code__.co_filename.startswith("<attrs generated")
    assert Plain(a=1) != Parent(a=1)  # another class, as with attrs' own __eq__


def test_the_shared_methods_belong_to_their_class_and_classes_can_go() -> None:
    import gc
    import pickle
    import weakref

    from coproduce.model import Project

    assert Project.__eq__.__module__ == "coproduce.model._project"
    assert pickle.loads(pickle.dumps(Project.__eq__)) is Project.__eq__
    assert "Project" in (Project.__hash__.__doc__ or "")

    def make() -> weakref.ref[type]:
        @attrs.frozen
        class Temporary(Record):
            x: int

        assert hash(Temporary(x=1)) == hash(Temporary(x=1)) and repr(Temporary(x=1))
        return weakref.ref(Temporary)

    gone = make()
    gc.collect()
    assert gone() is None  # what a class's methods need is kept on the class, not beside it
