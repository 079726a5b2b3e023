// Browser tests of the panel pages (docs/panels.md): the panel adviser
// runs a panel end to end without the CLI: members until a quorum is
// possible, a panel dated today, attendance, a 'should be placed' item and
// an approval item, corrections (a member's name and seat, an attendee
// removed and the quorum counting one fewer, an item's papers, an item
// withdrawn), a recommendation refused for want of a quorum (the error
// beside its field), attendance completed, the recommendation and the
// ADM's clock (the corrections then gone), the pack as a PDF; a raa_adm
// reads the panel but sees no form. It WRITES: panels and members (no other file touches them), an
// approval_panel event on the LAST stage 2 household of Hammersmith (306)
// and a 'should be placed' item (no event) on the last waiting child of
// 306, records no other e2e file uses (linking writes Southwark, 210).
// Environment: see pages.test.mjs (seed 3; RAA_TODAY pinned by lib.sh).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { BASE, SHOTS, env, openBrowser, signIn as signInAs } from './browser.mjs';

const SEED = env('RAA_E2E_PASSWORD').split('-').pop();
const TODAY = env('RAA_TODAY');
const PANEL = ['panel@demo.raa.test', `demo-panel-${SEED}`];
const RAA_ADM = ['raa.adm@demo.raa.test', `demo-raa.adm-${SEED}`];
const PARTNER = '306';

let browser, page, problems;
let panelUrl, child, household;

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

// The last record id of a list page's table.
async function lastRecord(url, table) {
  await page.goto(url);
  const ids = await page.locator(`table[data-testid=${table}] tbody tr[data-record]`)
    .evaluateAll((els) => els.map((e) => e.dataset.record));
  assert.ok(ids.length > 0, `${url} lists records`);
  return ids[ids.length - 1];
}

async function addMember(name, seat, chair = '', qualified = '') {
  await page.fill('#member-name', name);
  await page.selectOption('#member-seat', seat);
  await page.selectOption('#member-chair', chair);
  await page.fill('#member-qualified', qualified);
  await click(page.locator('[data-testid=form-member] button[type=submit]'));
}

async function attend(names) {
  for (const n of names)
    await page.locator('[data-testid=form-attend] label').filter({ hasText: n }).click();
  await click(page.locator('[data-testid=form-attend] button[type=submit]'));
}

// The agenda section whose heading says `label`.
const item = (label) => page.locator('[data-testid=item]').filter({ hasText: label });

test('the panel adviser adds members, with errors beside the field', async () => {
  await signIn(PANEL);
  await page.goto(`${BASE}/panels`);
  await click(page.locator('a[href="/panels/members"]'));
  assert.equal(await page.locator('h1').innerText(), 'Panel members');

  await addMember('', 'independent');
  assert.ok((await page.title()).startsWith('Error: '), 'title says error');
  assert.match(await page.locator('#member-name-error').innerText(), /name/);
  assert.equal(await page.locator('.govuk-error-summary a[href="#member-name"]').count(), 1);

  await addMember('E2E Chair', 'independent', 'chair');
  await addMember('E2E Medical', 'medical_adviser');
  await addMember('E2E Independent', 'independent');
  await addMember('E2E Other', 'other');
  await addMember('E2E Social Worker', 'social_worker', '', '2015-09-01');
  await addMember('E2E Leaver', 'other');
  // the demo region's own panel members are listed too
  const rows = page.locator('table[data-testid=members] tbody tr');
  assert.equal(await rows.filter({ hasText: 'E2E ' }).count(), 6, 'six members added');
  const leaver = rows.filter({ hasText: 'E2E Leaver' });
  await click(leaver.locator('button[type=submit]'));
  assert.match(await rows.filter({ hasText: 'E2E Leaver' }).innerText(), /Inactive/);
  assert.match(await rows.filter({ hasText: 'E2E Social Worker' }).innerText(), /social_worker/);
});

