"""Real-browser check: every tutorial (and the Korean 00-start-here) in JupyterLab, driven
by headless Chromium.

One JupyterLab server runs on a temporary copy of the tutorials (outputs cleared, so every
output on the page comes from this run); Debian's /usr/bin/chromium is driven through the
``playwright`` pip package (never ``playwright install``).  A few browser pages work through
the notebooks in parallel, each page one JupyterLab app that opens one notebook after the
other: Run All Cells (the Run menu's command), wait for the kernel's replies to every cell
(no fixed sleeps), check, close the notebook and shut its kernel down.  Each notebook must
show no traceback, render every widget, accept Create with the form's defaults (a real
kernel round trip), cut off no output and keep its widgets inside the notebook column.  The
Korean edition's first notebook must run with Korean widget labels and tab titles, and its
figures must draw without a "Glyph … missing from font" warning.  Screenshots are saved in
tests/browser-screens/ (git-ignored) for a human to look at.
"""

import json
import os
import re
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


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A JupyterLab server on a fresh copy of the tutorials; yields its base URL."""
    tmp_path = tmp_path_factory.mktemp("jupyterlab")
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
            "--expose-app-in-browser",  # window.jupyterapp: open notebooks, run commands, await replies
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


TUTORIALS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
KOREAN = "ko/00-start-here.ipynb"
PARALLEL = 3  # browser pages at work at once (each runs one notebook's kernel at a time)
SHOTS = ROOT / "tests" / "browser-screens"  # kept after the run for a human to look at

APP_READY = "() => window.jupyterapp !== undefined && document.querySelector('#jp-main-dock-panel') !== null"
# Open a notebook, wait for its kernel, Run All Cells; resolves when every cell has its reply.
RUN_ALL = r"""async (path) => {
    const app = window.jupyterapp;
    await app.restored;
    const panel = await app.commands.execute('docmanager:open', {path, factory: 'Notebook'});
    await panel.context.ready;
    await panel.sessionContext.ready;
    await panel.sessionContext.session.kernel.info;
    app.shell.activateById(panel.id);
    window.winnetlabPanel = panel;
    return await app.commands.execute('notebook:run-all-cells');
}"""
CLOSE = r"""async () => {
    const panel = window.winnetlabPanel;
    await panel.sessionContext.shutdown();
    panel.dispose();
}"""
# Widgets draw after the kernel replied: every widget output has its view, every image loaded.
RENDERED = r"""(builders) => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    if (!panel) return false;
    const views = [...panel.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]')];
    return views.every(v => v.querySelector('.jupyter-widgets') && !/Loading widget/.test(v.innerText))
        && panel.querySelectorAll('.winnetlab-builder .winnetlab-topology img').length >= builders
        && [...panel.querySelectorAll('img')].every(i => i.complete);
}"""

# Outputs a learner would trip over: a traceback, a widget that did not render, any element
# whose content is wider than its box without a scroll bar of its own (JupyterLab or another
# renderer would cut it off), and a widget wider than the notebook column.
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
        const widgets = '.winnetlab-builder, .winnetlab-trace-explorer, .winnetlab-comparison';
        out.querySelectorAll(`${widgets}, :is(${widgets}) *`).forEach(w => {
            if (w.clientWidth > 0 && w.scrollWidth > w.clientWidth + 2)  // a part sticks out of its box
                found.push(`cell ${i}: <${w.tagName.toLowerCase()} class="${w.className}"> of a widget is ` +
                           `${w.scrollWidth - w.clientWidth}px wider than its box`);
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


async def run_all(page, notebook):
    """Open ``notebook`` in the page's JupyterLab, Run All Cells, wait until all is drawn."""
    await page.evaluate(RUN_ALL, notebook)
    await page.wait_for_function(RENDERED, arg=widget_cells(notebook), timeout=120000)


async def close(page):
    await page.evaluate(CLOSE)


async def check_tutorial(page, notebook):
    """Checks on a tutorial after Run All: no error, every widget, Create with the defaults."""
    stem = notebook[: -len(".ipynb")]
    problems = await page.evaluate(PROBLEMS)
    expected = widget_cells(notebook)
    if await page.evaluate(BUILDERS) != expected:
        problems.append(f"{await page.evaluate(BUILDERS)} NetworkBuilders rendered, {expected} expected")
    await page.screenshot(path=str(SHOTS / f"{stem}-top.png"))
    if not expected:
        return problems
    builder = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .winnetlab-builder").first
    await builder.scroll_into_view_if_needed()
    await page.screenshot(path=str(SHOTS / f"{stem}-builder.png"))
    create = builder.locator("button", has_text="Create")
    if await create.is_disabled():  # no valid default: the form must say why and what to do
        message = await builder.locator(".winnetlab-message").inner_text()
        if "No adapter" not in message or "add_adapter" not in message:
            problems.append(f"Create is off without a reason: {message}")
        return problems
    await create.click()  # the form's defaults
    message = builder.locator(".winnetlab-message")
    await message.filter(has_text=re.compile("Created network|Error|No adapter")).wait_for(timeout=60000)
    if "Created network" not in await message.inner_text():
        problems.append(f"Create with the defaults: {await message.inner_text()}")
    await page.screenshot(path=str(SHOTS / f"{stem}-after-create.png"))
    return problems


