// Dialogs keep keyboard focus inside while open and hand it back to the button that opened
// them (WAI-ARIA Authoring Practices, "Dialog (Modal) Pattern").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../helpers.mjs';

/** Whether the focused element is inside `locator`, and its accessible-ish label. */
const focusIn = (locator) => locator.evaluate((el) => ({
  inside: el.contains(document.activeElement),
  label: document.activeElement?.getAttribute('aria-label') || document.activeElement?.textContent?.trim().slice(0, 40),
}));

for (const [opener, dialogName, count] of [['Scenarios', 'Scenarios', 10], ['Copy embed code', 'Embed this scenario', 9]]) {
  test(`the ${opener} dialog traps Tab and returns focus to its button`, async (t) => {
    await withPage(t, async ({ page }) => {
      const button = page.getByRole('button', { name: opener, exact: true });
      await button.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: dialogName });
      await dialog.waitFor();
      assert.ok((await focusIn(dialog)).inside, 'focus moves into the dialog');

      // Tab past the last control and Shift+Tab past the first: focus never leaves.
      const seen = new Set();
      for (let i = 0; i < count + 3; i++) {
        await page.keyboard.press('Tab');
        const f = await focusIn(dialog);
        assert.ok(f.inside, `Tab ${i + 1} stays inside (${f.label})`);
        seen.add(f.label);
      }
      assert.ok(seen.size >= 3, `Tab visits the dialog's controls (${[...seen].join(' | ')})`);
      for (let i = 0; i < count + 3; i++) {
        await page.keyboard.press('Shift+Tab');
        assert.ok((await focusIn(dialog)).inside, `Shift+Tab ${i + 1} stays inside`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.ok(await button.evaluate((b) => b === document.activeElement), `focus is back on ${opener}`);

      // A click beside the dialog closes it too, and focus still comes home.
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await page.mouse.click(5, 300);
      await dialog.waitFor({ state: 'detached' });
      assert.ok(await button.evaluate((b) => b === document.activeElement), `focus is back on ${opener} after a click outside`);
    });
  });
}

test('choosing a scenario closes the library and gives focus back to Scenarios', async (t) => {
  await withPage(t, async ({ page }) => {
    const button = page.getByRole('button', { name: 'Scenarios', exact: true });
    await button.click();
    await page.getByRole('listitem', { name: 'EC2 instance role' }).getByRole('button').click();
    await page.getByRole('region', { name: 'Guided steps' }).waitFor();
    assert.ok(await button.evaluate((b) => b === document.activeElement));
  });
});
