// Browser tests of the link pages (docs/linking.md): a family finder
// proposes a link from a waiting Southwark child's matching page, records
// the panel's recommendation, sees a refused form with the error beside
// its field; Southwark's ADM decides; the family finder records the
// placement; the early permanence page shows both tables. It WRITES: it
// uses the LAST waiting Southwark child with a candidate (matching.test.mjs
// reads the first ones). Environment: see pages.test.mjs (seed 3).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, SHOTS, env, openBrowser, signIn as signInAs } from './browser.mjs';

const SEED = env('RAA_E2E_PASSWORD').split('-').pop();
const FF = ['family.finder@demo.raa.test', `demo-family.finder-${SEED}`];
const ADM = ['adm.southwark@demo.raa.test', `demo-adm.southwark-${SEED}`];
const SW = [env('RAA_E2E_EMAIL'), env('RAA_E2E_PASSWORD')];

let browser, page, problems;
let linkUrl;

before(async () => {
  ({ browser, page, problems } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

async function signIn([email, password]) {
  await signInAs(page, email, password);
  assert.equal(new URL(page.url()).pathname, '/', `${email} signed in`);
}

async function click(locator) {
  await Promise.all([page.waitForLoadState('load'), locator.click()]);
}

const stage = async () => (await page.locator('[data-testid=link] .govuk-summary-list__row')
  .filter({ hasText: 'Stage' }).locator('dd').innerText()).trim();

test('a family finder proposes a link from the matching page', async () => {
  await signIn(FF);
  await page.goto(`${BASE}/children?status=waiting&partner=210`);
  const ids = await page.locator('table[data-testid=children] tbody tr[data-record]')
    .evaluateAll((els) => els.map((e) => e.dataset.record));
  assert.ok(ids.length > 0, 'Southwark has waiting children');
  for (const id of ids.reverse().slice(0, 10)) {
    await page.goto(`${BASE}/children/${encodeURIComponent(id)}/matching`);
    const propose = page.locator('[data-testid=propose]');
    if (await propose.count() === 0) continue;
    await click(propose.last());
    break;
  }
  assert.match(new URL(page.url()).pathname, /^\/links\/L\d+$/, 'redirected to the new link');
  linkUrl = page.url();
  assert.equal(await stage(), 'Waiting for panel');
  assert.ok(await page.locator('table[data-testid=timeline] tbody tr').count() >= 1, 'timeline');
  assert.equal(await page.locator('[data-testid=form-decision]').count(), 0, 'no ADM form for a family finder');
  await page.screenshot({ path: path.join(SHOTS, 'link-proposed.png'), fullPage: true });
});

test('a refused form shows the error beside its field', async () => {
  assert.ok(linkUrl, 'a link was proposed');
  await page.goto(linkUrl);
  await click(page.locator('[data-testid=form-end] button[type=submit]'));
  assert.equal(await page.title().then((t) => t.startsWith('Error: ')), true, 'title says error');
  assert.match(await page.locator('#end-reason-error').innerText(), /expected why the link ends/);
  assert.equal(await page.locator('.govuk-error-summary a[href="#end-reason"]').count(), 1, 'summary links to the field');
  assert.equal(await stage(), 'Waiting for panel', 'nothing recorded');
});

test('panel, ADM decision and placement', async () => {
  assert.ok(linkUrl, 'a link was proposed');
  await page.goto(linkUrl);
  await page.check('#panel-recommendation-yes');
  await page.fill('#panel-reasons', 'A strong match');
  await click(page.locator('[data-testid=form-panel] button[type=submit]'));
  assert.equal(page.url(), linkUrl);
  assert.equal(await stage(), 'Waiting for ADM decision');
  assert.match(await page.locator('[data-testid=adm]').innerText(), /Due/);

  await signIn(SW);
  await page.goto(linkUrl);
  assert.equal(await stage(), 'Waiting for ADM decision', 'the LA social worker reads the link');
  assert.equal(await page.locator('form').filter({ has: page.locator('[name=decision]') }).count(), 0);

  await signIn(ADM);
  await page.goto(linkUrl);
  await page.check('#decision-decision-yes');
  await click(page.locator('[data-testid=form-decision] button[type=submit]'));
  assert.equal(await stage(), 'Matched');

  await signIn(FF);
  await page.goto(linkUrl);
  await click(page.locator('[data-testid=form-placed] button[type=submit]'));
  assert.equal(await stage(), 'Placed');
  await page.screenshot({ path: path.join(SHOTS, 'link-placed.png'), fullPage: true });
  await page.goto(`${BASE}/links`);
  const id = new URL(linkUrl).pathname.split('/').pop();
  assert.equal(await page.locator(`a[href="/links/${id}"]`).count(), 0, 'no longer in progress');
});

test('links in progress and early permanence pages', async () => {
  await signIn(FF);
  await page.goto(`${BASE}/links`);
  assert.equal(await page.locator('h1').innerText(), 'Links in progress');
  await click(page.locator('a[href="/links/early-permanence"]'));
  assert.equal(await page.locator('table[data-testid=ep-units]').count(), 1);
  assert.equal(await page.locator('table[data-testid=ep-households]').count(), 1);
  assert.deepEqual(problems, [], 'no script errors or CSP violations');
});
