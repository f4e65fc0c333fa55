// The first screen before the wasm: the diagram the page is about to open, as a picture in the
// HTML (a first visit, an embed) or from the last autosave (a returning visitor), so a reader
// sees it long before the ~1 MB that makes it editable has arrived. Each test holds the wasm
// back, checks what shows meanwhile (at every stage, light and dark, screenshots in
// e2e/screenshots/first-screen-*.png), then lets it through and checks the page takes over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { distOrigin, guardedPage, holdWasm, openAccountFile, SHOTS } from '../helpers.mjs';

const STAGES = [
  ['desk', { width: 1400, height: 860 }, '/'],
  ['embed', { width: 700, height: 480 }, '/?embed=1'],
  ['projector-720', { width: 1280, height: 720 }, '/'],
  ['projector-1080', { width: 1920, height: 1080 }, '/'],
  ['phone', { width: 390, height: 844 }, '/'],
];
const LOADING_PICTURE = /a picture until the playground has loaded$/;

/** A page whose wasm is held back until `release()`. */
async function heldPage(viewport, colorScheme, problems) {
  const origin = await distOrigin();
  const { context, page } = await guardedPage(origin, problems, { viewport, colorScheme });
  const release = await holdWasm(page);
  return { context, page, origin, release };
}

/** What a person sees of the loading screen: the picture's box, the status line, the page's width. */
async function loadingScreen(page) {
  const picture = page.getByRole('img', { name: LOADING_PICTURE });
  await picture.waitFor();
  const status = page.getByRole('status');
  return {
    picture: await picture.boundingBox(),
    status: await status.boundingBox(),
    statusText: await status.innerText(),
    statusPx: await status.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
    // The picture's own background, to tell the light picture from the dark one.
    backdrop: await picture.evaluate((el) => (el.querySelector('svg rect') || el).getAttribute('fill')),
    scrollWidth: await page.evaluate(() => document.scrollingElement.scrollWidth),
  };
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

for (const [stage, viewport, address] of STAGES) {
  for (const scheme of ['light', 'dark']) {
    test(`a first visit on the ${stage} (${scheme}) sees the example diagram before the wasm arrives`, async () => {
      const problems = [];
      const { context, page, origin, release } = await heldPage(viewport, scheme, problems);
      try {
        await page.goto(origin + address);
        const s = await loadingScreen(page);
        fs.mkdirSync(SHOTS, { recursive: true });
        await page.screenshot({ path: path.join(SHOTS, `first-screen-${stage}-${scheme}.png`) });
        assert.equal(s.statusText, 'Loading IAM Playground…');
        assert.ok(s.statusPx >= 16, `the status line is readable (${s.statusPx}px)`);
        for (const [name, box] of [['picture', s.picture], ['status line', s.status]]) {
          assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5
            && box.y + box.height <= viewport.height + 0.5, `the ${name} is whole on screen: ${JSON.stringify(box)}`);
        }
        assert.ok(s.picture.y + s.picture.height <= s.status.y, 'the picture stands above the status line, not over it');
        assert.ok(s.picture.width >= Math.min(viewport.width - 40, 520),
          `the picture uses the screen's width (${s.picture.width}px of ${viewport.width})`);
        assert.ok(s.scrollWidth <= viewport.width, 'no sideways scroll');
        const dark = luminance(s.backdrop) < 0.3;
        assert.equal(dark, scheme === 'dark', `the ${scheme} picture is shown (background ${s.backdrop})`);
        assert.equal(await page.getByRole('region', { name: 'Canvas' }).count(), 0, 'the wasm has not started yet');

        release();
        await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
        assert.equal(await page.getByRole('img', { name: LOADING_PICTURE }).count(), 0, 'the picture goes once the page is live');
        assert.equal(await page.getByRole('status').filter({ hasText: 'Loading IAM Playground' }).count(), 0);
      } finally {
        release();
        await context.close();
      }
      assert.deepEqual(problems, []);
    });
  }
}

