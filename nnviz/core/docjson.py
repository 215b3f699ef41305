"""Strict JSON text for ``.nnviz`` files: parse without surprises, write stable diffs.

Python's ``json`` module is lenient where a file format must not be: it accepts
``NaN`` and ``Infinity`` (not JSON at all), turns ``1e400`` into ``inf``, raises
``ValueError`` for integers of more than 4300 digits and ``RecursionError`` for
deep nesting. ``parse`` turns each of those into a ``DocumentError``, and
``check_plain`` finds any value that is not plain, finite JSON and names its
field path. ``dump`` writes floats with ``repr`` (the shortest text that reads
back to the same double, so weights round-trip bit for bit), keys in the order
given, and short lists of numbers on one line so a dataset does not become one
line per number.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable

#: Integers with more digits are refused before Python tries to convert them.
MAX_INT_DIGITS = 30
#: A message quotes at most this much of an offending value (a file may hold megabytes).
QUOTE_LIMIT = 60
#: ... and is at most this long as a whole.
MESSAGE_LIMIT = 1000
#: An object of plain values (a neuron, an edge) stays on one line up to this width,
#: indentation included: one record per line reads well and diffs well.
LINE_WIDTH = 200


class DocumentError(ValueError):
    """A ``.nnviz`` document that cannot be used; the message names the field and the reason.

    ``path`` is the field path alone (``"network.edges[3].weight"``), empty when
    the file as a whole is at fault, so a GUI can point at the field.
    """

    def __init__(self, message: str, path: str = "") -> None:
        if len(message) > MESSAGE_LIMIT:  # a last guard; values are quoted with short()
            message = message[: MESSAGE_LIMIT - 1] + "…"
        super().__init__(message)
        self.path = path if len(path) <= MESSAGE_LIMIT else path[: MESSAGE_LIMIT - 1] + "…"


def short(value: object) -> str:
    """How a message quotes a value from a file: its repr, cut to a short prefix; a
    container as its kind and size (a million-element list is not an error line)."""
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} entries"
    if isinstance(value, dict):
        return f"an object of {len(value)} fields"
    if isinstance(value, str) and len(value) > QUOTE_LIMIT:
        return repr(value[:QUOTE_LIMIT]) + f"… ({len(value)} characters)"
    text = repr(value)
    return text if len(text) <= QUOTE_LIMIT + 2 else text[:QUOTE_LIMIT] + "…"


def fail(path: str, reason: str) -> DocumentError:
    """The error for one field: ``raise fail("network.edges[3].weight", "must be ...")``."""
    return DocumentError(f"{path}: {reason}" if path else reason, path)


class _Constant:
    """Stands in for a ``NaN`` / ``Infinity`` literal until its path is known."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class _Duplicates(dict):
    """An object in which a key appeared more than once (``json`` keeps the last)."""

    def __init__(self, pairs: list[tuple[str, object]], twice: str) -> None:
        super().__init__(pairs)
        self.twice = twice


def _object(pairs: list[tuple[str, object]]) -> dict:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return _Duplicates(pairs, key)
        seen.add(key)
    return dict(pairs)


class _HugeInt:
    """Stands in for an integer too long to convert (Python refuses > 4300 digits)."""

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("-"))

    def __repr__(self) -> str:
        return f"<a {self.digits}-digit integer>"


def _parse_int(text: str) -> int | _HugeInt:
    return _HugeInt(text) if len(text) > MAX_INT_DIGITS else int(text)


