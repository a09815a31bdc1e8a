"""Real-browser check: the 01-nat tutorial (and the Korean 00-start-here) in JupyterLab,
driven by headless Chromium.

JupyterLab runs on a temporary copy of the tutorials (outputs cleared, so every output on the
page comes from this run), Debian's /usr/bin/chromium is driven through the ``playwright``
pip package (never ``playwright install``), all cells are run from the Run menu, and the
NetworkBuilder must render as real widgets: its controls in the DOM, no "Error displaying
widget", and pressing Create must change the topology picture and the address table (a real
kernel round trip).  The Korean edition's first notebook must run with Korean widget labels
and tab titles, and its figures must draw without a "Glyph … missing from font" warning.
Screenshots are saved under the test's tmp folder and their paths printed.
"""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
TOKEN = "winnetlab-browser-test"
NOTEBOOK = "01-nat.ipynb"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-dev-shm-usage",
]
# User settings for the test's JupyterLab: no news/update toast over the screenshots, and
# every cell kept in the DOM (no windowing) so the whole notebook can be inspected.
LAB_SETTINGS = {
    ("apputils-extension", "notification"): {"fetchNews": "false", "checkForUpdates": False},
    ("notebook-extension", "tracker"): {"windowingMode": "none"},
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cleared_copy(source, target):
    """Copy a notebook with its outputs and execution counts removed."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    nb["metadata"].pop("widgets", None)
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def jupyterlab(tmp_path):
    """A JupyterLab server on a fresh copy of the tutorials; yields its base URL."""
    work = tmp_path / "tutorials"
    work.mkdir()
    for edition in ("", "ko"):
        (work / edition).mkdir(exist_ok=True)
        for notebook in sorted((ROOT / "notebooks" / edition).glob("*.ipynb")):
            cleared_copy(notebook, work / edition / notebook.name)
    for (extension, plugin), values in LAB_SETTINGS.items():
        folder = tmp_path / "settings" / "@jupyterlab" / extension
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))
    env = dict(
        os.environ,
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop("MPLBACKEND", None)  # the kernel must use its inline backend
    port = free_port()
    log = open(tmp_path / "jupyterlab.log", "wb")  # noqa: SIM115 (closed when the server stops)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ip=127.0.0.1",
            "--allow-root",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={work}",
        ],
        cwd=work,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, server)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()


def wait_until_up(base, server, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {server.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2):
                return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"JupyterLab did not answer on {base} within {timeout} s")


# The status bar says "Python 3 (ipykernel) | Idle" once the kernel is connected (the
# toolbar's execution indicator already says idle before that).
KERNEL_IDLE = r"""() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]
    .some(e => /\| Idle/.test(e.innerText))"""
ALL_CELLS_RAN = r"""() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
    const idle = document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']");
    return idle && prompts.length > 0 && prompts.every(p => /\[\d+\]/.test(p.innerText));
}"""


def builder_state(page):
    """The first NetworkBuilder's picture (img src) and address table text."""
    return page.evaluate("""() => {
        const b = document.querySelector('.winnetlab-builder');
        const img = b.querySelector('.winnetlab-topology img');
        const table = b.querySelector('.winnetlab-addresses');
        return {img: img ? img.src : null, table: table ? table.innerText : null};
    }""")


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_network_builder_renders_and_creates(jupyterlab, tmp_path):
    from playwright.sync_api import sync_playwright

    console_errors = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        try:
            page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
            drive_the_builder(page, jupyterlab, tmp_path)
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"))
            raise
        finally:
            browser.close()
    print(f"screenshots: {tmp_path / 'before-create.png'} {tmp_path / 'after-create.png'}")
    assert not [e for e in console_errors if "widget" in e.lower()], console_errors


