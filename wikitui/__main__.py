"""``python -m wikitui`` runs the command line."""

from wikitui.cli import main

raise SystemExit(main())
