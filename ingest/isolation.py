"""Analysing one file in a child process with a time and a memory limit.

A hostile or enormous upload can make parsing slow or greedy. In a child process it can be
stopped cleanly: past its memory limit the child's allocations fail, past its time it is killed,
and either way the file gets a plain reason while the worker carries on with the next file.
Only analysis runs in the child (it never touches the database); saving stays in the worker.
"""

from __future__ import annotations

import errno
import multiprocessing
import resource
from pathlib import Path

from .errors import IngestError

# Children fork from a small server process that has only imported the readers: no database
# connection or model threads are inherited, and each child starts in a fraction of a second.
_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload(["ingest.pipeline", "onnxruntime", "tokenizers"])


def analyse_with_limits(
    path: Path, name: str, vocabulary, *, max_bytes: int, seconds: float, memory_bytes: int
):
    """The file's AnalysedDocument, or IngestError when it fails or passes a limit."""
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(
        target=_analyse_in_child,
        args=(sender, str(path), name, vocabulary, max_bytes, memory_bytes),
        daemon=True,
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise IngestError(
                f"analysing the file took longer than the limit of {seconds:g} seconds",
                code="time_limit",
            )
        try:
            kind, value = receiver.recv()
        except EOFError as error:
            raise IngestError(
                "analysing the file stopped unexpectedly (it may need more memory than the "
                f"limit of {memory_bytes // (1024 * 1024)} MB)",
                code="memory_limit",
            ) from error
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if kind == "document":
        return value
    raise IngestError(value, code=kind)


def _ran_out_of_memory(error: BaseException | None) -> bool:
    """Readers turn any failure into "could not be read"; under a memory limit, look beneath."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, MemoryError) or getattr(error, "errno", None) == errno.ENOMEM:
            return True
        # A library that cannot be mapped into the limited address space fails to import.
        if isinstance(error, ImportError) and "failed to map segment" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False


def _analyse_in_child(sender, path, name, vocabulary, max_bytes, memory_bytes):
    from .pipeline import analyse_file

    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        document = analyse_file(Path(path), name, vocabulary=vocabulary, max_bytes=max_bytes)
        message = ("document", document)
    except Exception as error:  # reported as this file's failure, never the worker's
        if _ran_out_of_memory(error):
            limit = memory_bytes // (1024 * 1024)
            message = ("memory_limit", f"the file needs more memory than the limit of {limit} MB")
        elif isinstance(error, IngestError):
            message = (error.code, error.reason)
        else:
            message = ("failed", f"could not be read: {type(error).__name__} ({str(error)[:200]})")
    sender.send(message)
    sender.close()