def drive_the_builder(page, jupyterlab, tmp_path):
    """Open 01-nat, run all cells, check the builder, press Create and check the redraw."""
    page.goto(f"{jupyterlab}/lab/tree/{NOTEBOOK}?token={TOKEN}&reset", wait_until="domcontentloaded")
    page.wait_for_function(KERNEL_IDLE, timeout=90000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()

    page.wait_for_selector(".winnetlab-builder .winnetlab-topology img", timeout=90000)
    page.wait_for_function(ALL_CELLS_RAN, timeout=120000)
    builder = page.locator(".winnetlab-builder").first
    builder.scroll_into_view_if_needed()
    assert "Error displaying widget" not in page.inner_text("body")
    assert builder.locator(".widget-dropdown select").count() >= 1  # driver picker
    assert builder.locator("button", has_text="Create").count() == 1
    assert builder.locator("button", has_text="Reset").count() == 1
    assert builder.locator(".widget-tab").count() == 1
    page.screenshot(path=str(tmp_path / "before-create.png"))

    before = builder_state(page)
    assert before["img"] and before["table"] is not None
    # later cells of 01-nat publish 8080 on the same lab: use a name and port of our own
    builder.locator(".winnetlab-field-name input").fill("browsernet")
    builder.locator(".winnetlab-field-publish input").fill("9090:80")
    builder.locator(".winnetlab-field-publish input").press("Tab")
    builder.locator("button", has_text="Create").click()
    page.wait_for_function(
        """(before) => {
            const b = document.querySelector('.winnetlab-builder');
            const img = b.querySelector('.winnetlab-topology img');
            const table = b.querySelector('.winnetlab-addresses');
            return img && table && img.src !== before.img && table.innerText !== before.table;
        }""",
        arg=before,
        timeout=60000,
    )
    after = builder_state(page)
    assert "browsernet" in after["table"]
    assert "Error response from daemon" not in builder.inner_text()
    assert "Error displaying widget" not in page.inner_text("body")
    builder.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "after-create.png"))
    builder.locator(".lm-TabBar-tabLabel", has_text="Addresses").click()
    page.wait_for_function(
        """() => {
        const t = document.querySelector('.winnetlab-builder .winnetlab-addresses');
        return t && t.offsetParent !== null && t.innerText.includes('browsernet-2');
    }""",
        timeout=30000,
    )
    page.screenshot(path=str(tmp_path / "after-create-addresses.png"))


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_korean_notebook_runs_with_korean_labels_and_no_missing_glyph(jupyterlab, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1400, "height": 1100})
        try:
            page.goto(
                f"{jupyterlab}/lab/tree/ko/00-start-here.ipynb?token={TOKEN}&reset",
                wait_until="domcontentloaded",
            )
            page.wait_for_function(KERNEL_IDLE, timeout=90000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            page.wait_for_selector(".winnetlab-builder .winnetlab-topology img", timeout=90000)
            page.wait_for_function(ALL_CELLS_RAN, timeout=120000)
            builder = page.locator(".winnetlab-builder").first
            builder.scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "ko-builder.png"))
            body = page.inner_text("body")
            assert "Error displaying widget" not in body
            assert "missing from font" not in body and "Glyph" not in body
            assert builder.locator("button", has_text="만들기").count() == 1
            assert builder.locator("button", has_text="초기화").count() == 1
            tabs = builder.locator(".lm-TabBar-tabLabel").all_inner_texts()
            assert tabs == ["토폴로지", "주소", "경로", "정책", "명령"], tabs
            labels = builder.locator(".widget-label").all_inner_texts()
            assert "드라이버" in labels and "서브넷" in labels, labels
            assert "용어" in body and "끝점" in body  # the glossary table
            builder.locator(".winnetlab-field-name input").fill("browsernet")
            builder.locator(".winnetlab-field-publish input").fill("9090:80")
            builder.locator(".winnetlab-field-publish input").press("Tab")
            builder.locator("button", has_text="만들기").click()
            page.wait_for_function(
                """() => document.querySelector('.winnetlab-builder').innerText.includes('만들었습니다')""",
                timeout=60000,
            )
            page.screenshot(path=str(tmp_path / "ko-after-create.png"))
        except Exception:
            page.screenshot(path=str(tmp_path / "ko-failure.png"))
            raise
        finally:
            browser.close()
    print(f"screenshots: {tmp_path / 'ko-builder.png'} {tmp_path / 'ko-after-create.png'}")
