// The inspector, driven as a person: select on the canvas, edit fields, policies, keys,
// managed policies and connections from the panel, in light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage, unnamedControls } from '../helpers.mjs';

const inspector = (page) => page.getByRole('region', { name: 'Inspector' });
const canvas = (page) => page.getByRole('region', { name: 'Canvas' });

async function select(page, name) {
  // Near the top-left corner: a node's badges widen its box past the body, so its centre
  // may be empty canvas.
  await canvas(page).getByRole('button', { name, exact: true }).click({ position: { x: 30, y: 20 } });
  await inspector(page).getByRole('heading', { name, exact: true }).waitFor();
}

test('renaming a user from the Name field relabels the canvas; an invalid name shows AWS\'s message', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'User alice');
    const name = inspector(page).getByRole('textbox', { name: 'Name', exact: true });
    await name.fill('alice.smith');
    await name.press('Enter');
    await canvas(page).getByRole('button', { name: 'User alice.smith', exact: true }).waitFor();
    assert.match(await inspector(page).getByText(/^arn:aws:iam::111122223333:user\/alice\.smith$/).innerText(), /alice\.smith/);

    // UpdateUser's NewUserName allows letters, digits and +=,.@_- only:
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
    await name.fill('alice smith!');
    await name.press('Enter');
    const alert = inspector(page).getByRole('alert');
    assert.match(await alert.innerText(), /1 validation error detected: Value 'alice smith!' at 'newUserName' failed to satisfy constraint/);
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await name.inputValue(), 'alice smith!', 'the typed value stays');
    const described = await name.getAttribute('aria-describedby');
    assert.equal(await page.locator(`#${described}`).innerText(), await alert.innerText());
    // The canvas keeps the last valid name.
    assert.ok(await canvas(page).getByRole('button', { name: 'User alice.smith', exact: true }).isVisible());

    await inspector(page).getByRole('button', { name: 'Copy ARN' }).click();
    await inspector(page).getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'arn:aws:iam::111122223333:user/alice.smith');
  });
});

test('a broken trust policy shows line and column, survives a reload as a draft, and can be fixed', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'Role Deploy');
    const editor = inspector(page).getByRole('textbox', { name: 'Trust policy' });
    const good = await editor.inputValue();
    assert.ok(good.includes('sts:AssumeRole'));
    const broken = good.replace('"Effect"', '"Effect" "oops"');
    await editor.fill(broken);
    const finding = inspector(page).getByRole('button', { name: /^Error at line \d+, column \d+:/ }).first();
    await finding.waitFor();
    await inspector(page).getByText('Not saved to the simulation').first().waitFor();
    // The last valid trust policy still drives the canvas: alice's edge is still there.
    await inspector(page).getByRole('button', { name: 'Remove connection: User alice may assume Role Deploy' }).waitFor();

    await page.waitForTimeout(1500); // autosave
    await page.reload();
    await canvas(page).waitFor();
    await select(page, 'Role Deploy');
    const again = inspector(page).getByRole('textbox', { name: 'Trust policy' });
    assert.equal(await again.inputValue(), broken, 'the draft is kept as typed');
    await inspector(page).getByText('Not saved to the simulation').first().waitFor();

    await again.fill(good);
    await inspector(page).getByText('Valid policy, no findings.').waitFor();
    assert.equal(await inspector(page).getByText('Not saved to the simulation').count(), 0);
  });
});

test('editing the trust policy JSON redraws the trust edges', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'Role Deploy');
    const conn = inspector(page).getByRole('button', { name: 'Remove connection: User alice may assume Role Deploy' });
    await conn.waitFor();
    const editor = inspector(page).getByRole('textbox', { name: 'Trust policy' });
    const text = await editor.inputValue();
    await editor.fill(text.replace(/user\/alice/, 'user/bob'));
    await inspector(page).getByRole('button', { name: 'Remove connection: User bob may assume Role Deploy' }).waitFor();
    assert.equal(await conn.count(), 0);
  });
});

