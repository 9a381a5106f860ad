"""Infobox templates as a boxed table of their parameters (at the top, as on the wiki).

Without the template's definition the labels come from the parameter names (``capital`` ->
"Capital", ``population_estimate`` -> "Population estimate"); image parameters become
``[image: caption]`` rows and presentation parameters (sizes, styles, modules) are left out.
``Infobox bilateral relations``, the sample page's, is laid out by country as the wiki does.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text

from wikitui.render.blocks import Infobox
from wikitui.render.nodes import parse, trimmed
from wikitui.render.styles import style

if TYPE_CHECKING:
    from wikitui.render.builder import Builder
    from wikitui.render.templates.calls import Call

# fmt: off
_INFOBOX_SKIP = re.compile(
    r"(?:^|_| )(?:size|width|upright|alt|style|class|filetype|module|embed|bodyclass|"
    r"image_?size|map_?width|pushpin.*|coordinates?_?display|mapframe.*|label_?position|"
    r"relief|marker.*|signature_?size|child|autoheaders|decat|nocat|onlysourced|fetchwikidata|"
    r"suppressfields|qid|ref)\d*$"
)
_INFOBOX_IMAGE = re.compile(
    r"^(?:image|logo|map|image_?map|flag|seal|coat_?of_?arms|image_?\w*|"
    r"photo|picture|signature|range_map|map_image|locator_?map)\d*$"
)
_INFOBOX_TITLE_KEYS = ("name", "title", "conventional_long_name", "common_name", "official_name",
                       "school_name", "company_name", "org_name", "club_name", "taxon",
                       "species")
_NUMBERED = re.compile(r"^(header|label|data|above|below|subheader)(\d*)$")
# fmt: on


def _bilateral(builder: Builder, call: Call) -> None:
    """``{{Infobox bilateral relations|A-B|A|B|…}}``: the two countries' missions and envoys
    side by side on the wiki; here one labelled row per country under each heading."""
    positional = call.positional_raw()
    pair = positional[0] if positional else ""
    first = positional[1] if len(positional) > 1 else "1"
    second = positional[2] if len(positional) > 2 else "2"
    title = Text(f"{pair} relations" if pair else builder.ctx.title or "Bilateral relations")
    rows: list[tuple[Text | None, Text]] = [(None, Text("Bilateral relations", style("muted")))]
    if call.raw("map"):
        caption = f"[image: Map indicating locations of {first} and {second}]"
        rows.append((None, Text(caption, style("placeholder"))))
    sections = (("Diplomatic mission", ("mission",)), ("Envoy", ("envoytitle", "envoy")))
    for heading, keys in sections:
        cells = []
        for number, country in (("1", first), ("2", second)):
            parts = [call.params[k + number] for k in keys if call.raw(k + number)]
            if parts:
                value = Text(" ").join(builder.inline(trimmed(part)) for part in parts)
                cells.append((Text(country), value))
        if cells:
            rows.append((None, Text(heading, style("bold"))))
            rows.extend(cells)
    builder.ctx.infoboxes += 1
    builder.block(Infobox(title, rows))


def render_infobox(builder: Builder, call: Call) -> None:
    """Any ``Infobox …``: a boxed table of its parameters, as the wiki shows it."""
    if call.name == "infobox bilateral relations":
        _bilateral(builder, call)
        return
    kind = call.name
    for prefix in ("infobox", "automatic"):
        if kind.startswith(prefix):
            kind = kind[len(prefix) :].strip()
    kind = kind[:1].upper() + kind[1:] if kind else "Infobox"
    name = call.raw(*_INFOBOX_TITLE_KEYS)
    title = builder.inline(parse(name).nodes) if name else Text(builder.ctx.title or kind)
    rows: list[tuple[Text | None, Text]] = []
    if call.name != "infobox" and kind.lower() != title.plain.lower():
        rows.append((None, Text(kind, style("muted"))))
    used = {key for key in _INFOBOX_TITLE_KEYS if call.raw(key) == name}
    for key, value in call.params.items():
        if key in used or not str(value).strip() or _INFOBOX_SKIP.search(key):
            continue
        numbered = _NUMBERED.match(key)
        if numbered:
            # The generic {{Infobox}}: headerN, then labelN/dataN pairs; aboveN/belowN span.
            kind_of, number = numbered.group(1), numbered.group(2)
            if kind_of == "label":
                continue  # shown with its data
            shown = builder.inline(trimmed(value), None, "\n")
            if kind_of == "header":
                shown.stylize(style("bold"))
                rows.append((None, shown))
            elif kind_of == "data":
                label_code = call.first(f"label{number}")
                label_text = None if label_code is None else builder.inline(trimmed(label_code))
                rows.append((label_text, shown))
            else:
                rows.append((None, shown))
            continue
        if key.isdigit():
            rows.append((None, builder.inline(trimmed(value))))
            continue
        if "caption" in key:
            continue  # shown with its image
        if _INFOBOX_IMAGE.match(key):
            caption = call.raw(f"{key}_caption", f"{key}caption", "caption", "map_caption")
            raw = caption or str(value).strip()
            shown = Text("[image: ", style("placeholder"))
            if caption:
                shown.append_text(builder.inline(parse(caption).nodes, style("placeholder")))
            else:
                shown.append(
                    re.sub(r"^\[\[|\]\]$|^(?:file|image):", "", raw, flags=re.I),
                    style("placeholder"),
                )
            shown.append("]", style("placeholder"))
            rows.append((None, shown))
            continue
        label = re.sub(r"[_\-]+", " ", re.sub(r"\d+$", "", key)).strip() or key
        rows.append(
            (Text(label[:1].upper() + label[1:]), builder.inline(trimmed(value), None, "\n"))
        )
    builder.ctx.infoboxes += 1
    builder.block(Infobox(title, rows))
