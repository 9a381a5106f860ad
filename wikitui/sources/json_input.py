"""JSON read from files a stranger may have written: every way ``json`` can fail, as one error.

``json.loads`` raises more than :class:`json.JSONDecodeError`: ``ValueError`` for an integer
of more than 4,300 digits, ``RecursionError`` for deep nesting. It also accepts ``NaN`` and
``Infinity`` and keeps a lone surrogate (``"\\ud800"``) in a string, which no output can
encode; :func:`without_surrogates` replaces those with U+FFFD.
"""

from __future__ import annotations

import json
import re
from typing import Any

_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class JsonProblem(ValueError):
    """The text is not JSON this program can use; ``str()`` is one line."""


def loads(text: str) -> Any:
    """Parse JSON, raising :class:`JsonProblem` (with line and column when known)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonProblem(
            f"line {error.lineno} column {error.colno}: not valid JSON ({error.msg})"
        ) from None
    except RecursionError:
        raise JsonProblem("not usable JSON (nested too deeply)") from None
    except ValueError as error:  # "Exceeds the limit (4300 digits) for integer string..."
        raise JsonProblem(f"not usable JSON ({str(error).split(';')[0]})") from None
    return without_surrogates(data) if _SURROGATE_ESCAPE.search(text) else data


def without_surrogates(data: Any) -> Any:
    """``data`` with lone surrogates in its strings (keys too) replaced by U+FFFD."""
    if isinstance(data, str):
        return _SURROGATE.sub("\ufffd", data)
    if isinstance(data, list):
        return [without_surrogates(item) for item in data]
    if isinstance(data, dict):
        return {without_surrogates(key): without_surrogates(value) for key, value in data.items()}
    return data
