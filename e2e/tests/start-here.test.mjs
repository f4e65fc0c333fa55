// A first visit (nothing in local storage, not an embed, no share link) is offered "Start
// here: IAM user vs IAM role" beside the canvas, never over a node; taking or dismissing it
// is remembered, and an edit puts it away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, SHOTS } from '../helpers.mjs';

const STAGES = [
  { stage: 'desk', viewport: { width: 1400, height: 860 } },
  { stage: 'present-size', viewport: { width: 1280, height: 720 } },
  { stage: 'phone', viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true } },
];

/** The card's box, whether the page scrolls sideways, and every node centre that is covered. */
function geometry(page) {
  return page.evaluate(() => {
    const card = document.querySelector('[role="region"][aria-label="Start here"]');
    const b = card.getBoundingClientRect();
    const canvas = document.querySelector('[role="region"][aria-label="Canvas"]');
    const r = canvas.getBoundingClientRect();
    const covered = [...canvas.querySelectorAll('g.node[data-node-id]:not(.frame)')].flatMap((g) => {
      const n = (g.querySelector('.body') || g).getBoundingClientRect();
      const cx = n.left + n.width / 2;
      const cy = n.top + n.height / 2;
      if (cx < r.left || cx > r.right || cy < r.top || cy > r.bottom) return [];
      const hit = document.elementFromPoint(cx, cy);
      return hit && g.contains(hit) ? [] : [g.getAttribute('aria-label')];
    });
    const se = document.scrollingElement;
    const px = Math.min(...[...card.querySelectorAll('p, button')].map((e) => parseFloat(getComputedStyle(e).fontSize)));
    return {
      box: { left: b.left, top: b.top, right: b.right, bottom: b.bottom },
      vw: innerWidth, vh: innerHeight, covered, px, sideways: se.scrollWidth - se.clientWidth,
      nodes: canvas.querySelectorAll('g.node[data-node-id]:not(.frame)').length,
    };
  });
}

for (const { stage, viewport, context } of STAGES) {
  for (const colorScheme of ['light', 'dark']) {
    test(`a first visit on a ${stage} (${viewport.width}×${viewport.height}, ${colorScheme}) is offered Start here, which opens IAM user vs IAM role at step 1`, async (t) => {
      await withPage(t, async ({ page }) => {
        const card = page.getByRole('region', { name: 'Start here' });
        await card.waitFor();
        const g = await geometry(page);
        assert.ok(g.nodes > 0, 'the example diagram shows');
        assert.deepEqual(g.covered, [], 'no node centre is covered while Start here shows');
        assert.ok(g.box.left >= 0 && g.box.top >= 0 && g.box.right <= g.vw + 0.5 && g.box.bottom <= g.vh + 0.5,
          `the card is inside the window (${JSON.stringify(g.box)})`);
        assert.ok(g.px >= 12, `the card's text is ${g.px} px`);
        assert.ok(g.sideways <= 0, 'no sideways scroll');
        await page.screenshot({ path: path.join(SHOTS, `start-here-${stage}-${colorScheme}.png`) });
        const start = card.getByRole('button', { name: /^Start here: IAM user vs IAM role/ });
        assert.ok(await start.isVisible());
        await start.click();
        const guide = page.getByRole('region', { name: 'Guided steps' });
        await guide.waitFor();
        assert.match(await guide.innerText(), /Step 1 of 8/);
        await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'IAM user vs IAM role');
        await card.waitFor({ state: 'detached' });
        // Taken once, it does not come back (the story is open after a reload; close it).
        await page.reload();
        await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
        await page.waitForTimeout(300);
        assert.equal(await card.count(), 0, 'Start here does not come back once taken');
      }, { viewport, colorScheme, context });
    });
  }
}

test('No thanks puts Start here away for good, and a corrupt remembered value breaks nothing', async (t) => {
  await withPage(t, async ({ page }) => {
    const card = page.getByRole('region', { name: 'Start here' });
    await card.getByRole('button', { name: 'No thanks' }).click();
    await card.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await page.getByRole('button', { name: 'Role Deploy', exact: true }).waitFor();
    assert.equal(await card.count(), 0, 'a reload after dismissing does not show it again');
    // Whatever is stored under the offer's key, the page loads and does not offer it again.
    await page.evaluate(() => localStorage.setItem('iam-playground/start-here', '{"not": json\u0000'));
    await page.reload();
    await page.getByRole('button', { name: 'Role Deploy', exact: true }).waitFor({ timeout: 15000 });
    assert.equal(await card.count(), 0);
  });
});

test('an edit puts Start here away; an embed never shows it', async (t) => {
  await withPage(t, async ({ page, origin }) => {
    const card = page.getByRole('region', { name: 'Start here' });
    await card.waitFor();
    await page.getByRole('button', { name: 'User bob', exact: true }).click();
    await page.keyboard.press('Delete');
    await page.getByRole('button', { name: 'User bob', exact: true }).waitFor({ state: 'detached' });
    await card.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'User bob', exact: true }).waitFor();
    assert.equal(await card.count(), 0, 'Undo does not bring the offer back');
    await page.evaluate(() => localStorage.clear());
    await page.goto(origin + '/?embed=1');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await page.waitForTimeout(300);
    assert.equal(await card.count(), 0, 'an embed is not offered Start here');
  });
});
