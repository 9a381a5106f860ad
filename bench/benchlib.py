"""What the benchmark scripts share: the corpus's real history, child processes measured
(wall time, peak memory, CPU), and the tests' in-memory derived-data store.

The scripts run as ``python bench/NAME.py``, so this folder is on ``sys.path`` and they
import this module as ``benchlib``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The corpus's full "Anarchism" history (15,180 revisions, 1.05 GB of text), LZMA alone.
REAL_HISTORY = "/work/shared/corpus/xml/wikiwho-anarchism-full-history.xml.lzma"

for _folder in (ROOT, ROOT / "tests"):  # wikitui uninstalled; the tests' helpers
    if str(_folder) not in sys.path:
        sys.path.insert(0, str(_folder))

from histories import MemoryStore  # noqa: E402

__all__ = ["REAL_HISTORY", "ROOT", "ChildRun", "MemoryStore", "run_child"]


@dataclass(frozen=True, slots=True)
class ChildRun:
    """One child process, measured: wall seconds, its own peak RSS, CPU (user + system,
    all threads: on a shared machine it says more than the wall time), and its output."""

    seconds: float
    rss_mb: float
    cpu_seconds: float
    returncode: int
    stdout: str
    stderr: str


def run_child(
    argv: list[str],
    *,
    env: dict[str, str] | None = None,
    capture: bool = False,
    check: bool = True,
) -> ChildRun:
    """Run ``argv`` to its end; its stdout is kept only with ``capture``.

    The peak RSS is the child's own (through ``wait4``). With ``check`` a failure ends the
    benchmark with the child's last words.
    """
    with tempfile.TemporaryFile() as errors:  # a file, so a chatty stderr cannot block it
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=errors, env=env
        )
        output = process.stdout.read() if process.stdout is not None else b""
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.stdout is not None:
            process.stdout.close()
        errors.seek(0)
        error_text = errors.read().decode(errors="replace")
    if check and process.returncode:
        raise SystemExit(f"{argv[:3]} failed ({process.returncode}): {error_text.strip()[-500:]}")
    return ChildRun(
        seconds=seconds,
        rss_mb=usage.ru_maxrss / 1024,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        returncode=process.returncode,
        stdout=output.decode("utf-8", errors="replace"),
        stderr=error_text,
    )
