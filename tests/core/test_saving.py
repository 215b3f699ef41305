"""Saving: leftovers of interrupted saves go away, failures name the user's file, read-only
files are not replaced silently, and ``nnviz train --out`` checks where it writes first."""

from __future__ import annotations

import os

import pytest

from nnviz.cli import main
from nnviz.core.atomicfile import SaveError, remove_stale_temporaries
from nnviz.core.document import load, new_document, save
from nnviz.core.training import Trainer
from tests.unwritable import as_ordinary_user, shared_folder


def test_the_next_save_removes_what_interrupted_saves_of_the_same_file_left(tmp_path):
    target = tmp_path / "doc.nnviz"
    mine = [tmp_path / f".doc.nnviz.{h}.tmp" for h in ("2d1f77e2", "00000000")]
    for p in mine:
        p.write_bytes(b"x" * 1000)  # what a kill -9 between write and rename leaves
    other = tmp_path / ".other.nnviz.2d1f77e2.tmp"
    other.write_text("another document's")
    linked = tmp_path / ".doc.nnviz.abcdef01.tmp"
    linked.symlink_to(other)
    save(new_document(), target)
    assert not any(p.exists() for p in mine)
    assert other.read_text() == "another document's"  # not this document's leftover
    assert linked.is_symlink()  # never a link
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [".doc.nnviz.abcdef01.tmp", ".other.nnviz.2d1f77e2.tmp", "doc.nnviz"])
    assert remove_stale_temporaries(target) == 0


def test_a_read_only_folder_is_reported_with_the_users_file_and_the_reason():
    with shared_folder() as folder:
        locked = folder / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        target = locked / "homework.nnviz"
        with as_ordinary_user(), pytest.raises(SaveError) as caught:
            save(new_document(), target)
        message = str(caught.value)
        assert str(target) in message and "permission denied" in message
        assert ".tmp" not in message
        assert list(locked.iterdir()) == []


def test_a_read_only_file_is_refused_unless_asked_and_then_keeps_its_mode(tmp_path):
    target = tmp_path / "prepared.nnviz"
    save(new_document(), target)
    before = target.read_bytes()
    target.chmod(0o444)
    doc = new_document()
    doc.title = "changed"
    with pytest.raises(SaveError, match="read-only"):
        save(doc, target)
    assert target.read_bytes() == before
    save(doc, target, replace_read_only=True)
    assert load(target).title == "changed"
    assert target.stat().st_mode & 0o777 == 0o444


def test_train_out_into_a_read_only_folder_fails_before_training(capsys, monkeypatch):
    def no_training(*_a, **_k):
        raise AssertionError("trained although the result cannot be written")

    monkeypatch.setattr(Trainer, "step", no_training)
    with shared_folder() as folder:
        source = folder / "net.nnviz"
        save(new_document(), source)
        source.chmod(0o644)
        locked = folder / "locked"
        locked.mkdir()
        locked.chmod(0o555)
        with as_ordinary_user():
            code = main(["train", str(source), "--epochs", "1000",
                         "--out", str(locked / "trained.nnviz")])
        err = capsys.readouterr().err
        assert code != 0
        assert "trained.nnviz" in err and "permission denied" in err and ".tmp" not in err


def test_train_out_refuses_a_read_only_file_unless_forced(tmp_path, capsys):
    source, out = tmp_path / "net.nnviz", tmp_path / "trained.nnviz"
    save(new_document(), source)
    save(new_document(), out)
    out.chmod(0o444)
    before = out.read_bytes()
    code = main(["train", str(source), "--epochs", "2", "--out", str(out)])
    err = capsys.readouterr().err
    assert code != 0 and "read-only" in err and "--force" in err
    assert out.read_bytes() == before
    assert main(["train", str(source), "--epochs", "2", "--out", str(out), "--force"]) == 0
    assert load(out).epoch == 2
    assert os.stat(out).st_mode & 0o777 == 0o444
