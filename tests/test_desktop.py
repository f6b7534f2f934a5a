"""Opening and printing documents on each system, the systems simulated (only Linux really runs)."""

import os
import subprocess
import sys

import pytest

from pse_desktop import desktop


@pytest.fixture
def windows(monkeypatch):
    calls = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", lambda *a: calls.append(a), raising=False)
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail("no subprocess on Windows"))
    return calls


def test_windows_opens_and_prints_through_startfile(windows, tmp_path):
    pdf = tmp_path / "payslips.pdf"
    assert desktop.open_document(pdf)
    assert desktop.print_document(pdf)
    assert windows == [(str(pdf),), (str(pdf), "print")]


def test_windows_without_a_pdf_viewer_says_so(monkeypatch, tmp_path):
    def no_viewer(*args):
        raise OSError("No application is associated with the specified file")

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", no_viewer, raising=False)
    assert not desktop.open_document(tmp_path / "a.pdf")
    assert not desktop.print_document(tmp_path / "a.pdf")


@pytest.fixture
def popen(monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: calls.append(args))
    return calls


def test_macos_uses_open_and_lp(monkeypatch, popen):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(os, "name", "posix")
    monkeypatch.setattr(desktop.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert desktop.open_document("/tmp/a.pdf") and desktop.print_document("/tmp/a.pdf")
    assert popen == [["open", "/tmp/a.pdf"], ["lp", "/tmp/a.pdf"]]


def test_linux_uses_xdg_open_and_lpr_when_there_is_no_lp(monkeypatch, popen):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(desktop.shutil, "which",
                        lambda name: None if name == "lp" else f"/usr/bin/{name}")
    assert desktop.open_document("/tmp/a.pdf") and desktop.print_document("/tmp/a.pdf")
    assert popen == [["xdg-open", "/tmp/a.pdf"], ["lpr", "/tmp/a.pdf"]]


def test_linux_without_viewer_or_printer(monkeypatch, popen):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(desktop.shutil, "which", lambda name: None)
    assert not desktop.open_document("/tmp/a.pdf")
    assert not desktop.print_document("/tmp/a.pdf")
    assert popen == []
