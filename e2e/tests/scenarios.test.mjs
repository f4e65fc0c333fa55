// The scenario library: every built-in scenario is listed by title, loads with the undoable
// Load, and gets a screenshot to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, unnamedControls, SHOTS } from '../helpers.mjs';

const TITLES = [
  'IAM user vs IAM role',
  'EC2 instance role',
  'Lambda execution role',
  'Cross-account access',
  'Third-party access with ExternalId',
  'MFA-protected admin role',
  'GitHub Actions deploys with OIDC',
  'Role chaining and its one-hour limit',
  'Permissions boundary and SCP',
];

test('the library lists every built-in scenario as a named list item', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scenarios' });
    const items = dialog.getByRole('listitem');
    assert.equal(await items.count(), TITLES.length);
    for (const t of TITLES) assert.ok(await dialog.getByRole('listitem', { name: t }).isVisible(), t);
    assert.deepEqual(await unnamedControls(page), []);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

for (const [scheme, titles] of [['light', TITLES], ['dark', TITLES.slice(0, 3)]]) {
  test(`every built-in scenario loads (${scheme})`, async (t) => {
    await withPage(t, async ({ page }) => {
      for (const [i, name] of titles.entries()) {
        await page.getByRole('button', { name: 'Scenarios' }).click();
        await page.getByRole('listitem', { name }).getByRole('button').click();
        await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, name);
        const guide = page.getByRole('region', { name: 'Guided steps' });
        assert.match(await guide.innerText(), /Step 1 of \d+/);
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(SHOTS, `scenario-${scheme}-${i + 1}.png`) });
      }
      // Each load was one undo step.
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, titles[titles.length - 2]);
    }, { colorScheme: scheme });
  });
}
