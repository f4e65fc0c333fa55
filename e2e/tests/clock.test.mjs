// The simulated clock in the status bar: runs in real time, pauses, speeds up, jumps ahead.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../helpers.mjs';

const readClock = async (page) => Date.parse(await page.locator('time.clock').getAttribute('datetime'));

test('the simulated clock runs, pauses and advances 15 minutes', async (t) => {
  await withPage(t, async ({ page }) => {
    // At x1 the simulated clock moves with real time: by no more than the real time between
    // the two readings (plus a tick), whatever a busy machine makes of the wait.
    const r0 = Date.now();
    const t0 = await readClock(page);
    await page.waitForTimeout(2200);
    const t1 = await readClock(page);
    const real = Date.now() - r0;
    assert.ok(t1 - t0 >= 1000 && t1 - t0 <= real + 1000, `x1 clock moved ${t1 - t0} ms in ${real} ms`);

    await page.getByRole('button', { name: 'Pause' }).click();
    const p0 = await readClock(page);
    await page.waitForTimeout(1200);
    assert.equal(await readClock(page), p0, 'a paused clock stands still');

    await page.getByRole('button', { name: 'Advance 15 minutes' }).click();
    assert.equal(await readClock(page), p0 + 15 * 60 * 1000);

    await page.getByRole('combobox', { name: 'Speed' }).selectOption('x600');
    await page.getByRole('button', { name: 'Play' }).click();
    const s0 = await readClock(page);
    await page.waitForTimeout(1000);
    const s1 = await readClock(page);
    assert.ok(s1 - s0 >= 300_000, `at x600 one real second is minutes of simulated time (moved ${s1 - s0} ms)`);
  });
});
