// The minimap of a large diagram (an imported account, its 400 roles expanded): on a desk and a
// projector it shows the whole diagram and where the view is, a click on it moves the view
// there, "Hide minimap" hides it; on a phone and in an embed it is folded to its button,
// which covers no node and no control; a built-in scenario shows none (on a phone, where it
// is a pan or two wide, not even the button). Screenshots
// land in e2e/screenshots/minimap-*.png, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withPage, SHOTS, dropFiles } from '../helpers.mjs';

const ACCOUNT = '111122223333';
const DESK = { width: 1400, height: 860 };
const PHONE = { width: 390, height: 844 };
const EMBED = { width: 700, height: 480 };

const range = (n) => [...Array(n).keys()];
const id = (prefix, i) => `${prefix}${String(i).padStart(17, '0')}`;

/** A `get-account-authorization-details` file of `users` users, `groups` groups, `roles` roles. */
function gaad({ users, groups, roles }) {
  const doc = (i) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` }] });
  return JSON.stringify({
    UserDetailList: range(users).map((u) => ({
      Path: '/', UserName: `user-${u}`, UserId: id('AIDA', u), Arn: `arn:aws:iam::${ACCOUNT}:user/user-${u}`,
      UserPolicyList: [], GroupList: [`group-${u % groups}`], AttachedManagedPolicies: [], Tags: [],
    })),
    GroupDetailList: range(groups).map((g) => ({
      Path: '/', GroupName: `group-${g}`, GroupId: id('AGPA', g), Arn: `arn:aws:iam::${ACCOUNT}:group/group-${g}`,
      GroupPolicyList: [{ PolicyName: 'Inline', PolicyDocument: doc(g) }], AttachedManagedPolicies: [],
    })),
    RoleDetailList: range(roles).map((r) => ({
      Path: '/', RoleName: `role-${r}`, RoleId: id('AROA', r), Arn: `arn:aws:iam::${ACCOUNT}:role/role-${r}`,
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/user-${r % users}` }, Action: 'sts:AssumeRole' }] },
      InstanceProfileList: [], RolePolicyList: [{ PolicyName: 'Work', PolicyDocument: doc(r) }],
      AttachedManagedPolicies: [], Tags: [], RoleLastUsed: {},
    })),
    Policies: [],
    IsTruncated: false,
  }, null, 2);
}

const LARGE = gaad({ users: 150, groups: 40, roles: 400 });
const MEDIUM = gaad({ users: 12, groups: 4, roles: 30 });
// Big enough that a 700×480 embed, opening at 12 px names on the diagram's start, holds
// under a quarter of it: the size from which a small canvas offers the minimap.
const WIDE = gaad({ users: 12, groups: 4, roles: 60 });

/**
 * Drops the file on the page, opens it as a new document, closes the import report and
 * expands the cluster of its `roles` roles (an import folds a kind of more than 12 into one
 * node) through the find box, so the diagram no longer fits the view.
 */
async function openGaad(page, text, roles) {
  await dropFiles(page, [['account.json', text]]);
  const ask = page.getByRole('alertdialog', { name: 'Import account' });
  await ask.waitFor({ timeout: 60000 });
  await ask.getByRole('button', { name: 'Open as new document' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await report.waitFor({ timeout: 60000 });
  await report.getByRole('button', { name: 'Close' }).click();
  await report.waitFor({ state: 'detached' });
  await settle(page);
  // The find box brings a member in, expanding its cluster (as on a phone, where the
  // cluster may lie off screen).
  assert.equal(await page.getByRole('button', { name: `Cluster ${roles} roles in account ${ACCOUNT}, collapsed`, exact: true }).count(), 1,
    'the import folds the roles into one node');
  await page.getByRole('searchbox', { name: 'Find a node' }).fill('role-1');
  await page.getByRole('button', { name: 'Role role-1', exact: true }).waitFor();
  await page.keyboard.press('Escape');
  await settle(page);
}

async function settle(frame) {
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 120)))));
}

const minimapOf = (page) => page.getByRole('img', { name: /^Minimap: the view shows/ });

/** "Minimap: the view shows 12 of 1,051 nodes" → [12, 1051]. */
async function shows(map) {
  const name = await map.getAttribute('aria-label');
  const m = name.match(/shows ([\d,]+) of ([\d,]+) nodes?$/);
  assert.ok(m, `the minimap's name says where the view is: ${name}`);
  return [Number(m[1].replace(/,/g, '')), Number(m[2].replace(/,/g, ''))];
}

