// UI check "hover": a person rests the mouse on a weekly's GitHub link and sees the preview of the
// linked minutes. Request: {"text": "a piece of the link text", "expect": [...]}. Saves docs/images/hover.png.
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export default async function hover(page, request, { screenshotDir, log }) {
  const { text, expect } = request ?? {};
  if (!text || !Array.isArray(expect)) throw new Error('request needs "text" and "expect"');
  // A long link wraps and splits into tokens: find its view line, and rest on the link's text.
  const line = page.locator('.editor-group-container.active .view-line', { hasText: text }).first();
  await line.waitFor({ state: 'visible', timeout: 15_000 });
  const target = line.locator('span span', { hasText: /github|example|blob|minutes/ }).last();
  const deadline = Date.now() + 25_000;
  let shown = '';
  for (;;) {
    const box = await target.boundingBox();
    if (box) {
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + Math.min(20, box.width / 2), box.y + box.height / 2);
    }
    await sleep(1500);
    shown = (await page.locator('.monaco-hover').allInnerTexts().catch(() => [])).join('\n');
    if (expect.every((s) => shown.includes(s))) break;
    if (Date.now() > deadline) throw new Error(`the hover does not show ${JSON.stringify(expect)}; it shows:\n${shown || '(nothing)'}`);
    await page.mouse.move(1, 1);
    await sleep(300);
  }
  log('the hover shows the preview');
  const shot = join(screenshotDir, 'hover.png');
  await page.screenshot({ path: shot });
  log(`screenshot ${shot}`);
  await page.mouse.move(1, 1);
}
