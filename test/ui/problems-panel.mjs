// UI check "problems-panel": a person sees the extension's problems in VS Code's Problems panel.
// Request: {"expect": ["text", ...], "file": "relative/path.md"} (file relative to the workspace),
// optionally "absent": ["text", ...] (must not be in the panel) and "statusbar": ["text", ...] (must be in the status bar).
// Shows `file` in the editor, opens the Problems panel (Ctrl+Shift+M), waits until the panel's
// text contains every expected string, and saves docs/images/problems-panel.png (whole window).
import { join, basename } from 'node:path';

const WAIT_MS = 20_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Is `file` (relative path) in the active editor? Tab label = file name; breadcrumbs = path segments. */
async function fileIsActive(page, file) {
  const tab = page.locator('.editor-group-container.active .tabs-container .tab.active');
  if (!(await tab.count()) || (await tab.first().getAttribute('data-resource-name')) !== basename(file)) return false;
  const crumbs = (await page.locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item').allInnerTexts()).map((t) => t.trim());
  const segments = file.split(/[\\/]/).filter(Boolean);
  // Breadcrumbs off: the name has to do.
  return !crumbs.length || segments.every((seg, i) => crumbs[i] === seg);
}

/** Opens `file` through Quick Open (Ctrl+P), as a person would. */
async function openFile(page, file, log) {
  log(`opening ${file} with Quick Open`);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(file);
  // Wait for a result row for this file name, then take it.
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: basename(file) }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  const deadline = Date.now() + 10_000;
  while (!(await fileIsActive(page, file))) {
    if (Date.now() > deadline) throw new Error(`could not open ${file} in the editor (Quick Open needs ripgrep)`);
    await sleep(200);
  }
}

/**
 * The panel's text, including rows the virtualized list has not rendered: when the rendered
 * rows lack something, scroll the list down with the mouse wheel collecting rows by their
 * data-index, then back to the top. (Keyboard paging would move the editor to each problem.)
 */
async function panelText(page, expect) {
  const panel = page.locator('.markers-panel');
  const rendered = () => page.$$eval('.markers-panel .monaco-list-row', (rs) => rs.map((r) => [Number(r.dataset.index), r.innerText]));
  // The list scrolls by moving its rows container: its `top` is minus the scroll offset.
  const scrollTop = () => page.$eval('.markers-panel .monaco-list-rows', (e) => -parseFloat(e.style.top || '0') || 0).catch(() => 0);
  const byIndex = new Map(await rendered());
  if (!byIndex.size) return panel.innerText(); // e.g. "No problems have been detected in the workspace."
  const text = () => [...byIndex].sort((x, y) => x[0] - y[0]).map(([, t]) => t).join('\n');
  if (expect.every((s) => text().includes(s))) return text();
  const box = await panel.locator('.monaco-list').first().boundingBox();
  if (!box) return text();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // One wheel event scrolls about 2 rows whatever its delta; 3 per look keeps the looks overlapping.
  for (let i = 0, last = -1; i < 2000; i++) {
    for (let k = 0; k < 3; k++) await page.mouse.wheel(0, 200);
    await sleep(40);
    for (const [idx, t] of await rendered()) byIndex.set(idx, t);
    const top = await scrollTop();
    if (top === last) break; // bottom reached
    last = top;
  }
  for (let i = 0; i < 2000 && (await scrollTop()) > 0; i++) {
    for (let k = 0; k < 5; k++) await page.mouse.wheel(0, -200);
    await sleep(40);
  }
  return text();
}

export default async function problemsPanel(page, request, { screenshotDir, log }) {
  const expect = request?.expect;
  if (!Array.isArray(expect) || !expect.length) throw new Error('request.expect must be a non-empty array of strings');

  if (request.file && !(await fileIsActive(page, request.file))) await openFile(page, request.file, log);

  // Ctrl+Shift+M toggles: press it only when the panel is not already showing.
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => {
    throw new Error('the Problems panel (.markers-panel) did not open after Ctrl+Shift+M');
  });

  const deadline = Date.now() + WAIT_MS;
  let text = '';
  let missing = expect;
  while (missing.length) {
    text = await panelText(page, expect);
    missing = expect.filter((s) => !text.includes(s));
    if (!missing.length) break;
    if (Date.now() > deadline) {
      const lines = text.trim().split('\n');
      const shown = lines.length > 40 ? [...lines.slice(0, 40), `... (${lines.length - 40} more lines)`] : lines;
      const miss = missing.length > 10 ? [...missing.slice(0, 10), `... and ${missing.length - 10} more`] : missing;
      throw new Error(`the Problems panel does not show ${JSON.stringify(miss)} after ${WAIT_MS / 1000} s; it shows:\n${shown.join('\n') || '(nothing)'}`);
    }
    await sleep(300);
  }
  log(`panel lists all ${expect.length} expected problem(s)`);
  const present = (request.absent ?? []).filter((s) => text.includes(s));
  if (present.length) throw new Error(`the Problems panel shows ${JSON.stringify(present)}, which should be hidden; it shows:\n${text}`);
  if (Array.isArray(request.statusbar) && request.statusbar.length) {
    const bar = page.locator('.part.statusbar');
    const until = Date.now() + WAIT_MS;
    let barText = '';
    while (!request.statusbar.every((s) => barText.includes(s))) {
      if (Date.now() > until) throw new Error(`the status bar does not show ${JSON.stringify(request.statusbar)}; it shows: ${barText}`);
      barText = await bar.innerText().catch(() => '');
      await sleep(300);
    }
    log(`status bar shows ${JSON.stringify(request.statusbar)}`);
  }

  // A clean picture: no pop-up notifications over the panel, mouse off any hover.
  for (const close of await page.locator('.notification-toast .codicon-notifications-clear').all()) await close.click().catch(() => {});
  await page.mouse.move(1, 1);
  await sleep(300);
  const shot = join(screenshotDir, 'problems-panel.png');
  await page.screenshot({ path: shot });
  log(`screenshot ${shot}`);
}
