// Bring your own account: a file from `aws iam get-account-authorization-details` (GAAD) is
// dropped, picked or pasted; the page asks whether to open it or add it; the import report
// says what it held; the find box brings a role into view; an imported user, given a key,
// assumes a role in the simulator. The report and the find box are measured on every stage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPage, SHOTS, dropFiles } from '../helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name) => fs.readFileSync(path.resolve(here, '..', '..', 'tests', 'gaad', name), 'utf8');
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `import-${name}.png`) });


/** Answers the "new document or add" question. */
async function answer(page, choice) {
  const ask = page.getByRole('alertdialog', { name: 'Import account' });
  await ask.waitFor();
  await ask.getByRole('button', { name: choice }).click();
  await ask.waitFor({ state: 'detached' });
}

/** The report's counts, as { kind: number }. */
async function counts(report) {
  const rows = await report.getByRole('table', { name: 'Imported, by kind' }).getByRole('row').allInnerTexts();
  return Object.fromEntries(rows.map((r) => { const [k, n] = r.split('\t'); return [k.trim(), Number(n)]; }));
}

/** Imports the single-account CLI fixture as a new document and leaves the report open. */
async function importSingle(page) {
  await dropFiles(page, [['account.json', fixture('cli_single_account.json')]]);
  await answer(page, 'Open as new document');
  const report = page.getByRole('dialog', { name: 'Import report' });
  await report.waitFor();
  return report;
}

/** Whether `el` lies inside the viewport, is the element hit at its centre, reads ≥ 12 px. */
async function geometry(page, locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const se = document.scrollingElement;
    return {
      inside: r.left >= 0 && r.top >= 0 && r.right <= vw + 0.5 && r.bottom <= vh + 0.5 && r.width > 0,
      covered: !(hit && (el === hit || el.contains(hit))),
      px: parseFloat(getComputedStyle(el).fontSize),
      sideways: se.scrollWidth - se.clientWidth,
    };
  });
}

function assertPlaced(g, what) {
  assert.ok(g.inside, `${what} is inside the viewport`);
  assert.ok(!g.covered, `${what} is not covered`);
  assert.ok(g.px >= 12, `${what} reads at ${g.px} px`);
  assert.equal(g.sideways, 0, `${what}: nothing scrolls sideways`);
}

