// Every stage the playground is met on (a desk, a 700×480 blog embed on another origin,
// read-only and editable, a projector at 1280×720 and 1920×1080, a 390×844 phone): every
// built-in scenario played through all its steps, and the geometry checked at each step: no
// sideways scroll, every node's centre uncovered, the canvas keeping its share of the
// screen. Screenshots of each stage land in e2e/screenshots/stages-*.png, light and dark.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { distOrigin, guardedPage, serveStatic, tempDir, SHOTS } from '../helpers.mjs';

const DESK = { width: 1400, height: 860 };
const PHONE = { width: 390, height: 844 };
const EMBED = { width: 700, height: 480 };

/** What each stage measured, step by step, for the checks that need others' work too. */
const seen = {};
let titles = [];

function slug(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** A fresh context on the shared browser; fails the test on console errors and foreign requests. */
async function stagePage(viewport, problems, extra = {}) {
  const origin = await distOrigin();
  const { context, page } = await guardedPage(origin, problems, {
    viewport, reducedMotion: 'reduce', allowOrigins: extra.allowOrigins, context: extra.context,
  });
  return { context, page, origin };
}

async function openScenario(page, name) {
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await page.getByRole('button', { name: 'Scenarios' }).click();
  // On a loaded machine a click that lands while the layout settles after leaving
  // presentation (the header comes back, the canvas refits) can miss the button: a reader
  // would click again, and so does the test, once, saying so. Twice missed fails.
  if (!(await dialog.waitFor({ timeout: 5000 }).then(() => true, () => false))) {
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `stages-scenarios-missed-${slug(name)}.png`) });
    console.log(`# the Scenarios button did not open its dialog before ${name}: clicked again`);
    await page.getByRole('button', { name: 'Scenarios' }).click();
  }
  await dialog.getByRole('listitem', { name }).getByRole('button').click();
  await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, name);
}

/** "Step 3 of 8" → [3, 8]. */
async function stepOf(guide) {
  const m = (await guide.innerText()).match(/Step (\d+) of (\d+)/);
  assert.ok(m, 'the guided steps say which step is on show');
  return [Number(m[1]), Number(m[2])];
}

/** Waits until the layout has settled: the canvas refits after its size changes. */
async function settle(frame) {
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 120)))));
}

