// "Hulp bij geldzaken" in the portal: the resident asks for debt help online; Koers registers it through
// the debt service (channel inwoner) with the crisis term when something urgent threatens, the area team
// sees it in its worklist, the resident sees it with the date by which the municipality calls. Posted
// twice = one registration; a second running request is refused; another resident never sees it; an
// ended session answers 401 and loses nothing (the same form sent after signing in again registers once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { areaCodeOf, createResident, createStaff, TENANT, type Staff } from '../../../test/support/factories.js';
import { withResident, withTenant } from '../../db/tenancy.js';
import { addWorkingDays } from '../../platform/calendar.js';
import { todayInAmsterdam } from '../../platform/time.js';
import { debtTerms, termDueDate } from '../debt/debt.terms.js';
import { EXPIRED_MESSAGE, NOT_SIGNED_IN_MESSAGE } from './portal.routes.js';
import { dateInWords } from './portal.words.js';
import { RESIDENT_COOKIE, startResidentSession } from './portal.session.js';

let t: TestApp;
let consultant: Staff;
let areaCode: string;
const today = todayInAmsterdam();

beforeAll(async () => {
  t = await createTestApp();
  areaCode = await areaCodeOf(t, 'consulent');
  consultant = await createStaff(t, { roles: ['consultant'], areaCode });
});
afterAll(async () => t.close());

async function cookieFor(residentId: string, now?: Date): Promise<string> {
  const session = await startResidentSession(t.database.db, t.config.sessionSecret, { tenantId: TENANT, residentId }, now);
  return `${RESIDENT_COOKIE}=${session.cookieValue}`;
}
const send = (method: 'GET' | 'POST', cookie: string | undefined, payload?: object) =>
  t.app.inject({ method, url: '/api/mijn/geldzaken', ...(cookie ? { headers: { cookie } } : {}), ...(payload ? { payload } : {}) });

let keys = 0;
const form = (over: Record<string, unknown> = {}) => ({
  submissionKey: `geldzaken-${process.pid}-${++keys}`,
  situation: 'Ik heb een huurachterstand van drie maanden en de verhuurder dreigt met de deurwaarder.',
  threatEviction: false,
  threatUtilityCutoff: false,
  threatInsuranceTermination: false,
  contactBy: 'telefoon',
  phone: '06 12345678',
  contactTime: 'ochtend',
  ...over,
});

