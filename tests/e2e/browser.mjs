// What every browser test file needs (not a test file itself: node --test
// runs *.test.mjs only): the environment test_e2e.sh sets, a headless
// Chromium page that collects script errors and CSP violations, and
// signing in. See pages.test.mjs for the variables.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} must be set (tests/integration/test_e2e.sh sets it)`);
  return v;
};

export const BASE = env('RAA_BASE_URL');
export const SHOTS = process.env.RAA_E2E_SHOTS || fs.mkdtempSync(path.join(os.tmpdir(), 'raa-e2e-'));
const CHROMIUM = process.env.RAA_CHROMIUM || '/usr/bin/chromium';

// { browser, page, problems }: problems lists every script error and CSP
// violation seen on any page (each one is a bug).
export async function openBrowser() {
  // A missing browser is a failure, not a skip: make test needs it.
  assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} not found: run scripts/install-deps.sh`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  return { browser, page, problems };
}

// Signs in afresh (whoever was signed in before is forgotten).
export async function signIn(page, email, password) {
  await page.context().clearCookies();
  await page.goto(`${BASE}/login`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForLoadState('load'), page.click('button[type=submit]')]);
}