test('the panel adviser creates a panel dated today with two items', async () => {
  household = await lastRecord(`${BASE}/adopters?status=stage2&partner=${PARTNER}`, 'adopters');
  child = await lastRecord(`${BASE}/children?status=waiting&partner=${PARTNER}`, 'children');
  await page.goto(`${BASE}/panels`);
  await page.fill('#panel-date', TODAY);
  await page.fill('#panel-name', 'E2E panel');
  await page.fill('#panel-location', 'Town Hall');
  await click(page.locator('[data-testid=form-panel] button[type=submit]'));
  assert.match(new URL(page.url()).pathname, /^\/panels\/\d+$/, 'redirected to the new panel');
  panelUrl = page.url();
  assert.equal(await page.locator('h1').innerText(), 'E2E panel');

  // nobody ticked: refused beside the checkboxes
  await click(page.locator('[data-testid=form-attend] button[type=submit]'));
  assert.match(await page.locator('#attend-member-error').innerText(), /member/);
  assert.equal(await page.locator('.govuk-error-summary a[href="#attend-member"]').count(), 1);

  // four sit, without the social worker: not quorate
  await attend(['E2E Chair', 'E2E Medical', 'E2E Independent', 'E2E Other']);
  assert.equal(await page.locator('[data-testid=attendance] li').count(), 4);
  assert.match(await page.locator('[data-testid=quorum]').innerText(), /Not quorate/);
  assert.equal(await page.locator('[data-testid=form-attend] label').filter({ hasText: 'E2E Leaver' }).count(), 0,
    'an inactive member cannot be ticked');

  // an approval without its household is refused beside the field
  await page.selectOption('#item-kind', 'approval');
  await click(page.locator('[data-testid=form-item] button[type=submit]'));
  assert.match(await page.locator('#item-adopter-error').innerText(), /adopter/);

  await page.selectOption('#item-kind', 'should_be_placed');
  await page.fill('#item-children', child);
  await page.fill('#item-papers', 'CPR\nMedical report');
  await click(page.locator('[data-testid=form-item] button[type=submit]'));
  await page.selectOption('#item-kind', 'approval');
  await page.fill('#item-adopter', household);
  await page.fill('#item-papers', 'PAR; References');
  await click(page.locator('[data-testid=form-item] button[type=submit]'));
  assert.equal(await page.locator('[data-testid=item]').count(), 2, 'two agenda items');
  assert.match(await item('Should be placed').innerText(), new RegExp(`${child}[\\s\\S]*Papers: CPR; Medical report`));
  assert.match(await item('Adopter approval').innerText(), new RegExp(`${household}[\\s\\S]*Papers: PAR; References`));
});

