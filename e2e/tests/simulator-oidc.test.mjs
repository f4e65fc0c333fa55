// "An identity provider's token" as caller: the GitHub Actions scenario's OIDC provider issues a
// token, and AssumeRoleWithWebIdentity either hands out a session (octo-org/octo-repo) or is
// refused at the trust policy's sub condition (another repository), with AWS's error.
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { withPage, SHOTS, choose } from '../helpers.mjs';

const GH = 'token.actions.githubusercontent.com';


for (const scheme of ['light', 'dark']) {
  test(`a GitHub Actions token assumes GitHubDeploy; another repo is refused (${scheme})`, async (t) => {
    await withPage(t, async ({ page }) => {
      await page.getByRole('button', { name: 'Scenarios' }).click();
      await page.getByRole('listitem', { name: 'GitHub Actions deploys with OIDC' }).getByRole('button').click();
      await page.waitForFunction(() => document.querySelector('.doc-title')?.textContent === 'GitHub Actions deploys with OIDC');
      // The guided steps cover the dock's toggle; close them to use the simulator freely.
      const guide = page.getByRole('region', { name: 'Guided steps' });
      await guide.getByRole('button', { name: 'Close' }).click();
      await guide.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Simulator', exact: true }).click();

      const form = page.getByRole('region', { name: 'Assume role' });
      await choose(form.getByLabel('Caller'), `OIDC token from ${GH}`);
      await choose(form.getByLabel('Role'), 'GitHubDeploy');
      assert.equal(await form.getByLabel('Subject (sub)').inputValue(), 'repo:octo-org/octo-repo:ref:refs/heads/main');
      assert.equal(await form.getByLabel('Audience (aud)').inputValue(), 'sts.amazonaws.com');
      await form.getByLabel('Session name').fill('deploy-main');
      const cli = await form.locator('pre').textContent();
      assert.match(cli, /^aws sts assume-role-with-web-identity \\\n {4}--role-arn arn:aws:iam::111122223333:role\/GitHubDeploy \\\n {4}--role-session-name deploy-main \\\n {4}--duration-seconds 3600 \\\n {4}--web-identity-token <token>$/);
      await form.getByRole('button', { name: 'Assume role' }).click();

      const checks = page.getByRole('region', { name: 'Checks' });
      await checks.getByText('AssumeRoleWithWebIdentity succeeded').waitFor({ timeout: 20000 });
      const steps = await checks.getByRole('listitem').allTextContents();
      assert.ok(steps.some((s) => s.includes('The identity token is valid and unexpired')), steps.join('\n'));
      assert.ok(steps.some((s) => s.includes(`${GH}:sub`)), steps.join('\n'));
      assert.match(steps.at(-1), /Temporary credentials issued/);
      const response = JSON.parse(await checks.locator('pre').first().textContent());
      assert.equal(response.AssumedRoleUser.Arn, 'arn:aws:sts::111122223333:assumed-role/GitHubDeploy/deploy-main');
      assert.equal(response.SubjectFromWebIdentityToken, 'repo:octo-org/octo-repo:ref:refs/heads/main');
      await page.getByRole('article', { name: 'Session deploy-main of GitHubDeploy' }).waitFor();
      await page.screenshot({ path: path.join(SHOTS, `simulator-oidc-issued-${scheme}.png`), fullPage: true });

      await form.getByLabel('Subject (sub)').fill('repo:evil-org/evil-repo:ref:refs/heads/main');
      await form.getByLabel('Session name').fill('deploy-evil');
      await form.getByRole('button', { name: 'Assume role' }).click();
      await checks.getByText('AssumeRoleWithWebIdentity failed').waitFor({ timeout: 20000 });
      const text = await checks.innerText();
      assert.match(text, /AccessDenied/);
      assert.match(text, /Not authorized to perform sts:AssumeRoleWithWebIdentity/);
      assert.match(text, /repo:evil-org\/evil-repo:ref:refs\/heads\/main/);
      await page.getByRole('status').filter({ hasText: 'AssumeRoleWithWebIdentity failed' }).waitFor();
      assert.equal(await page.getByRole('article', { name: 'Session deploy-evil of GitHubDeploy' }).count(), 0);
      await page.screenshot({ path: path.join(SHOTS, `simulator-oidc-refused-${scheme}.png`), fullPage: true });
    }, { colorScheme: scheme });
  });
}
