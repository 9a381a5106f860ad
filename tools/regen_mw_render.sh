#!/usr/bin/env bash
# Regenerate MediaWiki's rendering of every input in tests/data/render/ (FILE.mw.txt), with
# MediaWiki's own parser through mw_render.sh --text (MW_RENDER overrides its path).
#   tools/regen_mw_render.sh                     # re-render the committed inputs
#   tools/regen_mw_render.sh --extract CORPUS    # first re-copy the real articles from CORPUS
# Needs PHP and MediaWiki (mw_render.sh installs them on first use); the tests do not.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="${PYTHON:-python3}"
[ -x "$HERE/../../venv/bin/python" ] && [ -z "${PYTHON:-}" ] && PY="$HERE/../../venv/bin/python"
exec "$PY" "$HERE/regen_mw_render.py" "$@"
