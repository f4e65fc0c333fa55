// The simulator dock, played as a visitor lives the seed's story: alice assumes Deploy and
// watches the credentials count down and expire; bob is refused at the trust gate; web-1's
// credentials rotate before they expire; role chaining past one hour is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, SHOTS, choose } from '../helpers.mjs';

const shot = (page, name) => page.screenshot({ path: path.join(SHOTS, `simulator-${name}.png`), fullPage: true });


/** The dock starts folded; opens it. */
async function openDock(page) {
  const toggle = page.getByRole('button', { name: 'Simulator', exact: true });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
}

const seconds = (text) => text.split(':').reduce((acc, n) => acc * 60 + Number(n), 0);

async function assume(page, { caller, role, session, duration }) {
  const form = page.getByRole('region', { name: 'Assume role' });
  await choose(form.getByLabel('Caller'), caller);
  await choose(form.getByLabel('Role'), role);
  if (session) await form.getByLabel('Session name').fill(session);
  if (duration) await form.getByLabel('Duration').fill(String(duration));
  await form.getByRole('button', { name: 'Assume role' }).click();
}

test('alice assumes Deploy; the session counts down, expires, and then fails with ExpiredToken', async (t) => {
  await withPage(t, async ({ page }) => {
    await openDock(page);
    const form = page.getByRole('region', { name: 'Assume role' });
    await choose(form.getByLabel('Caller'), 'alice');
    await choose(form.getByLabel('Role'), 'Deploy');
    await form.getByLabel('Session name').fill('alice-session');
    const cli = await form.locator('pre').textContent();
    assert.match(cli, /^aws sts assume-role \\\n {4}--role-arn arn:aws:iam::111122223333:role\/Deploy \\\n {4}--role-session-name alice-session \\\n {4}--duration-seconds 3600$/);
    await form.getByRole('button', { name: 'Assume role' }).click();

    const checks = page.getByRole('region', { name: 'Checks' });
    // Played one step at a time: the first check shows before the outcome does.
    await checks.getByText('Caller\'s credentials are valid').waitFor();
    await checks.getByText('AssumeRole succeeded').waitFor({ timeout: 15000 });
    const steps = await checks.getByRole('listitem').allTextContents();
    assert.ok(steps.length >= 6, `every check is listed (${steps.length})`);
    assert.match(steps.at(-1), /Temporary credentials issued/);
    const response = JSON.parse(await checks.locator('pre').first().textContent());
    assert.match(response.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(response.AssumedRoleUser.Arn, 'arn:aws:sts::111122223333:assumed-role/Deploy/alice-session');
    assert.equal(response.PackedPolicySize, 0);
    await page.getByRole('status').filter({ hasText: 'AssumeRole succeeded' }).waitFor();

    const card = page.getByRole('article', { name: 'Session alice-session of Deploy' });
    const timer = card.getByRole('timer');
    const first = await timer.textContent();
    assert.match(first, /^59:5\d$/, `a fresh one-hour session reads 59:5x (${first})`);
    await page.waitForTimeout(2500);
    const second = await timer.textContent();
    assert.ok(seconds(second) < seconds(first), `the countdown moves in real time (${first} -> ${second})`);
    await shot(page, 'alice-session-light');

    await page.getByRole('combobox', { name: 'Speed' }).selectOption('x600');
    await card.getByText('expired', { exact: true }).first().waitFor({ timeout: 15000 });
    assert.equal(await timer.textContent(), 'expired');
    await shot(page, 'alice-session-expired');
    await page.getByRole('button', { name: 'Pause' }).click();

    await card.getByRole('button', { name: 'Try an action' }).click();
    await card.getByRole('button', { name: 'Run' }).click();
    await card.getByText(/ExpiredToken/).waitFor();
    assert.match(await card.textContent(), /Denied \(ExpiredToken\)/);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    assert.match(await timeline.textContent(), /Deploy\/alice-session\s*Expired/);
    await shot(page, 'alice-expired-token');
  });
});

test('bob, once he has a key, is refused at the trust gate with AWS\'s message and the fix', async (t) => {
  await withPage(t, async ({ page }) => {
    await openDock(page);
    const form = page.getByRole('region', { name: 'Assume role' });
    await choose(form.getByLabel('Caller'), 'bob');
    await form.getByRole('button', { name: 'Create access key' }).click();
    await form.getByLabel('Caller').locator('option', { hasText: /^bob \(AKIA/ }).waitFor({ state: 'attached' });
    await assume(page, { caller: 'bob', role: 'Deploy', session: 'bob-session' });
    const checks = page.getByRole('region', { name: 'Checks' });
    await checks.getByText('AssumeRole failed').waitFor({ timeout: 15000 });
    const text = await checks.textContent();
    assert.ok(text.includes('User: arn:aws:iam::111122223333:user/bob is not authorized to perform: sts:AssumeRole because no role trust policy allows the sts:AssumeRole action'));
    assert.ok(text.includes('An error occurred (AccessDenied) when calling the AssumeRole operation'));
    assert.ok(text.includes('Add this statement to the trust policy:'));
    const steps = await checks.getByRole('listitem').allTextContents();
    assert.match(steps.at(-1), /Trust policy names the caller: failed/);
    // Stepping back and forth, as presentation mode does.
    await checks.getByRole('button', { name: 'Previous step' }).click();
    assert.equal((await checks.getByRole('listitem').allTextContents()).length, steps.length - 1);
    await checks.getByRole('button', { name: 'Next step' }).click();
    assert.equal((await checks.getByRole('listitem').allTextContents()).length, steps.length);
    // Clicking the timeline entry replays the call.
    await page.getByRole('region', { name: 'Timeline' }).getByRole('button', { name: /AssumeRole AccessDenied/ }).click();
    await checks.getByText('AssumeRole failed').waitFor({ timeout: 15000 });
    await shot(page, 'bob-refused-dark');
  }, { colorScheme: 'dark' });
});

test('web-1\'s instance credentials are replaced before they expire', async (t) => {
  await withPage(t, async ({ page }) => {
    await openDock(page);
    const card = page.getByRole('article', { name: 'Credentials of EC2 instance web-1' });
    await card.waitFor();
    const keyOf = async () => (await card.locator('dd code').first().textContent()).trim();
    const before = await keyOf();
    assert.match(before, /^ASIA/);
    assert.match(await card.getByRole('timer').textContent(), /^[56]:\d\d:\d\d$/);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.getByRole('button', { name: 'Jump to next expiry' }).click();
    const after = await keyOf();
    assert.notEqual(after, before, 'a new key id before the old one expired');
    // Delivered 5 minutes before the old expiry: 5 h 55 min of the new 6 h remain.
    assert.equal(await card.getByRole('timer').textContent(), '5:55:00');
    await shot(page, 'ec2-rotated-dark');
  }, { colorScheme: 'dark' });
});

test('an action tried from web-1\'s card shows its checks and lights web-1, the role it calls as and the bucket', async (t) => {
  await withPage(t, async ({ page }) => {
    await openDock(page);
    const card = page.getByRole('article', { name: 'Credentials of EC2 instance web-1' });
    await card.getByRole('button', { name: 'Try an action' }).click();
    await card.getByRole('button', { name: 'Run' }).click();
    const checks = page.getByRole('region', { name: 'Checks' });
    await checks.getByText('s3:GetObject succeeded').waitFor({ timeout: 15000 });
    const text = await checks.textContent();
    assert.match(text, /Checks: s3:GetObject by WebServerRole\/i-[0-9a-f]{17}/);
    assert.match(text, /Policies allow the call/);
    assert.doesNotMatch(text, /wallet/, 'an action hands out no credentials');
    // The path the call travels is lit, and said so to a screen reader: web-1 runs as
    // WebServerRole, which reads the bucket; nobody else is part of the call.
    const canvas = page.getByRole('region', { name: 'Canvas' });
    const part = async (name) => ((await canvas.getByRole('button', { name, exact: true })
      .getAttribute('aria-description')) || '').includes('part of the call on show');
    for (const name of ['EC2 instance web-1', 'Role WebServerRole', 'S3 bucket amzn-s3-demo-bucket']) {
      assert.ok(await part(name), `${name} is part of the call on show`);
    }
    for (const name of ['User alice', 'Role Deploy', 'User bob']) {
      assert.ok(!(await part(name)), `${name} is not part of the call`);
    }
    await shot(page, 'card-action-lit');
  });
});

test('a role session cannot chain into a session longer than one hour', async (t) => {
  await withPage(t, async ({ page }) => {
    await openDock(page);
    // Let Deploy trust itself and last up to 12 hours, through the saved document.
    const form = page.getByRole('region', { name: 'Assume role' });
    await choose(form.getByLabel('Caller'), 'bob');
    await form.getByRole('button', { name: 'Create access key' }).click();
    await page.waitForFunction(() => localStorage.getItem('iam-playground/document'));
    await page.evaluate(() => {
      const doc = JSON.parse(localStorage.getItem('iam-playground/document'));
      const deploy = Object.values(doc.world.roles).find((r) => r.role_name === 'Deploy');
      const trust = JSON.parse(deploy.trust_policy);
      trust.Statement.push({ Effect: 'Allow', Principal: { AWS: deploy.arn }, Action: 'sts:AssumeRole' });
      deploy.trust_policy = JSON.stringify(trust);
      deploy.max_session_duration = 43200;
      localStorage.setItem('iam-playground/document', JSON.stringify(doc));
    });
    await page.reload();
    await page.getByRole('region', { name: 'Canvas' }).waitFor();
    await openDock(page);
    await assume(page, { caller: 'alice', role: 'Deploy', session: 'alice-session' });
    const checks = page.getByRole('region', { name: 'Checks' });
    await checks.getByText('AssumeRole succeeded').waitFor({ timeout: 15000 });
    const card = page.getByRole('article', { name: 'Session alice-session of Deploy' });
    await card.getByRole('button', { name: 'Assume another role' }).click();
    const caller = await form.getByLabel('Caller').evaluate((el) => el.selectedOptions[0].textContent);
    assert.match(caller, /^Session alice-session of Deploy/);
    await assume(page, { caller: 'Session alice-session of Deploy', role: 'Deploy', session: 'chained', duration: 7200 });
    await checks.getByText('AssumeRole failed').waitFor({ timeout: 15000 });
    const text = await checks.textContent();
    assert.ok(text.includes('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.'));
    assert.ok(text.includes('Role chaining limits a session to one hour'));
    await shot(page, 'chaining-refused');
    // At one hour the chained session is issued.
    await assume(page, { caller: 'Session alice-session of Deploy', role: 'Deploy', session: 'chained', duration: 3600 });
    await checks.getByText('AssumeRole succeeded').waitFor({ timeout: 15000 });
    await page.getByRole('article', { name: 'Session chained of Deploy' }).waitFor();
  });
});

test('New starts the simulator clean: no credentials, no timeline, and the caller and role come from the new world', async (t) => {
  await withPage(t, async ({ page }) => {
    await openDock(page);
    await assume(page, { caller: 'alice', role: 'Deploy', session: 'before-new' });
    const wallet = page.getByRole('region', { name: 'Credentials' });
    const card = wallet.getByRole('article', { name: 'Session before-new of Deploy' });
    await card.waitFor();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('button', { name: /AssumeRole/ }).first().waitFor();

    await page.getByRole('button', { name: 'New' }).click();
    await card.waitFor({ state: 'detached' });
    assert.equal(await timeline.getByRole('button', { name: /AssumeRole/ }).count(), 0, 'the timeline is empty');
    const form = page.getByRole('region', { name: 'Assume role' });
    assert.equal(await form.getByLabel('Caller').locator('option').count(), 0, 'nobody to call as');
    assert.equal(await form.getByLabel('Session name').inputValue(), '', 'no session name left over');

    // Undo brings the example back; the form takes its defaults again: alice, and Deploy,
    // whose trust policy names her.
    await page.getByRole('button', { name: 'Undo' }).click();
    const selected = (label) => form.getByLabel(label).evaluate((s) => s.options[s.selectedIndex]?.textContent ?? '');
    await page.waitForFunction(() => /^alice/.test(document.querySelector('#sim-caller')?.selectedOptions[0]?.textContent ?? ''));
    assert.match(await selected('Role'), /^Deploy/);
    assert.equal(await wallet.getByRole('article', { name: 'Session before-new of Deploy' }).count(), 0);
    await shot(page, 'new-starts-clean');
  });
});
