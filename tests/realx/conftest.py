"""Real-window tests: nnviz on an Xvfb screen with a window manager, driven like a user would.

The rest of the suite runs Qt offscreen, where windows have no frame, no screen size,
no focus and no real wheel; these tests start a real X server and openbox instead and
run the application in a subprocess (the pytest process itself is offscreen, and Qt's
platform cannot change once chosen).

Writing one ("open the window at W×H, do X, query the result")::

    def test_something(real_app):
        nnviz = real_app(1280, 720)                        # Xvfb 1280x720 + openbox + nnviz
        nnviz.wait("window.docks['data'].isVisible()")     # poll in the app until true
        x, y = nnviz.eval("window.view.mapToGlobal(window.view.rect().center()).toTuple()")
        nnviz.screen.wheel(x, y, "down", 3)                # real X input (xdotool)
        assert nnviz.eval("window.view.transform().m11()") > 1
        left, top, width, height = nnviz.frame()           # the window manager's frame

``real_app(width, height, *args, config=None)`` starts a fresh screen of that size and
``nnviz [args]`` on it through tests/realx/driver.py, which starts the application with
nnviz's own start-up code and then evaluates the test's expressions on the GUI thread
(names: ``app``, ``window``, ``Qt``, ``QtCore``, ``QtGui``, ``QtWidgets``, and whatever
``exec`` defined). ``eval`` returns JSON-able values (``.toTuple()`` for Qt geometry);
``wait`` polls instead of sleeping. Settings live in a fresh folder per app unless
``config`` names one (two apps sharing it see each other's saved settings). ``x_screen``
alone gives a screen without the app. Everything started is stopped at teardown.

Without Xvfb, openbox, xdotool or x11-utils these tests skip, saying what is missing;
with CI=true they fail instead (``.ci/run`` installs them with apt-get).
"""

from __future__ import annotations

import json
import os
import queue
import select
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from nnviz.app.xcb_check import check_xcb
from tests.realx.driver import REPLY_PREFIX

DRIVER = Path(__file__).with_name("driver.py")
ROOT = Path(__file__).resolve().parents[2]
TOOLS = {"Xvfb": "xvfb", "openbox": "openbox", "xdotool": "xdotool", "xprop": "x11-utils",
         "xwininfo": "x11-utils"}
START_TIMEOUT = 60.0  # seconds for the window to appear (the engine process starts too)
REPLY_TIMEOUT = 30.0


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("true", "1", "yes")