def parse(text: str | bytes) -> object:
    """JSON text (or UTF-8 bytes) to plain Python values; DocumentError for anything else."""
    if isinstance(text, (bytes, bytearray, memoryview)):
        raw = bytes(text)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"not a .nnviz file: not UTF-8 text (byte 0x{raw[exc.start]:02x} "
                f"at offset {exc.start})"
            ) from None
    text = text.removeprefix("\ufeff")  # a byte-order mark some editors add
    if not text.strip():
        raise DocumentError("not a .nnviz file: it is empty")
    try:
        return json.loads(text, parse_constant=_Constant, parse_int=_parse_int,
                          object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise DocumentError(
            f"not a .nnviz file: invalid JSON at line {exc.lineno} column {exc.colno} ({exc.msg})"
        ) from None
    except RecursionError:
        raise DocumentError("not a .nnviz file: the JSON is nested too deeply") from None
    except ValueError as exc:  # e.g. a number the float parser cannot take
        raise DocumentError(f"not a .nnviz file: {exc}") from None


def join(path: Iterable[str | int]) -> str:
    """("network", "edges", 3, "weight") -> "network.edges[3].weight"."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else part
    return out


def kind(value: object) -> str:
    """How a message names the JSON type of a value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, _HugeInt, _Constant)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def check_plain(value: object, root: tuple[str | int, ...] = ()) -> None:
    """Raise DocumentError at the first value, in file order, that is not plain finite JSON.

    Walks iteratively, so nesting that ``json`` accepted cannot overflow the stack here.
    Tuples count as lists (Python code may hand them in; they are written as lists).
    """
    stack: list[tuple[object, tuple[str | int, ...]]] = [(value, root)]
    while stack:
        v, path = stack.pop()
        if isinstance(v, dict):
            if isinstance(v, _Duplicates):  # the later value would silently win
                raise fail(join((*path, v.twice)), "appears twice in the same object; "
                                                   "each key may appear once")
            for key in v:
                if not isinstance(key, str):
                    raise fail(join(path), f"keys must be strings, got {kind(key)}")
                _check_text(key, path)
            stack.extend((v[key], (*path, key)) for key in reversed(list(v)))
        elif isinstance(v, (list, tuple)):
            # Fast paths for data rows and history columns, then for a matrix of them.
            if _finite_floats(v) or (
                all(type(row) is list for row in v) and all(map(_finite_floats, v))
            ):
                continue
            stack.extend((v[i], (*path, i)) for i in range(len(v) - 1, -1, -1))
        elif isinstance(v, str):
            _check_text(v, path)
        elif v is None or isinstance(v, bool):
            continue
        elif isinstance(v, int):
            if abs(v) >= 10**MAX_INT_DIGITS:  # str(v) itself fails beyond 4300 digits
                digits = int(v.bit_length() * math.log10(2)) + 1
                raise fail(join(path), f"must be a number of sensible size, got an integer "
                                       f"of about {digits} digits")
        elif isinstance(v, float):
            if not math.isfinite(v):
                raise fail(join(path), f"must be a finite number, got {v!r}")
        elif isinstance(v, _Constant):
            raise fail(join(path), f"must be a finite number, got {v.text}")
        elif isinstance(v, _HugeInt):
            raise fail(join(path), f"must be a number of sensible size, got {v!r}")
        else:
            raise fail(join(path), f"must be a plain JSON value, got {type(v).__name__}")


def _finite_floats(values: list | tuple) -> bool:
    return all(type(x) is float for x in values) and all(map(math.isfinite, values))


def _check_text(text: str, path: tuple[str | int, ...]) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise fail(join(path), "contains an invalid character (a lone surrogate)") from None


def dump(value: object, indent: int = 0) -> str:
    """JSON text for checked plain values, indented by 2 with short containers on one line."""
    if isinstance(value, dict):
        items = [f"{_string(k)}: {dump(v, indent + 2)}" for k, v in value.items()]
        return _container("{", "}", items, _flat(value.values()), indent)
    if isinstance(value, (list, tuple)):
        if value and _finite_floats(value):
            return "[" + ", ".join(map(float.__repr__, value)) + "]"
        items = [dump(v, indent + 2) for v in value]
        # Rows of numbers stay on one line however long: data must not become a column.
        flat = _flat(value)
        return _container("[", "]", items, flat, indent, always=flat)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r} as JSON")
        return float.__repr__(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _flat(values: Iterable[object]) -> bool:
    return not any(isinstance(v, (dict, list, tuple)) for v in values)


def _container(opening: str, closing: str, items: list[str], flat: bool, indent: int,
               always: bool = False) -> str:
    if not items:
        return opening + closing
    line = opening + ", ".join(items) + closing
    if always or (flat and indent + len(line) <= LINE_WIDTH):
        return line
    pad = " " * (indent + 2)
    return opening + "\n" + ",\n".join(pad + item for item in items) + "\n" + " " * indent + closing
