// Browser tests of the matching pages (docs/matching.md, "Pages"): a family
// finder reaches a waiting child's matching page from the child's record,
// reads ranked candidates whose reasons add up to their scores, and opens
// the pool; an LA social worker sees their own child's candidates without
// where any household lives, and another partner's child is not found.
// Read-only: nothing here records an event. Environment: see
// pages.test.mjs (tests/integration/test_e2e.sh sets it; seed 3).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, SHOTS, env, openBrowser, signIn as signInAs } from './browser.mjs';

const LA_EMAIL = env('RAA_E2E_EMAIL');
const LA_PASSWORD = env('RAA_E2E_PASSWORD');
const OTHER_CHILD = env('RAA_E2E_OTHER_CHILD');
// The demo's family finder; its password follows the demo's rule, as the
// LA user's does (demo-<local part>-<seed>).
const SEED = LA_PASSWORD.split('-').pop();
const FF_EMAIL = 'family.finder@demo.raa.test';
const FF_PASSWORD = `demo-family.finder-${SEED}`;
// Postcode districts as the demo region writes them (SE15, CR0, SW19, ...).
const DISTRICT = /\b(?:SE|SW|CR|KT|SM|TW|BR|DA|EC|WC|NW|E|N|W)\d{1,2}[A-Z]?\b/;

let browser, page, problems;