/** Everything the checks need, measured inside the frame (the page or the embed's iframe). */
function measure(frame) {
  return frame.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const se = document.scrollingElement;
    const canvas = document.querySelector('[role="region"][aria-label="Canvas"]');
    const r = canvas.getBoundingClientRect();
    const shown = getComputedStyle(canvas).visibility !== 'hidden';
    const visW = Math.max(0, Math.min(r.right, vw) - Math.max(r.left, 0));
    const visH = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
    const nodes = [...canvas.querySelectorAll('g.node[data-node-id]:not(.frame)')].map((g) => {
      const body = g.querySelector('.body') || g;
      const b = body.getBoundingClientRect();
      const cx = b.left + b.width / 2;
      const cy = b.top + b.height / 2;
      const hit = document.elementFromPoint(cx, cy);
      const name = g.querySelector('text.name');
      const px = name
        ? parseFloat(getComputedStyle(name).fontSize) * (name.getScreenCTM()?.a ?? 1)
        : null;
      const c = hit?.closest('[class]');
      const what = !hit ? 'nothing (off screen)'
        : c ? (typeof c.className === 'string' ? c.className : c.className.baseVal) : hit.tagName;
      return {
        label: g.getAttribute('aria-label'),
        // A diagram too big to fit with 12 px names shows its start and the reader pans
        // (issue 11 point 3): a centre outside the canvas is out of view, not covered.
        outOfView: cx < Math.max(r.left, 0) || cx > Math.min(r.right, vw) || cy < Math.max(r.top, 0) || cy > Math.min(r.bottom, vh),
        covered: !(hit && g.contains(hit)) ? String(what) : null,
        namePx: px,
        cut: name ? name.textContent.includes('…') : false,
      };
    });
    const timer = [...canvas.querySelectorAll('[role="timer"]')].some((t) => {
      const b = t.getBoundingClientRect();
      return b.width > 0 && b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw;
    });
    const cards = document.querySelectorAll('[aria-label="Credentials"] article').length;
    const caption = document.querySelector('.caption-bar .caption');
    const dockOpen = document.querySelector('.simdock')?.classList.contains('collapsed') === false;
    const toasts = [...document.querySelectorAll('.toast')].filter((t) => t.getClientRects().length > 0).length;
    // A refused AssumeRole is marked on the canvas where it was refused.
    const outcome = document.querySelector('[role="region"][aria-label="Guided steps"] .caption-outcome');
    const deniedAssume = !!outcome && /^Denied/.test(outcome.textContent ?? '')
      && /sts:AssumeRole\b/.test(outcome.textContent ?? '');
    const refusedNodes = [...canvas.querySelectorAll('g.node')]
      .filter((g) => (g.getAttribute('aria-description') ?? '').includes('refused the call here')).length;
    const refusalMark = [...canvas.querySelectorAll('.refusal-mark')].some((m) => {
      const b = m.getBoundingClientRect();
      return b.width > 0 && b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw;
    });
    // The refusal tab covers no session's name or countdown ring on the node's top border.
    const boxes = (sel) => [...canvas.querySelectorAll(sel)].map((e) => e.getBoundingClientRect()).filter((b) => b.width > 0);
    const meets = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const sessionMarks = [...boxes('.timer-name'), ...boxes('[role="timer"]')];
    const refusalCovers = boxes('.refusal-mark').some((tab) => sessionMarks.some((b) => meets(tab, b)));
    // An SCP's refusal also outlines the caller's account frame, where the SCP applies.
    const scpDenied = !!outcome && /^Denied/.test(outcome.textContent ?? '')
      && /service control policy/.test(outcome.textContent ?? '');
    const scpFrame = [...canvas.querySelectorAll('g.frame.flow-fail')].some((g) => {
      const b = g.getBoundingClientRect();
      return (g.getAttribute('aria-description') ?? '').includes('an SCP of its organization refused the call')
        && b.width > 0 && b.bottom > 0 && b.top < vh && b.right > 0 && b.left < vw;
    });
    // The nodes of the call on show (caller, the role it calls as, the role, the resource):
    // where they are, against the canvas's visible part, so a step can be checked to show
    // them whole, not just their centres.
    const box = { left: Math.max(r.left, 0), top: Math.max(r.top, 0), right: Math.min(r.right, vw), bottom: Math.min(r.bottom, vh) };
    const lit = [...canvas.querySelectorAll('g.node[data-node-id]:not(.frame)')]
      .filter((g) => (g.getAttribute('aria-description') ?? '').includes('part of the call on show'))
      .map((g) => {
        const b = (g.querySelector('.body') || g).getBoundingClientRect();
        return {
          label: g.getAttribute('aria-label'), left: b.left, top: b.top, right: b.right, bottom: b.bottom,
          whole: b.left >= box.left - 1 && b.top >= box.top - 1 && b.right <= box.right + 1 && b.bottom <= box.bottom + 1,
        };
      });
    // The edges the played call travels are lit (caller → trust edge → role).
    const travel = canvas.querySelectorAll('g.edge-group.flow-travel').length;
    // Code in a caption is set as code: no raw backtick reaches the reader.
    const backticks = (document.querySelector('[role="region"][aria-label="Guided steps"]')?.textContent ?? '').includes('`');
    return {
      vw, vh,
      sideways: se.scrollWidth - se.clientWidth,
      canvasH: shown ? visH : 0,
      canvasArea: shown ? visW * visH : 0,
      nodes, timer, cards, toasts, dockOpen, backticks, deniedAssume, refusedNodes, refusalMark, refusalCovers, scpDenied, scpFrame, travel,
      lit, litBox: shown ? box : null,
      captionPx: caption ? parseFloat(getComputedStyle(caption).fontSize) : null,
      captionClamped: caption ? caption.scrollHeight > caption.clientHeight + 1 : null,
    };
  });
}

/** The checks every stage's layout guarantees, at one step. */
function assertLayout(m, where, { minCanvasH = 0, minCanvasArea = 0 }) {
  assert.ok(m.sideways <= 0, `${where}: the page scrolls sideways by ${m.sideways} px`);
  assert.ok(m.nodes.length > 0, `${where}: the canvas shows nodes`);
  // A canvas smaller than the diagram at 12 px names (a phone, an embed, a desk with the
  // simulator open) shows part of it and the reader pans (issue 11 point 3).
  const inView = m.nodes.filter((n) => !n.outOfView);
  assert.ok(inView.length > 0, `${where}: some node is in view`);
  for (const n of inView) {
    assert.equal(n.covered, null, `${where}: the centre of ${n.label} is covered by ${n.covered}`);
  }
  assert.ok(!m.refusalCovers, `${where}: the refusal tab covers a session's name or countdown ring`);
  const h = m.canvasH / m.vh;
  assert.ok(h >= minCanvasH, `${where}: the canvas shows ${Math.round(h * 100)} % of the height, under ${minCanvasH * 100} %`);
  const a = m.canvasArea / (m.vw * m.vh);
  assert.ok(a >= minCanvasArea, `${where}: the canvas shows ${Math.round(a * 100)} % of the screen, under ${minCanvasArea * 100} %`);
}

