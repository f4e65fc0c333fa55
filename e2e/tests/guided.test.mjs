// Guided steps drive the simulator: the sessions a step creates appear in the wallet and on
// the timeline, and stepping back takes them away again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, SHOTS } from '../helpers.mjs';

test('stepping a guided scenario fills the wallet and timeline, stepping back empties them', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'IAM user vs IAM role' }).getByRole('button').click();
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await guide.waitFor();
    const toggle = page.getByRole('button', { name: 'Simulator', exact: true });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'the dock waits folded at step 1');

    const next = guide.getByRole('button', { name: 'Next step' });
    const previous = guide.getByRole('button', { name: 'Previous step' });
    await next.click();
    await next.click();
    assert.match(await guide.innerText(), /Step 3 of 8/);
    assert.match(await guide.innerText(), /sts:AssumeRole/);

    // The step handed out credentials, so the dock unfolds to show them.
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const wallet = page.getByRole('region', { name: 'Credentials' });
    const card = wallet.getByRole('article', { name: 'Session alice of Deploy' });
    await card.waitFor();
    // Issued at this step's moment and the clock paused there: a full hour left.
    assert.match(await card.getByRole('timer').textContent(), /^(1:00:00|60:00)$/);
    const key = (await card.locator('code').first().textContent()).trim();
    assert.match(key, /^ASIA[A-Z0-9]{16}$/);
    // The caption and the wallet tell one story: the same key id.
    assert.ok((await guide.innerText()).includes(key), `the caption names ${key}`);
    // On the canvas the role now holds something: one live session, until it expires.
    const deploy = page.getByRole('button', { name: 'Role Deploy' });
    assert.match(await deploy.getAttribute('aria-description'), /^1 live session/);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.getByRole('button', { name: /AssumeRole/ }).first().waitFor();
    // The step's own checks play in the dock.
    const checks = page.getByRole('region', { name: 'Checks' });
    await checks.getByText('AssumeRole succeeded').waitFor({ timeout: 15000 });
    await page.screenshot({ path: path.join(SHOTS, 'guided-assume-step.png') });

    // An hour later the same card reads expired, and the timeline says so.
    await next.click();
    await next.click();
    assert.match(await guide.innerText(), /Step 5 of 8/);
    assert.equal(await card.getByRole('timer').textContent(), 'expired');
    assert.match(await timeline.textContent(), /Deploy\/alice\s*Expired/);
    assert.match(await deploy.getAttribute('aria-description'), /^no credentials until assumed/);
    await page.screenshot({ path: path.join(SHOTS, 'guided-expired-step.png') });

    // Back before the AssumeRole: no session, no AssumeRole on the timeline.
    await previous.click();
    await previous.click();
    await previous.click();
    assert.match(await guide.innerText(), /Step 2 of 8/);
    await card.waitFor({ state: 'detached' });
    assert.equal(await timeline.getByRole('button', { name: /AssumeRole/ }).count(), 0);
    // Forward again: the same key as before, because the story replays deterministically.
    await next.click();
    await card.waitFor();
    assert.equal((await card.locator('code').first().textContent()).trim(), key);
  });
});

test('opening another scenario with the dock open moves the caller and role to the new world', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Simulator', exact: true }).click();
    const form = page.getByRole('region', { name: 'Assume role' });
    const selected = (label) => form.getByLabel(label).evaluate((s) => s.options[s.selectedIndex]?.textContent ?? '');
    assert.match(await selected('Caller'), /^alice/);
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'Cross-account access' }).getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'Cross-account access');
    await page.waitForFunction(() => /^(dana|erin)/.test(document.querySelector('#sim-caller')?.selectedOptions[0]?.textContent ?? ''));
    assert.match(await selected('Role'), /^(ProdAdmin|CrossAccountDeploy) \(444455556666\)$/);
    // The first press of "Assume role" then works in the new world.
    await form.getByRole('button', { name: 'Assume role' }).click();
    await page.getByRole('region', { name: 'Checks' }).getByText(/AssumeRole (succeeded|failed)/).waitFor({ timeout: 15000 });
  });
});

test('editing the diagram during a guided scenario replays the step against the edit', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'IAM user vs IAM role' }).getByRole('button').click();
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await guide.getByRole('button', { name: 'Next step' }).click();
    await guide.getByRole('button', { name: 'Next step' }).click();
    assert.match(await guide.innerText(), /Step 3 of 8/);
    const wallet = page.getByRole('region', { name: 'Credentials' });
    await wallet.getByRole('article', { name: 'Session alice of Deploy' }).waitFor();

    // What if Deploy trusted bob instead of alice? Edit its trust policy.
    await page.getByRole('button', { name: 'Role Deploy', exact: true }).click();
    const inspector = page.getByRole('region', { name: 'Inspector' });
    const trust = inspector.getByRole('textbox', { name: 'Trust policy' });
    await trust.fill((await trust.inputValue()).replace(/user\/alice/, 'user/bob'));
    await inspector.getByRole('button', { name: 'Remove connection: User bob may assume Role Deploy' }).waitFor();

    // The caption now says what AWS answers, and that the story expected otherwise...
    await guide.getByRole('note').filter({ hasText: 'this call is denied' }).waitFor();
    assert.match(await guide.innerText(), /Denied/);
    assert.match(await guide.innerText(), /AccessDenied/);
    // ...and the dock replays the step: no session any more.
    await wallet.getByRole('article', { name: 'Session alice of Deploy' }).waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(SHOTS, 'guided-what-if.png') });

    // Undo brings the trust back, and the story keeps its word again.
    await page.getByRole('button', { name: 'Undo' }).click();
    await wallet.getByRole('article', { name: 'Session alice of Deploy' }).waitFor();
    assert.equal(await guide.getByRole('note').count(), 0);
  });
});