def require_x() -> None:
    """Skip (fail under CI) unless the programs a real-X test needs are installed."""
    missing = sorted({pkg for tool, pkg in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        reason = f"real-X test needs the Debian packages {', '.join(missing)} (apt-get install)"
    else:
        reason = check_xcb(environ={"QT_QPA_PLATFORM": "xcb"})
    if reason:
        if in_ci():
            pytest.fail(reason + "; under CI they must be installed (.ci/run does it)")
        pytest.skip(reason)


def _poll(check: Callable[[], object], timeout: float, what: str) -> object:
    """Wait for a process outside Qt (no event loop to wait in): poll until check() is truthy."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


class XScreen:
    """One Xvfb screen of a given size with openbox managing its windows."""

    def __init__(self, width: int, height: int, log_dir: Path) -> None:
        self.width, self.height = width, height
        self.log_dir = log_dir
        self._procs: list[subprocess.Popen] = []
        read_fd, write_fd = os.pipe()
        try:
            # -displayfd: Xvfb picks a free display number itself and writes it to the pipe,
            # so parallel sessions never race for one.
            self._spawn(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                         f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"],
                        "xvfb.log", pass_fds=(write_fd,))
            os.close(write_fd)
            write_fd = -1
            number = b""
            deadline = time.monotonic() + 20
            while not number.endswith(b"\n"):
                left = max(0.0, deadline - time.monotonic())
                ready, _, _ = select.select([read_fd], [], [], left)
                chunk = os.read(read_fd, 16) if ready else b""
                if not chunk:
                    raise RuntimeError(f"Xvfb did not start: {self._log('xvfb.log')}")
                number += chunk
        finally:
            os.close(read_fd)
            if write_fd >= 0:
                os.close(write_fd)
        self.display = f":{number.decode().strip()}"
        self._spawn(["openbox", "--sm-disable"], "openbox.log", env=self.env())
        _poll(self._wm_ready, 20, "openbox to manage the screen")

    def _spawn(self, argv: list[str], log: str, **kw) -> subprocess.Popen:
        out = open(self.log_dir / log, "wb")  # noqa: SIM115 (kept open for the process)
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, **kw)
        out.close()
        self._procs.append(proc)
        return proc

    def _log(self, name: str) -> str:
        path = self.log_dir / name
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def _wm_ready(self) -> bool:
        out = self.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", check=False)
        return "window id" in out

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ, DISPLAY=self.display)
        env.update(extra)
        return env

    def run(self, *argv: str, check: bool = True) -> str:
        """Run an X client (xdotool, xprop, ...) on this screen; its stdout."""
        result = subprocess.run(argv, env=self.env(), capture_output=True, text=True,
                                timeout=30)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv)} failed: {result.stderr.strip()}")
        return result.stdout

    def xdotool(self, *args: object) -> str:
        return self.run("xdotool", *map(str, args))

    def move(self, x: int, y: int) -> None:
        self.xdotool("mousemove", "--sync", x, y)

    def click(self, x: int, y: int, button: int = 1) -> None:
        self.move(x, y)
        self.xdotool("click", button)

    def wheel(self, x: int, y: int, direction: str, notches: int = 1) -> None:
        """Turn the mouse wheel over screen point (x, y): X buttons 4 (up) and 5 (down)."""
        self.move(x, y)
        button = {"up": 4, "down": 5}[direction]
        self.xdotool("click", "--repeat", notches, "--delay", 30, button)

    def key(self, *keys: str) -> None:
        self.xdotool("key", "--delay", 40, *keys)

    def frame(self, window_id: int) -> tuple[int, int, int, int]:
        """(left, top, width, height) of a window with its window-manager frame, as X sees it."""
        info = self.run("xwininfo", "-id", str(window_id))
        fields = dict(line.strip().split(": ", 1) for line in info.splitlines()
                      if ": " in line)
        x, y = int(fields["Absolute upper-left X"]), int(fields["Absolute upper-left Y"])
        w, h = int(fields["Width"]), int(fields["Height"])
        extents = self.run("xprop", "-id", str(window_id), "_NET_FRAME_EXTENTS")
        left, right, top, bottom = (0, 0, 0, 0)
        if "=" in extents:
            left, right, top, bottom = (int(v) for v in extents.split("=", 1)[1].split(","))
        return x - left, y - top, w + left + right, h + top + bottom

    def screenshot(self, path: Path) -> Path | None:
        """The whole screen as PNG (needs ImageMagick's import); None without it."""
        if shutil.which("import") is None:
            return None
        subprocess.run(["import", "-window", "root", str(path)], env=self.env(),
                       capture_output=True, timeout=30)
        return path

    def stop(self) -> None:
        for proc in reversed(self._procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self._procs.clear()


class DriverError(AssertionError):
    pass


class RealApp:
    """nnviz running on an XScreen through driver.py; eval/exec/wait run in its GUI thread."""

    def __init__(self, screen: XScreen, args: list[str], config: Path, log_dir: Path) -> None:
        self.screen = screen
        self.log_path = log_dir / "nnviz.log"
        env = screen.env(QT_QPA_PLATFORM="xcb", PYTHONUNBUFFERED="1",
                         PYQTGRAPH_QT_LIB="PySide6", XDG_CONFIG_HOME=str(config / "config"),
                         XDG_DATA_HOME=str(config / "data"),
                         NNVIZ_RECOVERY_DIR=str(config / "recovery"))
        for name in ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_FONT_DPI"):
            env.pop(name, None)
        self._stderr = open(self.log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.proc = subprocess.Popen([sys.executable, str(DRIVER), *args], cwd=ROOT, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self._stderr, text=True, bufsize=1)
        self.output: list[str] = []  # what the app printed on stdout besides replies
        self._replies: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.wait("window.isVisible() and window.windowHandle().isExposed()",
                  timeout=START_TIMEOUT)
        self.window_id = int(self.eval("int(window.winId())"))

    def _read(self) -> None:
        for line in self.proc.stdout:
            if line.startswith(REPLY_PREFIX):
                self._replies.put(json.loads(line[len(REPLY_PREFIX):]))
            else:
                self.output.append(line)
        self._replies.put(None)  # the app ended

    def log(self) -> str:
        self._stderr.flush()
        return self.log_path.read_text(errors="replace")[-4000:]

    def _ask(self, op: str, code: str, timeout: float) -> object:
        if self.proc.poll() is not None:
            raise DriverError(f"nnviz exited with {self.proc.returncode}:\n{self.log()}")
        self.proc.stdin.write(json.dumps({"op": op, "code": code, "timeout": timeout}) + "\n")
        self.proc.stdin.flush()
        try:
            reply = self._replies.get(timeout=timeout + REPLY_TIMEOUT)
        except queue.Empty:
            raise DriverError(f"no answer to {op} {code!r}:\n{self.log()}") from None
        if reply is None:
            raise DriverError(f"nnviz exited during {op} {code!r}:\n{self.log()}")
        if not reply["ok"]:
            raise DriverError(f"{op} {code!r} in the app:\n{reply['error']}")
        return reply["value"]

    def eval(self, expr: str) -> object:
        """The value of a Python expression evaluated in the app (JSON, else its repr)."""
        return self._ask("eval", expr, 0)

    def exec(self, code: str) -> None:
        """Run statements in the app; names they define stay for later requests."""
        self._ask("exec", code, 0)

    def wait(self, expr: str, timeout: float = 10.0) -> object:
        """Let the app's event loop run until expr is truthy; its value (DriverError on timeout)."""
        return self._ask("wait", expr, timeout)

    def frame(self) -> tuple[int, int, int, int]:
        """The main window's frame on screen (left, top, width, height), from the X server."""
        return self.screen.frame(self.window_id)

    def close(self, timeout: float = 30.0) -> int:
        """Close the main window as the user would (settings are saved); the exit status."""
        self.exec("QtCore.QTimer.singleShot(0, window.close)")
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise DriverError(f"nnviz did not exit after closing:\n{self.log()}") from None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.close()  # the driver then shuts the app down without asking
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._stderr.close()


@pytest.fixture
def x_screen(tmp_path: Path) -> Iterator[Callable[[int, int], XScreen]]:
    """start(width, height): a fresh Xvfb screen with openbox; stopped at teardown."""
    require_x()
    screens: list[XScreen] = []

    def start(width: int, height: int) -> XScreen:
        log_dir = tmp_path / f"x{len(screens)}"
        log_dir.mkdir()
        screen = XScreen(width, height, log_dir)
        screens.append(screen)
        return screen

    yield start
    for screen in screens:
        screen.stop()


@pytest.fixture
def real_app(x_screen, tmp_path: Path) -> Iterator[Callable[..., RealApp]]:
    """open(width, height, *nnviz_args, config=None): nnviz on a fresh screen of that size."""
    apps: list[RealApp] = []

    def open_app(width: int, height: int, *args: str, config: Path | None = None,
                 screen: XScreen | None = None) -> RealApp:
        screen = screen or x_screen(width, height)
        folder = config or tmp_path / f"settings{len(apps)}"
        folder.mkdir(parents=True, exist_ok=True)
        app = RealApp(screen, list(args), folder, screen.log_dir)
        apps.append(app)
        return app

    yield open_app
    for app in apps:
        app.stop()
