// Who can reach what on the canvas: "Reachable from here" lights the roles a user reaches in
// the "Role chaining" scenario, the "Access paths" list explains each hop and plays a path
// in the simulator, "Who can reach this" lists the principals that reach a role. Checked on
// every stage (desk, 700×480 embed, projector 1280×720 and 1920×1080, phone), light and dark:
// the controls inside the viewport and uncovered, text of 12 px or more, no sideways scroll.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { distOrigin, guardedPage, openAccountFile, serveStatic, tempDir, SHOTS } from '../helpers.mjs';

const TITLE = 'Role chaining and its one-hour limit';

async function openScenario(page, name) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await dialog.getByRole('listitem', { name }).getByRole('button').click();
  await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, name);
}

function canvasNode(frame, name) {
  return frame.getByRole('region', { name: 'Canvas' }).getByRole('button', { name, exact: true });
}

/** Opens a node in the inspector: a click on a desk, a double click where panels are tabs. */
async function inspect(frame, name, compact) {
  const node = canvasNode(frame, name);
  if (!compact) {
    await node.click();
    return;
  }
  // A small canvas shows the diagram's start: the keyboard reaches the nodes panned out of
  // view (Tab walks them, Enter opens one).
  await frame.getByRole('region', { name: 'Canvas' }).focus();
  for (let i = 0; i < 12; i++) {
    if ((await frame.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === name) break;
    await frame.getByRole('region', { name: 'Canvas' }).press('Tab');
  }
  assert.equal(await frame.evaluate(() => document.activeElement?.getAttribute('aria-label')), name, `Tab reaches ${name}`);
  await frame.locator(':focus').press('Enter');
}

async function settle(frame) {
  await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 150)))));
}

/** The element is inside the viewport, uncovered at its centre, its text 12 px or more. */
async function assertReachable(locator, what) {
  await locator.scrollIntoViewIfNeeded();
  const m = await locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      inside: r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth + 0.5 && r.bottom <= window.innerHeight + 0.5,
      uncovered: !!hit && (el === hit || el.contains(hit)),
      px: parseFloat(getComputedStyle(el).fontSize),
      box: [r.left, r.top, r.width, r.height].map(Math.round),
    };
  });
  assert.ok(m.inside, `${what} is inside the viewport (${m.box})`);
  assert.ok(m.uncovered, `${what} is not covered by another element (${m.box})`);
  assert.ok(m.px >= 12, `${what} text is ${m.px} px`);
}

