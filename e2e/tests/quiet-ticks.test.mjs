// Quiet ticks (issue 17): with a session and an EC2 instance counting down and the dock open,
// a clock tick that crosses no expiry changes nothing on the page but the clock readout and
// the countdowns. Observed with a MutationObserver over a few ticks, never by timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, choose } from '../helpers.mjs';

test('a quiet tick changes only the clock readout and the countdowns', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Simulator', exact: true }).click();
    const form = page.getByRole('region', { name: 'Assume role' });
    await choose(form.getByLabel('Caller'), 'alice');
    await choose(form.getByLabel('Role'), 'Deploy');
    await form.getByRole('button', { name: 'Assume role' }).click();
    await page.getByRole('status').filter({ hasText: 'AssumeRole succeeded' }).waitFor();
    const wallet = page.getByRole('region', { name: 'Credentials' });
    await wallet.getByRole('timer', { name: /^Credentials expires in/ }).first().waitFor();
    // Let the flow's checks finish playing (they are changes of their own): then there is
    // no next step.
    const next = page.getByRole('region', { name: 'Checks' }).getByRole('button', { name: 'Next step' });
    for (let i = 0; i < 100 && !(await next.isDisabled()); i += 1) await page.waitForTimeout(200);
    assert.ok(await next.isDisabled(), 'the checks finished playing');
    await page.waitForTimeout(300);

    // Three ticks at x1: alice's hour and web-1's credentials are far from expiring.
    const changed = await page.evaluate(() => new Promise((resolve) => {
      const seen = [];
      const observer = new MutationObserver((records) => {
        for (const r of records) {
          const el = r.target.nodeType === Node.ELEMENT_NODE ? r.target : r.target.parentElement;
          // The clock readout, a timer, or the ring drawn beside a timer.
          const timeShown = el && (el.closest('time, [role="timer"]')
            || [...(el.parentElement?.children || [])].some((c) => c.getAttribute('role') === 'timer')
            || el.closest('svg')?.parentElement?.querySelector(':scope > [role="timer"]'));
          seen.push({ time: Boolean(timeShown), what: `${r.type} ${el?.tagName} ${r.attributeName || ''} ${el?.closest('[aria-label]')?.getAttribute('aria-label') || ''}` });
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      setTimeout(() => { observer.disconnect(); resolve(seen); }, 3200);
    }));
    const elsewhere = changed.filter((c) => !c.time).map((c) => c.what);
    assert.deepEqual(elsewhere, [], 'nothing but time changed on a quiet tick');
    assert.ok(changed.some((c) => c.what.includes('TIME')), 'the clock readout moved');
    assert.ok(changed.length > 0);
  });
});