/** The labels of the nodes whose centres are in the canvas and not covered. */
function nodesInView(page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('[role="region"][aria-label="Canvas"]');
    const c = canvas.getBoundingClientRect();
    return [...canvas.querySelectorAll('g.node[data-node-id]:not(.frame)')].filter((g) => {
      const b = (g.querySelector('.body') || g).getBoundingClientRect();
      const x = b.left + b.width / 2;
      const y = b.top + b.height / 2;
      if (x < c.left || x > c.right || y < c.top || y > c.bottom) return false;
      const hit = document.elementFromPoint(x, y);
      return !!hit && g.contains(hit);
    }).map((g) => g.getAttribute('aria-label'));
  });
}

/**
 * What the minimap's elements (`mine`: its image and its button) cover: the node centres in
 * view and the centres of the page's other controls that they sit over.
 */
async function coveredBy(page, mine) {
  const handles = await Promise.all(mine.map((l) => l.elementHandle()));
  return page.evaluate((els) => {
    const ours = (el) => els.some((m) => m && m.contains(el));
    const canvas = document.querySelector('[role="region"][aria-label="Canvas"]');
    const c = canvas.getBoundingClientRect();
    const out = [];
    for (const g of canvas.querySelectorAll('g.node[data-node-id]:not(.frame)')) {
      const b = (g.querySelector('.body') || g).getBoundingClientRect();
      const x = b.left + b.width / 2;
      const y = b.top + b.height / 2;
      if (x < c.left || x > c.right || y < c.top || y > c.bottom) continue;
      const hit = document.elementFromPoint(x, y);
      if (hit && ours(hit)) out.push(`node ${g.getAttribute('aria-label')}`);
    }
    const controls = document.querySelectorAll('button, input, select, textarea, a[href], [role="tab"]');
    for (const el of controls) {
      if (ours(el) || el.closest('svg')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit && ours(hit)) out.push(`control ${el.getAttribute('aria-label') || el.textContent.trim()}`);
    }
    return out;
  }, handles);
}

function sideways(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
}

