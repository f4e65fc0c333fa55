// Presentation mode: full window, high contrast, guided steps driven by the keys clickers send.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, SHOTS } from '../helpers.mjs';

test('presentation mode steps through a scenario by keyboard', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'IAM user vs IAM role' }).getByRole('button').click();
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await guide.waitFor();
    const step = async () => (await guide.innerText()).match(/Step (\d+) of (\d+)/).slice(1).map(Number);
    assert.deepEqual(await step(), [1, 8]);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
    assert.ok(!(await page.getByRole('toolbar', { name: 'Tools' }).isVisible()), 'chrome is hidden');
    // The "Opened …" notice would cover the first caption: presentation shows none.
    assert.equal(await page.getByText(/^Opened "/).count(), 0, 'no notice over the caption');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await step(), [2, 8]);
    await page.keyboard.press('PageDown');
    assert.deepEqual(await step(), [3, 8]);
    assert.match(await guide.innerText(), /Allowed/);
    assert.match(await guide.innerText(), /assumed-role\/Deploy\/alice/);
    // The canvas keeps the screen: the dock stays folded when the step issues credentials;
    // unfolded, the step's session is in the wallet.
    const dock = page.getByRole('button', { name: 'Simulator' });
    assert.equal(await dock.getAttribute('aria-expanded'), 'false', 'the dock stays folded');
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'present-assume-step.png') });
    await dock.click();
    await page.getByRole('region', { name: 'Credentials' }).getByRole('article', { name: 'Session alice of Deploy' }).waitFor();
    // A clicker steps whatever control has focus, and leaves that control as it was.
    const caller = page.getByRole('region', { name: 'Assume role' }).getByLabel('Caller');
    await caller.focus();
    const chosen = await caller.inputValue();
    await page.keyboard.press(' ');
    assert.deepEqual(await step(), [4, 8], 'Space steps with the Caller list focused');
    await page.keyboard.press('ArrowRight');
    assert.equal(await caller.inputValue(), chosen, 'the focused list did not change');
    await caller.evaluate((el) => el.blur());
    assert.deepEqual(await step(), [5, 8]);
    // The clock moved to the step's moment: one hour after the start.
    assert.match(await guide.innerText(), /2026-01-01T01:00:00Z/);
    await page.keyboard.press('ArrowRight');
    assert.match(await guide.innerText(), /ExpiredToken/);
    await page.keyboard.press('PageUp');
    await page.keyboard.press('ArrowLeft');
    assert.deepEqual(await step(), [4, 8]);
    // Esc while blanked only shows the screen again; it does not leave the presentation.
    await page.keyboard.press('b');
    await page.getByRole('img', { name: /Screen blanked/ }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('img', { name: /Screen blanked/ }).waitFor({ state: 'detached' });
    assert.ok(await page.evaluate(() => document.documentElement.hasAttribute('data-present')), 'still presenting');
    await page.keyboard.press('b');
    await page.getByRole('img', { name: /Screen blanked/ }).waitFor();
    await page.keyboard.press('b');
    await page.getByRole('img', { name: /Screen blanked/ }).waitFor({ state: 'detached' });
    await guide.getByRole('button', { name: 'Next step' }).click();
    assert.deepEqual(await step(), [5, 8]);
    await guide.getByRole('button', { name: 'Previous step' }).click();
    assert.deepEqual(await step(), [4, 8]);
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-present'));
    assert.ok(await page.getByRole('toolbar', { name: 'Tools' }).isVisible());
  });
});

test('the Present button enters presentation mode, in dark too', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'Permissions boundary and SCP' }).getByRole('button').click();
    await page.getByRole('button', { name: 'Present' }).click();
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const guide = page.getByRole('region', { name: 'Guided steps' });
    assert.match(await guide.innerText(), /Step 4 of 4/);
    assert.match(await guide.innerText(), /explicit deny in a service control policy/);
    await page.waitForTimeout(400);
    // The clicker past the last step shows the recap, in type the room can read; back again
    // shows the last step.
    await page.keyboard.press('ArrowRight');
    const recap = page.getByRole('region', { name: 'Recap' });
    await recap.getByRole('heading', { name: 'Recap: Permissions boundary and SCP' }).waitFor();
    const [px, vh] = await recap.getByRole('heading').evaluate((h) => [parseFloat(getComputedStyle(h).fontSize), innerHeight]);
    assert.ok(px >= 0.035 * vh, `the recap's heading is ${px} px on a ${vh} px screen`);
    assert.equal(await recap.getByRole('button', { name: /^Next scenario/ }).count(), 0, 'nothing follows the last scenario');
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SHOTS, 'present-recap-dark.png') });
    await page.keyboard.press('ArrowLeft');
    await recap.waitFor({ state: 'detached' });
    assert.match(await guide.innerText(), /Step 4 of 4/);
  }, { colorScheme: 'dark' });
});
