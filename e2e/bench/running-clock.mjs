// The set-up tick.mjs and tick-trace.mjs share: the built page on a desk, the simulator dock
// open, and alice's Deploy session counting down beside the seed's EC2 instance.
import { chromium } from 'playwright-core';
import { serveStatic, DIST } from '../helpers.mjs';

/** Opens the page with one assumed-role session running; returns what the bench needs. */
export async function openRunningClock() {
  const { origin, server } = await serveStatic(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(origin + '/');
  await page.getByRole('button', { name: 'User alice', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Simulator', exact: true }).click();
  const form = page.getByRole('region', { name: 'Assume role' });
  const pick = async (label, prefix) => {
    const select = form.getByLabel(label);
    const value = await select.evaluate((el, p) => [...el.options].find((o) => o.textContent.startsWith(p))?.value, prefix);
    await select.selectOption(value);
  };
  await pick('Caller', 'alice');
  await pick('Role', 'Deploy');
  await form.getByRole('button', { name: 'Assume role' }).click();
  await page.getByRole('status').filter({ hasText: 'AssumeRole succeeded' }).waitFor({ timeout: 20000 });
  return { browser, page, server };
}
