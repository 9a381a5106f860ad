"""Dates, quantities and coordinates: ``{{birth date}}``, ``{{convert}}``, ``{{frac}}``,
``{{as of}}``, ``{{circa}}``, ``{{coord}}``."""

from __future__ import annotations

from rich.style import Style

from wikitui.render.builder import Builder
from wikitui.render.templates.calls import Call, Handler, show_param

# fmt: off
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"]
# fmt: on


def date_text(parts: list[str], day_first: bool) -> str:
    """``1990|5|17`` -> ``May 17, 1990`` (``17 May 1990`` with ``df=y``)."""
    try:
        year = parts[0]
        month = _MONTHS[int(parts[1]) - 1] if len(parts) > 1 and parts[1] else ""
        day = str(int(parts[2])) if len(parts) > 2 and parts[2] else ""
    except (ValueError, IndexError):
        return " ".join(parts)
    if not month:
        return year
    if not day:
        return f"{month} {year}"
    return f"{day} {month} {year}" if day_first else f"{month} {day}, {year}"


def _life_date(builder: Builder, call: Call, st: Style) -> None:
    parts = [p for p in call.positional_raw() if p]
    df = bool(call.raw("df"))  # day first ("17 May 1990") only when asked, as the template
    builder.add(date_text(parts[:3], df), st)


# How {{convert}} writes the common unit codes (the rest are shown as written).
_UNITS = {
    "km2": "km²", "m2": "m²", "cm2": "cm²", "ha": "ha", "sqmi": "sq mi", "sqft": "sq ft",
    "acre": "acres", "C": "°C", "F": "°F", "K": "K", "m3": "m³", "cuft": "cu ft",
    "kmh": "km/h", "km/h": "km/h", "mph": "mph", "ft": "ft", "in": "in", "lb": "lb",
    "kg": "kg", "t": "t", "mi": "mi", "nmi": "nmi", "sqkm": "km²", "m": "m", "cm": "cm",
}  # fmt: skip


def _convert(builder: Builder, call: Call, st: Style) -> None:
    """``{{convert|10|km|mi}}`` -> ``10 km``; ranges ``10–20 km``."""
    parts = call.positional_raw()
    if not parts:
        return
    separators = {
        "-": "–",
        "–": "–",
        "to": " to ",
        "and": " and ",
        "or": " or ",
        "by": " by ",
        "x": " × ",
        "×": " × ",
        "+/-": " ± ",
        "to(-)": " to ",
    }
    if len(parts) >= 4 and parts[1] in separators:
        unit = _UNITS.get(parts[3], parts[3])
        builder.add(f"{parts[0]}{separators[parts[1]]}{parts[2]} {unit}", st)
    elif len(parts) >= 2:
        builder.add(f"{parts[0]} {_UNITS.get(parts[1], parts[1])}", st)
    else:
        builder.add(parts[0], st)


def _frac(builder: Builder, call: Call, st: Style) -> None:
    parts = call.positional_raw()
    if len(parts) == 3:
        builder.add(f"{parts[0]} {parts[1]}⁄{parts[2]}", st)
    elif len(parts) == 2:
        builder.add(f"{parts[0]}⁄{parts[1]}", st)
    elif parts:
        builder.add(f"1⁄{parts[0]}", st)


def _as_of(builder: Builder, call: Call, st: Style) -> None:
    parts = call.positional_raw()
    if not parts:
        return
    month = ""
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        month = _MONTHS[int(parts[1]) - 1] + " "
    prefix = "as of" if call.raw("lc") else "As of"
    builder.add(f"{prefix} {month}{parts[0]}", st)


def _prefixed(label: str) -> Handler:
    """A handler for ``{{circa|1900}}``-like templates: a fixed prefix, then the value."""

    def handler(builder: Builder, call: Call, st: Style) -> None:
        """Show ``label`` followed by the first parameter."""
        builder.add(label, st)
        show_param(builder, call, st, "1")

    return handler


def _coord(builder: Builder, call: Call, st: Style) -> None:
    """``{{coord|40|23|N|49|52|E}}`` -> ``40°23′N 49°52′E``; decimal degrees as given."""
    parts = call.positional_raw()
    parts = [p for p in parts if p and ":" not in p and "=" not in p]  # no "type:city" options
    out: list[str] = []
    current = ""
    marks = ("°", "′", "″")
    index = 0
    for part in parts:
        if part.upper() in ("N", "S", "E", "W"):
            out.append(current + part.upper())
            current, index = "", 0
        elif index < 3:
            current += part + marks[index]
            index += 1
    if not out and len(parts) >= 2:
        out = [f"{parts[0]}°N", f"{parts[1]}°E"]  # decimal, signed degrees
    if out:
        builder.add(" ".join(out), st)


HANDLERS: dict[str, Handler] = {
    "coord": _coord,
    "convert": _convert,
    "cvt": _convert,
    "frac": _frac,
    "fraction": _frac,
    "as of": _as_of,
    "circa": _prefixed("c. "),
    "c.": _prefixed("c. "),
    "floruit": _prefixed("fl. "),
    "fl.": _prefixed("fl. "),
    "birth date": _life_date,
    "death date": _life_date,
    "birth date and age": _life_date,
    "death date and age": _life_date,
    "dob": _life_date,
}
