#!/usr/bin/env python3
"""Rebuild the renderer's reference data in tests/data/render/.

    tools/regen_mw_render.py --extract CORPUS_DIR   # re-copy the real articles from the corpus
    tools/regen_mw_render.py                        # re-run MediaWiki on every input

Inputs are listed in tests/data/render/index.json. ``--extract`` takes the latest revision of
each corpus history named there (optionally with every template removed, for the
template-free variants) and writes FILE.wiki. Without it, the script runs MediaWiki's own
parser on each FILE.wiki through ``mw_render.sh --text`` (see tools/regen_mw_render.sh) and
writes FILE.mw.txt beside it. The tests read only the committed files; they never need PHP.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "tests" / "data" / "render"
MW_RENDER = os.environ.get("MW_RENDER", "/work/shared/tools/mw_render.sh")


def revision_text(path: Path, rev_id: str) -> str:
    """The text of revision ``rev_id`` in an XML export, read with wikitui's own loader."""
    from wikitui.sources import open_source

    for page in open_source(path).pages:
        revision = page.get(int(rev_id))
        if revision is not None:
            return page.text(revision)
    raise SystemExit(f"{path}: no revision {rev_id}")


def without_templates(text: str) -> str:
    """The wikitext with every template call removed, and references left empty dropped."""
    import mwparserfromhell

    code = mwparserfromhell.parse(text)
    for template in code.filter_templates(recursive=False):
        code.remove(template)
    for template in code.filter_templates():
        with contextlib.suppress(ValueError):  # inside a template removed already
            code.remove(template)
    refs = []  # (tag, name, empty) for every <ref>
    for tag in code.filter_tags(matches=lambda n: str(n.tag).lower() == "ref"):
        empty = tag.contents is None or not str(tag.contents).strip()
        name = str(tag.get("name").value).strip().strip("\"'") if tag.has("name") else None
        refs.append((tag, name, empty))
    defined = {name for _, name, empty in refs if name is not None and not empty}
    for tag, name, empty in refs:
        if empty and (name is None or name not in defined):
            with contextlib.suppress(ValueError):
                code.remove(tag)
    return str(code)


def extract(corpus: Path) -> None:
    """Write the corpus-derived inputs named in index.json."""
    index = json.loads((DATA / "index.json").read_text())
    for entry in index:
        origin = entry.get("corpus")
        if not origin:
            continue
        text = revision_text(corpus / origin["file"], str(origin["rev_id"]))
        if origin.get("strip_templates"):
            text = without_templates(text)
        (DATA / entry["file"]).write_text(text, encoding="utf-8")
        print(f"wrote {entry['file']} ({len(text)} characters)", file=sys.stderr)


def render_all() -> None:
    """Run MediaWiki's parser on every input and keep its text beside it."""
    index = json.loads((DATA / "index.json").read_text())
    for entry in index:
        source = DATA / entry["file"]
        result = subprocess.run(
            [MW_RENDER, "--text", str(source), entry["title"]],
            check=True,
            capture_output=True,
            text=True,
        )
        target = source.with_suffix(".mw.txt")
        target.write_text(result.stdout, encoding="utf-8")
        print(f"wrote {target.name}", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--extract", metavar="CORPUS_DIR", type=Path)
    args = parser.parse_args()
    if args.extract is not None:
        extract(args.extract)
    render_all()


if __name__ == "__main__":
    main()
