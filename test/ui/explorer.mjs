// UI check "explorer": a person opens the Minutes container and sees a week with its weekly and
// teams in the Weeks view, and the weekly's sections and links in the Outline view.
// Request: {"week": "2026-W53", "expect": ["text", ...]}. Saves docs/images/weeks-view.png.
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function rowsText(page) {
  return (await page.locator('.pane-body .monaco-list-row').allInnerTexts()).join('\n');
}

export default async function explorer(page, request, { screenshotDir, log }) {
  const { week, expect } = request ?? {};
  if (!week || !Array.isArray(expect)) throw new Error('request needs "week" and "expect"');

  const icon = page.locator('.activitybar .action-label[aria-label^="Minutes"]');
  await icon.first().waitFor({ state: 'visible', timeout: 15_000 });
  const container = page.locator('.pane-header', { hasText: 'Weeks' });
  if (!(await container.count())) await icon.first().click();
  await container.first().waitFor({ state: 'visible', timeout: 15_000 });
  log('Minutes container open');

  const weekRow = page.locator('.monaco-list-row', { hasText: week }).first();
  await weekRow.waitFor({ state: 'visible', timeout: 15_000 });
  if ((await weekRow.getAttribute('aria-expanded')) === 'false') await weekRow.click();

  const deadline = Date.now() + 15_000;
  let text = '';
  for (;;) {
    text = await rowsText(page);
    const missing = expect.filter((s) => !text.includes(s));
    if (!missing.length) break;
    if (Date.now() > deadline) throw new Error(`the Minutes views do not show ${JSON.stringify(missing)}; they show:\n${text}`);
    await sleep(300);
  }
  log(`views list all ${expect.length} expected entries`);
  // Toasts left by earlier tests would cover the panel: their close button shows on hover.
  for (const toast of await page.locator('.notification-toast').all()) {
    await toast.hover({ timeout: 1000 }).catch(() => {});
    await toast.locator('.codicon-notifications-clear').first().click({ timeout: 1000 }).catch(() => {});
  }
  await page.mouse.move(1, 1);
  await sleep(400);
  const shot = join(screenshotDir, 'weeks-view.png');
  await page.screenshot({ path: shot });
  log(`screenshot ${shot}`);
}
