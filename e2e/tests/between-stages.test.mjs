// Windows between the four stages: a tablet held upright (768 px), half a laptop screen
// (560-700 px), a narrow desktop window (900-1050 px), and embeds just wider than a phone
// (500-640 px), and a laptop with an imported account (its header holds one button more).
// Nothing here is one of the stages the page is designed for, so what is
// checked is what must hold anywhere: no sideways scroll, every control in the header whole
// on screen and not under another, and the diagram opening at its start (its first node in
// view), not scrolled to wherever the running example last issued credentials. Screenshots
// land in e2e/screenshots/between-*.png, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { distOrigin, guardedPage, openAccountFile, SHOTS } from '../helpers.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const ACCOUNT = fs.readFileSync(path.resolve(here, '..', '..', 'tests', 'gaad', 'api_single_account.json'), 'utf8');

const WINDOWS = [
  ['page', 560, 760, '/'],
  ['page', 768, 1024, '/'],
  ['page', 900, 700, '/'],
  ['page', 1050, 700, '/'],
  // An imported account adds the report button to the header: one row needs 1,300 px.
  ['imported account', 1150, 760, '/'],
  ['embed', 520, 480, '/?embed=1'],
  ['embed', 640, 480, '/?embed=1'],
];

/** What a person would see go wrong in a window this size, as a list of plain findings. */
function findings(page) {
  return page.evaluate(() => {
    const out = [];
    const vw = document.documentElement.clientWidth;
    const se = document.scrollingElement;
    if (se.scrollWidth > vw) out.push(`the page scrolls sideways by ${se.scrollWidth - vw}px`);
    const header = document.querySelector('.topbar');
    for (const el of header.querySelectorAll('button, a, input, select')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden]') || el.matches('.sr-only')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const name = el.getAttribute('aria-label') || el.textContent.trim() || el.getAttribute('placeholder') || el.tagName;
      if (r.left < -0.5 || r.right > vw + 0.5) out.push(`"${name}" is cut by the window's edge (${r.left.toFixed(0)}-${r.right.toFixed(0)} of ${vw})`);
      // The control's own centre must be the control (or inside it), not a neighbour over it.
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit && !el.contains(hit) && !hit.contains(el)) out.push(`"${name}" is covered by ${hit.tagName}.${hit.className}`);
      // Nor may it spill over its neighbours: its text fits its box.
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName !== 'INPUT' && el.tagName !== 'SELECT') {
        out.push(`"${name}" does not fit its own box (${el.scrollWidth} > ${el.clientWidth})`);
      }
      const px = parseFloat(style.fontSize);
      if (px < 12) out.push(`"${name}" is ${px}px`);
    }
    return out;
  });
}

/** The first node in reading order (the example's alice), whole inside the canvas or not. */
function firstNodeInView(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('[role="region"][aria-label="Canvas"]').getBoundingClientRect();
    const nodes = [...document.querySelectorAll('[aria-label="Canvas"] g.node[data-node-id]:not(.frame)')]
      .map((g) => ({ name: g.querySelector('text.name')?.textContent, box: (g.querySelector('.body') || g).getBoundingClientRect() }));
    // Reading order: the top row (nodes within 40 px of the highest), then left to right.
    const topmost = Math.min(...nodes.map((n) => n.box.top));
    const row = (n) => Math.floor((n.box.top - topmost) / 40);
    const first = [...nodes].sort((a, b) => row(a) - row(b) || a.box.left - b.box.left)[0];
    const b = first.box;
    return {
      name: first.name,
      whole: b.left >= canvas.left - 0.5 && b.right <= canvas.right + 0.5 && b.top >= canvas.top - 0.5 && b.bottom <= canvas.bottom + 0.5,
      box: `${b.left.toFixed(0)},${b.top.toFixed(0)} ${b.width.toFixed(0)}×${b.height.toFixed(0)} in ${canvas.left.toFixed(0)}-${canvas.right.toFixed(0)}, ${canvas.top.toFixed(0)}-${canvas.bottom.toFixed(0)}`,
    };
  });
}

for (const [kind, width, height, address] of WINDOWS) {
  for (const scheme of ['light', 'dark']) {
    test(`a ${width}×${height} ${kind} (${scheme}) fits its header and opens at the diagram's start`, async () => {
      const problems = [];
      const origin = await distOrigin();
      const { context, page } = await guardedPage(origin, problems, { viewport: { width, height }, colorScheme: scheme, reducedMotion: 'reduce' });
      try {
        await page.goto(origin + address);
        await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
        await page.locator('[aria-label="Canvas"] g.node[data-node-id]:not(.frame)').first().waitFor();
        if (kind === 'imported account') {
          await openAccountFile(page, ACCOUNT);
          await page.getByRole('button', { name: /Import report/ }).waitFor();
        }
        // Let the layout settle: the canvas reports its size, the view fits, the example's
        // instance receives its credentials.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 300)))));
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, `between-${kind.replace(/ /g, '-')}-${width}x${height}-${scheme}.png`) });
        const first = await firstNodeInView(page);
        assert.ok(first.whole, `the diagram opens at its start: ${first.name} is whole in the canvas (${first.box})`);
        assert.deepEqual(await findings(page), []);
        if (kind === 'embed') {
          // However short its words, the way out keeps its full name for a screen reader.
          await page.getByRole('link', { name: 'Open in IAM Playground' }).waitFor();
        }
      } finally {
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
}
