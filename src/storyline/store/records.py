"""Records to JSON and back, generically: any frozen dataclass of `model.py` (or `Settings`).

A record is written as a dict of its fields (dates as ISO strings, tuples as lists) and read
back by a decoder built from the dataclass's type hints, so a field added to `Article` flows
through the store without a schema change: old rows simply take the field's default.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, Literal, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any], Any]


def to_data(value: Any) -> Any:
    """A JSON-ready copy of a record, tuple, dict, date or plain value."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_data(item) for item in value]
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


def dumps(value: Any) -> str:
    """A record as compact JSON text."""
    return json.dumps(to_data(value), ensure_ascii=False, separators=(",", ":"))


def from_data(cls: type[T], data: Any) -> T:
    """The record of type `cls` that `to_data` made `data` from."""
    return decoder(cls)(data)  # type: ignore[no-any-return,arg-type]


def loads(cls: type[T], text: str) -> T:
    """The record of type `cls` in a JSON text made by `dumps`."""
    return from_data(cls, json.loads(text))


@cache
def decoder(tp: Any) -> Decoder:
    """A function turning JSON data back into a value of type `tp` (built once per type)."""
    if dataclasses.is_dataclass(tp):
        return _record_decoder(tp)  # type: ignore[arg-type]
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        return _union_decoder(args)
    if origin is Literal or tp in (str, int, bool, Any) or tp is type(None):
        return _same
    if tp is float:
        return _float
    if tp is date:
        return _date
    if tp is datetime:
        return datetime.fromisoformat
    if origin is tuple:
        return _tuple_decoder(args)
    if origin is list:
        item = decoder(args[0]) if args else _same
        return lambda data: [item(x) for x in data]
    if origin is dict:
        value = decoder(args[1]) if len(args) == 2 else _same
        return lambda data: {key: value(x) for key, x in data.items()}
    if tp in (object, dict, list, tuple):
        return _same
    raise TypeError(f"no decoder for {tp!r}")


def _record_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, decoder(hints[f.name])) for f in dataclasses.fields(cls) if f.init]

    def decode(data: dict[str, Any]) -> Any:
        # Fields missing from older rows take their defaults; unknown ones are dropped.
        return cls(**{name: read(data[name]) for name, read in fields if name in data})

    return decode


def _union_decoder(args: tuple[Any, ...]) -> Decoder:
    arms = [arm for arm in args if arm is not type(None)]
    if len(arms) == 1:
        only = decoder(arms[0])
        return lambda data: None if data is None else only(data)
    readers = [(_shape(arm), decoder(arm)) for arm in arms]

    def decode(data: Any) -> Any:
        if data is None:
            return None
        for shape, read in readers:
            if shape is None or isinstance(data, shape):
                return read(data)
        return data

    return decode


def _shape(tp: Any) -> type | tuple[type, ...] | None:
    """The JSON type a value of `tp` is written as (None: any)."""
    origin = typing.get_origin(tp) or tp
    if dataclasses.is_dataclass(tp) or origin is dict:
        return dict
    if origin in (tuple, list):
        return list
    if tp in (date, datetime, str):
        return str
    if tp in (int, float):
        return (int, float)
    return None


def _tuple_decoder(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = decoder(args[0])
        return lambda data: tuple(item(x) for x in data)
    if not args:
        return tuple
    items = [decoder(arg) for arg in args]
    return lambda data: tuple(read(x) for read, x in zip(items, data, strict=True))


def _same(data: Any) -> Any:
    return data


def _float(data: Any) -> Any:
    return None if data is None else float(data)


def _date(data: str) -> date:
    return date.fromisoformat(data)
