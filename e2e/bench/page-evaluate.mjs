// Times window.iamPlayground.evaluate on one request line in headless Chromium against the
// built page (DIST): 200 warm-up calls, then as many as fit in 3 seconds. Shared by
// eval.mjs and versus-iam-simulate.mjs.
import { chromium } from 'playwright-core';
import { serveStatic, DIST } from '../helpers.mjs';

/** The first answer's decision and the microseconds per call. */
export async function timePageEvaluate(line) {
  const { origin, server } = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(origin + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor();
    return await page.evaluate((line) => {
      const api = window.iamPlayground;
      const decision = JSON.parse(api.evaluate(line)).decision;
      for (let i = 0; i < 200; i++) api.evaluate(line);
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 3000) { api.evaluate(line); n++; }
      return { decision, us: ((performance.now() - t0) * 1000) / n };
    }, line);
  } finally {
    await browser.close();
    server.close();
  }
}