/**
 * The call on show stays in view: its nodes all whole where they fit the canvas together
 * (with the reveal's widest margin around them), else at least one of them whole. A node
 * whose centre shows but whose side is cut by the canvas's edge fails this. Returns what is
 * wrong, or null.
 */
function callOutOfView(m) {
  if (!m.litBox || m.lit.length === 0) return null;
  const w = Math.max(...m.lit.map((n) => n.right)) - Math.min(...m.lit.map((n) => n.left));
  const h = Math.max(...m.lit.map((n) => n.bottom)) - Math.min(...m.lit.map((n) => n.top));
  const fits = w + 96 <= m.litBox.right - m.litBox.left && h + 96 <= m.litBox.bottom - m.litBox.top;
  const cut = m.lit.filter((n) => !n.whole).map((n) => n.label);
  if (fits && cut.length > 0) return `the call's nodes fit the canvas together, yet ${cut.join(', ')} is cut by its edge`;
  if (cut.length === m.lit.length) return `none of the call's nodes (${cut.join(', ')}) shows whole`;
  return null;
}

/**
 * Measures a step once the view has followed it: a busy machine can land the measurement
 * between the step's render and the view moving to its call (a second or more on CI), so a
 * call out of view is measured again for up to 3 s before it counts as a failure.
 */
async function measureStep(frame) {
  let m = await measure(frame);
  for (let i = 0; i < 15 && callOutOfView(m); i++) {
    await new Promise((r) => setTimeout(r, 200));
    m = await measure(frame);
  }
  return m;
}

/**
 * Plays the guided steps on show in `frame` from the first to the last, measuring each;
 * `check(m, where)` asserts this stage's layout. Saves a screenshot of the last step, then
 * steps past it to the recap card (see `checkRecap`, given `recap`) and back.
 */
async function playAll(frame, name, stage, check, shoot, recap = {}) {
  const guide = frame.getByRole('region', { name: 'Guided steps' });
  await guide.waitFor();
  let [at, of] = await stepOf(guide);
  assert.equal(at, 1, `${stage}, ${name}: the guided steps open at step 1`);
  const steps = [];
  let cards = null;
  for (;;) {
    await settle(frame);
    const m = await measureStep(frame);
    m.issued = cards !== null && m.cards > cards;
    cards = m.cards;
    const where = `${stage}, ${name}, step ${at} of ${of}`;
    assert.ok(!m.backticks, `${where}: the caption shows raw backticks`);
    if (m.deniedAssume) {
      assert.equal(m.refusedNodes, 1, `${where}: the node where AssumeRole was refused says so`);
    }
    check(m, where);
    assert.equal(callOutOfView(m), null, `${where}: the call on show is out of view`);
    steps.push({ where, ...m });
    if (at === of) break;
    await guide.getByRole('button', { name: 'Next step' }).click();
    await frame.waitForFunction((n) => new RegExp(`Step ${n} of`).test(
      document.querySelector('[role="region"][aria-label="Guided steps"]')?.innerText ?? ''), at + 1);
    at += 1;
  }
  if (shoot) await shoot();
  (seen[stage] ||= []).push(...steps);
  await checkRecap(frame, name, stage, of, recap);
}

/**
 * Past the last step: the recap card shows inside the frame, its type readable (at least
 * `headingVh` of the screen's height for its heading when presenting), no node covered, and
 * Previous step goes back to the last step. `after` may then try the card's actions.
 */