test('the Lambda execution role scenario puts the function\'s credentials in the wallet', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'Lambda execution role' }).getByRole('button').click();
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await guide.getByRole('button', { name: 'Next step' }).click();
    assert.match(await guide.innerText(), /Step 2 of 5/);
    assert.match(await guide.innerText(), /AWS_ACCESS_KEY_ID=ASIA/);
    // Lambda assumed the execution role: its session is in the wallet, counting down, and
    // the card says what assuming another role with it would mean.
    const wallet = page.getByRole('region', { name: 'Credentials' });
    const card = wallet.getByRole('article', { name: /process-orders/ });
    await card.waitFor();
    assert.match(await card.innerText(), /QueueWorker/);
    assert.match(await card.getByRole('timer').textContent(), /^\d+:\d\d:\d\d$/);
    const chain = await card.getByRole('button', { name: 'Assume another role' }).getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${chain}"]`).innerText(), /at most 1 hour/);
    await guide.getByRole('button', { name: 'Next step' }).click();
    assert.match(await guide.innerText(), /Allowed/);
    await guide.getByRole('button', { name: 'Next step' }).click();
    assert.match(await guide.innerText(), /Denied/);
    await page.screenshot({ path: path.join(SHOTS, 'guided-lambda.png') });
  });
});

test('New during a guided scenario closes the steps and forgets what the story issued', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'IAM user vs IAM role' }).getByRole('button').click();
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await guide.getByRole('button', { name: 'Next step' }).click();
    await guide.getByRole('button', { name: 'Next step' }).click();
    const wallet = page.getByRole('region', { name: 'Credentials' });
    await wallet.getByRole('article', { name: 'Session alice of Deploy' }).waitFor();
    await page.getByRole('button', { name: 'New' }).click();
    await guide.waitFor({ state: 'detached' });
    await wallet.getByRole('article', { name: 'Session alice of Deploy' }).waitFor({ state: 'detached' });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    assert.equal(await timeline.getByRole('button', { name: /AssumeRole/ }).count(), 0);
    // A reload does not bring the closed story back.
    await page.reload();
    await page.getByRole('button', { name: 'Simulator', exact: true }).waitFor();
    assert.equal(await page.getByRole('region', { name: 'Guided steps' }).count(), 0);
  });
});

test('past the last step a recap card sums the story up and offers the next scenario', async (t) => {
  await withPage(t, async ({ page }) => {
    await page.getByRole('button', { name: 'Scenarios' }).click();
    await page.getByRole('listitem', { name: 'Cross-account access' }).getByRole('button').click();
    const guide = page.getByRole('region', { name: 'Guided steps' });
    const next = guide.getByRole('button', { name: 'Next step' });
    for (let i = 0; i < 4; i++) await next.click();
    assert.match(await guide.innerText(), /Step 5 of 5/);
    assert.ok(await next.isEnabled(), 'Next step leads on to the recap');
    await next.click();
    const recap = guide.getByRole('region', { name: 'Recap' });
    await recap.getByRole('heading', { name: 'Recap: Cross-account access' }).waitFor();
    const points = await recap.getByRole('listitem').allInnerTexts();
    assert.ok(points.length >= 2 && points.length <= 5, `${points.length} points`);
    assert.ok(points.some((p) => /trust policy/.test(p)), 'the recap says what the trust policy does');
    // Identifiers are set as code, like the captions'.
    assert.ok((await recap.locator('code').allInnerTexts()).includes('sts:AssumeRole'));
    assert.ok(!(await recap.innerText()).includes('`'));
    assert.ok(await next.isDisabled(), 'nothing after the recap');
    // The keyboard does not fall off the disabled Next step: it lands on the card's first action.
    const again = recap.getByRole('button', { name: 'Play again' });
    for (let i = 0; i < 50 && !(await again.evaluate((el) => el === document.activeElement)); i++) await page.waitForTimeout(100);
    assert.ok(await again.evaluate((el) => el === document.activeElement), 'focus moves to Play again');
    await page.screenshot({ path: path.join(SHOTS, 'guided-recap.png') });
    // Previous goes back to the last step, with its outcome; Next shows the recap again.
    await guide.getByRole('button', { name: 'Previous step' }).click();
    await recap.waitFor({ state: 'detached' });
    assert.match(await guide.innerText(), /Step 5 of 5/);
    assert.match(await guide.innerText(), /AccessDenied/);
    await next.click();
    await recap.getByRole('button', { name: 'Next scenario: Third-party access with ExternalId' }).click();
    await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'Third-party access with ExternalId');
    assert.match(await guide.innerText(), /Step 1 of 5/);
    await recap.waitFor({ state: 'detached' });
  });
});
