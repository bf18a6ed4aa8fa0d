// UI check "quick-fix": a person puts the cursor on a broken link, opens the light bulb menu
// (Ctrl+.) and sees the fix. Request: {"expect": ["fix title", …]}. Saves docs/images/quick-fix.png.
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default async function quickFix(page, request, { screenshotDir, log }) {
  const expect = request?.expect;
  if (!Array.isArray(expect) || !expect.length) throw new Error('request.expect must list the fix titles');
  // Focus the editor text (the cursor is where the test put it), then ask for code actions.
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Escape');
  await page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
  const menu = page.locator('.action-widget');
  const deadline = Date.now() + 20_000;
  let text = '';
  for (;;) {
    await page.keyboard.press('Control+.');
    await sleep(800);
    text = (await menu.allInnerTexts().catch(() => [])).join('\n');
    if (expect.every((s) => text.includes(s))) break;
    if (Date.now() > deadline) throw new Error(`the light bulb menu does not list ${JSON.stringify(expect)}; it shows:\n${text || '(nothing)'}`);
    await page.keyboard.press('Escape');
    await sleep(500);
  }
  log('the light bulb menu lists the fix');
  for (const close of await page.locator('.notification-toast .codicon-notifications-clear').all()) await close.click({ timeout: 1000 }).catch(() => {});
  await sleep(300);
  const shot = join(screenshotDir, 'quick-fix.png');
  await page.screenshot({ path: shot });
  log(`screenshot ${shot}`);
  await page.keyboard.press('Escape');
}