async function checkRecap(frame, name, stage, of, { headingVh = 0, shoot, after, scrolls = false } = {}) {
  const guide = frame.getByRole('region', { name: 'Guided steps' });
  await guide.getByRole('button', { name: 'Next step' }).click();
  const recap = frame.getByRole('region', { name: 'Recap' });
  await recap.waitFor();
  await settle(frame);
  const where = `${stage}, ${name}, recap`;
  assert.equal(await recap.getByRole('heading', { name: `Recap: ${name}` }).count(), 1, `${where}: the heading names the scenario`);
  const points = await recap.getByRole('listitem').count();
  assert.ok(points >= 2 && points <= 5, `${where}: ${points} points`);
  const r = await frame.evaluate(() => {
    const card = document.querySelector('[role="region"][aria-label="Recap"]');
    const b = card.getBoundingClientRect();
    const px = (e) => parseFloat(getComputedStyle(e).fontSize);
    const items = [...card.querySelectorAll('li')];
    return {
      box: { left: b.left, top: b.top, right: b.right, bottom: b.bottom, height: b.height },
      headingPx: px(card.querySelector('h2')),
      itemPx: Math.min(...items.map(px)),
      backticks: card.textContent.includes('`'),
      code: card.querySelectorAll('code').length,
    };
  });
  const m = await measure(frame);
  assert.ok(m.sideways <= 0, `${where}: the page scrolls sideways by ${m.sideways} px`);
  assert.ok(r.box.height > 0 && r.box.left >= -0.5 && r.box.top >= -0.5 && r.box.right <= m.vw + 0.5 && r.box.bottom <= m.vh + 0.5,
    `${where}: the card is inside the ${m.vw}×${m.vh} frame (${JSON.stringify(r.box)})`);
  assert.ok(r.headingPx >= 12 && r.itemPx >= 12, `${where}: the card's text is ${r.headingPx} / ${r.itemPx} px`);
  assert.ok(r.headingPx >= headingVh * m.vh, `${where}: the heading is ${r.headingPx} px, under ${headingVh * 100} % of the screen`);
  assert.ok(!r.backticks, `${where}: the recap shows raw backticks`);
  assert.ok(r.code > 0, `${where}: identifiers in the recap are set as code`);
  // The diagram stays in sight beside or above the card, never under it.
  assert.ok(m.canvasH >= 0.2 * m.vh, `${where}: the canvas keeps ${Math.round(100 * m.canvasH / m.vh)} % of the height`);
  for (const n of m.nodes.filter((x) => !x.outOfView)) {
    assert.ok(!/caption|recap/.test(n.covered ?? ''), `${where}: the centre of ${n.label} is covered by ${n.covered}`);
  }
  // Its actions are in sight, not scrolled away inside the card (in a frame too short for
  // both, the card scrolls to them).
  for (const b of await recap.getByRole('button').all()) {
    if (scrolls) await b.scrollIntoViewIfNeeded();
    const box = await b.boundingBox();
    const clip = await recap.boundingBox();
    assert.ok(box && box.y >= clip.y - 0.5 && box.y + box.height <= clip.y + clip.height + 0.5
      && box.x + box.width <= clip.x + clip.width + 0.5,
      `${where}: ${await b.innerText()} is in sight (${JSON.stringify(box)})`);
  }
  if (shoot) await shoot('-recap');
  await guide.getByRole('button', { name: 'Previous step' }).click();
  await recap.waitFor({ state: 'detached' });
  assert.deepEqual(await stepOf(guide), [of, of], `${where}: Previous step goes back to the last step`);
  // The caption takes its own height again; the canvas settles back into the rest.
  await settle(frame);
  if (after) await after(guide, recap);
}

/** Reports the stage's smallest canvas share and node name, measured over all its steps. */
function figures(t, stage) {
  const steps = seen[stage] || [];
  const min = (f) => Math.min(...steps.map(f));
  const names = steps.flatMap((s) => s.nodes.map((n) => n.namePx).filter((p) => p !== null));
  t.diagnostic(`${stage}: ${steps.length} steps; canvas at least ${Math.round(100 * min((s) => s.canvasH / s.vh))} % of the height, `
    + `${Math.round(100 * min((s) => s.canvasArea / (s.vw * s.vh)))} % of the area; node names ${Math.min(...names).toFixed(1)}–${Math.max(...names).toFixed(1)} px`);
}

function shotPath(stage, name, scheme) {
  fs.mkdirSync(SHOTS, { recursive: true });
  return path.join(SHOTS, `stages-${slug(stage)}-${slug(name)}-${scheme}.png`);
}

/** Light for even scenarios, dark for odd ones: every stage is seen in both schemes. */
const schemeOf = (i) => (i % 2 ? 'dark' : 'light');

