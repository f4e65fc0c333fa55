// Hostile share links (issue reproducers under tests/hostile/): each opens in the built page
// with a clear message where a limit was hit, the reader's own scenario is kept, and the page
// stays usable. How long each took is printed as a diagnostic, never asserted (busy machines).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { withPage } from '../helpers.mjs';

const HOSTILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'hostile');
const file = (name) => fs.readFileSync(path.join(HOSTILE, name), 'utf8');
/** A share link's fragment for a scenario file, as the page writes it: zlib, then base64url. */
const fragment = (json) => '#s=1.' + zlib.deflateSync(Buffer.from(json), { level: 9 }).toString('base64url');
const title = (page) => page.locator('.doc-title');

/** Opens the reader's own scenario first, so a refused link must leave it in place. */
async function ownScenario(page) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await dialog.getByRole('listitem', { name: 'Role chaining and its one-hour limit' }).getByRole('button').click();
  await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'Role chaining and its one-hour limit');
  await page.waitForTimeout(800); // autosave
}

async function open(t, page, origin, hash) {
  const began = Date.now();
  await page.goto(origin + '/index.html?' + began + hash);
  await page.getByRole('region', { name: 'Canvas' }).waitFor();
  return began;
}

test('a wildcard-bomb link is refused naming the policy size quota, and the reader keeps their scenario', async (t) => {
  await withPage(t, async ({ page, origin }) => {
    await ownScenario(page);
    const began = await open(t, page, origin, '#s=' + file('wildcard-bomb.link.txt').trim());
    await page.getByText(/Cannot exceed quota for PolicySize: 6144/).waitFor();
    t.diagnostic(`wildcard-bomb link refused after ${Date.now() - began} ms`);
    assert.equal(await title(page).textContent(), 'Role chaining and its one-hour limit');
    await page.getByRole('button', { name: 'Role Jump', exact: true }).waitFor();
  });
});

test('a link nested 10,000 levels deep is refused saying so', async (t) => {
  await withPage(t, async ({ page, origin }) => {
    await ownScenario(page);
    const began = await open(t, page, origin, '#s=' + file('nested-10000.link.txt').trim());
    await page.getByText(/64 levels/).waitFor();
    t.diagnostic(`deeply nested link refused after ${Date.now() - began} ms`);
    assert.equal(await title(page).textContent(), 'Role chaining and its one-hour limit');
  });
});

test('a step on a 120,000-character ARN is refused naming the 2,048-character limit', async (t) => {
  await withPage(t, async ({ page, origin }) => {
    await ownScenario(page);
    const began = await open(t, page, origin, fragment(file('long-arn-step.scenario.json')));
    await page.getByText(/2048 characters/).first().waitFor();
    t.diagnostic(`long-ARN link refused after ${Date.now() - began} ms`);
    assert.equal(await title(page).textContent(), 'Role chaining and its one-hour limit');
  });
});

for (const [name, what] of [['ec2_century.json', 'an EC2 instance a century later'], ['ec2_start_2100.json', 'a scenario starting in 2100']]) {
  test(`a link to ${what} opens and plays without freezing the page`, async (t) => {
    await withPage(t, async ({ page, origin }) => {
      const scenario = JSON.parse(file(name));
      const began = await open(t, page, origin, fragment(JSON.stringify(scenario)));
      const guide = page.getByRole('region', { name: 'Guided steps' });
      await guide.getByText(`Step 1 of ${scenario.steps.length} · ${scenario.title}`).waitFor();
      t.diagnostic(`${name} opened after ${Date.now() - began} ms`);
      // Walk every step: each plays at once, whatever simulated time it spans.
      const next = guide.getByRole('button', { name: 'Next step' });
      while (await next.isVisible() && await next.isEnabled()) {
        await next.click();
      }
      t.diagnostic(`${name}: every step played after ${Date.now() - began} ms`);
      await page.getByRole('button', { name: 'Simulator', exact: true }).waitFor();
    });
  });
}

test('a link to a story of 1,500 heavy steps opens at once, plays what the work limit allows and says the rest asks for too much', async (t) => {
  await withPage(t, async ({ page, origin }) => {
    const began = await open(t, page, origin, '#s=' + file('many-heavy-steps.link.txt').trim());
    const guide = page.getByRole('region', { name: 'Guided steps' });
    const meta = guide.getByText(/Step 1 of 1503 · .* · only \d+ steps played: this scenario asks for too much/);
    await meta.waitFor();
    t.diagnostic(`many-heavy-steps link opened after ${Date.now() - began} ms`);
    const played = Number((await meta.textContent()).match(/only (\d+) steps/)[1]);
    assert.ok(played > 3 && played < 1503, `played ${played}`);
    // The page still answers: the next step plays.
    await guide.getByRole('button', { name: 'Next step' }).click();
    await guide.getByText(/^Step 2 of 1503/).waitFor();
  });
});

test('the same story shared at a step past the cut shows that step as not played, and stepping around it stays quick', async (t) => {
  await withPage(t, async ({ page, origin }) => {
    const scenario = JSON.parse(file('many-heavy-steps.scenario.json'));
    scenario.open_at_step = 1500;
    const began = await open(t, page, origin, fragment(JSON.stringify(scenario)));
    const guide = page.getByRole('region', { name: 'Guided steps' });
    await guide.getByText(/^Step 1500 of 1503/).waitFor();
    await guide.getByText('Not played', { exact: true }).waitFor();
    await guide.getByText(/asks for too much\. Its steps read more than 2,000,000 characters of policy/).waitFor();
    t.diagnostic(`opened past the cut after ${Date.now() - began} ms`);
    const previous = guide.getByRole('button', { name: 'Previous step' });
    for (let i = 0; i < 5; i++) await previous.click();
    await guide.getByText(/^Step 1495 of 1503/).waitFor();
    t.diagnostic(`five steps back after ${Date.now() - began} ms`);
  });
});
