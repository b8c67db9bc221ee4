"""Make's variables reach the program as data: a path with spaces, quotes, $(...), backticks or ';' is a
path, never shell text, and a report NAME stays a plain name inside reports/."""
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.skipif(shutil.which("make") is None, reason="no make on this machine")
def test_make_report_passes_its_variables_as_data(tmp_path):
    fake = tmp_path / "bin"            # a stand-in for .venv/bin/python that shows the arguments it gets
    fake.mkdir()
    (fake / "python").write_text('#!/bin/sh\nprintf "[%s]\\n" "$@"\n')
    (fake / "python").chmod(0o755)
    articles = 'dir with $(touch x) and "quotes" `touch y`; touch z'
    run = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed", "report",
                          f"ARTICLES={articles}", "NAME=my $(touch n)", "PARAMS=A=1 B=$(touch p)",
                          "FIELDS=text=body;touch f", f"BIN={fake}"],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["[-m]", "[helpers.report]", "[--articles]", f"[{articles}]",
                                       "[--name]", "[my $(touch n)]", "[--fields]", "[text=body;touch f]",
                                       "[--parameters]", "[A=1 B=$(touch p)]"]
    assert sorted(os.listdir(tmp_path)) == ["bin"]


@pytest.mark.parametrize("name", ["../../x", "..", "a/b", "/tmp/x", "x\ny"])
def test_a_report_name_that_is_no_plain_name_is_refused_in_one_line(name):
    run = subprocess.run([sys.executable, "-m", "helpers.report", "--articles", "data/articles", "--name", name],
                         capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and run.stderr.startswith("error: NAME ")
