// Large accounts stay usable: an imported account of many roles opens with its big clusters
// collapsed ("60 roles"), each a button that expands by click or keyboard; the account's
// inspector collapses them again; Undo steps back. The cluster node is measured on a desk, a
// phone and a 700×480 cross-origin embed, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, SHOTS, serveStatic, tempDir, guardedPage, distOrigin, dropFiles } from '../helpers.mjs';

const ACCOUNT = '111122223333';
const ROLES = 'Cluster 60 roles in account 111122223333, collapsed';
const USERS = 'Cluster 30 users in account 111122223333, collapsed';
const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `clusters-${name}.png`) });

/** A GAAD file of 30 users in 6 groups and 60 roles, each trusting a user. */
function gaad() {
  const id = (p, i) => `${p}${String(i).padStart(17, '0')}`;
  const range = (n) => [...Array(n).keys()];
  return JSON.stringify({
    UserDetailList: range(30).map((u) => ({
      Path: '/', UserName: `user-${u}`, UserId: id('AIDA', u), Arn: `arn:aws:iam::${ACCOUNT}:user/user-${u}`,
      GroupList: [`group-${u % 6}`], UserPolicyList: [], AttachedManagedPolicies: [], Tags: [],
    })),
    GroupDetailList: range(6).map((g) => ({
      Path: '/', GroupName: `group-${g}`, GroupId: id('AGPA', g), Arn: `arn:aws:iam::${ACCOUNT}:group/group-${g}`,
      GroupPolicyList: [], AttachedManagedPolicies: [],
    })),
    RoleDetailList: range(60).map((r) => ({
      Path: '/', RoleName: `role-${r}`, RoleId: id('AROA', r), Arn: `arn:aws:iam::${ACCOUNT}:role/role-${r}`,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/user-${r % 30}` }, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: [], RolePolicyList: [], AttachedManagedPolicies: [], Tags: [],
    })),
    Policies: [],
  });
}

/** Drops the account file and opens it as a new document; closes the report. */
async function importAccount(page) {
  await dropFiles(page, [['account.json', gaad()]]);
  const ask = page.getByRole('alertdialog', { name: 'Import account' });
  await ask.getByRole('button', { name: 'Open as new document' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await report.waitFor();
  assert.match(await report.innerText(), /The 60 roles of account 111122223333 are drawn as one node/);
  await report.getByRole('button', { name: 'Close' }).click();
  await report.waitFor({ state: 'detached' });
}

/** The cluster node's name: inside the viewport, not covered, its drawn size, no sideways scroll. */
async function measure(node) {
  return node.evaluate((g) => {
    const name = g.querySelector('text.name');
    const r = name.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const se = document.scrollingElement;
    return {
      inside: r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5 && r.width > 0,
      covered: !(hit && g.contains(hit)),
      px: parseFloat(getComputedStyle(name).fontSize) * name.getScreenCTM().a,
      sideways: se.scrollWidth - se.clientWidth,
    };
  });
}

function assertReadable(m, where) {
  assert.ok(m.inside, `${where}: the cluster's name is inside the viewport`);
  assert.ok(!m.covered, `${where}: the cluster's name is not covered`);
  assert.ok(m.px >= 12, `${where}: the cluster's name reads at ${m.px.toFixed(1)} px`);
  assert.equal(m.sideways, 0, `${where}: nothing scrolls sideways`);
}

/** Tabs through the canvas until `name` has the keyboard (Tab walks every node). */
async function tabTo(page, name) {
  await page.getByRole('region', { name: 'Canvas' }).focus();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const at = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    if (at === name) return;
  }
  assert.fail(`Tab never reached ${name}`);
}

for (const scheme of ['light', 'dark']) {
  test(`an imported account opens as clusters that expand by click and keyboard and collapse from the inspector (desk, ${scheme})`, async (t) => {
    await withPage(t, async ({ page }) => {
      await importAccount(page);
      const roles = page.getByRole('button', { name: ROLES, exact: true });
      await roles.waitFor();
      await page.getByRole('button', { name: USERS, exact: true }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Role role-1', exact: true }).count(), 0, 'no role is drawn one by one');
      assert.equal(await roles.getAttribute('aria-expanded'), 'false');
      assertReadable(await measure(roles), `desk ${scheme}`);
      await shot(page, `desk-collapsed-${scheme}`);

      // A click expands it, one undo step.
      await roles.click();
      await page.getByRole('button', { name: 'Role role-1', exact: true }).waitFor();
      assert.equal(await roles.count(), 0);
      await shot(page, `desk-expanded-${scheme}`);
      await page.getByRole('button', { name: 'Undo' }).click();
      await roles.waitFor();

      // The keyboard: Tab to it, Enter expands, C folds the roles back.
      await tabTo(page, ROLES);
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Role role-1', exact: true }).waitFor();
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      assert.match(focused, /^Role role-/, 'the keyboard lands on a role');
      await page.keyboard.press('c');
      await roles.waitFor();
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), ROLES);
      await page.keyboard.press(' ');
      await page.getByRole('button', { name: 'Role role-1', exact: true }).waitFor();

      // The account's inspector folds it again; Undo unfolds it.
      await page.getByRole('button', { name: `Account ${ACCOUNT}`, exact: true }).click({ position: { x: 60, y: 20 } });
      const inspector = page.getByRole('region', { name: 'Inspector' });
      const collapse = inspector.getByRole('button', { name: 'Collapse 60 roles' });
      await collapse.waitFor();
      await inspector.getByRole('button', { name: 'Expand 30 users' }).waitFor();
      await shot(page, `desk-inspector-${scheme}`);
      await collapse.click();
      await roles.waitFor();
      await inspector.getByRole('button', { name: 'Expand 60 roles' }).waitFor();
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('button', { name: 'Role role-1', exact: true }).waitFor();
      assert.equal(await roles.count(), 0);

      // A toggle keeps what the person arranged: a group dragged aside stays where it was
      // put, beside the others, while the roles fold and unfold.
      const g0 = page.getByRole('button', { name: 'Group group-0', exact: true });
      const g1 = page.getByRole('button', { name: 'Group group-1', exact: true });
      const from = await g1.boundingBox();
      await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
      await page.mouse.down();
      await page.mouse.move(from.x + from.width / 2 + 60, from.y + from.height / 2 - 15, { steps: 6 });
      await page.mouse.up();
      // Where group-1 stands from group-0, in group widths (the zoom may change meanwhile).
      const offset = async () => {
        const [a, b] = [await g0.boundingBox(), await g1.boundingBox()];
        return [(b.x - a.x) / a.width, (b.y - a.y) / a.width];
      };
      const same = (a, b, what) => assert.ok(Math.abs(a[0] - b[0]) < 0.02 && Math.abs(a[1] - b[1]) < 0.02, `${what}: ${a} then ${b}`);
      const arranged = await offset();
      assert.ok(arranged[0] > 0.2, `the group was dragged aside (${arranged})`);
      await page.getByRole('button', { name: 'Role role-1', exact: true }).click();
      await page.keyboard.press('c');
      await roles.waitFor();
      same(arranged, await offset(), `desk ${scheme}: folding the roles leaves the dragged group where it was put`);
      await roles.click();
      await page.getByRole('button', { name: 'Role role-1', exact: true }).waitFor();
      same(arranged, await offset(), `desk ${scheme}: unfolding them too`);
      await shot(page, `desk-arranged-${scheme}`);
    }, { colorScheme: scheme });
  });
}

test('the find box finds a role inside a collapsed cluster, expands it and shows the role', async (t) => {
  await withPage(t, async ({ page }) => {
    await importAccount(page);
    await page.getByRole('searchbox', { name: 'Find a node' }).fill('role-42');
    const role = page.getByRole('button', { name: 'Role role-42', exact: true });
    await role.waitFor();
    await page.waitForFunction(() => document.querySelector('[aria-label="Role role-42"]')?.getAttribute('aria-pressed') === 'true');
    assert.equal(await page.getByRole('button', { name: ROLES, exact: true }).count(), 0);
  });
});

for (const scheme of ['light', 'dark']) {
  test(`on a phone the cluster node reads at 12 px or more, uncovered (${scheme})`, async (t) => {
    await withPage(t, async ({ page }) => {
      await importAccount(page);
      // The phone shows the diagram's start; the find box brings the cluster into view.
      await page.getByRole('searchbox', { name: 'Find a node' }).fill('60 roles');
      const roles = page.getByRole('button', { name: ROLES, exact: true });
      await page.waitForFunction((n) => document.querySelector(`[aria-label="${n}"]`)?.classList.contains('selected'), ROLES);
      await page.keyboard.press('Escape');
      await page.waitForTimeout(200);
      assertReadable(await measure(roles), `phone ${scheme}`);
      await shot(page, `phone-${scheme}`);
    }, { colorScheme: scheme, viewport: { width: 390, height: 844 } });
  });
}

test('in a 700×480 cross-origin embed the cluster node reads at 12 px or more, uncovered', async () => {
  const problems = [];
  let post = '';
  const host = await serveStatic(tempDir(), { '/post.html': () => post });
  const { context, page } = await guardedPage(await distOrigin(), problems, { viewport: { width: 1000, height: 640 }, allowOrigins: [host.origin] });
  try {
    await page.goto((await distOrigin()) + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await importAccount(page);
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    const code = await page.getByRole('dialog', { name: 'Embed this scenario' }).getByLabel('Embed code').inputValue();
    post = `<!doctype html><html><head><title>A post</title><style>body { margin: 0; } main { width: 700px; margin: 0 auto; }</style></head><body><main>${code}</main></body></html>`;
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${host.origin}/post.html?${scheme}`);
      const el = page.locator('iframe');
      const frame = await (await el.elementHandle()).contentFrame();
      await frame.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      assert.deepEqual(await frame.evaluate(() => [window.innerWidth, window.innerHeight]), [700, 480]);
      // The embed opens on the diagram's start at a readable size (the groups, top left);
      // the find box brings the roles' cluster into view, as on a phone.
      await frame.getByRole('searchbox', { name: 'Find a node' }).fill('60 roles');
      const roles = frame.getByRole('button', { name: ROLES, exact: true });
      await frame.waitForFunction((n) => document.querySelector(`[aria-label="${n}"]`)?.classList.contains('selected'), ROLES);
      await frame.getByRole('searchbox', { name: 'Find a node' }).press('Escape');
      await frame.waitForTimeout(200);
      assertReadable(await measure(roles), `embed ${scheme}`);
      await el.screenshot({ path: path.join(SHOTS, `clusters-embed-${scheme}.png`) });
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});