/** The built-in scenarios, as the Scenarios dialog lists them. */
before(async () => {
  const problems = [];
  const { context, page } = await stagePage(DESK, problems);
  try {
    await page.goto((await distOrigin()) + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await page.getByRole('button', { name: 'Scenarios' }).click();
    titles = await page.getByRole('dialog', { name: 'Scenarios' }).locator('.scenario-title').allTextContents();
  } finally {
    await context.close();
  }
  assert.ok(titles.length >= 9, `the built-in scenarios are listed (${titles.length})`);
});

test('on a desk (1400×860) every scenario plays with no node covered and nothing scrolling sideways', async (t) => {
  const problems = [];
  const { context, page } = await stagePage(DESK, problems);
  try {
    await page.goto((await distOrigin()) + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    for (const [i, name] of titles.entries()) {
      const scheme = schemeOf(i);
      await page.emulateMedia({ colorScheme: scheme });
      await openScenario(page, name);
      const shoot = (extra = '') => page.screenshot({ path: shotPath('desk', name + extra, scheme) });
      // Once at the desk: the recap's actions. Play again goes back to step 1; Next scenario
      // opens the next one in the library.
      const after = async (guide, recap) => {
        if (i > 1) return;
        await guide.getByRole('button', { name: 'Next step' }).click();
        if (i === 0) {
          await recap.getByRole('button', { name: 'Play again' }).click();
          await recap.waitFor({ state: 'detached' });
          assert.deepEqual(await stepOf(guide), [1, 8], 'Play again goes back to step 1');
        } else {
          await recap.getByRole('button', { name: `Next scenario: ${titles[i + 1]}` }).click();
          await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, titles[i + 1]);
          assert.equal((await stepOf(guide))[0], 1, 'the next scenario opens at step 1');
        }
      };
      await playAll(page, name, 'desk', (m, where) => assertLayout(m, where, {}), shoot, { shoot, after });
    }
    figures(t, 'desk');
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});

/** The embed code of scenario `name`, made where people make it, with its guided steps on. */
async function embedCode(page, name, editable) {
  await page.goto((await distOrigin()) + '/');
  await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
  await openScenario(page, name);
  await page.getByRole('button', { name: 'Copy embed code' }).click();
  const embed = page.getByRole('dialog', { name: 'Embed this scenario' });
  await embed.getByLabel('Start the guided steps').check();
  if (!editable) await embed.getByLabel('Readers can edit').uncheck();
  const code = await embed.getByLabel('Embed code').inputValue();
  assert.match(code, /height="480"/, 'the default height suits a 700 px column');
  return code;
}

/** Polls `read` until `ok` holds of its answer (up to 5 s): the page redraws after an input's
 *  change event, not within it. Returns the last answer either way, for the assertion. */
async function eventually(read, ok) {
  let v = await read();
  for (let i = 0; i < 50 && !ok(v); i++) {
    await new Promise((r) => setTimeout(r, 100));
    v = await read();
  }
  return v;
}

test('the embed dialog offers a height and previews the frame at it', async () => {
  const problems = [];
  const { context, page } = await stagePage(DESK, problems);
  try {
    await page.goto((await distOrigin()) + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await openScenario(page, titles[0] || 'IAM user vs IAM role');
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
    const preview = dialog.frameLocator('iframe[title="Preview of the embed"]');
    await preview.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await dialog.getByLabel('Height (px)').fill('600');
    await dialog.getByLabel('Height (px)').press('Tab');
    const code = () => dialog.getByLabel('Embed code').inputValue();
    assert.match(await eventually(code, (c) => /height="600"/.test(c)), /height="600"/);
    const frameBox = () => dialog.locator('iframe[title="Preview of the embed"]').boundingBox();
    const box = await eventually(frameBox, (b) => b && Math.round(b.height) === 600);
    assert.equal(Math.round(box.height), 600, 'the preview is as high as the frame will be');
    assert.ok(box.width >= 600 && box.width <= 700, `the preview is a blog column wide (${box.width} px)`);
    // A height outside what works snaps to the nearest that does.
    await dialog.getByLabel('Height (px)').fill('100');
    await dialog.getByLabel('Height (px)').press('Tab');
    assert.match(await eventually(code, (c) => /height="360"/.test(c)), /height="360"/);
    await dialog.getByLabel('Start the guided steps').check();
    await preview.getByRole('region', { name: 'Guided steps' }).waitFor({ timeout: 15000 });
    await dialog.getByLabel('Height (px)').fill('480');
    await dialog.getByLabel('Height (px)').press('Tab');
    await settle(page);
    await page.screenshot({ path: path.join(SHOTS, 'stages-embed-dialog-preview.png') });
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});

for (const mode of ['editable', 'readOnly']) {
  const stage = mode === 'editable' ? 'embed 700×480 editable' : 'embed 700×480 read-only';
  test(`in a ${stage} cross-origin iframe every scenario plays with the canvas taking the frame`, async (t) => {
    const problems = [];
    const host = await serveStatic(tempDir(), { '/post.html': () => post });
    let post = '';
    const { context, page } = await stagePage({ width: 1000, height: 640 }, problems, { allowOrigins: [host.origin] });
    try {
      for (const [i, name] of titles.entries()) {
        const scheme = schemeOf(i + (mode === 'editable' ? 0 : 1));
        await page.emulateMedia({ colorScheme: scheme });
        const code = await embedCode(page, name, mode === 'editable');
        post = `<!doctype html><html><head><title>A blog post</title>
          <style>body { margin: 0; font: 16px Georgia, serif; } main { width: 700px; margin: 0 auto; }</style></head>
          <body><main><h1>${name}</h1>${code}</main></body></html>`;
        await page.goto(`${host.origin}/post.html?${i}`);
        const el = page.locator('iframe');
        await el.waitFor();
        const frame = await (await el.elementHandle()).contentFrame();
        await frame.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
        const inner = await frame.evaluate(() => [window.innerWidth, window.innerHeight]);
        assert.deepEqual(inner, [EMBED.width, EMBED.height], 'the frame is a 700×480 blog embed');
        await playAll(frame, name, stage, (m, where) => {
          assertLayout(m, where, { minCanvasH: 0.65 });
        }, (extra = '') => el.screenshot({ path: shotPath(stage, name + extra, scheme) }),
        { shoot: i < 2 ? (extra = '') => el.screenshot({ path: shotPath(stage, name + extra, scheme) }) : null });
        // The panels open as tabs over the canvas, and the steps stay in reach.
        if (i === 0) await embedTabs(frame, el, stage, scheme);
        // "Close" is no dead end: the steps come back.
        const guide = frame.getByRole('region', { name: 'Guided steps' });
        await guide.getByRole('button', { name: 'Close guided steps' }).click();
        await guide.waitFor({ state: 'detached' });
        await frame.getByRole('button', { name: 'Show guided steps' }).click();
        await guide.waitFor();
      }
      figures(t, stage);
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
}

test('the smallest embed (320×360) keeps the canvas, the steps and their buttons inside the frame', async () => {
  const problems = [];
  const host = await serveStatic(tempDir(), { '/post.html': () => post });
  let post = '';
  const { context, page } = await stagePage({ width: 600, height: 500 }, problems, { allowOrigins: [host.origin] });
  try {
    const name = titles[0];
    const code = (await embedCode(page, name, true)).replace('width="100%" height="480"', 'width="320" height="360"');
    post = `<!doctype html><html><head><title>A narrow post</title>
      <style>body { margin: 0; } iframe { border: 0; }</style></head><body>${code}</body></html>`;
    await page.goto(`${host.origin}/post.html`);
    const el = page.locator('iframe');
    const frame = await (await el.elementHandle()).contentFrame();
    await frame.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    const stage = 'embed 320×360';
    await playAll(frame, name, stage, (m, where) => assertLayout(m, where, { minCanvasH: 0.35 }),
      (extra = '') => el.screenshot({ path: shotPath(stage, name + extra, 'light') }),
      { shoot: (extra = '') => el.screenshot({ path: shotPath(stage, name + extra, 'light') }), scrolls: true });
    const boxes = [];
    for (const b of ['Previous step', 'Next step', 'Close guided steps']) {
      const button = frame.getByRole('button', { name: b });
      const r = await button.boundingBox();
      assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.width <= 320 && r.y + r.height <= 360, `${b} is inside the frame`);
      const fits = await button.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
      assert.ok(fits, `${b}: its words fit inside the button`);
      assert.ok(r.width >= 44 && r.height >= 44, `${b} is a 44 px target (${r.width}×${r.height})`);
      boxes.push([b, r]);
    }
    for (const [i, [a, p]] of boxes.entries()) {
      for (const [b, q] of boxes.slice(i + 1)) {
        const apart = p.x + p.width <= q.x || q.x + q.width <= p.x || p.y + p.height <= q.y || q.y + q.height <= p.y;
        assert.ok(apart, `${a} and ${b} do not overlap`);
      }
    }
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});

/** In an embed, the Simulator tab replaces the canvas whole, and Diagram brings it back as it was. */
async function embedTabs(frame, el, stage, scheme) {
  const tabs = frame.getByRole('tablist', { name: 'Views' });
  const before = await measure(frame);
  await tabs.getByRole('tab', { name: 'Simulator' }).click();
  const sim = frame.getByRole('region', { name: 'Simulator' });
  await sim.getByRole('region', { name: 'Credentials' }).waitFor();
  const box = await sim.boundingBox();
  assert.ok(box.height >= 0.65 * EMBED.height, `the simulator takes the stage (${box.height} px)`);
  assert.ok(await frame.getByRole('region', { name: 'Guided steps' }).getByRole('button', { name: 'Next step' }).isVisible());
  await el.screenshot({ path: shotPath(stage, 'simulator-tab', scheme) });
  await tabs.getByRole('tab', { name: 'Diagram' }).click();
  await settle(frame);
  const after = await measure(frame);
  assert.equal(after.canvasH, before.canvasH, 'the canvas comes back the same size');
  // "More" unfolds a long step; the diagram refits above it, still uncovered.
  const more = frame.getByRole('button', { name: 'Show the whole step' });
  await more.click();
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  await settle(frame);
  const open = await measure(frame);
  assert.ok(open.captionClamped === false, 'the whole caption shows');
  assertLayout(open, `${stage}, the step unfolded`, {});
  await el.screenshot({ path: shotPath(stage, 'step-unfolded', scheme) });
  await more.click();
  await settle(frame);
}

for (const size of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
  const stage = `present ${size.width}×${size.height}`;
  test(`presenting at ${size.width}×${size.height} every scenario plays in type the room can read, the dock folded`, async (t) => {
    const problems = [];
    const { context, page } = await stagePage(size, problems);
    try {
      await page.goto((await distOrigin()) + '/');
      await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      for (const [i, name] of titles.entries()) {
        const scheme = schemeOf(i + (size.width > 1500 ? 1 : 0));
        await page.emulateMedia({ colorScheme: scheme });
        await openScenario(page, name);
        // Opened on the desk, a first step that issues credentials unfolds the dock there.
        const toggle = page.getByRole('button', { name: 'Simulator' });
        if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
        await page.getByRole('button', { name: 'Present' }).click();
        await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
        await playAll(page, name, stage, (m, where) => {
          assertLayout(m, where, { minCanvasArea: 0.55 });
          assert.ok(m.captionPx >= 0.035 * m.vh, `${where}: the caption is ${m.captionPx} px, under 3.5 % of the screen`);
          assert.equal(m.toasts, 0, `${where}: no notice shows over the presentation`);
          assert.ok(!m.dockOpen, `${where}: the simulator dock stays folded`);
        }, (extra = '') => page.screenshot({ path: shotPath(stage, name + extra, scheme) }),
        { headingVh: 0.035, shoot: i < 2 ? (extra = '') => page.screenshot({ path: shotPath(stage, name + extra, scheme) }) : null });
        await page.getByRole('region', { name: 'Guided steps' }).getByRole('button', { name: 'Leave presentation' }).click();
        await page.waitForFunction(() => !document.documentElement.hasAttribute('data-present'));
      }
      figures(t, stage);
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
}

test('on a phone (390×844) every scenario plays in one column, canvas first, steps in thumb reach', async (t) => {
  const problems = [];
  const stage = 'phone 390×844';
  const { context, page } = await stagePage(PHONE, problems, { context: { isMobile: true, hasTouch: true } });
  try {
    await page.goto((await distOrigin()) + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    for (const [i, name] of titles.entries()) {
      const scheme = schemeOf(i);
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByRole('button', { name: 'Scenarios' }).click();
      const dialog = page.getByRole('dialog', { name: 'Scenarios' });
      const box = await dialog.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, `the Scenarios dialog fits the screen (${box.x}, ${box.width})`);
      if (i === 0) await page.screenshot({ path: shotPath(stage, 'scenarios-dialog', scheme) });
      await dialog.getByRole('listitem', { name }).getByRole('button').click();
      await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, name);
      await playAll(page, name, stage, (m, where) => {
        assertLayout(m, where, { minCanvasH: 0.35 });
      }, (extra = '') => page.screenshot({ path: shotPath(stage, name + extra, scheme) }),
      { shoot: i < 2 ? (extra = '') => page.screenshot({ path: shotPath(stage, name + extra, scheme) }) : null });
      const guide = page.getByRole('region', { name: 'Guided steps' });
      for (const b of ['Previous step', 'Next step']) {
        const r = await guide.getByRole('button', { name: b }).boundingBox();
        assert.ok(r.height >= 44 && r.width >= 44, `${b} is a thumb-sized target (${r.width}×${r.height})`);
      }
      const canvas = await page.getByRole('region', { name: 'Canvas' }).boundingBox();
      const steps = await guide.boundingBox();
      assert.ok(canvas.y < steps.y, 'the canvas comes first, the steps under it');
      if (i === 0) {
        // Opening a node shows it in the inspector, a tab that covers the canvas, the steps
        // still in reach.
        const tabs = page.getByRole('tablist', { name: 'Views' });
        // The first node in view (a diagram too big for 12 px names on a phone shows its start).
        const inView = (await measure(page)).nodes.findIndex((n) => !n.outOfView && !n.covered);
        assert.ok(inView >= 0, 'a node is in view');
        const node = page.getByRole('region', { name: 'Canvas' }).locator('g.node[data-node-id]:not(.frame)').nth(inView);
        await node.dblclick();
        await tabs.getByRole('tab', { name: 'Inspector', selected: true }).waitFor();
        const ins = await page.getByRole('region', { name: 'Inspector' }).boundingBox();
        assert.ok(ins.width >= PHONE.width - 2, `the inspector takes the width (${ins.width})`);
        assert.ok(await guide.getByRole('button', { name: 'Next step' }).isVisible());
        const m = await measure(page);
        assert.ok(m.sideways <= 0, 'the inspector does not scroll sideways');
        await page.screenshot({ path: shotPath(stage, 'inspector-tab', scheme) });
        await tabs.getByRole('tab', { name: 'Diagram' }).click();
      }
    }
    figures(t, stage);
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});

// These read what the stages above measured; they need the canvas's own readability work.
test('node names render at 12 px or more on every stage, 1.8 % of the screen when presenting', () => {
    const small = [];
    for (const [stage, steps] of Object.entries(seen)) {
      for (const s of steps) {
        const min = stage.startsWith('present') ? Math.max(12, 0.018 * s.vh) : 12;
        for (const n of s.nodes) {
          if (n.namePx !== null && n.namePx < min) small.push(`${s.where}: ${n.label} ${n.namePx.toFixed(1)} px`);
        }
      }
    }
    assert.deepEqual(small.slice(0, 20), [], `${small.length} names too small`);
  });

test('no node name is cut with "…" on a desk', () => {
    const cut = (seen.desk || []).flatMap((s) => s.nodes.filter((n) => n.cut).map((n) => `${s.where}: ${n.label}`));
    assert.deepEqual([...new Set(cut)], []);
  });

test('after a step that AWS refuses, the refusal is marked on the canvas in view', () => {
    const denied = Object.values(seen).flat().filter((s) => s.deniedAssume);
    assert.ok(denied.length > 0, 'the built-in scenarios include refused AssumeRole calls');
    const missing = denied.filter((s) => !s.refusalMark).map((s) => s.where);
    assert.deepEqual(missing, []);
  });

test('after a step that an SCP refuses, the caller\'s account frame is outlined as refusing, in view', () => {
    const denied = Object.values(seen).flat().filter((s) => s.scpDenied);
    assert.ok(denied.length > 0, 'the boundary-and-SCP scenario ends in an SCP refusal');
    assert.deepEqual(denied.filter((s) => !s.scpFrame).map((s) => s.where), []);
  });

test('on every stage, a played call lights the edges it travels', () => {
    const stages = Object.keys(seen);
    assert.ok(stages.length >= 4, `stages seen: ${stages.join(', ')}`);
    const dark = stages.filter((stage) => !seen[stage].some((s) => s.travel > 0));
    assert.deepEqual(dark, [], 'stages where no step lit an edge');
  });

test('after a step that issues credentials a countdown timer shows on the canvas', () => {
    const missing = Object.values(seen).flat().filter((s) => s.issued && !s.timer).map((s) => s.where);
    assert.deepEqual(missing, []);
  });