test('access keys: create up to the quota of two, deactivate one', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'User alice');
    const panel = inspector(page);
    const deactivate = panel.getByRole('button', { name: /^Deactivate key AKIA[A-Z0-9]{16}$/ });
    assert.equal(await deactivate.count(), 1);
    await panel.getByRole('button', { name: 'Create access key' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[aria-label^="Deactivate key AKIA"]').length === 2);
    await panel.getByRole('button', { name: 'Create access key' }).click();
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html: two access keys per user.
    assert.match(await panel.getByRole('alert').innerText(), /Cannot exceed quota for AccessKeysPerUser: 2/);
    const first = deactivate.first();
    const id = (await first.getAttribute('aria-label')).replace('Deactivate key ', '');
    await first.click();
    await panel.getByRole('button', { name: `Activate key ${id}` }).waitFor();
    assert.match(await panel.getByRole('listitem').filter({ hasText: id }).innerText(), /Inactive/);
    assert.match(await panel.innerText(), /never expire/);

    // A virtual MFA device's serial number is its ARN: arn:aws:iam::ACCOUNT:mfa/NAME.
    await panel.getByRole('switch', { name: 'Virtual MFA device' }).check();
    await panel.getByText('arn:aws:iam::111122223333:mfa/alice').waitFor();
    await panel.getByRole('switch', { name: 'Console password' }).check();
    assert.ok(await canvas(page).getByRole('button', { name: 'User alice', exact: true }).isVisible());
  });
});

test('attach and detach an AWS managed policy; add an inline policy', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'User bob');
    const panel = inspector(page);
    await panel.getByRole('combobox', { name: 'Policy to attach' }).selectOption({ label: 'ReadOnlyAccess' });
    await panel.getByRole('button', { name: 'Attach policy' }).click();
    const detach = panel.getByRole('button', { name: 'Detach ReadOnlyAccess' });
    await detach.waitFor();
    await detach.click();
    await panel.getByText('None attached.').waitFor();

    await panel.getByRole('textbox', { name: 'New inline policy name' }).fill('ListBuckets');
    await panel.getByRole('button', { name: 'Add inline policy' }).click();
    const inline = panel.getByRole('textbox', { name: 'Inline policy ListBuckets' });
    await inline.waitFor();
    assert.match(await inline.inputValue(), /s3:ListAllMyBuckets/);
    // The form view writes real JSON.
    await panel.getByRole('group', { name: 'View of Inline policy ListBuckets' }).getByRole('button', { name: 'Form' }).click();
    const action = panel.getByRole('combobox', { name: 'Action 1 of statement 1' });
    await action.fill('s3:GetObject');
    await panel.getByRole('group', { name: 'View of Inline policy ListBuckets' }).getByRole('button', { name: 'JSON' }).click();
    assert.match(await panel.getByRole('textbox', { name: 'Inline policy ListBuckets' }).inputValue(), /"Action": "s3:GetObject"/);
  });
});

test('connections by keyboard: join a group; a group as a trust principal is refused with the reason', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'User bob');
    const panel = inspector(page);
    const picker = panel.getByRole('combobox', { name: 'Connect to…' });
    await picker.focus();
    await picker.selectOption({ label: 'Group Developers (is a member of)' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await panel.getByRole('button', { name: 'Remove connection: User bob is a member of Group Developers' }).waitFor();

    await select(page, 'Group Developers');
    await panel.getByRole('combobox', { name: 'Connect to…' }).selectOption({ label: 'Role Deploy' });
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
    assert.match(await panel.getByRole('alert').innerText(), /A group is not a principal/);
    await panel.getByRole('button', { name: 'Connect', exact: true }).click();
    assert.match(await panel.getByRole('alert').innerText(), /A group is not a principal/);

    // Removing an edge from the list removes the membership.
    await panel.getByRole('button', { name: 'Remove connection: User bob is a member of Group Developers' }).click();
    await panel.getByRole('button', { name: 'Remove connection: User alice is a member of Group Developers' }).waitFor();
    assert.equal(await panel.getByRole('button', { name: /User bob is a member/ }).count(), 0);
    assert.deepEqual(await unnamedControls(page), []);
  });
});