async def check_korean(page, notebook):
    """ko/00: Korean labels and tabs, the glossary, no missing glyph, 만들기 (Create) works."""
    problems = await page.evaluate(PROBLEMS)
    builder = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .winnetlab-builder").first
    await builder.scroll_into_view_if_needed()
    await page.screenshot(path=str(SHOTS / "ko-00-builder.png"))
    body = await page.inner_text("body")
    if "Error displaying widget" in body or "missing from font" in body or "Glyph" in body:
        problems.append("a widget error or a missing glyph on the page")
    for label in ("만들기", "초기화"):
        if await builder.locator("button", has_text=label).count() != 1:
            problems.append(f"no button {label}")
    tabs = await builder.locator(".lm-TabBar-tabLabel").all_inner_texts()
    if tabs != ["토폴로지", "주소", "경로", "정책", "명령"]:
        problems.append(f"tabs {tabs}")
    labels = await builder.locator(".widget-label").all_inner_texts()
    if "드라이버" not in labels or "서브넷" not in labels:
        problems.append(f"labels {labels}")
    if "용어" not in body or "끝점" not in body:
        problems.append("no glossary table")
    await builder.locator(".winnetlab-field-name input").fill("browsernet")
    await builder.locator(".winnetlab-field-publish input").fill("9090:80")
    await builder.locator(".winnetlab-field-publish input").press("Tab")
    await builder.locator("button", has_text="만들기").click()
    await builder.locator(".winnetlab-message", has_text="만들었습니다").wait_for(timeout=60000)
    await page.screenshot(path=str(SHOTS / "ko-00-after-create.png"))
    return problems


async def look_at(page, notebook):
    """Run All in one notebook and check it; the problems found (an exception is one)."""
    try:
        await run_all(page, notebook)
        check = check_korean if notebook == KOREAN else check_tutorial
        return await check(page, notebook)
    except Exception as exc:  # one notebook's failure must not hide the others'
        await page.screenshot(path=str(SHOTS / f"{notebook.replace('/', '-')}-failure.png"))
        return [f"{type(exc).__name__}: {exc}"[:400]]
    finally:
        await close(page)


async def look_at_all(base, notebooks):
    """{notebook: problems}: PARALLEL pages take the notebooks from one queue, biggest first."""
    import asyncio

    from playwright.async_api import async_playwright

    SHOTS.mkdir(exist_ok=True)
    queue = asyncio.Queue()
    for notebook in sorted(notebooks, key=lambda n: -(ROOT / "notebooks" / n).stat().st_size):
        queue.put_nowait(notebook)
    found, seconds = {}, {}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)

        async def worker(number):
            page = await browser.new_page(viewport={"width": 1400, "height": 1000})
            await page.goto(
                f"{base}/lab/workspaces/w{number}?token={TOKEN}&reset", wait_until="domcontentloaded"
            )
            await page.wait_for_function(APP_READY, timeout=120000)
            while not queue.empty():
                notebook = queue.get_nowait()
                started = time.monotonic()
                found[notebook] = [f"{notebook}: {p}" for p in await look_at(page, notebook)]
                seconds[notebook] = time.monotonic() - started
            await page.close()

        try:
            await asyncio.gather(*(worker(i) for i in range(PARALLEL)))
        finally:
            await browser.close()
    print("seconds per notebook: " + ", ".join(f"{n} {s:.0f}" for n, s in sorted(seconds.items())))
    return found


@pytest.fixture(scope="module")
def looked_at(jupyterlab):
    """Every tutorial and the Korean 00, each run and checked once: {notebook: problems}."""
    import asyncio

    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    started = time.monotonic()
    found = asyncio.run(look_at_all(jupyterlab, [*TUTORIALS, KOREAN]))
    print(f"{len(found)} notebooks in {time.monotonic() - started:.0f} s; screenshots: {SHOTS}")
    return found


def test_every_tutorial_runs_renders_creates_and_clips_nothing(looked_at):
    """Every tutorial: Run All with no error, every widget rendered, Create with the form's
    defaults succeeds, no output cut off, widgets inside the column; screenshots saved."""
    assert set(TUTORIALS) <= set(looked_at)
    problems = [p for notebook in TUTORIALS for p in looked_at[notebook]]
    assert not problems, "\n".join(problems)


def test_korean_notebook_runs_with_korean_labels_and_no_missing_glyph(looked_at):
    assert not looked_at[KOREAN], "\n".join(looked_at[KOREAN])
