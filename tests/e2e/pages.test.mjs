// Browser tests of raa's pages in real headless Chromium (Debian's, driven
// by playwright-core). tests/integration/test_e2e.sh starts the server on a
// demo region and sets:
//   RAA_BASE_URL        http://127.0.0.1:PORT
//   RAA_TODAY           the fixed "today" of the server (YYYY-MM-DD)
//   RAA_E2E_EMAIL       an LA social worker ...
//   RAA_E2E_PASSWORD    ... and their password
//   RAA_E2E_OTHER_CHILD a child of another partner (must answer 404)
//   RAA_E2E_BOARD_EMAIL / RAA_E2E_BOARD_PASSWORD   a board member
//   RAA_E2E_SHOTS       where screenshots go
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, SHOTS, env, openBrowser, signIn as signInAs } from './browser.mjs';

const TODAY = env('RAA_TODAY');
const EMAIL = env('RAA_E2E_EMAIL');
const PASSWORD = env('RAA_E2E_PASSWORD');
const OTHER_CHILD = env('RAA_E2E_OTHER_CHILD');

let browser, page, problems;
let childUrl;

before(async () => {
  ({ browser, page, problems } = await openBrowser());
});

after(async () => {
  await browser?.close();
});

const signIn = (email, password) => signInAs(page, email, password);

// The basics every page must have (WCAG: language, one h1, skip link).
async function checkPageBasics() {
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
  assert.equal(await page.locator('a.govuk-skip-link[href="#main-content"]').count(), 1);
  assert.equal(await page.locator('#main-content').count(), 1);
}

test('unauthenticated pages redirect to the sign-in page', async () => {
  const resp = await page.goto(`${BASE}/children`);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(resp.status(), 200);
  await checkPageBasics();
});

test('a wrong password shows the error beside the field and in the summary', async () => {
  await signIn(EMAIL, 'not-the-password');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.match(await page.title(), /^Error: /);
  const summary = page.locator('.govuk-error-summary');
  assert.match(await summary.innerText(), /Sign-in failed/);
  assert.match(await page.locator('#email-error').innerText(), /Sign-in failed/);
  assert.equal(await page.getAttribute('#email', 'aria-describedby'), 'email-error');
  // The email is kept; the password is not.
  assert.equal(await page.inputValue('#email'), EMAIL);
  assert.equal(await page.inputValue('#password'), '');
});

test('the right password lands on the tracking dashboard', async () => {
  await signIn(EMAIL, PASSWORD);
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('h1').innerText(), 'Tracking dashboard');
  await checkPageBasics();
  const overdue = Number(await page.locator('[data-testid=count-overdue] .raa-card__number').innerText());
  assert.ok(overdue > 0, 'the demo region has overdue clocks');
  assert.ok(await page.locator('table[data-testid=overdue] tbody tr').count() > 0);
  // Most overdue first.
  const days = await page.locator('table[data-testid=overdue] tbody tr td:last-child').allInnerTexts();
  const nums = days.map((d) => parseInt(d, 10));
  assert.deepEqual(nums, [...nums].sort((a, b) => b - a));
  // ISO dates in attributes, long dates in text.
  const t = page.locator('table[data-testid=overdue] time').first();
  assert.match(await t.getAttribute('datetime'), /^\d{4}-\d{2}-\d{2}$/);
  assert.match(await t.innerText(), /^\d{1,2} [A-Z][a-z]+ \d{4}$/);
  await page.screenshot({ path: path.join(SHOTS, 'dashboard.png'), fullPage: true });
});

test('a child is reached from the dashboard', async () => {
  const row = page.locator('table[data-testid=overdue] tr[data-clock=wider_search_child]').first();
  assert.equal(await row.count(), 1, 'an overdue wider search for a child is listed');
  const id = await row.getAttribute('data-record');
  await Promise.all([page.waitForLoadState('load'), row.locator('a').click()]);
  childUrl = page.url();
  assert.equal(new URL(childUrl).pathname, `/children/${id}`);
  await checkPageBasics();
  assert.match(await page.locator('.govuk-caption-l').innerText(), new RegExp(id));
  const clock = page.locator('table[data-testid=clocks] tr[data-clock=wider_search_child]');
  assert.equal(await clock.count(), 1);
  assert.ok(Number(await clock.getAttribute('data-overdue-days')) > 0);
  assert.ok(await page.locator('[data-testid=journey] li').count() > 0);
  await page.screenshot({ path: path.join(SHOTS, 'child.png'), fullPage: true });
});

