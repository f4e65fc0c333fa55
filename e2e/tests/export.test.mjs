// Export: a built-in scenario leaves the page as Terraform, an SVG and a PNG picture (2×),
// each a download named after the scenario; the Export dialog fits every stage it is offered
// on (desk, projector-sized screens, phone; light and dark), and where Save file is hidden (an
// embed, presentation mode) Export is hidden with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { withPage, distOrigin, SHOTS } from '../helpers.mjs';

const SCENARIO = 'Role chaining and its one-hour limit';
const SLUG = 'role-chaining-and-its-one-hour-limit';

async function openScenario(page, name) {
  await page.getByRole('button', { name: 'Scenarios' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scenarios' });
  await dialog.getByRole('listitem', { name }).getByRole('button').click();
  await page.waitForFunction((n) => document.querySelector('.doc-title')?.textContent === n, name);
  // A guided scenario docks its steps; they are not in the way of the header's buttons.
}

/** Opens Export and resolves to the dialog. */
async function openExport(page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.waitFor();
  return dialog;
}

/** Clicks `label` in the Export dialog and resolves to the download's name and bytes. */
async function exportAs(page, label) {
  const dialog = await openExport(page);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: label, exact: true }).click();
  const d = await download;
  const bytes = fs.readFileSync(await d.path());
  return { name: d.suggestedFilename(), bytes };
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.subarray(0, 8).equals(signature), 'a PNG signature');
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', 'the first chunk is IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The root `<svg>`'s width and height attributes. */
function svgSize(text) {
  const root = text.match(/<svg [^>]*>/)[0];
  return {
    width: Number(root.match(/ width="(\d+)"/)[1]),
    height: Number(root.match(/ height="(\d+)"/)[1]),
  };
}

test('Export → Terraform downloads the scenario as Terraform named after it', async (t) => {
  await withPage(t, async ({ page }) => {
    await openScenario(page, SCENARIO);
    const { name, bytes } = await exportAs(page, 'Terraform (.tf)');
    assert.equal(name, `${SLUG}.tf`);
    const text = bytes.toString('utf8');
    assert.ok(text.length > 0, 'not empty');
    assert.match(text, /resource "aws_iam_role"/);
    await page.getByText(`Exported ${SLUG}.tf.`).waitFor();
    assert.equal(await page.getByRole('dialog', { name: 'Export' }).count(), 0, 'the dialog closes');
  });
});

test('Export → every infrastructure-code format downloads under the scenario name with its extension', async (t) => {
  await withPage(t, async ({ page }) => {
    await openScenario(page, SCENARIO);
    for (const [label, ext, marker] of [
      ['CloudFormation (.yaml)', 'yaml', /AWS::IAM::Role/],
      ['AWS CLI script (.sh)', 'sh', /aws iam create-role/],
      ['GAAD JSON (.json)', 'json', /"RoleDetailList"/],
    ]) {
      const { name, bytes } = await exportAs(page, label);
      assert.equal(name, `${SLUG}.${ext}`);
      assert.match(bytes.toString('utf8'), marker, label);
    }
  });
});

test('Export → SVG and PNG pictures show the whole diagram, the PNG at twice the size', async (t) => {
  await withPage(t, async ({ page, context }) => {
    await openScenario(page, SCENARIO);
    const svg = await exportAs(page, 'SVG picture');
    assert.equal(svg.name, `${SLUG}.svg`);
    const text = svg.bytes.toString('utf8');
    assert.match(text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(text.includes(`>${SCENARIO}</text>`), 'the title is drawn');
    // Every node on the canvas is in the picture, in view or not.
    const names = await page.locator('.canvas g.node:not(.frame) text.name').allTextContents();
    assert.ok(names.length >= 3, `nodes on the canvas: ${names}`);
    for (const n of names) assert.ok(text.includes(`>${n}</text>`), `${n} is in the picture`);

    const png = await exportAs(page, 'PNG picture (2×)');
    assert.equal(png.name, `${SLUG}.png`);
    const size = pngSize(png.bytes);
    const base = svgSize(text);
    assert.ok(Math.abs(size.width - 2 * base.width) <= 1, `PNG ${size.width} wide, SVG ${base.width}`);
    assert.ok(Math.abs(size.height - 2 * base.height) <= 1, `PNG ${size.height} high, SVG ${base.height}`);
    const file = path.join(SHOTS, 'export-picture-light.png');
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.writeFileSync(file, png.bytes);

    // Not a blank image: decoded in a page of its own, it has the diagram's many colours.
    const viewer = await context.newPage();
    const colours = await viewer.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4 * 97) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return seen.size;
    }, png.bytes.toString('base64'));
    await viewer.close();
    assert.ok(colours > 20, `the PNG shows a drawing (${colours} colours sampled)`);
  });
});

