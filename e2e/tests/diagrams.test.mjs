// Readable diagrams: whole names, labels clear of each other and of nodes, names at least
// 12 px after fitting, new nodes apart, touch pan and pinch. Screenshots of every built-in
// scenario in light and dark, on a desk (1400×860) and a phone (390×844).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, SHOTS } from '../helpers.mjs';

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

async function openScenario(page, name) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  await page.getByRole('listitem', { name }).getByRole('button').click();
  await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, name);
  // The canvas refits once the guided steps settle.
  await page.waitForTimeout(500);
}

/** What the canvas draws, measured in the page: names, their rendered size, boxes. */
async function measure(page) {
  return page.evaluate(() => {
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
    const names = [...document.querySelectorAll('.canvas .node:not(.frame) text.name')].map((t) => ({
      text: t.textContent,
      px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
    }));
    const nodes = [...document.querySelectorAll('.canvas .node:not(.frame) > rect.body')].map((r) => ({
      name: r.parentElement.getAttribute('aria-label'), ...box(r),
    }));
    const labels = [...document.querySelectorAll('.canvas .labels .chip > rect, .canvas .labels .badge > rect')].map((r) => ({
      text: r.parentElement.textContent, ...box(r),
    }));
    const zoom = document.querySelector('.zoom-badge')?.textContent;
    return { names, nodes, labels, zoom };
  });
}

/** Overlap of two boxes, with half a pixel for rounding. */
const overlaps = (a, b) => a.x + 0.5 < b.x + b.w && b.x + 0.5 < a.x + a.w && a.y + 0.5 < b.y + b.h && b.y + 0.5 < a.y + a.h;

function assertReadable(m, where) {
  assert.ok(m.names.length > 0, `${where}: no node names`);
  for (const n of m.names) {
    assert.ok(!n.text.endsWith('…'), `${where}: "${n.text}" is cut`);
    assert.ok(n.px >= 11.99, `${where}: "${n.text}" renders at ${n.px.toFixed(2)} px`);
  }
  for (const [i, l] of m.labels.entries()) {
    for (const o of m.labels.slice(i + 1)) assert.ok(!overlaps(l, o), `${where}: "${l.text}" overlaps "${o.text}"`);
    for (const n of m.nodes) assert.ok(!overlaps(l, n), `${where}: "${l.text}" overlaps ${n.name}`);
  }
}

for (const scheme of ['light', 'dark']) {
  test(`every built-in scenario shows whole, readable names and labels apart at 1400×860 (${scheme})`, async (t) => {
    await withPage(t, async ({ page }) => {
      for (const [i, name] of TITLES.entries()) {
        await openScenario(page, name);
        assertReadable(await measure(page), name);
        await page.screenshot({ path: path.join(SHOTS, `diagram-${scheme}-1400-${i + 1}.png`) });
      }
    }, { colorScheme: scheme });
  });

  test(`built-in scenarios on a 390×844 phone keep names readable (${scheme})`, async (t) => {
    await withPage(t, async ({ page }) => {
      for (const [i, name] of TITLES.slice(0, 3).entries()) {
        await openScenario(page, name);
        const m = await measure(page);
        for (const n of m.names) {
          assert.ok(!n.text.endsWith('…'), `${name}: "${n.text}" is cut`);
          assert.ok(n.px >= 11.99, `${name}: "${n.text}" renders at ${n.px.toFixed(2)} px`);
        }
        await page.screenshot({ path: path.join(SHOTS, `diagram-${scheme}-phone-${i + 1}.png`) });
      }
    }, { colorScheme: scheme, viewport: { width: 390, height: 844 } });
  });
}

test('opening the simulator does not shrink names below 12 px', async (t) => {
  await withPage(t, async ({ page }) => {
    await openScenario(page, TITLES[0]);
    await page.getByRole('button', { name: 'Simulator', exact: true }).click();
    await page.waitForTimeout(500);
    const m = await measure(page);
    for (const n of m.names) assert.ok(n.px >= 11.99, `"${n.text}" renders at ${n.px.toFixed(2)} px with the simulator open`);
    await page.screenshot({ path: path.join(SHOTS, 'diagram-simulator-open.png') });
    // "Fit all" still shows everything, whatever the size.
    await page.getByRole('region', { name: 'Canvas' }).focus();
    await page.keyboard.press('Shift+Digit1');
    await page.waitForTimeout(200);
    const all = await measure(page);
    const canvas = await page.getByRole('region', { name: 'Canvas' }).boundingBox();
    for (const n of all.nodes) {
      assert.ok(n.x >= canvas.x - 1 && n.x + n.w <= canvas.x + canvas.width + 1, `${n.name} outside the canvas after fit all`);
    }
  });
});

