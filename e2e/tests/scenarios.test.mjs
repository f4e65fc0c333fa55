// The scenario library: every built-in scenario is listed by title, loads with the undoable
// Load, and gets a screenshot to look at.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withPage, unnamedControls, SHOTS } from '../helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

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
    await page.screenshot({ path: path.join(SHOTS, 'scenario-library-open.png') });
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

test('a scenario file dropped on the page opens with its guided steps', async (t) => {
  const file = fs.readFileSync(path.resolve(here, '..', '..', 'static', 'scenarios', 'role-chaining.scenario.json'), 'utf8');
  await withPage(t, async ({ page }) => {
    const drop = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'role-chaining.scenario.json', { type: 'application/json' }));
      return dt;
    }, file);
    await page.getByRole('region', { name: 'Canvas' }).dispatchEvent('drop', { dataTransfer: drop });
    await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'Role chaining and its one-hour limit');
    assert.match(await page.getByRole('region', { name: 'Guided steps' }).innerText(), /Step 1 of 7/);
    // A file that is not a scenario is refused with the reason, and nothing changes.
    const bad = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['{"type": "something-else"}'], 'notes.json', { type: 'application/json' }));
      return dt;
    });
    await page.getByRole('region', { name: 'Canvas' }).dispatchEvent('drop', { dataTransfer: bad });
    await page.getByText('notes.json cannot be opened').waitFor();
    assert.equal(await page.locator('.doc-title').textContent(), 'Role chaining and its one-hour limit');
  });
});
