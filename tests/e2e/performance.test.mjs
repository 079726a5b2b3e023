// The performance dashboard in a real browser (docs/pages.md): a board
// member reaches it from where they land, sees the region and partner
// columns and the trend charts with their threshold lines drawn, and
// cannot open case pages; a manager opens one partner's detail. Read-only:
// it writes nothing, so it can run beside the other files' tests.
// tests/integration/test_e2e.sh sets RAA_BASE_URL and the board's login;
// the manager's demo password follows the board's (demo-<name>-<seed>).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, SHOTS, env, openBrowser, signIn as signInAs } from './browser.mjs';

const BOARD_EMAIL = env('RAA_E2E_BOARD_EMAIL');
const BOARD_PASSWORD = env('RAA_E2E_BOARD_PASSWORD');
const MANAGER_EMAIL = process.env.RAA_E2E_MANAGER_EMAIL || 'manager@demo.raa.test';
const MANAGER_PASSWORD = process.env.RAA_E2E_MANAGER_PASSWORD ||
  BOARD_PASSWORD.replace(/^demo-board-/, 'demo-manager-');

let browser, page, problems;

before(async () => {
  ({ browser, page, problems } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

const signIn = (email, password) => signInAs(page, email, password);

async function signOut() {
  await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=sign-out]')]);
}

// The charts are drawn, not just present: the lines have a stroke the
// browser paints (presentation attributes, since the CSP allows no inline
// style), and the threshold line is inside the plot.
async function checkCharts(nSeries) {
  const charts = page.locator('svg.chart--multi');
  assert.equal(await charts.count(), 5, 'five trend charts');
  for (const id of ['A10', 'A2']) {
    const line = page.locator(`[data-testid=chart-${id}] line.threshold`);
    assert.equal(await line.count(), 1, `${id} has a threshold line`);
    const stroke = await line.evaluate((e) => getComputedStyle(e).stroke);
    assert.notEqual(stroke, 'none', `${id}'s threshold line is painted`);
    const box = await line.boundingBox();
    assert.ok(box && box.width > 100, `${id}'s threshold line spans the plot`);
    assert.match(await page.locator(`[data-testid=chart-${id}] text.tlabel`).textContent(),
      /threshold \d+ days/);
  }
  const region = page.locator('[data-testid=chart-A10] polyline[data-series=region]');
  assert.ok(await region.count() >= 1, 'the region is drawn');
  assert.equal(await region.first().evaluate((e) => getComputedStyle(e).fill), 'none',
    'a line, not a filled shape');
  const keys = await page.locator('[data-testid=chart-A9] polyline').evaluateAll(
    (ls) => [...new Set(ls.map((l) => l.getAttribute('data-series')))]);
  assert.equal(keys.length, nSeries, 'one line per scope in the waiting chart');
  // every chart names itself for screen readers
  const labelled = await charts.evaluateAll((ss) => ss.every((s) => {
    const [t, d] = s.getAttribute('aria-labelledby').split(' ');
    return document.getElementById(t)?.textContent && document.getElementById(d)?.textContent;
  }));
  assert.ok(labelled, 'every chart has a title and a description');
}

test('a board member reaches the dashboard and sees the region beside each partner', async () => {
  await signIn(BOARD_EMAIL, BOARD_PASSWORD);
  assert.equal(new URL(page.url()).pathname, '/');
  const nav = page.locator('nav a[href="/performance"]');
  assert.equal(await nav.count(), 1, 'Performance is in the navigation');
  await Promise.all([page.waitForLoadState('load'), nav.click()]);
  assert.equal(new URL(page.url()).pathname, '/performance');
  assert.equal(await page.locator('h1').innerText(), 'Performance');
  assert.equal(await page.locator('h1').count(), 1);
  const table = page.locator('table[data-testid=scorecard]');
  const heads = await table.locator('thead th').allInnerTexts();
  assert.deepEqual(heads.slice(0, 3), ['Indicator', 'Threshold', 'Region']);
  assert.equal(heads.length, 13, 'the region and ten partners');
  assert.ok(heads.includes('Southwark') && heads.includes('Croydon'));
  const rows = await table.locator('tbody th[scope=row]').allInnerTexts();
  assert.deepEqual(rows.slice(0, 3).map((r) => r.split(' ')[0]), ['A1', 'A10', 'A2']);
  assert.equal(rows.length, 13);
  // A1 has a figure for the region in the demo region.
  const a1 = await table.locator('td[data-scope=region][data-indicator=A1]').getAttribute('data-days');
  assert.match(a1, /^\d+$/);
  await checkCharts(11);
  // aggregates only: no links to records, no ids
  assert.equal(await page.locator('a[href^="/children"], a[href^="/adopters"]').count(), 0);
  assert.doesNotMatch(await page.locator('main').innerText(), /\bC\d+\b|\b\d{3}-\d{5}\b/);
  await page.screenshot({ path: path.join(SHOTS, 'performance-board.png'), fullPage: true });
});

test('a board member asks for another period, and a bad date is explained', async () => {
  await page.fill('#to', '2025-03-31');
  await Promise.all([page.waitForLoadState('load'), page.click('form[action="/performance"] button[type=submit]')]);
  assert.equal(new URL(page.url()).searchParams.get('to'), '2025-03-31');
  assert.match(await page.locator('caption').first().innerText(), /31 March 2025/);
  await page.fill('#to', '31/03/2025');
  await Promise.all([page.waitForLoadState('load'), page.click('form[action="/performance"] button[type=submit]')]);
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /YYYY-MM-DD/);
  assert.match(await page.locator('#to-error').innerText(), /YYYY-MM-DD/);
  assert.equal(await page.inputValue('#to'), '31/03/2025', 'what was typed is kept');
});

test('a board member gets not-found for case pages', async () => {
  const resp = await page.goto(`${BASE}/children`);
  assert.equal(resp.status(), 404);
  await page.goto(`${BASE}/performance`);
  await signOut();
});

test("a manager opens a partner's detail", async () => {
  await signIn(MANAGER_EMAIL, MANAGER_PASSWORD);
  await page.goto(`${BASE}/performance`);
  const link = page.locator('table[data-testid=scorecard] thead a', { hasText: 'Croydon' });
  await Promise.all([page.waitForLoadState('load'), link.click()]);
  assert.equal(new URL(page.url()).pathname, '/performance/306');
  assert.equal(await page.locator('h1').innerText(), 'Croydon');
  const heads = await page.locator('table[data-testid=partner-scorecard] thead th').allInnerTexts();
  assert.deepEqual(heads, ['Indicator', 'Threshold', 'Croydon', 'Region', 'A year earlier']);
  const report = page.locator('[data-testid=quarterly-report]');
  assert.match(await report.getAttribute('href'), /^\/reports\/quarterly\?partner=306&quarter=\d{4}Q[1-4]$/);
  await checkCharts(2);
  await page.screenshot({ path: path.join(SHOTS, 'performance-partner.png'), fullPage: true });
  await signOut();
});

test('no performance page had a script error or a CSP violation', () => {
  assert.deepEqual(problems, []);
});