test('five nodes added from the toolbar land apart from each other and the rest', async (t) => {
  await withPage(t, async ({ page }) => {
    const tools = page.getByRole('toolbar', { name: 'Tools' });
    for (const kind of ['Add user', 'Add role', 'Add user', 'Add group', 'Add role']) {
      await tools.getByRole('button', { name: kind, exact: true }).click();
      await page.keyboard.press('Escape');
    }
    await page.waitForTimeout(200);
    const m = await measure(page);
    for (const [i, a] of m.nodes.entries()) {
      for (const b of m.nodes.slice(i + 1)) assert.ok(!overlaps(a, b), `${a.name} overlaps ${b.name}`);
    }
    assertReadable(m, 'after adding five nodes');
  });
});

/** Sends touch pointer events the way a phone does (pointerType "touch"). */
async function touch(page, type, id, x, y) {
  await page.evaluate(({ type, id, x, y }) => {
    const el = document.querySelector('.canvas');
    el.dispatchEvent(new PointerEvent(type, {
      pointerId: id, pointerType: 'touch', clientX: x, clientY: y, bubbles: true, isPrimary: id === 1, button: 0, buttons: type === 'pointerup' ? 0 : 1,
    }));
  }, { type, id, x, y });
}

test('one finger pans the canvas and two fingers pinch-zoom it', async (t) => {
  await withPage(t, async ({ page }) => {
    const canvas = await page.getByRole('region', { name: 'Canvas' }).boundingBox();
    const transform = () => page.evaluate(() => document.querySelector('.canvas svg > g').getAttribute('transform'));
    const zoom = async () => parseInt((await measure(page)).zoom, 10);
    // An empty spot: the canvas's bottom-left corner, clear of the example's frame.
    const x = canvas.x + 20;
    const y = canvas.y + canvas.height - 20;
    const before = await transform();
    const z0 = await zoom();
    await touch(page, 'pointerdown', 1, x, y);
    await touch(page, 'pointermove', 1, x + 60, y - 40);
    await touch(page, 'pointerup', 1, x + 60, y - 40);
    await page.waitForTimeout(100);
    const panned = await transform();
    assert.notEqual(panned, before, 'one finger did not pan');
    assert.equal(await zoom(), z0, 'one finger must not zoom');
    // Two fingers spread apart: zoom in.
    const cx = canvas.x + canvas.width / 2;
    const cy = canvas.y + canvas.height / 2;
    await touch(page, 'pointerdown', 1, cx - 40, cy);
    await touch(page, 'pointerdown', 2, cx + 40, cy);
    await touch(page, 'pointermove', 1, cx - 80, cy);
    await touch(page, 'pointermove', 2, cx + 80, cy);
    await touch(page, 'pointerup', 1, cx - 80, cy);
    await touch(page, 'pointerup', 2, cx + 80, cy);
    await page.waitForTimeout(100);
    const z1 = await zoom();
    assert.ok(z1 > z0 * 1.5, `pinch zoomed from ${z0}% to ${z1}%`);
    // Nothing was selected or moved by the gesture: undo has nothing to undo.
    assert.ok(await page.getByRole('button', { name: 'Undo' }).isDisabled());
  }, { viewport: { width: 390, height: 844 } });
});

test('credentials issued in a guided step show as a countdown ring on the role; the long-term key never expires', async (t) => {
  await withPage(t, async ({ page }) => {
    await openScenario(page, TITLES[0]);
    const canvas = page.getByRole('region', { name: 'Canvas' });
    // The user's access key is long-term.
    assert.match(await canvas.locator('.chip-long').first().textContent(), /never expires/);
    const timers = canvas.getByRole('timer');
    for (let i = 0; i < 8 && (await timers.count()) === 0; i++) {
      await page.getByRole('button', { name: 'Next step' }).click();
      await page.waitForTimeout(400);
    }
    assert.ok((await timers.count()) > 0, 'no timer after the steps that issue credentials');
    const name = await timers.first().getAttribute('aria-label');
    assert.match(name, /^Session \S+ of \S+, (\d+ hours?( \d+ minutes?)?|\d+ minutes?) left$/);
    await page.screenshot({ path: path.join(SHOTS, 'diagram-session-timer.png') });
    // Jumping past the expiry leaves the ring dead.
    await page.getByRole('button', { name: 'Jump to next expiry' }).click();
    await page.waitForTimeout(400);
    const after = await Promise.all((await timers.all()).map((t) => t.getAttribute('aria-label')));
    assert.ok(after.some((n) => n.endsWith(', expired')), `no expired timer after the expiry: ${after}`);
    await page.screenshot({ path: path.join(SHOTS, 'diagram-session-expired.png') });
  }, { reducedMotion: 'reduce' });
});