describe('Hulp bij geldzaken', () => {
  it('registers an urgent request with the 3-working-day term; the resident sees the date, the area team sees it as online', async () => {
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    expect((await send('GET', cookie)).json()).toEqual({ items: [] });

    const posted = await send('POST', cookie, form({ threatEviction: true }));
    expect(posted.statusCode, posted.body).toBe(201);
    const due = addWorkingDays(today, 3);
    expect(due).toBe(termDueDate(debtTerms['eerste-gesprek-crisis'].spec, today));
    expect(posted.json()).toMatchObject({ urgent: true, open: true, online: true, contactBy: due, registeredOn: today, status: 'Wij hebben uw vraag om hulp bij geldzaken ontvangen' });
    expect(posted.json().next).toBe(`Wij nemen uiterlijk op ${dateInWords(due)} contact met u op voor een eerste gesprek. Omdat het dringend is, doen wij dat binnen 3 werkdagen.`);
    expect((await send('GET', cookie)).json().items).toEqual([posted.json()]);

    // The employee of the area team: in the worklist, registered by the resident online, with how to reach them.
    const list = await t.app.inject({ method: 'GET', url: '/api/debt/cases?open=ja', headers: { cookie: consultant.cookie } });
    const mine = (list.json() as { id: string; channel: string; crisis: object; contact: object; firstConversation: { due: string; termCode: string } }[]).find((c) => c.id === posted.json().id);
    expect(mine).toMatchObject({ channel: 'inwoner', crisis: { threatEviction: true }, contact: { by: 'telefoon', phone: '06 12345678', email: null, time: 'ochtend' }, firstConversation: { due, termCode: 'eerste-gesprek-crisis' } });

    // Audited as the resident's own work.
    const audit = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('audit_log').select(['name', 'processing_activity_id']).where('data_subject_id', '=', resident.id).where('name', 'like', 'schuldhulp.%').execute());
    expect(audit.map((a) => a.name)).toEqual(expect.arrayContaining(['schuldhulp.aanmelden', 'schuldhulp.eigen-raadplegen']));
  });

  it('without anything urgent: 4 weeks; posted twice = one registration; a second request while one runs is refused in Dutch', async () => {
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    const body = form({ contactBy: 'e-mail', phone: undefined, email: 'noor@voorbeeld.nl', contactTime: 'maakt-niet-uit' });
    const first = await send('POST', cookie, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ urgent: false, contactBy: termDueDate(debtTerms['eerste-gesprek'].spec, today) });
    const again = await send('POST', cookie, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const count = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('debt_cases').select('id').where('resident_id', '=', resident.id).execute());
    expect(count).toHaveLength(1);

    const second = await send('POST', cookie, form({ threatUtilityCutoff: true }));
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/^U heeft al een aanvraag voor hulp bij geldzaken \(van \d{2}-\d{2}-\d{4}\)\. Die loopt nog, dus u hoeft niet opnieuw te vragen\./);
  });

  it('refuses bad answers with field errors in Dutch, never a 500', async () => {
    const resident = await createResident(t, { areaCode });
    const cookie = await cookieFor(resident.id);
    const bad = await send('POST', cookie, form({ situation: ' ', threatEviction: 'misschien', contactBy: 'telefoon', phone: 'bel me', contactTime: undefined }));
    expect(bad.statusCode).toBe(400);
    const fields = Object.fromEntries((bad.json().error.fields as { field: string; message: string }[]).map((f) => [f.field, f.message]));
    expect(fields).toMatchObject({
      situation: 'Vertel in een paar woorden wat er aan de hand is.',
      threatEviction: 'Kies ja of nee: moet u misschien uit uw huis?',
      contactTime: 'Kies wanneer wij u het beste kunnen bereiken.',
    });
    const email = await send('POST', cookie, form({ contactBy: 'e-mail', email: 'geen-adres' }));
    expect(email.json().error.fields).toEqual([{ field: 'email', message: 'Vul uw e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.' }]);
    const phone = await send('POST', cookie, form({ phone: 'bel me' }));
    expect(phone.json().error.fields).toEqual([{ field: 'phone', message: 'Vul uw telefoonnummer in, bijvoorbeeld 06 12345678.' }]);
    expect(await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('debt_cases').select('id').where('resident_id', '=', resident.id).execute())).toEqual([]);
  });

  it('another resident sees none of it, and cannot register for someone else', async () => {
    const one = await createResident(t, { areaCode });
    const other = await createResident(t, { areaCode });
    const posted = await send('POST', await cookieFor(one.id), form());
    expect(posted.statusCode).toBe(201);
    const otherCookie = await cookieFor(other.id);
    expect((await send('GET', otherCookie)).json()).toEqual({ items: [] });
    // A resident id in the body is not an answer of the form: the request is the signed-in resident's own.
    const forged = await send('POST', otherCookie, { ...form(), residentId: one.id });
    expect(forged.statusCode).toBe(201);
    expect(forged.json().id).not.toBe(posted.json().id);
    const owners = await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('debt_cases').select(['id', 'resident_id']).where('id', 'in', [posted.json().id, forged.json().id]).orderBy('resident_id').execute());
    expect(Object.fromEntries(owners.map((o) => [o.id, o.resident_id]))).toEqual({ [posted.json().id]: one.id, [forged.json().id]: other.id });
    // In the database: with the other resident pinned, the first one's registration does not exist.
    const seen = await withResident(t.database.db, TENANT, other.id, (tx) => tx.selectFrom('debt_cases').select('id').where('id', '=', posted.json().id).execute());
    expect(seen).toEqual([]);
  });

  it('an ended session mid-form answers 401 "verlopen" and registers nothing; the same form after signing in again registers once', async () => {
    const resident = await createResident(t, { areaCode });
    const body = form({ threatInsuranceTermination: true });
    const idle = await cookieFor(resident.id, new Date(Date.now() - 16 * 60_000));
    const expired = await send('POST', idle, body);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toBe(EXPIRED_MESSAGE);
    expect((await send('POST', undefined, body)).json().error.message).toBe(NOT_SIGNED_IN_MESSAGE);
    // A staff session is no resident session.
    expect((await send('GET', consultant.cookie)).statusCode).toBe(401);
    expect(await withTenant(t.database.db, TENANT, (tx) => tx.selectFrom('debt_cases').select('id').where('resident_id', '=', resident.id).execute())).toEqual([]);

    const fresh = await cookieFor(resident.id);
    const sent = await send('POST', fresh, body);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ urgent: true, contactBy: addWorkingDays(today, 3) });
    expect((await send('POST', fresh, body)).statusCode).toBe(200);
  });
});