async function shoot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, `minimap-${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Checks the minimap shows, that clicking it moves the view there, and that it can be hidden. */
async function clickAndHide(page, stage) {
  const map = minimapOf(page);
  await map.waitFor();
  assert.ok(await map.isVisible(), `${stage}: the minimap shows`);
  const [before, all] = await shows(map);
  assert.ok(all >= 400, `${stage}: the minimap counts every node drawn (${all})`);
  assert.ok(before < all, `${stage}: the view shows part of the diagram (${before} of ${all})`);
  const seenBefore = new Set(await nodesInView(page));
  let box = await map.boundingBox();
  assert.ok(box.width >= 100 && box.height >= 40, `${stage}: the minimap is ${box.width}×${box.height}`);
  // The view opens at the diagram's start (top left): a click near the map's far corner.
  await page.mouse.click(box.x + box.width - 4, box.y + box.height - 4);
  await settle(page);
  const seenAfter = await nodesInView(page);
  assert.ok(seenAfter.length > 0, `${stage}: nodes show where the minimap was clicked`);
  assert.ok(seenAfter.some((n) => !seenBefore.has(n)), `${stage}: nodes that were out of view are in view`);
  const [, allAfter] = await shows(map);
  assert.equal(allAfter, all);
  // A drag along the map pans the view with it (the map may have taken the other corner,
  // clear of the nodes now in view).
  const mid = await nodesInView(page);
  box = await map.boundingBox();
  await page.mouse.move(box.x + box.width - 4, box.y + box.height - 4);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + 6, { steps: 5 });
  await page.mouse.up();
  await settle(page);
  const dragged = await nodesInView(page);
  assert.ok(dragged.some((n) => !mid.includes(n)), `${stage}: a drag on the minimap moved the view`);
  assert.equal(await sideways(page), 0, `${stage}: nothing scrolls sideways`);
  return { box };
}

async function hideAndShow(page, stage) {
  await page.getByRole('button', { name: 'Hide minimap' }).click();
  await minimapOf(page).waitFor({ state: 'hidden' });
  const show = page.getByRole('button', { name: 'Show minimap' });
  assert.ok(await show.isVisible(), `${stage}: "Show minimap" brings it back`);
  await show.click();
  await minimapOf(page).waitFor();
}

test('on a desk a large diagram has a minimap: a click moves the view there, Hide minimap hides it', async (t) => {
  await withPage(t, async ({ page }) => {
    await openGaad(page, LARGE, 400);
    await clickAndHide(page, 'desk');
    // It keeps clear of the zoom badge at the canvas's bottom right.
    const map = await minimapOf(page).boundingBox();
    const badge = await page.getByText(/^\d+%$/).boundingBox();
    assert.ok(map.y + map.height < badge.y, 'the minimap is above the zoom badge');
    await shoot(page, 'desk');
    await hideAndShow(page, 'desk');
  }, { viewport: DESK });
});

for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  const stage = `present ${size.width}×${size.height}`;
  test(`presenting at ${size.width}×${size.height} the minimap of a large diagram shows and moves the view`, async (t) => {
    await withPage(t, async ({ page }) => {
      await openGaad(page, LARGE, 400);
      await page.getByRole('button', { name: 'Present' }).click();
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
      await settle(page);
      const { box } = await clickAndHide(page, stage);
      // Scaled for the room: a larger screen, a larger map.
      assert.ok(box.width >= size.width * 0.1, `${stage}: the minimap is ${box.width} px wide, under a tenth of the screen`);
      const toggle = page.getByRole('button', { name: 'Hide minimap' });
      const px = await toggle.evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
      assert.ok(px >= 12, `${stage}: "Hide minimap" reads at ${px} px`);
      await shoot(page, `present-${size.width}`);
      await hideAndShow(page, stage);
    }, { viewport: size });
  });
}

test('on a phone the minimap of a large diagram is folded to its button, which covers no node and no control', async (t) => {
  await withPage(t, async ({ page }) => {
    await openGaad(page, LARGE, 400);
    const show = page.getByRole('button', { name: 'Show minimap' });
    await show.waitFor();
    assert.equal(await minimapOf(page).count(), 0, 'the minimap itself is folded away on a phone');
    assert.ok((await nodesInView(page)).length > 0, 'nodes are in view');
    assert.deepEqual(await coveredBy(page, [show]), []);
    assert.equal(await sideways(page), 0, 'nothing scrolls sideways');
    await shoot(page, 'phone');
    // Asked for, it shows, small enough to leave the page's width alone.
    await show.click();
    const map = minimapOf(page);
    await map.waitFor();
    // Folded, the map drew nothing; shown, it draws the diagram's shapes then.
    const drawn = await map.evaluate((svg) => [...svg.querySelectorAll('path')].map((p) => (p.getAttribute('d') || '').length));
    assert.ok(drawn.some((n) => n > 100), `the shown minimap draws the diagram: path lengths ${drawn}`);
    const box = await map.boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the minimap fits the phone's width: ${JSON.stringify(box)}`);
    assert.equal(await sideways(page), 0, 'nothing scrolls sideways with the minimap shown');
    await shoot(page, 'phone-shown');
    await page.getByRole('button', { name: 'Hide minimap' }).click();
    await map.waitFor({ state: 'detached' });
  }, { viewport: PHONE });
});

test('in a 700×480 embed the minimap is folded to its button, which covers no node and no control', async (t) => {
  let link = '';
  await withPage(t, async ({ page }) => {
    await openGaad(page, WIDE, 60);
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
    const code = await dialog.getByLabel('Embed code').inputValue();
    link = code.match(/src="([^"]+)"/)[1].replace(/&amp;/g, '&');
  }, { viewport: DESK, shotName: 'minimap-embed-source' });
  await withPage(t, async ({ page }) => {
    await page.goto(link);
    await page.getByRole('region', { name: 'Canvas' }).waitFor();
    await settle(page);
    const show = page.getByRole('button', { name: 'Show minimap' });
    await show.waitFor();
    assert.equal(await minimapOf(page).count(), 0, 'the minimap itself is folded away in an embed');
    assert.ok((await nodesInView(page)).length > 0, 'nodes are in view');
    assert.deepEqual(await coveredBy(page, [show]), []);
    assert.equal(await sideways(page), 0, 'nothing scrolls sideways');
    await shoot(page, 'embed');
  }, { viewport: EMBED, shotName: 'minimap-embed' });
});

for (const [stage, viewport] of [['desk', DESK], ['phone', PHONE]]) {
  test(`a small built-in scenario shows no minimap and no button for one (${stage})`, async (t) => {
    await withPage(t, async ({ page }) => {
      await page.getByRole('button', { name: 'Scenarios' }).click();
      await page.getByRole('listitem', { name: 'IAM user vs IAM role' }).getByRole('button').click();
      await page.getByRole('region', { name: 'Guided steps' }).waitFor();
      await settle(page);
      assert.equal(await minimapOf(page).count(), 0, 'no minimap');
      assert.equal(await page.getByRole('button', { name: /minimap/ }).count(), 0, 'and no button for one');
    }, { viewport });
  });
}
