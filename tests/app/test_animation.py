"""Animations: every frame is the still export of its epoch, and the files hold what was asked.

Files are read back with Pillow, as a slide program or a browser would read them.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageSequence
from PySide6.QtGui import QColor, QImage

from nnviz.app.animate_file import AnimationOptions, animate_document
from nnviz.app.export.animation_apng import ApngWriter
from nnviz.app.export_file import export_document
from nnviz.cli import main
from nnviz.core.document import save
from nnviz.core.examples import load_example
from nnviz.core.headless import train_document


def pixels(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=np.int16)


def frames_of(path) -> list[Image.Image]:
    with Image.open(path) as im:
        return [frame.convert("RGB") for frame in ImageSequence.Iterator(im)]


def delays_of(path) -> list[float]:
    with Image.open(path) as im:
        return [frame.info["duration"] for frame in ImageSequence.Iterator(im)]


@pytest.mark.parametrize(("view", "epochs", "shown"), [
    ("slide", (0, 40), (0, 20, 40)),  # the first frame is the untrained document
    ("regions", (30, 30), (30,)),
    ("network", (30, 30), (30,)),
])
def test_a_training_frame_is_the_still_export_of_its_epoch_pixel_for_pixel(
        qapp, tmp_path, view, epochs, shown):
    doc = load_example("xnor")
    out = tmp_path / "training.png"  # animated PNG: lossless, so pixels can be compared
    animate_document(doc, out, AnimationOptions(view=view, epochs=epochs, fps=10,
                                                duration=0.1 * len(shown)))
    frames = frames_of(out)
    assert len(frames) == len(shown)
    for frame, epoch in zip(frames, shown):
        still = tmp_path / f"still-{epoch}.png"
        export_document(doc, still, view=view, train_epochs=epoch)
        with Image.open(still) as im:
            expected = pixels(im)
        assert frame.size == (expected.shape[1], expected.shape[0])
        assert np.array_equal(pixels(frame), expected), f"frame of epoch {epoch} differs"
    assert doc.epoch == 0 and len(doc.history) == 0  # the document itself never trained


def test_the_frames_change_as_the_network_learns(qapp, tmp_path):
    out = tmp_path / "spiral.png"
    animate_document(load_example("xor"), out, AnimationOptions(
        view="regions", epochs=(0, 200), fps=10, duration=0.3))
    a, b, c = (pixels(f) for f in frames_of(out))
    assert (a != b).any(axis=2).mean() > 0.05 and (b != c).any(axis=2).mean() > 0.01


def test_a_gif_has_the_frames_size_and_delays_asked_for(qapp, tmp_path):
    out = tmp_path / "xnor.gif"
    frames, fmt = animate_document(load_example("xnor"), out, AnimationOptions(
        view="network", epochs=(0, 8), fps=5, duration=1.0, hold=1.5, size=(640, 360)))
    assert (frames, fmt) == (5, "gif")
    with Image.open(out) as im:
        assert im.format == "GIF" and im.n_frames == 5 and im.size == (640, 360)
        assert im.info["loop"] == 0  # plays for ever, as a slide's animation should
    assert delays_of(out) == [200, 200, 200, 200, 200 + 1500]


def test_an_apng_has_the_frames_size_and_delays_asked_for(qapp, tmp_path):
    out = tmp_path / "xnor.apng"
    animate_document(load_example("xnor"), out, AnimationOptions(
        view="loss", epochs=(0, 30), fps=4, duration=1.0, hold=0.5, size=(800, 300)))
    with Image.open(out) as im:
        assert im.format == "PNG" and im.is_animated and im.n_frames == 4
        assert im.size == (800, 300)
    assert delays_of(out) == [250, 250, 250, 750]


def test_the_apng_writer_needs_no_library_and_pillow_reads_what_it_wrote(tmp_path):
    def png(colour) -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (6, 4), colour).save(buffer, "PNG")
        return buffer.getvalue()

    out = tmp_path / "two.png"
    with open(out, "wb") as fh:
        writer = ApngWriter(fh, 3)
        for colour, delay in (("red", 100), ("blue", 250), ("white", 1000)):
            writer.add(png(colour), delay)
        writer.close()
    frames = frames_of(out)
    assert [f.getpixel((2, 2)) for f in frames] == [(255, 0, 0), (0, 0, 255), (255, 255, 255)]
    assert delays_of(out) == [100, 250, 1000]


def test_without_pillow_a_gif_asks_for_the_extra_and_an_apng_is_still_written(
        qapp, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "PIL", None)  # import PIL fails as if not installed
    assert main(["animate", "xnor", "-o", str(tmp_path / "a.gif")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nnviz[anim]" in err and "GIF needs Pillow" in err
    assert not list(tmp_path.iterdir())
    assert main(["animate", "xnor", "-o", str(tmp_path / "a.png"), "--epochs", "0:2",
                 "--size", "320x180"]) == 0
    monkeypatch.undo()
    with Image.open(tmp_path / "a.png") as im:
        assert im.n_frames == 3 and im.size == (320, 180)


@pytest.mark.skipif(shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None,
                    reason="needs ffmpeg and ffprobe")
def test_an_mp4_plays_for_the_frames_and_the_hold(qapp, tmp_path):
    out = tmp_path / "xnor.mp4"
    animate_document(load_example("xnor"), out, AnimationOptions(
        view="slide", epochs=(0, 4), fps=5, duration=1.0, hold=1.0, size=(641, 361)))
    probe = json.loads(subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries", "stream=width,height:format=duration",
         "-of", "json", str(out)], capture_output=True, text=True, check=True).stdout)
    stream = probe["streams"][0]
    assert (stream["width"], stream["height"]) == (642, 362)  # H.264 needs even sides
    assert float(probe["format"]["duration"]) == pytest.approx(5 * 0.2 + 1.0, abs=0.15)


def test_without_ffmpeg_an_mp4_says_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["animate", "xnor", "-o", str(tmp_path / "a.mp4")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ffmpeg" in err
    assert not (tmp_path / "a.mp4").exists()


@pytest.mark.parametrize(("args", "says"), [
    (["--epochs", "5:2"], "the first epoch is after the last"),
    (["--epochs", "ten"], "--epochs must be A:B"),
    (["--size", "12x12"], "--size 12x12: each side must be from 64"),
    (["--size", "big"], "--size must be WIDTHxHEIGHT"),
    (["--fps", "0"], "--fps must be from 0.1 to 50"),
    (["--convention", "mitchell"], "--convention is for --view backward-steps"),
    (["--view", "backward-steps", "--epochs", "0:3"], "--epochs is for training views"),
    (["--view", "backward-steps", "--sample", "9"], "--sample: row 9 is out of range"),
    (["-o", "OUT.avi"], "cannot tell the animation format"),
    (["-o", "no/such/folder/a.gif"], "no such folder"),
])
def test_bad_options_are_one_clear_line(qapp, tmp_path, capsys, monkeypatch, args, says):
    monkeypatch.chdir(tmp_path)
    assert main(["animate", "xnor", "-o", "a.gif", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("nnviz: error: ") and err.count("\n") == 1
    assert says in err
    assert not list(tmp_path.glob("*.gif")) and not list(tmp_path.glob(".*.tmp"))


def test_an_animation_cannot_start_before_the_documents_epoch(tmp_path, capsys):
    trained, _ = train_document(load_example("xnor"), 5)
    save(trained, tmp_path / "five.nnviz")
    assert main(["animate", str(tmp_path / "five.nnviz"), "-o", str(tmp_path / "a.gif"),
                 "--epochs", "0:10"]) == 2
    assert "starts at 0, before the document's epoch 5" in capsys.readouterr().err


def test_backprop_steps_are_one_frame_a_step_in_either_convention(qapp, tmp_path):
    from nnviz.core.plan import Plan
    from nnviz.core.stepper import steps
    from nnviz.core.trace import trace

    doc = load_example("xnor")
    data = doc.build_dataset()
    plan = Plan(doc.network, doc.settings.loss_spec)
    t = trace(doc.network, data.inputs(plan.features)[0], data.y[0], doc.settings.loss_spec,
              "dl_dz", doc.settings.learning_rate, plan)
    seq = steps(t, doc.network, plan.order, plan.level_of)
    shown = {}
    for convention in ("dl_dz", "mitchell"):
        out = tmp_path / f"{convention}.gif"
        frames, _ = animate_document(doc, out, AnimationOptions(
            view="backward-steps", convention=convention, fps=1, hold=0))
        assert frames == len(seq)
        shown[convention] = [pixels(f) for f in frames_of(out)]
        with Image.open(out) as im:
            assert im.size == (1600, 900) and im.n_frames == len(seq)
        assert delays_of(out) == [1000] * len(seq)
        # each step shows something new on screen
        for a, b in zip(shown[convention], shown[convention][1:]):
            assert (a != b).any()
    first_delta = next(i for i, s in enumerate(seq) if s.phase == "output_delta")
    assert (shown["dl_dz"][first_delta] != shown["mitchell"][first_delta]).any()
    assert doc.network.edges == load_example("xnor").network.edges  # the update was a copy's



def test_a_gif_maps_flat_regions_to_one_colour_without_dither(qapp, tmp_path):
    """A flat area (a card, the slide's background) must not speckle in a GIF even when
    its colour is not one of the 256: every frame is mapped to the palette undithered."""
    from nnviz.app.export.animation_writers import GifFile

    rng = np.random.default_rng(0)
    noise = rng.integers(0, 256, (120, 160, 3), dtype=np.uint8)  # thousands of colours
    out = tmp_path / "flat.gif"
    writer = GifFile(out, 2, QColor("white"))
    for shade in (131, 137):
        rgb = np.concatenate([noise, np.full((120, 160, 3), (shade, 77, 201), np.uint8)],
                             axis=1)
        image = QImage(rgb.tobytes(), 320, 120, 960, QImage.Format.Format_RGB888)
        writer.add(image.copy(), 100)
    assert writer.finish()
    for frame in frames_of(out):
        flat = pixels(frame)[:, 160:]
        assert len(np.unique(flat.reshape(-1, 3), axis=0)) == 1


def test_a_backprop_frame_is_the_still_export_of_its_step_pixel_for_pixel(qapp, tmp_path):
    doc = load_example("xnor")
    out = tmp_path / "steps.png"  # animated PNG: lossless
    frames, _ = animate_document(doc, out, AnimationOptions(view="backward-steps", fps=1))
    shown = frames_of(out)
    assert len(shown) == frames
    for step in (1, 6, frames):  # the forward pass, a hidden δ, the update
        still = tmp_path / f"step-{step}.png"
        assert main(["export", "xnor", "-o", str(still), "--view", "backward",
                     "--step", str(step)]) == 0
        with Image.open(still) as im:
            expected = pixels(im)
        assert np.array_equal(pixels(shown[step - 1]), expected), f"step {step} differs"


@pytest.mark.parametrize("size", [(1280, 720), (640, 360)])
def test_backprop_frames_are_slide_legible(qapp, monkeypatch, size):
    """Every text of a step frame (names, values, the cards' numbers, legend, formulas) is
    at least 2 % of the frame's height, as on the still slide, and the cards are drawn as
    numbers, not as the far-zoomed canvas's dots."""
    from PySide6.QtGui import QPainter

    from nnviz.app.export.animation import animation_frames

    drawn: list[tuple[float, str]] = []
    draw = QPainter.drawText

    def measured(painter, *args):
        device = painter.device()
        if (device.width(), device.height()) == size:
            scale = abs(painter.worldTransform().determinant()) ** 0.5
            drawn.append((painter.font().pixelSize() * scale, args[-1]))
        return draw(painter, *args)

    monkeypatch.setattr(QPainter, "drawText", measured)
    count, frames = animation_frames(load_example("xnor"), AnimationOptions(
        view="backward-steps", size=size), QColor("white"))
    try:
        for i, frame in enumerate(frames):
            assert (frame.image.width(), frame.image.height()) == size
            if i == 5:  # a hidden δ: the cards of a1 and ŷ are out
                break
    finally:
        frames.close()
    texts = [t for _, t in drawn]
    assert "δ = −0.405" in texts and "z = −6.000" in texts and "x1" in texts
    assert min(px for px, _ in drawn) >= 0.02 * size[1] - 1e-6