async function fillEvent(kind, day, month, year) {
  await page.selectOption('#kind', kind);
  await page.fill('#date-day', day);
  await page.fill('#date-month', month);
  await page.fill('#date-year', year);
}

test('an event dated in the future is refused beside the date field', async () => {
  const [y, m, d] = TODAY.split('-');
  await fillEvent('register_referral', d, m, String(Number(y) + 1));
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.click('form[action$="/events"] button[type=submit]'),
  ]);
  await page.waitForLoadState('load');
  assert.equal(resp.status(), 422);
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('#date-error').innerText(), /today or in the past/);
  assert.equal(await page.locator('.govuk-error-summary a[href="#date-day"]').count(), 1);
  // What was typed is kept, and nothing was recorded.
  assert.equal(await page.inputValue('#kind'), 'register_referral');
  assert.equal(await page.inputValue('#date-year'), String(Number(y) + 1));
  assert.equal(await page.locator('table[data-testid=clocks] tr[data-clock=wider_search_child]').count(), 1);
  await page.screenshot({ path: path.join(SHOTS, 'child-error.png'), fullPage: false });
});

test('a referral to wider search stops the overdue clock', async () => {
  const [y, m, d] = TODAY.split('-');
  await fillEvent('register_referral', d, m, y);
  await page.fill('#detail', 'Adoption Register <profile sent>');
  await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/events"] button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, new URL(childUrl).pathname);
  assert.match(await page.locator('.govuk-notification-banner--success').innerText(), /added to the journey/);
  assert.equal(await page.locator('table[data-testid=clocks] tr[data-clock=wider_search_child]').count(), 0);
  const latest = page.locator('[data-testid=journey] li').first();
  assert.equal(await latest.getAttribute('data-kind'), 'register_referral');
  // Text is escaped, not markup.
  assert.match(await latest.innerText(), /Adoption Register <profile sent>/);
  assert.equal(await latest.locator('time').getAttribute('datetime'), TODAY);
});

test("another partner's child is refused with the not-found page", async () => {
  const resp = await page.goto(`${BASE}/children/${encodeURIComponent(OTHER_CHILD)}`);
  assert.equal(resp.status(), 404);
  assert.equal(await page.locator('h1').innerText(), 'Page not found');
  assert.doesNotMatch(await page.content(), new RegExp(`\\b${OTHER_CHILD}\\b.*(dob|Date of birth)`));
});

test('the children list searches and filters', async () => {
  await page.goto(`${BASE}/children?status=waiting`);
  await checkPageBasics();
  const rows = page.locator('table[data-testid=children] tbody tr');
  assert.ok(await rows.count() > 0);
  for (const s of await rows.locator('[data-status]').evaluateAll((els) => els.map((e) => e.dataset.status)))
    assert.equal(s, 'waiting');
  assert.equal(await page.locator('#partner').count(), 0, 'LA users have no partner filter');
});

test('signing out ends the session', async () => {
  await page.goto(`${BASE}/`);
  await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=sign-out]')]);
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.goto(`${BASE}/`);
  assert.equal(new URL(page.url()).pathname, '/login');
});

test('board members see counts only', async () => {
  await signIn(env('RAA_E2E_BOARD_EMAIL'), env('RAA_E2E_BOARD_PASSWORD'));
  assert.equal(await page.locator('h1').innerText(), 'Overview');
  assert.ok(await page.locator('[data-testid=children-by-status]').count() === 1);
  assert.equal(await page.locator('a[href^="/children/"]').count(), 0, 'no links to records');
  const resp = await page.goto(`${BASE}/children`);
  assert.equal(resp.status(), 404);
  await page.goto(`${BASE}/`);
  await Promise.all([page.waitForLoadState('load'), page.click('[data-testid=sign-out]')]);
});

test('no page had a script error or a CSP violation', () => {
  assert.deepEqual(problems, []);
});
