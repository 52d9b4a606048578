"""Safeguards a regression could remove without any other test noticing (issue #13, point 22).

Each test here was checked by removing the safeguard on a scratch copy and watching it fail:
HTML escaping of aim descriptions, the atomic ``--output``, and the command's broken-pipe and
Ctrl-C handlers.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from coproduce import Aim, Project, appraise
from coproduce.report import to_html

APPRAISE_HTML = [sys.executable, "-m", "coproduce", "appraise", "--example", "--format", "html"]
TYPED = '<img src=x onerror="alert(1)"> & <b>bold</b>'


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}


def test_html_report_escapes_aim_descriptions() -> None:
    project = Project(title="t", aims=(Aim(id="evidence", description=TYPED),))
    page = to_html(appraise(project))
    assert "<img" not in page and "<b>bold" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page


def _limit_file_size() -> None:  # runs in the child, before it starts Python
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_output_that_fails_halfway_leaves_the_previous_file_whole(tmp_path: Path) -> None:
    """A write that fails part-way (here: a 4 KiB file size limit, as a full disk would)
    leaves whatever was at ``--output`` untouched, and no temporary file behind."""
    out = tmp_path / "report.html"
    out.write_text("previous report\n")
    done = subprocess.run(
        [*APPRAISE_HTML, "--output", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env=_env(),
        preexec_fn=_limit_file_size,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert out.read_text() == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    # the same command without the limit writes the whole report
    subprocess.run(
        [*APPRAISE_HTML, "--output", str(out)],
        capture_output=True,
        check=True,
        env=_env(),
        timeout=120,
    )
    assert out.read_text().rstrip().endswith("</html>")


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    """``coproduce catalogue --format json | head -c 0``: exit 0, nothing on stderr."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "coproduce", "catalogue", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stdout is not None
    proc.stdout.close()  # before the command writes anything: every write meets a closed pipe
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert err == b""


_LAUNCH = """\
import sys
import coproduce.cli as cli
sys.argv = ["coproduce", *sys.argv[1:]]
sys.stderr.write("ready\\n")
sys.stderr.flush()
cli.main_entry()
"""


def _waiting_on_a_pipe(pid: int) -> bool:
    try:
        return "pipe" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:  # no /proc: the half-second below is the only wait
        return False


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    """Ctrl-C while the command waits for standard input: exit status 130, no traceback."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH, "appraise", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == b"ready\n"
    deadline = time.monotonic() + 20
    time.sleep(0.5)
    while not _waiting_on_a_pipe(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err
    assert out == b""
