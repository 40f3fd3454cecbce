"""The build's report names every signer it could not place, and stays quiet when all are placed."""

import csv

from pipeline.cli import _report_unplaced


def _release(tmp_path, names):
    with open(tmp_path / "cases.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["case_id", "union_name"])
        for i, name in enumerate(names, start=1):
            w.writerow([f"b-{i:02d}", name])
    return tmp_path


def test_an_ambiguous_signer_is_reported_with_its_case(tmp_path, capsys):
    _report_unplaced(_release(tmp_path, ["浙江台州市总工会", "桥西区总工会"]))
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("unplaced union '桥西区总工会' (b-02")
    assert out[-1] == "1 union name(s) could not be placed; their place columns are empty"
    assert not any("台州" in line for line in out)


def test_nothing_is_reported_when_every_signer_is_placed(tmp_path, capsys):
    _report_unplaced(_release(tmp_path, ["浙江台州市总工会", "中国教育工会"]))
    assert capsys.readouterr().out == ""


def test_a_ctrl_c_swallowed_while_libraries_load_is_still_seen():
    """A library's bare ``except:`` may swallow the KeyboardInterrupt; the wakeup socket keeps it."""
    import os
    import signal
    import socket

    from pipeline.cli import _signalled

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    previous = signal.signal(signal.SIGINT, lambda *_: None)  # swallowed
    try:
        assert not _signalled(reader)
        os.kill(os.getpid(), signal.SIGINT)
        signal.pthread_sigmask(signal.SIG_BLOCK, [])  # let the handler run
        assert _signalled(reader)
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.set_wakeup_fd(previous_fd)
        reader.close()
        writer.close()