test('a dropped GAAD file opens as a new document with its import report and the roles drawn', async (t) => {
  await withPage(t, async ({ page }) => {
    const report = await importSingle(page);
    const c = await counts(report);
    assert.deepEqual([c.Accounts, c.Users, c.Groups, c.Roles, c['Instance profiles']], [1, 2, 1, 2, 1]);
    const text = await report.innerText();
    assert.match(text, /MaxSessionDuration of 2 roles: 3600 seconds \(the default\)/);
    assert.match(text, /Access keys and MFA devices of 2 users: none/);
    assert.match(text, /it was not uploaded or sent anywhere/);
    await shot(page, 'report-light');
    await report.getByRole('button', { name: 'Close' }).click();
    await report.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.doc-title').innerText(), 'Account 111122223333');
    for (const name of ['Role Deploy', 'Role WebServerRole', 'User alice', 'Group Developers']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    // Closed is not gone: the report opens again until it is dismissed, and Undo brings it back.
    await page.getByRole('button', { name: 'Import report' }).click();
    await report.getByRole('button', { name: 'Dismiss report' }).click();
    await report.waitFor({ state: 'detached' });
    assert.equal(await page.getByRole('button', { name: 'Import report' }).count(), 0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Import report' }).waitFor();
    // Undo once more: the example that was open before the import is back.
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent !== 'Account 111122223333');
  });
});

test('the report lists what is missing and what could not be read, each with its entity and reason', async (t) => {
  await withPage(t, async ({ page }) => {
    await dropFiles(page, [['broken.json', fixture('missing_and_broken.json')]]);
    await answer(page, 'Open as new document');
    const report = page.getByRole('dialog', { name: 'Import report' });
    const missing = report.getByRole('region', { name: /^Missing/ });
    assert.match(await missing.innerText(), /arn:aws:iam::555555555555:policy\/Gone/);
    assert.match(await missing.innerText(), /permissions boundary arn:aws:iam::555555555555:policy\/NoDefault/);
    const unread = await report.getByRole('region', { name: /^Could not be read/ }).innerText();
    assert.match(unread, /user\/carol inline policy Broken: .*hex digits/);
    assert.match(unread, /role\/Mangled trust policy/);
    assert.match(await report.getByRole('region', { name: /^Notes/ }).innerText(), /IsTruncated/);
    await shot(page, 'report-missing-and-broken');
  });
});

test('the find box selects a role found by name and brings it into view; Enter goes to the next match', async (t) => {
  await withPage(t, async ({ page }) => {
    const report = await importSingle(page);
    await report.getByRole('button', { name: 'Close' }).click();
    const find = page.getByRole('searchbox', { name: 'Find a node' });
    await find.fill('webserverrole');
    const role = page.getByRole('button', { name: 'Role WebServerRole', exact: true });
    await page.waitForFunction(() => document.querySelector('[aria-label="Role WebServerRole"]')?.getAttribute('aria-pressed') === 'true');
    const inView = () => role.evaluate((g) => {
      const c = document.querySelector('[role="region"][aria-label="Canvas"]').getBoundingClientRect();
      const b = g.querySelector('.body').getBoundingClientRect();
      return b.left >= c.left && b.right <= c.right && b.top >= c.top && b.bottom <= c.bottom;
    });
    assert.ok(await inView(), 'the found role is inside the canvas');
    assert.match(await page.getByRole('region', { name: 'Inspector' }).innerText(), /WebServerRole/);
    // `:role/` is in every role's ARN: Enter moves from one to the next.
    await find.fill(':role/');
    await page.locator('#find-status').filter({ hasText: /^1 of 2$/ }).waitFor();
    const first = await page.locator('g.node.selected').getAttribute('aria-label');
    await find.press('Enter');
    await page.locator('#find-status').filter({ hasText: /^2 of 2$/ }).waitFor();
    const second = await page.locator('g.node.selected').getAttribute('aria-label');
    assert.notEqual(first, second);
    assert.deepEqual([first, second].sort(), ['Role Deploy', 'Role WebServerRole']);
    await find.press('Enter');
    await page.locator('#find-status').filter({ hasText: /^1 of 2$/ }).waitFor();
    await find.fill('no-such-node');
    await page.locator('#find-status').filter({ hasText: 'No match' }).waitFor();
  });
});

test('an imported user has no keys; once one is created, alice assumes Deploy in the simulator', async (t) => {
  await withPage(t, async ({ page }) => {
    const report = await importSingle(page);
    await report.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Find a node' }).fill('alice');
    const panel = page.getByRole('region', { name: 'Inspector' });
    await panel.getByText('GAAD files carry no access keys').waitFor();
    await panel.getByRole('button', { name: 'Create access key' }).click();
    await panel.getByRole('button', { name: /^Deactivate key AKIA[A-Z0-9]{16}$/ }).waitFor();
    await page.getByRole('button', { name: 'Simulator', exact: true }).click();
    const form = page.getByRole('region', { name: 'Assume role' });
    const pick = async (label, prefix) => {
      const select = form.getByLabel(label);
      const value = await select.evaluate((el, p) => [...el.options].find((o) => o.textContent.startsWith(p))?.value, prefix);
      assert.ok(value, `${label} offers ${prefix}`);
      await select.selectOption(value);
    };
    await pick('Caller', 'alice');
    await pick('Role', 'Deploy');
    await form.getByLabel('Session name').fill('imported-alice');
    await form.getByRole('button', { name: 'Assume role' }).click();
    const checks = page.getByRole('region', { name: 'Checks' });
    await checks.getByText('AssumeRole succeeded').waitFor({ timeout: 15000 });
    const response = JSON.parse(await checks.locator('pre').first().textContent());
    assert.equal(response.AssumedRoleUser.Arn, 'arn:aws:sts::111122223333:assumed-role/Deploy/imported-alice');
  });
});

test('GAAD JSON pasted onto the page is added to the diagram as another account', async (t) => {
  await withPage(t, async ({ page }) => {
    await dropFiles(page, [['a.json', fixture('multi_account_a.json')]]);
    await answer(page, 'Open as new document');
    const report = page.getByRole('dialog', { name: 'Import report' });
    await report.getByRole('button', { name: 'Close' }).click();
    await page.evaluate((text) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', text);
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, fixture('multi_account_b.json'));
    await answer(page, 'Add to this diagram');
    await report.waitFor();
    assert.equal((await counts(report)).Accounts, 2, 'the report joins the earlier one');
    await report.getByRole('button', { name: 'Close' }).click();
    for (const account of ['444455556666', '777788889999']) {
      await page.getByRole('button', { name: new RegExp(`^Account ${account}`) }).first().waitFor();
    }
  });
});

test('Open file takes several account files at once: a multi-account world', async (t) => {
  await withPage(t, async ({ page }) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Open file' }).click();
    await (await chooser).setFiles([
      { name: 'a.json', mimeType: 'application/json', buffer: Buffer.from(fixture('multi_account_a.json')) },
      { name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(fixture('multi_account_b.json')) },
    ]);
    await answer(page, 'Open as new document');
    const report = page.getByRole('dialog', { name: 'Import report' });
    assert.equal((await counts(report)).Accounts, 2);
    assert.match(await page.locator('.doc-title').innerText(), /^Accounts /);
  });
});

