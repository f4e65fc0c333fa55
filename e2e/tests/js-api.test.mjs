// window.iamPlayground.evaluate: the same decisions as `iam-eval`, from the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withPage } from '../helpers.mjs';

const allowS3 = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }] };
const denyAll = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
const request = (extra) => ({
  principal: { arn: 'arn:aws:iam::111122223333:user/alice', account: '111122223333' },
  action: 's3:GetObject',
  resource: { arn: 'arn:aws:s3:::photos/cat.jpg', account: '111122223333' },
  identity_policies: [allowS3],
  ...extra,
});

test('window.iamPlayground.evaluate answers like iam-eval', async (t) => {
  await withPage(t, async ({ page }) => {
    const answers = await page.evaluate(([a, b]) => [
      JSON.parse(window.iamPlayground.evaluate(a)),
      JSON.parse(window.iamPlayground.evaluate(JSON.stringify(b))),
      JSON.parse(window.iamPlayground.evaluate('{not json')),
    ], [request({}), request({ scps: [[denyAll]] })]);
    assert.equal(answers[0].decision, 'Allowed');
    assert.equal(answers[1].decision, 'ExplicitlyDenied');
    assert.match(answers[1].message, /explicit deny in a service control policy/);
    assert.ok(answers[2].error, 'a malformed request answers {"error": ...}');
  });
});