for (const scheme of ['light', 'dark']) {
  test(`inspector screenshots (${scheme}): nothing selected, a user, a role`, async (t) => {
    await withPage(t, async ({ page }) => {
      const panel = inspector(page);
      await panel.getByRole('textbox', { name: 'Title' }).waitFor();
      await panel.getByRole('heading', { name: 'IAM user vs IAM role' }).waitFor();
      await panel.getByRole('heading', { name: 'Legend' }).waitFor();
      await panel.screenshot({ path: `screenshots/inspector-empty-${scheme}.png` });
      await select(page, 'User alice');
      await panel.screenshot({ path: `screenshots/inspector-user-${scheme}.png` });
      await select(page, 'Role Deploy');
      await panel.getByRole('heading', { name: 'What is this?' }).waitFor();
      assert.deepEqual(await unnamedControls(page), []);
    }, { colorScheme: scheme });
  });
}

test('role settings: maximum session duration, tags with AWS\'s limits', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'Role Deploy');
    const panel = inspector(page);
    const max = panel.getByRole('combobox', { name: 'Maximum session duration' });
    assert.equal(await max.inputValue(), '3600');
    await max.selectOption({ label: '12 hours' });
    await select(page, 'User alice');
    await select(page, 'Role Deploy');
    assert.equal(await panel.getByRole('combobox', { name: 'Maximum session duration' }).inputValue(), '43200');

    await panel.getByRole('button', { name: 'Add tag' }).click();
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html: the aws: prefix is reserved.
    await panel.getByRole('textbox', { name: 'Tag key 1' }).fill('aws:team');
    await panel.getByRole('textbox', { name: 'Tag value 1' }).focus();
    assert.match(await panel.getByRole('alert').innerText(), /can't start with 'aws:'/);
    await panel.getByRole('textbox', { name: 'Tag key 1' }).fill('team');
    await panel.getByRole('textbox', { name: 'Tag value 1' }).fill('platform');
    await panel.getByRole('textbox', { name: 'Tag key 1' }).focus();
    await panel.getByText('1 / 50').waitFor();
    await panel.getByRole('button', { name: 'Remove tag team' }).click();
    await panel.getByText('0 / 50').waitFor();
  });
});

test('a service runs as a role chosen from the picker; a bucket policy edits in the form', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'EC2 instance web-1');
    const panel = inspector(page);
    const runsAs = panel.getByRole('combobox', { name: 'Runs as role' });
    assert.equal(await runsAs.locator('option:checked').innerText(), 'Role WebServerRole');
    await runsAs.selectOption({ label: 'None' });
    await panel.getByText('No connections yet.').waitFor();
    await runsAs.selectOption({ label: 'Role WebServerRole' });
    await panel.getByRole('button', { name: 'Remove connection: EC2 instance web-1 runs as Role WebServerRole' }).waitFor();

    await select(page, 'S3 bucket amzn-s3-demo-bucket');
    const view = panel.getByRole('group', { name: 'View of Resource policy' });
    await view.getByRole('button', { name: 'Form' }).click();
    await panel.getByText('Principal (edit in JSON)').waitFor();
    await panel.getByRole('button', { name: 'Add action to statement 1' }).click();
    await panel.getByRole('combobox', { name: 'Action 2 of statement 1' }).fill('s3:ListBucket');
    await view.getByRole('button', { name: 'JSON' }).click();
    const json = await panel.getByRole('textbox', { name: 'Resource policy' }).inputValue();
    assert.match(json, /"s3:GetObject",\s*"s3:ListBucket"/);
  });
});

test('an account: alias with AWS\'s rules, id read-only, organization and OU', async (t) => {
  await withPage(t, async ({ page }) => {
    await select(page, 'Account 111122223333');
    const panel = inspector(page);
    const alias = panel.getByRole('textbox', { name: 'Account alias' });
    // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html: lowercase, digits, hyphens.
    await alias.fill('Example_Corp');
    await alias.press('Enter');
    assert.match(await panel.getByRole('alert').innerText(), /accountAlias/);
    await alias.fill('example-corp');
    await alias.press('Enter');
    await panel.getByText('Create organization').waitFor();
    assert.equal(await panel.getByRole('alert').count(), 0);
    await panel.getByRole('button', { name: 'Create organization' }).click();
    await select(page, 'Account 111122223333');
    const ou = panel.getByRole('textbox', { name: 'Organizational unit' });
    await ou.fill('Engineering');
    await ou.press('Enter');
    await select(page, 'Account 111122223333');
    assert.equal(await panel.getByRole('textbox', { name: 'Organizational unit' }).inputValue(), 'Engineering');
  });
});