test('pictures follow the page scheme by default, and Dark or Light can be chosen', async (t) => {
  await withPage(t, async ({ page }) => {
    await openScenario(page, SCENARIO);
    let dialog = await openExport(page);
    assert.ok(await dialog.getByRole('radio', { name: 'Dark' }).isChecked(), 'a dark page exports dark');
    await page.keyboard.press('Escape');
    const dark = await exportAs(page, 'SVG picture');
    assert.match(dark.bytes.toString('utf8'), /<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="#121821"\/>/);
    const png = await exportAs(page, 'PNG picture (2×)');
    fs.writeFileSync(path.join(SHOTS, 'export-picture-dark.png'), png.bytes);

    dialog = await openExport(page);
    await dialog.getByRole('radio', { name: 'Light' }).check();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'SVG picture' }).click();
    const light = fs.readFileSync(await (await download).path(), 'utf8');
    assert.match(light, /fill="#fbfcfd"\/>/, 'the light canvas colour');
  }, { colorScheme: 'dark' });
});

/** Geometry of every control of the open Export dialog, measured in the page. */
function measureDialog(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const dialog = document.querySelector('[role="dialog"][aria-labelledby="export-title"]');
    const d = dialog.getBoundingClientRect();
    const controls = [...dialog.querySelectorAll('button, input, label, legend, h2, p')].map((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        what: el.textContent.trim() || el.getAttribute('aria-label') || el.id,
        inside: r.left >= 0 && r.top >= 0 && r.right <= vw && r.bottom <= vh,
        uncovered: !!hit && (el === hit || el.contains(hit) || hit.contains(el) || (!!el.closest('label') && hit.closest('label') === el.closest('label'))),
        px: parseFloat(getComputedStyle(el).fontSize),
      };
    });
    return {
      vw, vh, dialog: { left: d.left, top: d.top, right: d.right, bottom: d.bottom },
      sideways: document.scrollingElement.scrollWidth > vw,
      controls,
    };
  });
}

const STAGES = [
  ['desk', { width: 1400, height: 860 }],
  ['projector 1280×720', { width: 1280, height: 720 }],
  ['projector 1920×1080', { width: 1920, height: 1080 }],
  ['phone', { width: 390, height: 844 }],
];

for (const [stage, viewport] of STAGES) {
  for (const colorScheme of ['light', 'dark']) {
    test(`the Export dialog fits a ${stage} screen in ${colorScheme}: every control inside, uncovered, 12 px text or more`, async (t) => {
      await withPage(t, async ({ page }) => {
        await openScenario(page, SCENARIO);
        const button = page.getByRole('button', { name: 'Export', exact: true });
        const b = await button.boundingBox();
        assert.ok(b && b.x >= 0 && b.y >= 0 && b.x + b.width <= viewport.width && b.y + b.height <= viewport.height,
          `the Export button is on screen: ${JSON.stringify(b)}`);
        await openExport(page);
        const m = await measureDialog(page);
        assert.ok(!m.sideways, 'no sideways scroll');
        assert.ok(m.dialog.left >= 0 && m.dialog.top >= 0 && m.dialog.right <= m.vw && m.dialog.bottom <= m.vh,
          `the dialog is inside the screen: ${JSON.stringify(m.dialog)}`);
        for (const c of m.controls) {
          assert.ok(c.inside, `${stage}: "${c.what}" is inside the screen`);
          assert.ok(c.uncovered, `${stage}: "${c.what}" is not covered`);
          assert.ok(c.px >= 12, `${stage}: "${c.what}" is ${c.px} px`);
        }
        assert.ok(m.controls.filter((c) => c.what).length >= 10, 'the controls were measured');
      }, { viewport, colorScheme, shotName: `export-dialog-${stage}-${colorScheme}` });
    });
  }
}

test('where Save file is hidden (presentation mode, an embed) Export is hidden with it', async (t) => {
  await withPage(t, async ({ page }) => {
    await openScenario(page, SCENARIO);
    const save = page.getByRole('button', { name: 'Save file' });
    const exp = page.getByRole('button', { name: 'Export', exact: true });
    assert.ok(await save.isVisible() && await exp.isVisible(), 'both shown on the desk');

    await page.getByRole('button', { name: 'Present' }).click();
    await page.waitForFunction(() => document.documentElement.hasAttribute('data-present'));
    assert.ok(!(await save.isVisible()) && !(await exp.isVisible()), 'both hidden when presenting');
    await page.getByRole('region', { name: 'Guided steps' }).getByRole('button', { name: 'Leave presentation' }).click();
    await page.waitForFunction(() => !document.documentElement.hasAttribute('data-present'));

    // The embed's own address, opened at a blog embed's size.
    await page.getByRole('button', { name: 'Copy embed code' }).click();
    const embed = page.getByRole('dialog', { name: 'Embed this scenario' });
    const code = await embed.getByLabel('Embed code').inputValue();
    const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    await page.setViewportSize({ width: 700, height: 480 });
    await page.goto(src.startsWith('http') ? src : (await distOrigin()) + '/' + src.replace(/^\.?\//, ''));
    await page.getByRole('region', { name: 'Canvas' }).waitFor({ timeout: 15000 });
    await page.waitForFunction(() => document.querySelector('.app.embed'));
    assert.equal(await save.isVisible(), false, 'an embed hides Save file');
    assert.equal(await exp.isVisible(), false, 'and Export with it');
  }, { shotName: 'export-hidden-in-embed' });
});
