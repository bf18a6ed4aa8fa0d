// UI check "link-weekly": Link This Week's Team Minutes shows its changes, every one ticked, and
// Enter applies them. Request: {"expect": ["text", ...]} (each a change that must be listed).
// Checks each row's tick, saves docs/images/link-weekly.png, then presses Enter.
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default async function linkWeekly(page, request, { screenshotDir, log }) {
  const expect = request?.expect;
  if (!Array.isArray(expect) || !expect.length) throw new Error('request.expect must be a non-empty array of strings');
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible', timeout: 15_000 });
  const rows = widget.locator('.monaco-list-row');
  const deadline = Date.now() + 15_000;
  let texts = [];
  for (;;) {
    texts = (await rows.allInnerTexts()).map((t) => t.trim());
    const missing = expect.filter((s) => !texts.some((t) => t.includes(s)));
    if (!missing.length) break;
    if (Date.now() > deadline) throw new Error(`the pick list does not show ${JSON.stringify(missing)}; it shows:\n${texts.join('\n')}`);
    await sleep(300);
  }
  // Every row ticked: the row's aria-checked, or its checkbox input.
  const states = await rows.evaluateAll((rs) =>
    rs.map((r) => {
      const aria = r.getAttribute('aria-checked');
      const box = r.querySelector('input[type=checkbox]');
      const toggle = r.querySelector('.monaco-custom-toggle, .monaco-checkbox');
      return aria === 'true' || box?.checked === true || toggle?.classList.contains('checked') || toggle?.getAttribute('aria-checked') === 'true';
    }),
  );
  if (!states.length || states.some((s) => !s)) throw new Error(`not every change is ticked: ${JSON.stringify(states)} for ${JSON.stringify(texts)}`);
  log(`${states.length} changes listed, all ticked`);
  await page.mouse.move(1, 1);
  await sleep(300);
  const shot = join(screenshotDir, 'link-weekly.png');
  await page.screenshot({ path: shot });
  log(`screenshot ${shot}`);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
}
