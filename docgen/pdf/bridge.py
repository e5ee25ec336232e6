"""One LibreOffice process, driven through its own UNO bridge.

This file runs in LibreOffice's Python (the one that can ``import uno``: Debian's system
``python3`` with ``python3-uno``, or the ``python`` beside ``soffice.bin`` in LibreOffice's own
builds), never in docgen's, whose version need not match pyuno's.  So it uses the standard
library and ``uno`` only.

    python3 -I bridge.py SOFFICE_BIN FOLDER

It starts ``soffice.bin`` with a profile of its own in FOLDER (two offices sharing a profile can
silently make nothing), says ``{"ready": PID}`` on stdout, then converts on request: one JSON line
in (``{"docx": path, "pdf": path, "pdfa": bool}``), one JSON line out: ``{"seconds": s}``;
``{"unreadable": true}`` or ``{"error": detail}`` for a document LibreOffice refuses; ``{"crashed":
detail}`` before exiting when the office has gone.  docgen words the messages people see.  The office dies with the bridge (``PR_SET_PDEATHSIG``) and the bridge with
docgen (its stdin ends), so nothing outlives the command that started them.
"""

import ctypes
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

RESTART = 81  # soffice.bin's status when it wants to be started again (first start with a new profile)
PR_SET_PDEATHSIG = 1
WORD_FILTER = "MS Word 2007 XML"
PDF_FILTER = "writer_pdf_Export"
PDFA_2B = 2  # writer_pdf_Export's SelectPdfVersion for PDF/A-2b

_prctl = ctypes.CDLL(None, use_errno=True).prctl


def reply(**message) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def _die_with_bridge() -> None:
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def start_office(program: str, folder: Path, pipe: str) -> subprocess.Popen:
    return subprocess.Popen(
        [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--invisible",
         "--nologo", "--norestore", "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        preexec_fn=_die_with_bridge)


def connect(uno, program: str, folder: Path):
    """Start the office and wait until it answers; returns (its process, its Desktop)."""
    from com.sun.star.connection import NoConnectException

    pipe = f"docgen-{os.getpid()}"
    office = start_office(program, folder, pipe)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if office.poll() == RESTART:
                office = start_office(program, folder, pipe)
            elif office.returncode is not None:
                raise RuntimeError(f"status {office.returncode}") from None
            time.sleep(0.02)
    return office, context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def properties(uno, **values):
    from com.sun.star.beans import PropertyValue

    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def convert(uno, desktop, request: dict) -> float | None:
    """The PDF of one .docx; returns the seconds LibreOffice took, None if it could not open it."""
    started = time.perf_counter()
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(request["docx"]), "_blank", 0,
        properties(uno, Hidden=True, ReadOnly=True, FilterName=WORD_FILTER, MacroExecutionMode=0))
    if document is None:
        return None
    try:
        options = properties(uno, SelectPdfVersion=PDFA_2B if request["pdfa"] else 0)
        document.storeToURL(uno.systemPathToFileUrl(request["pdf"]), properties(
            uno, FilterName=PDF_FILTER, FilterData=uno.Any("[]com.sun.star.beans.PropertyValue", options)))
    finally:
        document.close(True)
    return time.perf_counter() - started


def leave(office: subprocess.Popen, folder: Path) -> None:
    """docgen has gone or closed the pool: end the office, remove its profile, exit at once."""
    office.kill()
    office.wait()
    shutil.rmtree(folder, ignore_errors=True)
    os._exit(0)


def read_requests(requests: queue.SimpleQueue, office: subprocess.Popen, folder: Path) -> None:
    """Hand each request line to the converting thread until stdin ends."""
    for line in sys.stdin:
        requests.put(json.loads(line))
    leave(office, folder)


def main(program: str, folder: Path) -> None:
    try:
        import uno
        from com.sun.star.uno import RuntimeException
    except ImportError as error:
        reply(missing=f"{sys.executable}: {error}")
        return
    try:
        office, desktop = connect(uno, program, folder)
    except Exception as error:  # anything that stops the start is reported, not printed as a traceback
        reply(crashed=str(error))
        return
    requests = queue.SimpleQueue()
    try:
        reply(ready=office.pid)
        threading.Thread(target=read_requests, args=(requests, office, folder), daemon=True).start()
        while True:
            request = requests.get()
            try:
                seconds = convert(uno, desktop, request)
            except RuntimeException as error:
                # A RuntimeException is the bridge's: the office died or is unusable; docgen replaces us.
                reply(crashed=error.Message or type(error).__name__)
                office.kill()
                return
            except Exception as error:  # the document's own failure: reported for it alone
                reply(error=getattr(error, "Message", "") or str(error) or type(error).__name__)
            else:
                reply(**({"unreadable": True} if seconds is None else {"seconds": seconds}))
    except BrokenPipeError:
        leave(office, folder)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
