"""One warm LibreOffice: the bridge process (``bridge.py``) and the office it drives, in a process
group of their own so that a hung or crashed one is killed whole."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from docgen.errors import BadInput
from docgen.i18n import N_
from docgen.pdf.office import Office, OfficeMissing

BRIDGE = Path(__file__).with_name("bridge.py")
START_TIMEOUT = 60.0  # seconds for an office to start; about 1 s on an idle machine
CLOSE_TIMEOUT = 5.0


class ConversionFailed(BadInput):
    """LibreOffice made no PDF of a document; the message says why."""


class OfficeCrashed(ConversionFailed):
    """The office stopped (or could not start): it is replaced and the document tried once more."""


class ConversionTimedOut(ConversionFailed):
    """The office hung on a document: it is killed and replaced, and the document is not tried again
    (it would most likely hang again)."""


class Worker:
    def __init__(self, office: Office):
        """Start the bridge and its office; :meth:`wait_ready` waits for them."""
        self.folder = Path(tempfile.mkdtemp(prefix="docgen-pdf-"))
        self.office_pid: int | None = None
        self.start_failure: BadInput | None = None
        self._buffer = b""
        try:
            self.process = subprocess.Popen(
                [str(office.python), "-I", str(BRIDGE), str(office.program), str(self.folder)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as error:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise OfficeMissing(N_("%(file)s: %(reason)s; tạo PDF cần chương trình này để điều khiển LibreOffice: "
                                   "%(install)s"), file=office.python, reason=error.strerror) from None

    def wait_ready(self) -> None:
        """Wait for the office to answer; a worker that cannot start is killed, and says why when used."""
        try:
            reply = self._reply(START_TIMEOUT)
            if "missing" in reply:
                raise OfficeMissing(N_("Tạo PDF cần cầu nối Python của LibreOffice (%(reason)s): %(install)s"),
                                    reason=reply["missing"])
            if "ready" not in reply:
                raise OfficeCrashed(N_("LibreOffice không khởi động được: %(reason)s"), reason=reply["crashed"])
        except BadInput as error:
            self.start_failure = error
            self.kill()
            raise
        self.office_pid = reply["ready"]

    def convert(self, docx: bytes, pdfa: bool, timeout: float) -> tuple[bytes, float]:
        """The PDF of ``docx`` and the seconds LibreOffice took."""
        source, target = self.folder / "document.docx", self.folder / "document.pdf"
        source.write_bytes(docx)
        target.unlink(missing_ok=True)
        request = {"docx": str(source), "pdf": str(target), "pdfa": pdfa}
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):  # the bridge has gone, or was stopped
            raise self.start_failure or OfficeCrashed(N_("LibreOffice đã dừng giữa chừng")) from None
        reply = self._reply(timeout)
        if "crashed" in reply:
            raise OfficeCrashed(N_("LibreOffice đã dừng giữa chừng (%(reason)s)"), reason=reply["crashed"])
        if "unreadable" in reply:
            raise ConversionFailed(N_("LibreOffice không mở được văn bản"))
        if "error" in reply:
            raise ConversionFailed(N_("LibreOffice không chuyển được văn bản sang PDF: %(reason)s"), reason=reply["error"])
        return target.read_bytes(), reply["seconds"]

    def _reply(self, timeout: float) -> dict:
        """The bridge's next line, waiting at most ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        stdout = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([stdout], [], [], remaining)[0]:
                raise ConversionTimedOut(N_("LibreOffice không trả lời sau %(seconds)s giây nên đã bị dừng"),
                                         seconds=f"{timeout:g}")
            chunk = os.read(stdout, 65536)
            if not chunk:
                raise OfficeCrashed(N_("LibreOffice đã dừng giữa chừng"))
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def stop(self) -> None:
        """End the bridge and its office: closing its input asks it to; killing them is the fallback."""
        try:
            self.process.stdin.close()
            self.process.wait(CLOSE_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()
            return
        self._clean_up()

    def kill(self) -> None:
        """Kill the bridge and its office at once (the group is the bridge's until it is reaped)."""
        if self.process.returncode is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        self._clean_up()

    def _clean_up(self) -> None:
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