test('the panel adviser corrects a member, the attendance and the agenda', async () => {
  assert.ok(panelUrl, 'a panel was made');
  // a member's name, from the members list's Change link
  await page.goto(`${BASE}/panels/members`);
  const medical = page.locator('table[data-testid=members] tbody tr').filter({ hasText: 'E2E Medical' });
  await click(medical.locator('[data-testid=change-member]'));
  assert.equal(await page.locator('#member-name').inputValue(), 'E2E Medical');
  assert.equal(await page.locator('#member-seat').inputValue(), 'medical_adviser', 'seat prefilled');
  await page.fill('#member-name', 'E2E Medical Adviser');
  await click(page.locator('[data-testid=form-member] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/panels/members');
  assert.equal(await page.locator('table[data-testid=members] tbody tr')
    .filter({ hasText: 'E2E Medical Adviser' }).count(), 1, 'the new name is listed');
  // a member's seat
  const row = () => page.locator('table[data-testid=members] tbody tr').filter({ hasText: 'E2E Other' });
  assert.match(await row().innerText(), /\bother\b/);
  await click(row().locator('[data-testid=change-member]'));
  assert.equal(await page.locator('#member-seat').inputValue(), 'other', 'seat prefilled');
  await page.selectOption('#member-seat', 'independent');
  await click(page.locator('[data-testid=form-member] button[type=submit]'));
  assert.equal(new URL(page.url()).pathname, '/panels/members');
  assert.match(await row().innerText(), /\bindependent\b/, 'the new seat is listed');
  assert.doesNotMatch(await row().innerText(), /\bother\b/);

  // attendance recorded in error, removed and recorded again
  await page.goto(panelUrl);
  const quorum = () => page.locator('[data-testid=quorum]').innerText();
  assert.match(await quorum(), /4 members present/);
  const other = page.locator('[data-testid=attendance] li').filter({ hasText: 'E2E Other' });
  await click(other.locator('[data-testid=remove-attendee] button'));
  assert.equal(await page.locator('[data-testid=attendance] li').count(), 3, 'one attendee removed');
  assert.equal(await other.count(), 0);
  assert.match(await quorum(), /3 members present/, 'the quorum counts one fewer');
  await attend(['E2E Other']);
  assert.equal(await page.locator('[data-testid=attendance] li').count(), 4);
  assert.match(await quorum(), /4 members present/);

  // an item's papers changed; a third item added, then withdrawn
  const sbp = item('Should be placed');
  const sid = (await sbp.getAttribute('id')).replace('item-', '');
  await sbp.locator('summary').click();
  assert.equal(await sbp.locator(`#papers-${sid}`).inputValue(), 'CPR\nMedical report\n');
  await sbp.locator(`#papers-${sid}`).fill('CPR (updated)\nMedical report\nLater life letter');
  await click(sbp.locator('[data-testid=form-papers] button[type=submit]'));
  assert.match(await item('Should be placed').innerText(),
    /Papers: CPR \(updated\); Medical report; Later life letter/);
  await page.selectOption('#item-kind', 'approval');
  await page.fill('#item-adopter', household);
  await page.fill('#item-papers', 'Added in error');
  await click(page.locator('[data-testid=form-item] button[type=submit]'));
  assert.equal(await page.locator('[data-testid=item]').count(), 3);
  const extra = page.locator('[data-testid=item]').filter({ hasText: 'Added in error' });
  await extra.locator('summary').click();
  await click(extra.locator('[data-testid=remove-item] button'));
  assert.equal(await page.locator('[data-testid=item]').count(), 2, 'the item is withdrawn');
  assert.equal(await page.getByText('Added in error').count(), 0);
});

test('a recommendation is refused without a quorum, then recorded', async () => {
  assert.ok(panelUrl, 'a panel was made');
  await page.goto(panelUrl);
  const approval = item('Adopter approval');
  const id = (await approval.getAttribute('id')).replace('item-', '');
  await approval.locator(`#recommendation-${id}-yes`).check();
  await approval.locator(`#reasons-${id}`).fill('Well prepared household');
  await click(approval.locator('[data-testid=form-recommend] button[type=submit]'));
  assert.ok((await page.title()).startsWith('Error: '), 'title says error');
  assert.match(await page.locator(`#recommendation-${id}-error`).innerText(), /not quorate/);
  assert.match(await page.locator('.govuk-error-summary').innerText(), /social worker/);
  assert.equal(await item('Adopter approval').locator(`#reasons-${id}`).inputValue(), 'Well prepared household',
    'what was typed is kept');

  await attend(['E2E Social Worker']);
  assert.match(await page.locator('[data-testid=quorum]').innerText(), /Quorate/);
  await item('Adopter approval').locator(`#recommendation-${id}-yes`).check();
  await item('Adopter approval').locator(`#reasons-${id}`).fill('Well prepared household');
  await click(item('Adopter approval').locator('[data-testid=form-recommend] button[type=submit]'));
  assert.match(await item('Adopter approval').locator('[data-testid=recommendation]').innerText(), /Yes/);
  assert.match(await item('Adopter approval').locator('[data-testid=adm]').innerText(), /Due/);
  assert.equal(await item('Should be placed').locator('[data-testid=form-recommend]').count(), 1,
    'the other item still waits');
  assert.equal(await item('Adopter approval').locator('[data-testid=form-papers]').count(), 0,
    'a recommended item\'s papers are fixed');
  assert.equal(await item('Adopter approval').locator('[data-testid=remove-item]').count(), 0,
    'and it stays on the agenda');
  assert.equal(await item('Should be placed').locator('[data-testid=remove-item]').count(), 1,
    'the other item can still be withdrawn');
  assert.equal(await page.locator('[data-testid=remove-attendee]').count(), 0,
    'who sat is fixed once the panel has recommended');

  await page.fill('#minutes-text', 'Both items heard.');
  await click(page.locator('[data-testid=form-minutes] button[type=submit]'));
  assert.equal(await page.locator('#minutes-text').inputValue(), 'Both items heard.');
  await page.screenshot({ path: path.join(SHOTS, 'panel-run.png'), fullPage: true });
});

test('the pack downloads as a PDF', async () => {
  assert.ok(panelUrl, 'a panel was made');
  await page.goto(panelUrl);
  const href = await page.locator('[data-testid=pack-pdf]').getAttribute('href');
  const resp = await page.request.get(`${BASE}${href}`);
  assert.equal(resp.status(), 200);
  assert.equal(resp.headers()['content-type'], 'application/pdf');
  assert.match(resp.headers()['content-disposition'], /^attachment; filename="panel-\d+-pack\.pdf"$/);
  const body = await resp.body();
  assert.equal(body.subarray(0, 5).toString(), '%PDF-');
  assert.ok(body.length > 2000, 'a real document');
});

test('a raa_adm reads the panel but sees no forms', async () => {
  assert.ok(panelUrl, 'a panel was made');
  await signIn(RAA_ADM);
  await page.goto(panelUrl);
  assert.equal(await page.locator('h1').innerText(), 'E2E panel');
  assert.equal(await page.locator('[data-testid=item]').count(), 2);
  assert.match(await item('Adopter approval').locator('[data-testid=adm]').innerText(), /Due/);
  assert.equal(await page.locator('form[action^="/panels"]').count(), 0, 'no panel forms');
  assert.equal(await page.locator('[data-testid=minutes]').innerText(), 'Both items heard.');
  await page.goto(`${BASE}/panels`);
  assert.equal(await page.locator('[data-testid=form-panel]').count(), 0);
  await page.goto(`${BASE}/panels/members`);
  assert.equal(await page.locator('form[action^="/panels"]').count(), 0);
  assert.deepEqual(problems, [], 'no script errors or CSP violations');
});
