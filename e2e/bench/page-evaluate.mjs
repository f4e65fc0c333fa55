// Times window.iamPlayground.evaluate on one request line in headless Chromium against the
// built page (DIST): 200 warm-up calls, then as many as fit in 3 seconds. Shared by
// eval.mjs and versus-iam-simulate.mjs. With `{ profile: true }` it also takes a CPU profile of
// the timed calls (the calls run slower while sampled: time them without it).
import { chromium } from 'playwright-core';
import { serveStatic, DIST } from '../helpers.mjs';

/** The first answer's decision and the microseconds per call (and the CPU profile, if asked). */
export async function timePageEvaluate(line, { profile = false } = {}) {
  const { origin, server } = await serveStatic(DIST);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    await page.goto(origin + '/');
    await page.getByRole('region', { name: 'Canvas' }).waitFor();
    const cdp = profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
      await cdp.send('Profiler.start');
    }
    const timed = await page.evaluate((line) => {
      const api = window.iamPlayground;
      const decision = JSON.parse(api.evaluate(line)).decision;
      for (let i = 0; i < 200; i++) api.evaluate(line);
      let n = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 3000) { api.evaluate(line); n++; }
      return { decision, us: ((performance.now() - t0) * 1000) / n };
    }, line);
    return cdp ? { ...timed, profile: (await cdp.send('Profiler.stop')).profile } : timed;
  } finally {
    await browser.close();
    server.close();
  }
}
