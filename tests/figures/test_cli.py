"""``acftu figures FILE|-`` prints CSV with offsets into the input exactly as given."""

import csv
import io
import subprocess
import sys

import pytest

from pipeline.figures.cli import main


def test_figures_of_a_file(tmp_path, capsys):
    path = tmp_path / "t.txt"
    path.write_text("\ufeff前言。平台注册用户近 800 万，累计超过4.1亿次。\n", encoding="utf-8")
    assert main([str(path)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["mention"] for r in rows] == ["近 800 万", "超过4.1亿次"]
    assert rows[0] == {"start": "9", "end": "16", "mention": "近 800 万", "value": "8000000", "unit": "",
                       "qualifier": "nearly", "lower": "", "upper": "8000000", "kind": "count",
                       "basis": "total", "per": "", "measure": "用户"}


def test_figures_from_stdin():
    out = subprocess.run([sys.executable, "-m", "pipeline.cli", "figures", "-"], input="共262个".encode(),
                         capture_output=True, check=True).stdout.decode()
    assert out.splitlines() == ["start,end,mention,value,unit,qualifier,lower,upper,kind,basis,per,measure",
                                "1,5,262个,262,个,exact,262,262,count,cumulative,,"]


def test_a_file_that_is_not_utf8_is_named(tmp_path, capsys):
    path = tmp_path / "gbk.txt"
    path.write_bytes("共262个".encode("gb18030"))
    assert main([str(path)]) == 1
    assert "gbk.txt: byte 0 is not UTF-8" in capsys.readouterr().err


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main([str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt" in capsys.readouterr().err


class TestBrokenPipe:
    def test_output_into_a_closed_pipe_ends_quietly(self, tmp_path):
        path = tmp_path / "many.txt"
        path.write_text("职工人数达到1万人。平台注册用户近 800 万。\n" * 3000, encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "figures", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        first = proc.stdout.readline()
        proc.stdout.close()  # as `| head -1` does
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 141
        assert first.startswith(b"start,end,mention") and err == ""


class TestSizeLimit:
    def test_dev_zero_is_a_size_limit_error(self, capsys):
        assert main(["/dev/zero"]) == 1
        err = capsys.readouterr().err
        assert err.strip() == "acftu figures: /dev/zero: more than 64 MiB of text, the limit; split the input"

    def test_a_file_over_a_small_limit_is_refused(self, tmp_path):
        from pipeline.figures.cli import read_text

        path = tmp_path / "t.txt"
        path.write_bytes("共262个".encode() * 200)
        with pytest.raises(ValueError, match=r"t\.txt: more than 1 KiB of text"):
            read_text(str(path), limit=1024)
        assert read_text(str(path), limit=len(path.read_bytes())).startswith("共262个")

    def test_a_folder_is_named(self, tmp_path, capsys):
        assert main([str(tmp_path)]) == 1
        assert "is a folder" in capsys.readouterr().err
