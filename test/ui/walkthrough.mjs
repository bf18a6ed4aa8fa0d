// UI check "walkthrough": the Getting Started page of Minutes Workbench shows its steps.
// Request: {"expect": ["step title", ...]}. Saves docs/images/walkthrough.png.
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default async function walkthrough(page, request, { screenshotDir, log }) {
  const expect = request?.expect;
  if (!Array.isArray(expect) || !expect.length) throw new Error('request.expect must be a non-empty array of strings');
  const container = page.locator('.gettingStartedContainer');
  await container.first().waitFor({ state: 'visible', timeout: 20_000 });
  const deadline = Date.now() + 20_000;
  let text = '';
  for (;;) {
    text = await container.first().innerText().catch(() => '');
    const missing = expect.filter((s) => !text.includes(s));
    if (!missing.length) break;
    if (Date.now() > deadline) throw new Error(`the walkthrough does not show ${JSON.stringify(missing)}; it shows:\n${text.slice(0, 2000)}`);
    await sleep(300);
  }
  log(`walkthrough shows all ${expect.length} steps`);
  for (const toast of await page.locator('.notification-toast').all()) {
    await toast.hover({ timeout: 1000 }).catch(() => {});
    await toast.locator('.codicon-notifications-clear').first().click({ timeout: 1000 }).catch(() => {});
  }
  await page.mouse.move(1, 1);
  await sleep(1500); // the step's Markdown renders in a webview
  const shot = join(screenshotDir, 'walkthrough.png');
  await page.screenshot({ path: shot });
  log(`screenshot ${shot}`);
}
