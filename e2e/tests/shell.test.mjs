// The app shell: it loads, every control is named, and both colour schemes render.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, unnamedControls } from '../helpers.mjs';

test('the shell loads with its header, toolbar, canvas, inspector and clock', async (t) => {
  await withPage(t, async ({ page }) => {
    await assert.doesNotReject(page.getByRole('heading', { name: 'IAM Playground' }).waitFor());
    assert.equal(await page.title(), 'IAM Playground');
    assert.ok(await page.getByRole('toolbar', { name: 'Tools' }).isVisible());
    assert.ok(await page.getByRole('region', { name: 'Canvas' }).isVisible());
    assert.ok(await page.getByRole('region', { name: 'Inspector' }).isVisible());
    const clock = page.getByRole('contentinfo', { name: 'Simulated clock' });
    assert.match(await clock.innerText(), /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/);
  });
});

test('every control has an accessible name', async (t) => {
  await withPage(t, async ({ page }) => {
    assert.deepEqual(await unnamedControls(page), []);
  });
});

test('dark mode renders dark panels with light text', async (t) => {
  await withPage(t, async ({ page }) => {
    const colours = await page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return { bg: s.backgroundColor, fg: s.color };
    });
    const lum = (c) => c.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) / 3;
    assert.ok(lum(colours.bg) < 60, `background ${colours.bg} should be dark`);
    assert.ok(lum(colours.fg) > 180, `text ${colours.fg} should be light`);
  }, { colorScheme: 'dark' });
});

test('the page never scrolls: panels scroll inside the window, whatever is selected', async (t) => {
  await withPage(t, async ({ page }) => {
    for (const name of ['Role Deploy', 'User alice', 'S3 bucket amzn-s3-demo-bucket']) {
      await page.getByRole('button', { name, exact: true }).click();
      await page.getByRole('button', { name: 'Simulator', exact: true }).evaluate((b) => b.getAttribute('aria-expanded') === 'false' && b.click());
      const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollHeight, innerHeight]);
      assert.ok(scroll <= inner, `${name}: the page is ${scroll} px tall in a ${inner} px window`);
    }
  });
});