/** No sideways scroll, every text of the path list 12 px or more, the canvas still shown. */
async function assertLayout(frame, where) {
  const m = await frame.evaluate(() => {
    const panel = document.querySelector('[role="region"][aria-label="Access paths"]');
    const small = [...panel.querySelectorAll('*')]
      .filter((el) => el.childNodes.length && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .map((el) => parseFloat(getComputedStyle(el).fontSize))
      .filter((px) => px < 12);
    const canvas = document.querySelector('[role="region"][aria-label="Canvas"]');
    const c = canvas.getBoundingClientRect();
    const p = panel.getBoundingClientRect();
    return {
      sideways: document.scrollingElement.scrollWidth > window.innerWidth + 1,
      small,
      canvasShown: getComputedStyle(canvas).visibility !== 'hidden' && c.width * c.height > 0.2 * window.innerWidth * window.innerHeight,
      panelIn: p.top < window.innerHeight && p.bottom > 0 && p.left >= -0.5 && p.right <= window.innerWidth + 0.5,
    };
  });
  assert.ok(!m.sideways, `${where}: no sideways scroll`);
  assert.deepEqual(m.small, [], `${where}: the path list has no text under 12 px`);
  assert.ok(m.canvasShown, `${where}: the highlighted canvas stays in view`);
  assert.ok(m.panelIn, `${where}: the path list is on screen`);
}

async function description(frame, name) {
  return (await canvasNode(frame, name).getAttribute('aria-description')) || '';
}

/** Select alice → "Reachable from here": Jump and Target lit, two paths with their hops. */
async function reachFromAlice(frame, where, compact) {
  await inspect(frame, 'User alice', compact);
  const button = frame.getByRole('button', { name: 'Reachable from here' });
  await assertReachable(button, `${where}: "Reachable from here"`);
  await button.click();
  const list = frame.getByRole('region', { name: 'Access paths' });
  await list.waitFor();
  await settle(frame);
  assert.match(await description(frame, 'Role Jump'), /reachable/, `${where}: Jump is reachable`);
  assert.match(await description(frame, 'Role Target'), /reachable/, `${where}: Target is reachable`);
  assert.match(await description(frame, 'User alice'), /paths start here/);
  const paths = list.getByRole('listitem', { name: /^Path \d+:/ });
  assert.equal(await paths.count(), 2, `${where}: alice → Jump and alice → Jump → Target`);
  const chain = paths.nth(1);
  const text = await chain.innerText();
  assert.match(text, /User alice → Role Jump/);
  assert.match(text, /Role Jump → Role Target/);
  assert.match(text, /no conditions/, 'an unconditional hop says so');
  assert.match(text, /Allowed by AssumeTarget \(/, 'the caller side names its statement');
  assert.match(text, /trust policy allows sts:AssumeRole: trust policy of Target,/, 'the trust side names its statement');
  assert.doesNotMatch(text, /`/, 'statement names are set as code, not in raw backticks');
  for (const name of ['AssumeTarget', 'trust policy of Target']) {
    const code = chain.getByText(name, { exact: true }).first();
    assert.equal(await code.evaluate((el) => el.tagName), 'CODE', `${where}: ${name} is set as code`);
  }
  assert.match(text, /role chaining caps them at 1 hour/);
  await assertLayout(frame, where);
  return { list, chain };
}

async function play(frame, chain, where) {
  const button = chain.getByRole('button', { name: 'Play this path' });
  await assertReachable(button, `${where}: "Play this path"`);
  await button.click();
  const card = frame.getByRole('region', { name: 'Credentials' }).getByRole('article', { name: 'Session access-path of Target' });
  await card.waitFor({ timeout: 5000 });
  assert.match(await frame.getByRole('region', { name: 'Access paths' }).getByRole('status').innerText(), /Every hop issued credentials/);
}

async function whoCanReachTarget(frame, where, compact) {
  await inspect(frame, 'Role Target', compact);
  await frame.getByRole('button', { name: 'Who can reach this' }).click();
  const list = frame.getByRole('region', { name: 'Access paths' });
  await list.getByRole('heading', { name: 'Who can sts:AssumeRole on Role Target' }).waitFor();
  const names = await list.getByRole('listitem', { name: /^Path \d+:/ }).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  assert.deepEqual(names, ['Path 1: Role Jump to Role Target', 'Path 2: User alice to Role Target'], `${where}: both principals`);
  assert.match(
    await list.getByRole('listitem', { name: 'Path 2: User alice to Role Target' }).innerText(),
    /Then sts:AssumeRole: no conditions/,
    `${where}: the permission the path ends at says what it depends on`,
  );
  assert.match(await description(frame, 'User alice'), /can reach it/);
  assert.match(await description(frame, 'Role Target'), /who can reach this/);
}

const shot = (name) => path.join(SHOTS, `reach-${name}.png`);

for (const scheme of ['light', 'dark']) {
  test(`desk (${scheme}): reachable roles light up, paths explain both sides, a path plays, who-can lists principals`, async () => {
    const problems = [];
    const { context, page } = await guardedPage(await distOrigin(), problems, { viewport: { width: 1400, height: 860 }, colorScheme: scheme });
    try {
      await page.goto(await distOrigin());
      await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      await openScenario(page, TITLE);
      const { chain } = await reachFromAlice(page, `desk ${scheme}`, false);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: shot(`desk-${scheme}`) });
      await play(page, chain, `desk ${scheme}`);
      await page.screenshot({ path: shot(`desk-played-${scheme}`) });
      // Esc leaves highlight mode.
      await page.locator('body').press('Escape');
      await page.getByRole('region', { name: 'Access paths' }).waitFor({ state: 'detached' });
      assert.doesNotMatch(await description(page, 'Role Jump'), /reachable/);
      await whoCanReachTarget(page, `desk ${scheme}`, false);
      await page.screenshot({ path: shot(`desk-who-can-${scheme}`) });
      await page.getByRole('region', { name: 'Access paths' }).getByRole('button', { name: 'Clear' }).click();
      await page.getByRole('region', { name: 'Access paths' }).waitFor({ state: 'detached' });
      // One hop from alice: Target is out of reach and dimmed, the rest stand out; Clear
      // brings everything back.
      await inspect(page, 'User alice', false);
      await page.getByRole('button', { name: 'Reachable from here' }).click();
      const paths = page.getByRole('region', { name: 'Access paths' });
      await paths.getByText('2 paths.', { exact: true }).waitFor();
      const depth = paths.getByRole('spinbutton', { name: 'Max depth' });
      const onePath = paths.getByText('1 path.', { exact: true });
      await depth.fill('1');
      // Leaving the field commits the depth (its change event), as a reader tabbing on does.
      await depth.press('Tab');
      // A full run on a loaded machine once saw the depth not take (and twice before the
      // waits above). A reader would type it again, and so does the test, once, saying what
      // the field and the list showed, with a screenshot; twice missed fails.
      if (!(await onePath.waitFor({ timeout: 8000 }).then(() => true, () => false))) {
        const seen = {
          value: await depth.inputValue().catch(() => '(no field)'),
          list: await paths.innerText().catch(() => '(no list)'),
          focus: await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120)),
        };
        await page.screenshot({ path: shot(`desk-one-hop-missed-${scheme}`) });
        console.log(`# desk ${scheme}: depth 1 did not take; typed again. Seen: ${JSON.stringify(seen)}`);
        await depth.fill('1');
        await depth.press('Tab');
      }
      await onePath.waitFor();
      assert.doesNotMatch(await description(page, 'Role Target'), /reachable/, `desk ${scheme}: Target is out of reach at depth 1`);
      await settle(page);
      const opacity = (name) => page.locator(`g.node[aria-label="${name}"]`).evaluate((g) => Number(getComputedStyle(g).opacity));
      assert.ok(await opacity('Role Target') < 0.5, `desk ${scheme}: Target, out of reach, is dimmed`);
      assert.equal(await opacity('Role Jump'), 1, `desk ${scheme}: Jump, one hop away, stands out`);
      assert.equal(await opacity('User alice'), 1, `desk ${scheme}: alice, where paths start, stands out`);
      await page.screenshot({ path: shot(`desk-one-hop-${scheme}`) });
      await page.getByRole('region', { name: 'Access paths' }).getByRole('button', { name: 'Clear' }).click();
      await page.getByRole('region', { name: 'Access paths' }).waitFor({ state: 'detached' });
      await settle(page);
      assert.equal(await opacity('Role Target'), 1, `desk ${scheme}: Clear brings Target back`);
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
}

test('phone 390×844 (light and dark): the path list sits under the highlighted canvas and plays', async () => {
  for (const scheme of ['light', 'dark']) {
    const problems = [];
    const { context, page } = await guardedPage(await distOrigin(), problems, { viewport: { width: 390, height: 844 }, colorScheme: scheme });
    try {
      await page.goto(await distOrigin());
      await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      await openScenario(page, TITLE);
      const { chain } = await reachFromAlice(page, `phone ${scheme}`, true);
      await page.screenshot({ path: shot(`phone-${scheme}`) });
      await play(page, chain, `phone ${scheme}`);
      await page.screenshot({ path: shot(`phone-played-${scheme}`) });
      await page.getByRole('tab', { name: 'Diagram' }).click();
      await whoCanReachTarget(page, `phone ${scheme}`, true);
      await assertLayout(page, `phone ${scheme} who-can`);
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  }
});

test('projector 1280×720 and 1920×1080: the path list stays beside the canvas while presenting', async () => {
  for (const [size, scheme] of [[{ width: 1280, height: 720 }, 'light'], [{ width: 1920, height: 1080 }, 'dark']]) {
    const where = `present ${size.width}×${size.height}`;
    const problems = [];
    const { context, page } = await guardedPage(await distOrigin(), problems, { viewport: size, colorScheme: scheme });
    try {
      await page.goto(await distOrigin());
      await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      await openScenario(page, TITLE);
      const toggle = page.getByRole('button', { name: 'Simulator' });
      if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
      await reachFromAlice(page, `${where} before presenting`, false);
      await page.getByRole('button', { name: 'Present' }).click();
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
      await settle(page);
      await assertLayout(page, where);
      const list = page.getByRole('region', { name: 'Access paths' });
      await assertReachable(list.getByRole('button', { name: 'Play this path' }).first(), `${where}: "Play this path"`);
      assert.match(await description(page, 'Role Target'), /reachable/);
      await page.screenshot({ path: shot(`present-${size.width}-${scheme}`) });
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  }
});

test('embed 700×480 (light and dark, editable): reach and play inside a cross-origin frame', async () => {
  let post = '';
  const host = await serveStatic(tempDir(), { '/post.html': () => post });
  for (const scheme of ['light', 'dark']) {
    const problems = [];
    const { context, page } = await guardedPage(await distOrigin(), problems, {
      viewport: { width: 1000, height: 640 }, colorScheme: scheme, allowOrigins: [host.origin],
    });
    try {
      await page.goto(await distOrigin());
      await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      await openScenario(page, TITLE);
      await page.getByRole('button', { name: 'Copy embed code' }).click();
      const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
      await dialog.getByLabel('Show the inspector').check();
      const code = await dialog.getByLabel('Embed code').inputValue();
      post = `<!doctype html><html><head><title>A blog post</title>
        <style>body { margin: 0; } main { width: 700px; margin: 0 auto; }</style></head>
        <body><main>${code}</main></body></html>`;
      await page.goto(`${host.origin}/post.html?${scheme}`);
      const el = page.locator('iframe');
      await el.waitFor();
      const frame = await (await el.elementHandle()).contentFrame();
      await frame.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      assert.deepEqual(await frame.evaluate(() => [window.innerWidth, window.innerHeight]), [700, 480]);
      const { chain } = await reachFromAlice(frame, `embed ${scheme}`, true);
      await el.screenshot({ path: shot(`embed-${scheme}`) });
      await play(frame, chain, `embed ${scheme}`);
      await el.screenshot({ path: shot(`embed-played-${scheme}`) });
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  }
});

// Escalation warnings stand on the nodes that hold them without anyone asking: an account
// where the user `ci` may create access keys for `admin` (pathfinding.cloud iam-002) opens
// with a warning on ci's corner, and on no one else.
const ESCALATION_GAAD = JSON.stringify({
  UserDetailList: [
    {
      Path: '/', UserName: 'ci', UserId: 'AIDAEXAMPLECI0000001', Arn: 'arn:aws:iam::111122223333:user/ci',
      CreateDate: '2025-03-01T10:00:00Z', GroupList: [], AttachedManagedPolicies: [], Tags: [],
      UserPolicyList: [{
        PolicyName: 'Keys',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111122223333:user/admin' }] },
      }],
    },
    {
      Path: '/', UserName: 'admin', UserId: 'AIDAEXAMPLEADMIN0001', Arn: 'arn:aws:iam::111122223333:user/admin',
      CreateDate: '2025-03-01T10:00:00Z', GroupList: [], AttachedManagedPolicies: [], Tags: [],
      UserPolicyList: [{
        PolicyName: 'Everything',
        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      }],
    },
  ],
  GroupDetailList: [], RoleDetailList: [], Policies: [],
});

for (const [stage, viewport] of [['desk', { width: 1400, height: 860 }], ['phone', { width: 390, height: 844 }]]) {
  test(`${stage}: escalation warnings stand on the user who holds one, without asking`, async () => {
    const problems = [];
    const { context, page } = await guardedPage(await distOrigin(), problems, { viewport });
    try {
      await page.goto(await distOrigin());
      await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
      await openAccountFile(page, ESCALATION_GAAD);
      const canvas = page.getByRole('region', { name: 'Canvas' });
      const warning = canvas.getByRole('img', { name: /^Can escalate privileges:/ });
      await warning.first().waitFor({ timeout: 5000 });
      assert.deepEqual(
        await warning.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
        ['Can escalate privileges: iam-002 User ci can take the permissions of User admin with iam:CreateAccessKey'],
        `${stage}: one warning, on ci, with the catalogue's id`,
      );
      assert.equal(await page.getByRole('region', { name: 'Access paths' }).count(), 0, 'nobody asked a question');
      // The triangle sits on ci's corner and shows on screen.
      const at = await warning.evaluate((el) => {
        const w = el.getBoundingClientRect();
        const node = [...document.querySelectorAll('[role="button"]')].find((n) => n.getAttribute('aria-label') === 'User ci');
        const n = node.getBoundingClientRect();
        return {
          near: Math.abs(w.left - n.left) < 16 && Math.abs(w.top - n.top) < 16,
          inside: w.left >= 0 && w.top >= 0 && w.right <= innerWidth && w.bottom <= innerHeight,
          sideways: document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth,
        };
      });
      assert.ok(at.near, `${stage}: the warning is on ci's corner`);
      assert.ok(at.inside, `${stage}: the warning is in view`);
      assert.equal(at.sideways, 0, `${stage}: nothing scrolls sideways`);
      if (stage === 'desk') {
        // The inspector of ci says what the warning means and links the catalogue's page.
        await canvasNode(page, 'User ci').click();
        const analysis = page.getByRole('region', { name: 'Access analysis' });
        await analysis.getByRole('heading', { name: 'Privilege escalation' }).waitFor();
        const link = analysis.getByRole('link', { name: 'iam-002' });
        assert.equal(await link.getAttribute('href'), 'https://pathfinding.cloud/paths/iam-002');
        assert.match(await analysis.innerText(), /User ci can take the permissions of User admin with iam:CreateAccessKey/);
        await page.screenshot({ path: shot('escalation-desk-inspector') });
        await canvasNode(page, 'User admin').click();
        const nameField = page.getByRole('region', { name: 'Inspector' }).getByRole('textbox', { name: 'Name' }).first();
        for (let i = 0; i < 50 && (await nameField.inputValue()) !== 'admin'; i++) await page.waitForTimeout(100);
        assert.equal(await nameField.inputValue(), 'admin', 'the inspector shows admin');
        // admin holds none: the section goes with ci's inspector.
        await analysis.getByRole('heading', { name: 'Privilege escalation' }).waitFor({ state: 'detached', timeout: 5000 });
      }
      await page.screenshot({ path: shot(`escalation-${stage}`) });
    } finally {
      await context.close();
    }
    assert.deepEqual(problems, []);
  });
}

// An account too large to check at once: the page checks it a few principals at a time
// (src/ui/reach.rs, `EscalationScan`), so it keeps answering; the warnings must still all
// come, and a change made while a check runs must win over that check's stale answer.
test('in a large imported account the escalation warning still comes, and deleting its target takes it away', async () => {
  const problems = [];
  const { context, page } = await guardedPage(await distOrigin(), problems, { viewport: { width: 1400, height: 860 } });
  try {
    await page.goto(await distOrigin());
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    const gaad = JSON.parse(ESCALATION_GAAD);
    // 600 more users, each allowed a dozen read actions: nothing they can escalate with.
    const actions = ['s3:Get*', 's3:List*', 'ec2:Describe*', 'dynamodb:Query', 'dynamodb:GetItem', 'sqs:ReceiveMessage',
      'sns:ListTopics', 'logs:GetLogEvents', 'cloudwatch:GetMetricData', 'lambda:GetFunction', 'kms:Decrypt', 'iam:Get*'];
    for (let i = 0; i < 600; i++) {
      gaad.UserDetailList.push({
        Path: '/people/', UserName: `reader-${i}`, UserId: `AIDAREADER${String(i).padStart(10, '0')}`,
        Arn: `arn:aws:iam::111122223333:user/people/reader-${i}`, CreateDate: '2025-03-01T10:00:00Z',
        GroupList: [], AttachedManagedPolicies: [], Tags: [],
        UserPolicyList: [{ PolicyName: 'Read', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] } }],
      });
    }
    await openAccountFile(page, JSON.stringify(gaad));
    const canvas = page.getByRole('region', { name: 'Canvas' });
    const warning = canvas.getByRole('img', { name: /^Can escalate privileges: iam-002 User ci can take the permissions of User admin/ });
    await warning.first().waitFor({ timeout: 15000 });

    // Delete admin: ci then gains nothing, and the warning goes.
    await page.getByRole('searchbox', { name: 'Find a node' }).fill('user/admin');
    await page.waitForFunction(() => document.querySelector('[aria-label="User admin"]')?.getAttribute('aria-pressed') === 'true');
    const admin = canvas.getByRole('button', { name: 'User admin', exact: true });
    await admin.focus();
    await page.keyboard.press('Delete');
    await admin.waitFor({ state: 'detached' });
    await warning.first().waitFor({ state: 'detached', timeout: 15000 });
    // And it does not come back when a pass begun before the deletion would have ended.
    await page.waitForTimeout(1500);
    assert.equal(await warning.count(), 0, 'no stale warning');
    await page.screenshot({ path: shot('escalation-large-account') });
  } finally {
    await context.close();
  }
  assert.deepEqual(problems, []);
});
