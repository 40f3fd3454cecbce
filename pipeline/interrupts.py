"""Ctrl-C (SIGINT) and SIGTERM during ``acftu build``: the build stops and publishes nothing.

Why Ctrl-C used to be ignored: every ``dg.materialize`` run wraps its execution in Dagster's
``capture_interrupts``, whose SIGINT handler only sets a flag; the in-process executor never reads
that flag, and the run clears it when it ends. A Ctrl-C landing in Dagster's own code (run set-up,
event logging: most of the first seconds) was dropped and the build went on to publish. A build
started in the background of a script also inherits SIGINT as ignored.

So a signal is not detected through any Python handler (Dagster swaps them) but through
``signal.set_wakeup_fd``: the interpreter writes every caught signal's number there, whichever
handler is installed. ``stop_on_interrupt`` wraps a build; ``publishing`` wraps the publish step,
refusing to start it once a signal came, and deferring a signal that comes during it until the
renames are done (a publish is whole or not at all).
"""

from __future__ import annotations

import signal
import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class BuildInterrupted(Exception):
    """The build was stopped by a signal; ``exit_code`` is 128 + the signal number."""

    def __init__(self, message: str, signum: int = signal.SIGINT):
        super().__init__(message)
        self.exit_code = 128 + int(signum)


class _State:
    def __init__(self) -> None:
        self.reader: socket.socket | None = None
        self.signum: int | None = None
        self.published: str | None = None

    def poll(self) -> int | None:
        """The first stop signal received so far (reads what the interpreter wrote)."""
        if self.reader is not None and self.signum is None:
            try:
                while data := self.reader.recv(512):
                    for b in data:
                        if b in STOP_SIGNALS and self.signum is None:
                            self.signum = b
            except BlockingIOError:
                pass
        return self.signum


_state = _State()


def interrupted() -> int | None:
    """The stop signal received during the current build, if any."""
    return _state.poll()


@contextmanager
def stop_on_interrupt() -> Iterator[None]:
    """Wrap a build: a SIGINT/SIGTERM at any moment ends it with BuildInterrupted, nothing published
    unless the publish had already begun (then it completes, and the message says so). A build
    that fails for any reason leaves no staging folder behind."""
    if threading.current_thread() is not threading.main_thread():
        try:
            yield
        except BaseException:
            from pipeline.release.publish import discard_run_staging

            discard_run_staging()
            raise
        return
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    # NOTE: a SIGINT inherited as ignored (a background job of a script) is honoured too: it is
    # sent on purpose, with kill -INT.
    previous = {s: signal.signal(s, signal.default_int_handler) for s in STOP_SIGNALS}
    _state.__init__()
    _state.reader = reader
    previous_hook = sys.unraisablehook
    sys.unraisablehook = _quiet_about_the_stop(previous_hook)
    try:
        yield
    except BaseException as e:
        from pipeline.release.publish import discard_run_staging

        discard_run_staging()
        signum = interrupted()
        if _is_stop(e):
            signum = signum or signal.SIGINT
        if signum is None:
            raise
        raise _stopped(signum) from None
    else:
        if (signum := interrupted()) is not None and _state.published:
            raise _stopped(signum)
    finally:
        sys.unraisablehook = previous_hook
        for s, handler in previous.items():
            signal.signal(s, handler if handler is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(previous_fd)
        reader.close()
        writer.close()
        _state.reader = None


def _is_stop(exc: BaseException | None) -> bool:
    return isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "DagsterExecutionInterruptedError"


def _quiet_about_the_stop(previous_hook):
    """An unraisable-exception hook that drops the stop itself.

    NOTE: Dagster's SIGINT handler raises its interrupt wherever the interpreter stands, at times
    inside a weakref callback, where Python can only print "Exception ignored in …" with a
    traceback. The stop is reported by our one line; anything else still reaches the usual hook.
    """
    def hook(unraisable) -> None:
        if not _is_stop(unraisable.exc_value):
            previous_hook(unraisable)

    return hook


def _stopped(signum: int) -> BuildInterrupted:
    name = signal.Signals(signum).name
    if _state.published:
        return BuildInterrupted(f"stopped by {name} after {_state.published} was published; the new "
                                "release and database are complete", signum)
    return BuildInterrupted(f"stopped by {name}; nothing was published, the previous release and "
                            "database are unchanged", signum)


@contextmanager
def publishing(release: str = "the release") -> Iterator[None]:
    """Wrap the renames of a publish: refused once a stop signal came, never cut in the middle."""
    main = threading.current_thread() is threading.main_thread()
    if main:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        if (signum := interrupted()) is not None:
            raise _stopped(signum)
        yield
        _state.published = release
    finally:
        if main:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