test('a returning visitor sees their own last diagram while the page loads, not the example', async () => {
  const problems = [];
  const { context, page, origin, release } = await heldPage({ width: 1400, height: 860 }, 'light', problems);
  try {
    release();
    await page.goto(origin + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    // Open another scenario: the autosave keeps it, and its picture.
    await page.getByRole('button', { name: 'Scenarios' }).click();
    const dialog = page.getByRole('dialog', { name: 'Scenarios' });
    await dialog.getByRole('listitem', { name: 'Cross-account access' }).getByRole('button').click();
    const shownTitle = 'Cross-account access';
    await page.waitForFunction((t) => document.querySelector('.doc-title')?.textContent === t, shownTitle);
    await page.waitForFunction((t) => JSON.parse(localStorage.getItem('iam-playground/loading-picture') || '{}').title === t, shownTitle);

    // Next visit, on a slow link: the wasm is held back again.
    await page.unroute('**/*.wasm');
    const releaseAgain = await holdWasm(page);
    await page.reload();
    const picture = page.getByRole('img', { name: `${shownTitle}: your last diagram, a picture until the playground has loaded` });
    await picture.waitFor();
    const box = await picture.boundingBox();
    assert.ok(box.width > 300 && box.height > 100, `the picture is shown large (${JSON.stringify(box)})`);
    assert.equal(await page.getByRole('img', { name: /the example diagram/ }).count(), 0, 'not the example');
    await page.screenshot({ path: path.join(SHOTS, 'first-screen-returning-visitor.png') });
    releaseAgain();
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.doc-title').innerText(), shownTitle, 'the page opens the diagram the picture showed');
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});

test('a returning visitor with a large imported account sees its name while the page loads', async () => {
  const problems = [];
  const { context, page, origin, release } = await heldPage({ width: 1400, height: 860 }, 'light', problems);
  try {
    release();
    await page.goto(origin + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    // 200 users: more than the 150 nodes a loading picture is kept for.
    const users = [...Array(200).keys()].map((i) => ({
      Path: '/', UserName: `user-${i}`, UserId: `AIDAUSER${String(i).padStart(12, '0')}`,
      Arn: `arn:aws:iam::111122223333:user/user-${i}`, CreateDate: '2025-03-01T10:00:00Z',
      GroupList: [], AttachedManagedPolicies: [], Tags: [], UserPolicyList: [],
    }));
    const text = JSON.stringify({ UserDetailList: users, GroupDetailList: [], RoleDetailList: [], Policies: [] });
    await openAccountFile(page, text);
    const title = await page.locator('.doc-title').innerText();
    await page.waitForFunction((t) => {
      const r = JSON.parse(localStorage.getItem('iam-playground/loading-picture') || '{}');
      return r.title === t && r.svg === null;
    }, title);

    await page.unroute('**/*.wasm');
    const releaseAgain = await holdWasm(page);
    await page.reload();
    await page.getByRole('heading', { name: title }).waitFor();
    assert.equal(await page.getByRole('img', { name: LOADING_PICTURE }).count(), 0, 'no picture, and not the example');
    await page.screenshot({ path: path.join(SHOTS, 'first-screen-returning-large.png') });
    releaseAgain();
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.doc-title').innerText(), title);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});

/** A share link's payload for a scenario file, as src/doc/share.rs makes it. */
function payloadOf(file) {
  const text = JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8')));
  return '1.' + zlib.deflateSync(text, { level: 9 }).toString('base64url');
}
const CROSS_ACCOUNT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'static', 'scenarios', 'cross-account.scenario.json');

for (const [stage, viewport, address] of STAGES) {
  test(`a shared link on the ${stage} shows its scenario's title and summary while the page loads`, async () => {
    const problems = [];
    const { context, page, origin, release } = await heldPage(viewport, 'light', problems);
    try {
      const payload = payloadOf(CROSS_ACCOUNT);
      await page.goto(`${origin}${address}#s=${payload}`);
      const title = page.getByRole('heading', { name: 'Cross-account access' });
      await title.waitFor();
      const summary = page.getByText(/^A user in one account assumes a role in another\./);
      const boxes = [await title.boundingBox(), await summary.boundingBox(), await page.getByRole('status').boundingBox()];
      for (const box of boxes) {
        assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= viewport.width + 0.5 && box.y + box.height <= viewport.height + 0.5,
          `whole on screen: ${JSON.stringify(box)}`);
      }
      assert.ok(boxes[0].y + boxes[0].height <= boxes[1].y && boxes[1].y + boxes[1].height <= boxes[2].y, 'title, summary, status, one under the other');
      assert.ok(await title.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)) >= 22, 'the title reads large');
      assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth) <= viewport.width, 'no sideways scroll');
      assert.equal(await page.getByRole('img', { name: LOADING_PICTURE }).count(), 0, 'no picture of another diagram');
      await page.screenshot({ path: path.join(SHOTS, `first-screen-shared-${stage}.png`) });
      release();
      await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'Cross-account access');
    } finally {
      release();
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
}

test('a damaged or oversized shared link shows neither a picture nor a title, only that the page is loading', async () => {
  const problems = [];
  // A real scenario padded past the 256 KB the page unpacks: only the size limit refuses it.
  const padded = JSON.parse(fs.readFileSync(CROSS_ACCOUNT, 'utf8'));
  padded.padding = 'x'.repeat(300 * 1024);
  const tooLarge = '1.' + zlib.deflateSync(JSON.stringify(padded), { level: 9 }).toString('base64url');
  for (const address of ['/#s=1.not-a-real-payload', '/?embed=1#s=1.not-a-real-payload', `/#s=${tooLarge}`]) {
    const { context, page, origin, release } = await heldPage({ width: 700, height: 480 }, 'light', problems);
    try {
      await page.goto(origin + address);
      await page.getByRole('status').filter({ hasText: 'Loading IAM Playground…' }).waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.getByRole('img', { name: LOADING_PICTURE }).count(), 0, `${address.slice(0, 30)}: no picture`);
      assert.equal(await page.getByRole('heading').count(), 0, `${address.slice(0, 30)}: no title`);
    } finally {
      release();
      await context.close();
    }
  }
  assert.deepEqual(problems, []);
});