test('a scenario file dropped with an account file is refused whole, and nothing changes', async (t) => {
  await withPage(t, async ({ page }) => {
    const title = await page.locator('.doc-title').innerText();
    await dropFiles(page, [['a.json', fixture('multi_account_a.json')], ['notes.json', '{"hello": 1}']]);
    await page.getByText(/notes\.json is not the output of `aws iam get-account-authorization-details`/).waitFor();
    assert.equal(await page.getByRole('alertdialog', { name: 'Import account' }).count(), 0);
    assert.equal(await page.locator('.doc-title').innerText(), title);
  });
});

// The four stages: a desk, a 700×480 blog embed, a projector (720p and 1080p, presenting),
// a phone; light and dark. The find box and the report must be in view, uncovered, legible.
const STAGES = [
  { name: 'desk', viewport: { width: 1400, height: 860 } },
  { name: 'embed', viewport: { width: 700, height: 480 }, path: '/?embed=1' },
  { name: 'present-720p', viewport: { width: 1280, height: 720 }, present: true },
  { name: 'present-1080p', viewport: { width: 1920, height: 1080 }, present: true },
  { name: 'phone', viewport: { width: 390, height: 844 }, context: { isMobile: true, hasTouch: true } },
];
for (const stage of STAGES) {
  for (const colorScheme of ['light', 'dark']) {
    test(`on the ${stage.name} stage (${colorScheme}) the find box and the import report are in view, uncovered, legible`, async (t) => {
      await withPage(t, async ({ page }) => {
        const report = await importSingle(page);
        if (stage.present) {
          await report.getByRole('button', { name: 'Close' }).click();
          await page.keyboard.press('p');
          await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
          await page.getByRole('button', { name: 'Import report' }).click();
          await report.waitFor();
        }
        assertPlaced(await geometry(page, report.getByRole('heading', { name: 'Import report' })), `${stage.name}: the report's title`);
        assertPlaced(await geometry(page, report.getByRole('button', { name: 'Close' })), `${stage.name}: the report's Close`);
        const box = await report.boundingBox();
        const vp = page.viewportSize();
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= vp.width && box.y + box.height <= vp.height, `${stage.name}: the report is inside the screen`);
        await page.screenshot({ path: path.join(SHOTS, `import-stage-${stage.name}-report-${colorScheme}.png`) });
        await report.getByRole('button', { name: 'Close' }).click();
        const find = page.getByRole('searchbox', { name: 'Find a node' });
        assertPlaced(await geometry(page, find), `${stage.name}: the find box`);
        await find.fill('Deploy');
        await page.waitForFunction(() => document.querySelector('[aria-label="Role Deploy"]')?.getAttribute('aria-pressed') === 'true');
        // What was typed shows whole: the box is not cut to a few letters ("Deplo").
        const typed = await find.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
        assert.ok(typed.scroll <= typed.client, `${stage.name}: "Deploy" is cut in the find box (${typed.client} px shows ${typed.scroll} px of text)`);
        assertPlaced(await geometry(page, page.getByRole('button', { name: 'Import report' })), `${stage.name}: the report button`);
        if (stage.present) {
          // Read from the back of a room: the match count is as large as the box.
          const px = await page.locator('#find-status').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
          assert.ok(px >= 16, `${stage.name}: the find box's "1 of 1" reads ${px} px`);
        }
        await page.screenshot({ path: path.join(SHOTS, `import-stage-${stage.name}-find-${colorScheme}.png`) });
      }, { viewport: stage.viewport, colorScheme, path: stage.path, context: stage.context, shotName: `import-stage-${stage.name}-${colorScheme}` });
    });
  }
}
