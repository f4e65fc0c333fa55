// The builder as a visitor uses it: add things from the toolbar and the keyboard, drag to
// connect, drag to move (one undo step), and find everything again after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../helpers.mjs';

const DOC_KEY = 'iam-playground/document';

/** The card rectangle of a canvas node (its `<g role=button>` also holds chips below it). */
async function cardBox(page, name) {
  const node = page.getByRole('region', { name: 'Canvas' }).getByRole('button', { name, exact: true });
  await node.waitFor();
  return node.evaluate((g) => {
    const r = g.querySelector('rect.body').getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
}

/** Drags from the connection handle of `from` (right middle of its card) onto `to`. */
async function connect(page, from, to) {
  const a = await cardBox(page, from);
  const b = await cardBox(page, to);
  await page.mouse.move(a.x + a.w / 2, a.y + a.h / 2); // hover shows the handle
  await page.mouse.move(a.x + a.w - 1, a.y + a.h / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 4 });
  await page.mouse.move(b.x + b.w / 2, b.y + b.h / 2, { steps: 4 });
  await page.mouse.up();
}

async function savedDoc(page) {
  await page.waitForTimeout(700); // autosave waits for the document to be still
  return JSON.parse(await page.evaluate((k) => localStorage.getItem(k), DOC_KEY));
}

function roles(doc) {
  return Object.values(doc.world.roles);
}

test('builds the seed example with the mouse, and it survives a reload', async (t) => {
  await withPage(t, async ({ page }) => {
    const canvas = page.getByRole('region', { name: 'Canvas' });
    await page.getByRole('button', { name: 'New' }).click();
    assert.equal(await canvas.getByRole('button').count(), 0, 'New starts from an empty canvas');

    await page.getByRole('button', { name: 'Add account' }).click();
    const account = canvas.getByRole('button', { name: /^Account \d{12}$/ });
    await account.waitFor();
    const accountId = (await account.getAttribute('aria-label')).split(' ')[1];

    for (const what of ['Add user', 'Add group', 'Add role', 'Add service']) {
      await page.getByRole('button', { name: what }).click();
    }
    for (const name of ['User user-1', 'Group group-1', 'Role role-1', 'EC2 instance instance-1']) {
      await canvas.getByRole('button', { name, exact: true }).waitFor();
    }
    await page.getByRole('button', { name: 'Auto layout' }).click();
    await page.getByRole('button', { name: 'Fit to view' }).click();

    await connect(page, 'User user-1', 'Group group-1');
    await connect(page, 'User user-1', 'Role role-1');
    await connect(page, 'EC2 instance instance-1', 'Role role-1');

    const doc = await savedDoc(page);
    const role = roles(doc).find((r) => r.role_name === 'role-1');
    const trust = JSON.parse(role.trust_policy);
    const principals = trust.Statement.flatMap((s) => [s.Principal?.AWS, s.Principal?.Service].flat()).filter(Boolean);
    assert.ok(principals.includes(`arn:aws:iam::${accountId}:user/user-1`),
      `drawing user -> role writes the user into the trust policy: ${JSON.stringify(trust)}`);
    assert.ok(principals.includes('ec2.amazonaws.com'),
      `drawing instance -> role trusts ec2.amazonaws.com: ${JSON.stringify(trust)}`);
    const user = Object.values(doc.world.users).find((u) => u.user_name === 'user-1');
    const group = Object.values(doc.world.groups).find((g) => g.group_name === 'group-1');
    assert.deepEqual(user.groups, [group.group_id], 'drawing user -> group makes the user a member');

    await page.reload();
    for (const name of [`Account ${accountId}`, 'User user-1', 'Group group-1', 'Role role-1', 'EC2 instance instance-1']) {
      await canvas.getByRole('button', { name, exact: true }).waitFor();
    }
    const again = await savedDoc(page);
    assert.deepEqual(JSON.parse(roles(again).find((r) => r.role_name === 'role-1').trust_policy), trust,
      'the trust policy is intact after a reload');
  });
});

test('a drag is one undo step', async (t) => {
  await withPage(t, async ({ page }) => {
    const before = await cardBox(page, 'User alice');
    await page.mouse.move(before.x + 30, before.y + 20);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(before.x + 30 + 12 * i, before.y + 20 + 9 * i);
    await page.mouse.up();
    const moved = await cardBox(page, 'User alice');
    assert.ok(Math.abs(moved.x - before.x) > 60, `alice moved (${before.x} -> ${moved.x})`);
    await page.getByRole('button', { name: 'Undo' }).click();
    const back = await cardBox(page, 'User alice');
    assert.ok(Math.abs(back.x - before.x) < 1 && Math.abs(back.y - before.y) < 1, 'one Undo puts alice back');
  });
});

test('the canvas works from the keyboard', async (t) => {
  await withPage(t, async ({ page }) => {
    const canvas = page.getByRole('region', { name: 'Canvas' });
    await canvas.focus();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    assert.ok(first, 'Tab moves focus onto a node');
    // Walk to alice, nudge her, delete bob, undo.
    let label = first;
    for (let i = 0; i < 20 && label !== 'User alice'; i++) {
      await page.keyboard.press('Tab');
      label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    }
    assert.equal(label, 'User alice', 'Tab reaches every node');
    const before = await cardBox(page, 'User alice');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const after = await cardBox(page, 'User alice');
    assert.ok(after.x > before.x, 'arrow keys nudge the focused node');

    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
    await page.keyboard.press('Delete');
    await canvas.getByRole('button', { name: next, exact: true }).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+z');
    await canvas.getByRole('button', { name: next, exact: true }).waitFor();

    await page.keyboard.press('Escape');
    await page.keyboard.press('u');
    await canvas.getByRole('button', { name: 'User user-1', exact: true }).waitFor();
  });
});
