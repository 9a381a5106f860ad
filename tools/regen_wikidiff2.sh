#!/usr/bin/env bash
# regen_wikidiff2.sh: regenerate wikidiff2's reference outputs for the diff tests.
#
# Needs PHP with the wikidiff2 extension (Debian: apt-get install php-cli php-wikidiff2).
# For every case in tests/data/wikidiff2/cases/ it writes wd2-ctx2.html (wikidiff2_do_diff
# with 2 context lines, as on Wikipedia); for every pair listed in
# tests/data/wikidiff2/real/*/pairs.txt it writes OLD_NEW.ctx1.html (1 context line: the
# smallest output that still carries line numbers). The tests read these
# files and never need PHP themselves.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! php -r 'exit(function_exists("wikidiff2_do_diff") ? 0 : 1);' 2>/dev/null; then
  echo "regen_wikidiff2: PHP with the wikidiff2 extension is needed (php-wikidiff2)" >&2
  exit 1
fi
python3 "$here/regen_wikidiff2.py" jobs | php -r '
  $n = 0;
  while (($line = fgets(STDIN)) !== false) {
    [$old, $new, $ctx, $out] = explode(" ", rtrim($line, "\n"));
    $html = wikidiff2_do_diff(file_get_contents($old), file_get_contents($new), (int)$ctx);
    file_put_contents($out, $html);
    $n++;
  }
  fwrite(STDERR, "regen_wikidiff2: wrote $n outputs with wikidiff2 " . phpversion("wikidiff2") . "\n");
'