before(async () => {
  ({ browser, page, problems } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

async function signIn(email, password) {
  await signInAs(page, email, password);
  assert.equal(new URL(page.url()).pathname, '/', `${email} signed in`);
}

async function click(locator) {
  await Promise.all([page.waitForLoadState('load'), locator.click()]);
}

// From the waiting children list, the first child whose matching page
// (reached through the link on the child's record) has candidates.
async function waitingChildWithCandidates() {
  await page.goto(`${BASE}/children?status=waiting`);
  const ids = await page.locator('table[data-testid=children] tbody tr[data-record]')
    .evaluateAll((els) => els.map((e) => e.dataset.record));
  assert.ok(ids.length > 0, 'the demo region has waiting children');
  for (const id of ids.slice(0, 15)) {
    await page.goto(`${BASE}/children/${encodeURIComponent(id)}`);
    await click(page.locator('[data-testid=matching-link]'));
    assert.equal(new URL(page.url()).pathname, `/children/${id}/matching`);
    if (await page.locator('table[data-testid=candidates] tbody tr').count() > 0)
      return id;
  }
  assert.fail('no waiting child among the first 15 has a candidate');
}

// Each candidate: its score, and the points of its reasons.
async function candidates() {
  return page.locator('table[data-testid=candidates] tbody tr').evaluateAll((rows) => rows.map((r) => ({
    adopter: r.dataset.adopter,
    score: Number(r.dataset.score),
    points: [...r.querySelectorAll('[data-points]')].map((e) => Number(e.dataset.points)),
  })));
}

function checkRanked(rows) {
  assert.ok(rows.length > 0);
  for (let i = 1; i < rows.length; i++)
    assert.ok(rows[i - 1].score >= rows[i].score, 'highest score first');
  for (const r of rows) {
    assert.equal(r.points.length, 5, `five reasons for ${r.adopter}`);
    const sum = Math.round(r.points.reduce((a, b) => a + b, 0) * 10) / 10;
    assert.equal(sum, r.score, `the reasons of ${r.adopter} add up to its score`);
  }
}

test('a family finder reads a waiting child\'s ranked candidates and why', async () => {
  await signIn(FF_EMAIL, FF_PASSWORD);
  const id = await waitingChildWithCandidates();
  assert.match(await page.locator('h1').innerText(), /^Matching for /);
  assert.match(await page.locator('.govuk-caption-l').innerText(), new RegExp(id));
  const rows = await candidates();
  checkRanked(rows);
  // The family finder may propose a link from each row.
  assert.equal(await page.locator('table[data-testid=candidates] [data-testid=propose]').count(), rows.length);
  const form = page.locator('table[data-testid=candidates] form').first();
  assert.equal(await form.getAttribute('action'), `/children/${id}/links`);
  assert.equal(await form.locator('input[name=adopter]').inputValue(), rows[0].adopter);
  // Excluded households: counts per constraint, the list folded away.
  const counts = page.locator('[data-testid=exclusion-counts] li');
  assert.ok(await counts.count() > 0);
  assert.match(await counts.first().innerText(), /^[A-Z][a-z ]+: \d+ households?$/);
  const details = page.locator('details:has([data-testid=excluded])');
  assert.equal(await details.getAttribute('open'), null, 'the excluded list starts folded');
  await details.locator('summary').click();
  assert.ok(await page.locator('[data-testid=excluded] li').first().isVisible());
  await page.screenshot({ path: path.join(SHOTS, 'matching-child.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('a family finder opens the pool: the proposal and the unplaced', async () => {
  await page.goto(`${BASE}/`);
  await click(page.locator('nav a[href="/matching"]'));
  assert.equal(new URL(page.url()).pathname, '/matching');
  assert.equal(await page.locator('h1').innerText(), 'Matching pool');
  const placed = Number(await page.locator('[data-testid=children-placed] .raa-card__number').innerText());
  const sizes = await page.locator('table[data-testid=proposals] tbody tr')
    .evaluateAll((rows) => rows.map((r) => Number(r.dataset.size)));
  assert.ok(sizes.length > 0, 'some links are proposed');
  assert.equal(sizes.reduce((a, b) => a + b, 0), placed, 'children placed = the proposals\' children');
  // Unplaced units name the constraint that excludes the most households.
  const unplaced = page.locator('[data-testid=unplaced]');
  assert.equal(await unplaced.count(), 1);
  const rows = page.locator('table[data-testid=unplaced] tbody tr');
  if (await rows.count() > 0) {
    assert.match(await rows.first().locator('td').nth(1).innerText(), /: \d+ households?|higher priority/);
    assert.ok(await page.locator('table[data-testid=recruitment] tbody tr').count() > 0);
  }
  // A proposed child's link leads to its matching page.
  const first = page.locator('table[data-testid=proposals] tbody tr a[data-child]').first();
  const child = await first.getAttribute('data-child');
  await click(first);
  assert.equal(new URL(page.url()).pathname, `/children/${child}/matching`);
  await page.goBack();
  await page.screenshot({ path: path.join(SHOTS, 'matching-pool.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('an LA social worker sees own child\'s candidates, never a postcode', async () => {
  await signIn(LA_EMAIL, LA_PASSWORD);
  assert.equal(await page.locator('nav a[href="/matching"]').count(), 0, 'no pool for LA users');
  await waitingChildWithCandidates();
  checkRanked(await candidates());
  const table = await page.locator('table[data-testid=candidates]').innerText();
  assert.doesNotMatch(table, DISTRICT, 'no postcode district among the candidates');
  assert.doesNotMatch(table, /lives in/);
  assert.equal(await page.locator('[data-testid=propose]').count(), 0, 'LA users do not propose links');
  assert.equal(await page.locator('table[data-testid=candidates] a[href^="/adopters/"]').count(), 0);
  await page.locator('details:has([data-testid=excluded]) summary').click();
  assert.doesNotMatch(await page.locator('[data-testid=excluded]').innerText(), DISTRICT);
  await page.screenshot({ path: path.join(SHOTS, 'matching-la.png'), fullPage: true });
});

test('an LA social worker gets not found for another partner\'s child', async () => {
  const resp = await page.goto(`${BASE}/children/${encodeURIComponent(OTHER_CHILD)}/matching`);
  assert.equal(resp.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Page not found');
  const pool = await page.goto(`${BASE}/matching`);
  assert.equal(pool.status(), 403);
  assert.deepEqual(problems, []);
});
