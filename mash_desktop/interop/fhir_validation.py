"""Validating a large FHIR bundle with fhir.resources R4B in seconds, not minutes.

``Bundle.model_validate`` builds a pydantic model for every element of every resource and
runs fhir_core's Python validators on each (about 1.3 ms per resource here: a 1-year
clinic's 160 000 resources took minutes). Our resources are built by a few functions, so
thousands of them share one *shape* (the same keys, nesting, list lengths and value
types) and differ only in their primitive values (ids, dates, codes, text). What
fhir.resources checks splits the same way:

* the structure (known elements, cardinality, required elements, choice types, no empty
  objects) depends only on the shape: one resource of each shape is validated whole by its
  fhir.resources R4B model;
* a primitive value's rules (FHIR ``id``, ``code``, ``dateTime``, ``uri``, ``decimal``,
  non-empty ``string``…) depend only on the value and its FHIR type: every value of every
  other resource is checked against the primitive type its element has in the model, with
  the same pydantic validators fhir.resources uses (each distinct value once per type).

So every resource is validated, and a bundle rejected here is one fhir.resources rejects
(tests compare the two on the demo and on damaged bundles).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterable
from functools import cache
from importlib import import_module
from typing import Any

Shape = tuple[Any, ...]
# (the check of one primitive value, or None for one the shape settles; its path)
Check = tuple[Callable[[Any], Any] | None, str]


class FhirInvalid(ValueError):
    """A resource is not valid FHIR R4B at ``where`` (e.g. entry.3.resource.birthDate)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


@cache
def resource_model(kind: str) -> Any:
    """The fhir.resources R4B model class of a resource type ("Procedure" -> Procedure)."""
    module = import_module(f"fhir.resources.R4B.{kind.lower()}")
    return getattr(module, kind)


def shape(node: Any, leaves: list[Any]) -> Shape:
    """The structure of a JSON value (keys, nesting, list lengths, value types), appending
    its primitive values to ``leaves`` in a fixed order (the order :func:`_plan` gives
    their checks)."""
    tokens: list[Any] = []
    _walk(node, tokens, leaves)
    return tuple(tokens)


def _walk(node: Any, tokens: list[Any], leaves: list[Any]) -> None:
    # flat tokens instead of nested tuples: this runs for every element of every resource
    kind = type(node)
    if kind is dict:
        tokens.append("{")
        for k, v in node.items():
            tokens.append(k)
            _walk(v, tokens, leaves)
        tokens.append("}")
    elif kind is list:
        tokens.append("[")
        for v in node:
            _walk(v, tokens, leaves)
        tokens.append("]")
    else:
        leaves.append(node)
        tokens.append(kind)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """(the element type, whether the element is a list) from a model field annotation."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin in (list, typing.List):  # noqa: UP006 - fhir.resources uses typing.List
            is_list = True
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation, is_list


@cache
def _fields(model: Any) -> dict[str, Any]:
    return {(f.alias or name): f.annotation for name, f in model.model_fields.items()}


@cache
def _primitive(annotation: Any) -> Callable[[Any], Any]:
    from pydantic import TypeAdapter

    return TypeAdapter(annotation).validate_python


def _plan(model: Any, node: dict[str, Any], out: list[Check], path: str) -> None:
    """The check for each primitive value of ``node`` (an instance of ``model`` that the
    model has accepted), in :func:`shape`'s order."""
    fields = _fields(model)
    for key, value in node.items():
        if key == "resourceType":
            out.append((None, f"{path}{key}"))
            continue
        element, _ = _unwrap(fields[key])
        many = isinstance(value, list)
        for n, item in enumerate(value if many else [value]):
            where = f"{path}{key}.{n}" if many else f"{path}{key}"
            klass = getattr(element, "get_model_klass", None)
            if klass is not None:
                _plan(klass(), item, out, where + ".")
            else:
                out.append((_primitive(element), where))


def _first(exc: Exception) -> tuple[str, str]:
    """(location, message) of a pydantic error's first problem."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return ".".join(str(x) for x in first["loc"]), str(first["msg"])
    return "", str(exc)


class Validator:
    """Validates resources one by one, remembering each shape's checks."""

    def __init__(self) -> None:
        self.plans: dict[tuple[str, Shape], list[Check]] = {}
        self.seen: set[tuple[int, type, Any]] = set()
        self.full = 0   # resources validated whole by their model (one per shape)

    def resource(self, res: dict[str, Any], where: str) -> None:
        """Validate one resource; ``where`` prefixes the path in a refusal."""
        leaves: list[Any] = []
        key = (str(res.get("resourceType")), shape(res, leaves))
        plan = self.plans.get(key)
        if plan is None:
            self.plans[key] = self._whole(res, where)
            return
        seen = self.seen
        for (check, path), value in zip(plan, leaves, strict=True):
            if check is None:
                continue
            token = (id(check), type(value), value)
            if token in seen:
                continue
            try:
                check(value)
            except Exception as exc:  # noqa: BLE001 - any rejection is the same answer
                raise FhirInvalid(f"{where}.{path}", _first(exc)[1]) from None
            seen.add(token)

    def _whole(self, res: dict[str, Any], where: str) -> list[Check]:
        from pydantic import ValidationError

        kind = res.get("resourceType")
        try:
            model = resource_model(str(kind))
        except (ImportError, AttributeError):
            raise FhirInvalid(f"{where}.resourceType",
                              f"{kind!r} is not an R4B resource type") from None
        try:
            model.model_validate(res)
        except ValidationError as exc:
            loc, message = _first(exc)
            raise FhirInvalid(f"{where}.{loc}" if loc else where, message) from None
        self.full += 1
        plan: list[Check] = []
        _plan(model, res, plan, "")
        return plan


def validate_entries(entries: Iterable[dict[str, Any]]) -> Validator:
    """Validate a bundle's entries (each ``{"fullUrl", "resource"}``); raises FhirInvalid."""
    from fhir.resources.R4B.bundle import BundleEntry

    v = Validator()
    uri = _primitive(_unwrap(_fields(BundleEntry)["fullUrl"])[0])
    for n, entry in enumerate(entries):
        if not isinstance(entry, dict) or set(entry) != {"fullUrl", "resource"}:
            raise FhirInvalid(f"entry.{n}", "an entry has a fullUrl and a resource only")
        try:
            uri(entry["fullUrl"])
        except Exception as exc:  # noqa: BLE001
            raise FhirInvalid(f"entry.{n}.fullUrl", _first(exc)[1]) from None
        res = entry["resource"]
        if not isinstance(res, dict):
            raise FhirInvalid(f"entry.{n}.resource", "is not a resource")
        v.resource(res, f"entry.{n}.resource")
    return v
