"""Real-browser check: every tutorial (and the Korean 00-start-here) in JupyterLab, driven
by headless Chromium.

JupyterLab runs on a temporary copy of the tutorials (outputs cleared, so every output on the
page comes from this run), Debian's /usr/bin/chromium is driven through the ``playwright``
pip package (never ``playwright install``), all cells are run from the Run menu (three
notebooks at a time), and each notebook must show no traceback, render every widget, accept
Create with the form's defaults (a real kernel round trip), and cut off no output.  The Korean edition's first notebook must run with Korean widget labels
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


TUTORIALS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
PARALLEL = 3  # notebooks in flight at once (each has its own kernel)
SHOTS = ROOT / "tests" / "browser-screens"  # kept after the run for a human to look at

# Outputs a learner would trip over: a traceback, a widget that did not render, and any
# element whose content is wider than its box without a scroll bar of its own (JupyterLab
# or another renderer would cut it off).
PROBLEMS = r"""() => {
    const found = [];
    document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').forEach((cell, i) => {
        const out = cell.querySelector('.jp-OutputArea');
        if (!out) return;
        const text = out.innerText;
        if (/Traceback \(most recent call last\)/.test(text)) found.push(`cell ${i}: traceback`);
        if (/Error displaying widget|Loading widget|model not found/.test(text)) found.push(`cell ${i}: widget not rendered`);
        out.querySelectorAll('.jp-OutputArea-output *').forEach(e => {
            if (e.clientWidth === 0 || e.scrollWidth <= e.clientWidth + 2) return;
            const ox = getComputedStyle(e).overflowX;
            if (ox !== 'auto' && ox !== 'scroll')
                found.push(`cell ${i}: <${e.tagName.toLowerCase()}> clips ${e.scrollWidth - e.clientWidth}px: ` +
                           (e.innerText || '').split('\n')[0].slice(0, 60));
        });
    });
    return found;
}"""
BUILDERS = (
    r"""() => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .winnetlab-builder').length"""
)


def widget_cells(notebook):
    """How many NetworkBuilder displays a notebook's sources make (each must render)."""
    nb = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))
    return sum("NetworkBuilder(" in "".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


async def look_at(browser, base, notebook, number):
    """Run All in one tutorial, check it, press Create with the defaults; return problems."""
    stem = notebook[: -len(".ipynb")]
    page = await browser.new_page(viewport={"width": 1400, "height": 1000})
    problems = []
    try:
        url = f"{base}/lab/workspaces/w{number}/tree/{notebook}?token={TOKEN}&reset"
        await page.goto(url, wait_until="domcontentloaded")
        await page.wait_for_function(KERNEL_IDLE, timeout=120000)
        await page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        await page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        await page.wait_for_function(ALL_CELLS_RAN, timeout=240000)
        await page.wait_for_timeout(1500)  # the last figures and widgets finish rendering
        problems += await page.evaluate(PROBLEMS)
        expected = widget_cells(notebook)
        if await page.evaluate(BUILDERS) != expected:
            problems.append(f"{await page.evaluate(BUILDERS)} NetworkBuilders rendered, {expected} expected")
        await page.screenshot(path=str(SHOTS / f"{stem}-top.png"))
        if expected:
            builder = page.locator(".winnetlab-builder").first
            await builder.scroll_into_view_if_needed()
            await page.screenshot(path=str(SHOTS / f"{stem}-builder.png"))
            create = builder.locator("button", has_text="Create")
            if await create.is_disabled():  # no valid default: the form must say why and what to do
                message = await builder.locator(".winnetlab-message").inner_text()
                if "No adapter" not in message or "add_adapter" not in message:
                    problems.append(f"Create is off without a reason: {message}")
                return [f"{notebook}: {p}" for p in problems]
            await create.click()  # the form's defaults
            await page.wait_for_function(
                """() => /Created network|Error|No adapter/.test(
                        document.querySelector('.winnetlab-builder .winnetlab-message').innerText)""",
                timeout=60000,
            )
            message = await builder.locator(".winnetlab-message").inner_text()
            if "Created network" not in message:
                problems.append(f"Create with the defaults: {message}")
            await page.screenshot(path=str(SHOTS / f"{stem}-after-create.png"))
    except Exception as exc:  # one notebook's failure must not hide the others'
        problems.append(f"{type(exc).__name__}: {exc}"[:400])
        await page.screenshot(path=str(SHOTS / f"{stem}-failure.png"))
    finally:
        await page.close()
    return [f"{notebook}: {p}" for p in problems]


async def look_at_all(base):
    import asyncio

    from playwright.async_api import async_playwright

    SHOTS.mkdir(exist_ok=True)
    gate = asyncio.Semaphore(PARALLEL)
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

        async def one(number, notebook):
            async with gate:
                return await look_at(browser, base, notebook, number)

        try:
            found = await asyncio.gather(*(one(i, nb) for i, nb in enumerate(TUTORIALS)))
        finally:
            await browser.close()
    return [p for problems in found for p in problems]


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_every_tutorial_runs_renders_creates_and_clips_nothing(jupyterlab):
    """Every tutorial: Run All with no error, every widget rendered, Create with the form's
    defaults succeeds, no output cut off; screenshots in tests/browser-screens/."""
    import asyncio

    problems = asyncio.run(look_at_all(jupyterlab))
    print(f"screenshots: {SHOTS}")
    assert not problems, "\n".join(problems)


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
