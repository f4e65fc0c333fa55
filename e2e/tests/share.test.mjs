// Share links: a link opened in a fresh profile reproduces the scenario; a broken link is
// reported and loses nothing; a link over a local scenario asks first. Embed code renders
// the scenario inside an iframe on another origin without touching anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, serveStatic, tempDir, distOrigin, SHOTS } from '../helpers.mjs';
import path from 'node:path';

const title = (page) => page.locator('.doc-title');

async function openScenario(page, name) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await dialog.getByRole('listitem', { name }).getByRole('button').click();
  await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, name);
}

test('a share link opened in a fresh browser profile reproduces the document', async (t) => {
  let link;
  await withPage(t, async ({ page }) => {
    await openScenario(page, 'Cross-account access');
    // Shared at step 3, where dana has assumed CrossAccountDeploy.
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await guide.getByRole('button', { name: 'Next step' }).click();
    await guide.getByRole('button', { name: 'Next step' }).click();
    assert.match(await guide.innerText(), /Step 3 of 5/);
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByText('Link copied').waitFor();
    link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#s=1\.[A-Za-z0-9_-]+$/);
  }, { shotName: 'share-link-made' });
  const url = new URL(link);
  await withPage(t, async ({ page }) => {
    assert.equal(await title(page).textContent(), 'Cross-account access');
    const canvas = page.getByRole('region', { name: 'Canvas' });
    await canvas.getByRole('button', { name: /CrossAccountDeploy/ }).first().waitFor();
    await canvas.getByRole('button', { name: /dana/ }).first().waitFor();
    // The steps travel too, and the link opens at the step it was shared at, with the
    // simulator where that step leaves the story.
    const guide = page.getByRole('region', { name: 'Guided steps' });
    assert.match(await guide.innerText(), /Step 3 of 5/);
    await page.getByRole('region', { name: 'Credentials' })
      .getByRole('article', { name: 'Session dana of CrossAccountDeploy' }).waitFor();
    await guide.getByRole('button', { name: 'Previous step' }).click();
    assert.match(await guide.innerText(), /Step 2 of 5/);
    // The fragment is consumed: a reload would not ask again.
    assert.equal(new URL(page.url()).hash, '');
    // Opening a link stores nothing until the reader edits.
    assert.equal(await page.evaluate(() => localStorage.length), 0);
  }, { path: url.pathname + url.hash, shotName: 'share-link-opened-fresh' });
});

test('a corrupt share link is reported and the local scenario is kept', async (t) => {
  await withPage(t, async ({ page, origin }) => {
    await openScenario(page, 'Role chaining and its one-hour limit');
    await page.waitForTimeout(800); // autosave
    await page.goto(origin + '/index.html#s=1.eJzLSM3JyQcABiwCFQ-damaged');
    await page.getByRole('region', { name: 'Canvas' }).waitFor();
    await page.getByText('This share link cannot be opened').waitFor();
    assert.equal(await title(page).textContent(), 'Role chaining and its one-hour limit');
    await page.goto(origin + '/index.html?again#s=9.abc');
    await page.getByText('made by a newer IAM Playground').waitFor();
    assert.equal(await title(page).textContent(), 'Role chaining and its one-hour limit');
  });
});

test('a share link over a local scenario asks, and Undo brings the local one back', async (t) => {
  let link;
  await withPage(t, async ({ page }) => {
    await openScenario(page, 'MFA-protected admin role');
    await page.getByRole('button', { name: 'Share' }).click();
    await page.getByText('Link copied').waitFor();
    link = await page.evaluate(() => navigator.clipboard.readText());
  }, { shotName: 'share-link-for-ask' });
  await withPage(t, async ({ page, origin }) => {
    await openScenario(page, 'Lambda execution role');
    await page.waitForTimeout(800);
    await page.goto(origin + '/index.html' + new URL(link).hash);
    const ask = page.getByRole('alertdialog', { name: 'Open the shared scenario?' });
    await ask.waitFor();
    assert.equal(await title(page).textContent(), 'Lambda execution role');
    await ask.getByRole('button', { name: 'Open shared scenario' }).click();
    await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'MFA-protected admin role');
    await page.getByRole('button', { name: /^Undo/ }).first().click();
    await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'Lambda execution role');
  });
});

test('the embed snippet renders the scenario inside an iframe on another origin', async (t) => {
  await withPage(t, async ({ page, origin, context }) => {
    await openScenario(page, 'GitHub Actions deploys with OIDC');
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    const dialog = page.getByRole('dialog', { name: 'Embed this scenario' });
    await dialog.getByLabel('Start the guided steps').check();
    await dialog.getByLabel('Theme').selectOption('dark');
    const snippet = await dialog.getByLabel('Embed code').inputValue();
    assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/\?embed=1&amp;panels=simulator&amp;play=1&amp;theme=dark#s=1\./);
    assert.match(snippet, /loading="lazy"/);
    assert.match(snippet, /sandbox="allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"/);
    await page.screenshot({ path: path.join(SHOTS, 'embed-dialog-open.png') });
    await dialog.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Embed code copied').waitFor();

    // Start the reader's browser clean, so the check below sees only what the embed stores.
    await page.waitForTimeout(600);
    await page.evaluate(() => localStorage.clear());
    const host = await serveStatic(tempDir(), {
      '/post.html': () => `<!doctype html><html><head><title>A blog post</title></head>
        <body><h1>How GitHub Actions reaches AWS</h1><p>Try it:</p>${snippet}<p>The end.</p></body></html>`,
    });
    const iframeRequests = [];
    page.on('request', (r) => {
      if (r.frame() !== page.mainFrame()) iframeRequests.push(r.url());
    });
    await context.route(host.origin + '/**', (r) => r.continue());
    await page.goto(host.origin + '/post.html');
    const frame = page.frameLocator('iframe');
    await frame.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await frame.getByRole('region', { name: 'Canvas' }).getByRole('button', { name: /GitHubDeploy/ }).first().waitFor();
    await frame.getByRole('link', { name: 'Open in IAM Playground' }).waitFor();
    assert.match(await frame.getByRole('region', { name: 'Guided steps' }).innerText(), /Step 1 of 8/);
    assert.equal(await frame.locator('html').getAttribute('data-theme'), 'dark');
    // Reading an embed stores nothing in the reader's browser.
    assert.equal(await frame.locator('html').evaluate(() => localStorage.length), 0);
    // The host page is untouched.
    assert.equal(await page.title(), 'A blog post');
    assert.equal(await page.locator('html').getAttribute('data-theme'), null);
    const foreign = iframeRequests.filter((u) => new URL(u).origin !== origin);
    assert.deepEqual(foreign, [], 'the iframe only talks to its own origin');
    assert.ok(iframeRequests.length > 0);
    await page.screenshot({ path: path.join(SHOTS, 'embed-on-another-origin.png'), fullPage: true });
  }, { allowOrigins: [] });
});
