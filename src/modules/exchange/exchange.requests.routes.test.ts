import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { asOwnerIn } from '../../../test/support/database.js';
import { anAreaCode, areaCodeOf, createProvider, createResident, createStaff, TENANT, uniqueBsn, type Staff } from '../../../test/support/factories.js';
import {
  allocationRequestSample,
  changeRequestSample,
  hasIstandaarden,
  ISTANDAARDEN_DIR,
  providerRetourSample,
  type AllocationRequestSample,
} from '../../../test/support/istandaarden.js';
import { SchemaSet } from './exchange.schemas.js';
import { readMessage } from './exchange.xml.js';

let t: TestApp;
let teamLead: string;
let consultant: Staff;
let area: string;
const schemas = hasIstandaarden ? SchemaSet.open(ISTANDAARDEN_DIR) : undefined;

beforeAll(async () => {
  t = await createTestApp({ config: { istandaardenDir: hasIstandaarden ? ISTANDAARDEN_DIR : undefined } });
  teamLead = (await t.login('teamleider')).cookie;
  consultant = await createStaff(t, { roles: ['consultant'] });
  area = await anAreaCode(t);
});
afterAll(async () => {
  schemas?.close();
  await t.close();
});

const get = (url: string, cookie = teamLead) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload?: object, cookie = teamLead) => t.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
const receive = (xml: string, cookie = teamLead) => t.app.inject({ method: 'POST', url: '/api/exchange/inbox', headers: { cookie, 'content-type': 'application/xml' }, payload: xml });

let sequence = 0;
const nextId = () => `R${Date.now() % 100_000}${(sequence += 1)}`;

/** A youth provider contracted for Ambulante jeugdhulp – begeleiding (JW-AB-01, 45/45A01) in 2027, and a youth in a team's area. */
async function youthAndProvider(o: { birthDate?: string; tariffs?: boolean } = {}) {
  const provider = await createProvider(t, { kind: 'youth', tariffs: o.tariffs === false ? [] : [{ productCode: 'JW-AB-01', year: 2027, unit: 'hour', centsPerUnit: 7_500 }] });
  const resident = await createResident(t, { areaCode: area, birthDate: o.birthDate ?? '2015-05-01' });
  return { provider, resident };
}

type Sample = Omit<AllocationRequestSample, 'identification'> & { identification?: string };
const request315 = (m: Sample) => allocationRequestSample({ identification: nextId(), ...m });

interface Outcome {
  status: string;
  xsdStatus: string;
  label: string;
  retour: { id: string; label: string } | null;
  retourCodes: { level: string; index: number | null; code: string; text: string; note?: string }[];
  products: { total: number; accepted: number };
  answers?: number;
  inReplyTo?: string;
  refusedByProvider?: boolean;
}

interface RequestView {
  id: string;
  status: string;
  reference: string;
  team: { name: string } | null;
  resident: { id: string } | null;
  referrer: { type: string; code: string | null } | null;
  findings: { code: string; text: string }[];
  refusalReason: string | null;
  answerMessageId: string | null;
  products: { productName: string | null; budgetLine: string | null; allocationId: string | null }[];
}

async function requestsByReference(reference: string): Promise<RequestView> {
  const list = (await get('/api/exchange/requests?limit=500')).json() as { items: RequestView[] };
  const found = list.items.find((r) => r.reference === reference);
  if (!found) throw new Error(`no request ${reference}`);
  return found;
}

async function messageXml(id: string): Promise<string> {
  return asOwnerIn(t.database.db, TENANT, async (tx) => (await tx.selectFrom('exchange_messages').select('xml').where('id', '=', id).executeTakeFirstOrThrow()).xml);
}

/** The 301 most recently built for a resident. */
async function latest301(residentId: string) {
  return asOwnerIn(t.database.db, TENANT, (tx) =>
    tx.selectFrom('exchange_messages').select(['id', 'xml', 'xsd_status', 'status', 'identification', 'standard']).where('resident_id', '=', residentId).where('message_number', '=', 301).orderBy('created_at', 'desc').executeTakeFirstOrThrow(),
  );
}

describe('a Jeugd request for an allocation on a huisarts’ referral (iJw 315)', () => {
  it('is answered with a 316 without remarks, becomes a task for the area team, and a grant gives an allocation with its commitment on a Jeugd taakveld and a 301 with the ReferentieAanbieder', async () => {
    const { provider, resident } = await youthAndProvider();
    const reference = `HA-${nextId()}`;
    const response = await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference }] }));
    expect(response.statusCode).toBe(200);
    const outcome = response.json() as Outcome;
    expect(outcome).toMatchObject({
      status: 'accepted',
      label: 'iJw 315 Verzoek om toewijzing',
      xsdStatus: hasIstandaarden ? 'valid' : 'not_checked',
      retour: { label: 'iJw 316 Retourbericht verzoek om toewijzing' },
      retourCodes: [{ level: 'product', index: 0, code: '0200' }],
      products: { total: 1, accepted: 1 },
      answers: 0,
    });
    const retourXml = await messageXml(outcome.retour!.id);
    if (schemas) expect(schemas.check(retourXml)).toMatchObject({ valid: true });
    expect(readMessage(retourXml)).toMatchObject({ Bericht: { Header: { BerichtCode: '447' }, Client: { AangevraagdeProducten: { AangevraagdProduct: [{ ReferentieAanbieder: reference, RetourCodes: { RetourCode: '0200' } }] } } } });

    const task = await requestsByReference(reference);
    expect(task).toMatchObject({ status: 'open', resident: { id: resident.id }, referrer: { type: '02', code: '01234567' }, products: [{ productName: 'Ambulante jeugdhulp – begeleiding', budgetLine: '6.751' }] });
    expect(task.team).not.toBeNull();
    expect((await get(`/api/exchange/requests/${task.id}`)).json()).toMatchObject({ id: task.id, status: 'open' });

    // A consultant reads no provider exchange and decides nothing.
    expect((await post(`/api/exchange/requests/${task.id}/grant`, undefined, consultant.cookie)).statusCode).toBe(403);
    const grant = await post(`/api/exchange/requests/${task.id}/grant`);
    expect(grant.statusCode).toBe(200);
    const granted = grant.json() as { allocationIds: string[]; outbox: { messages: number; invalid: number } };
    expect(granted.allocationIds).toHaveLength(1);
    expect(granted.outbox.invalid).toBe(0);

    const [allocation, commitment] = await asOwnerIn(t.database.db, TENANT, async (tx) => [
      await tx.selectFrom('allocations').select(['source', 'decision_line_id', 'case_id', 'budget_line_code', 'provider_id']).where('id', '=', granted.allocationIds[0]!).executeTakeFirstOrThrow(),
      await tx.selectFrom('allocation_commitments').select(['year', 'cents']).where('allocation_id', '=', granted.allocationIds[0]!).execute(),
    ]);
    expect(allocation).toEqual({ source: 'verzoek', decision_line_id: null, case_id: null, budget_line_code: '6.751', provider_id: provider.id });
    // 2 hours a week from 1 January to 30 June 2027 (181 days) at € 75: 2 × 181/7 × 7500 = 387857.14… cents.
    expect(commitment.map((c) => [c.year, Number(c.cents)])).toEqual([[2027, 387_857]]);

    const message = await latest301(resident.id);
    expect(message).toMatchObject({ standard: 'ijw', status: 'ready', xsd_status: hasIstandaarden ? 'valid' : 'not_checked' });
    expect(readMessage(message.xml)).toMatchObject({
      Bericht: { Header: { BerichtCode: '436', Ontvanger: provider.agbCode }, Client: { Bsn: resident.bsn, ToegewezenProducten: { ToegewezenProduct: [{ ReferentieAanbieder: reference, Product: { Categorie: '45', Code: '45A01' }, Ingangsdatum: '2027-01-01', Einddatum: '2027-06-30' }] } } },
    });

    // The provider's retour (302) on that 301 is linked to it; a refusal shows on the message.
    const retour302 = await receive(providerRetourSample(message.xml, { identification: nextId(), productCode: '9359' }));
    expect(retour302.statusCode).toBe(200);
    expect(retour302.json()).toMatchObject({ status: 'accepted', xsdStatus: hasIstandaarden ? 'valid' : 'not_checked', inReplyTo: message.id, refusedByProvider: true });
    const list = (await get(`/api/exchange/messages?residentId=${resident.id}`)).json() as { items: { id: string; label: string; inReplyTo: string | null; providerRetour: { refused: boolean; codes: { code: string; text: string }[] } | null }[] };
    expect(list.items.find((m) => m.id === message.id)?.providerRetour).toMatchObject({ refused: true, codes: expect.arrayContaining([{ level: 'product', index: 0, code: '9359', text: 'Er is al een toewijzing gestuurd met deze ReferentieAanbieder.' }]) });
    expect(list.items.find((m) => m.label === 'iJw 302 Retourbericht toewijzing')?.inReplyTo).toBe(message.id);

    // Bad input: a clear 400 or 404, never a 500.
    expect((await get('/api/exchange/requests/geen-uuid')).statusCode).toBe(400);
    expect((await post('/api/exchange/requests/00000000-0000-4000-8000-000000000000/grant')).statusCode).toBe(404);
    expect((await post(`/api/exchange/requests/${task.id}/refuse`, {})).statusCode).toBe(400);
    // Decided is decided.
    expect((await post(`/api/exchange/requests/${task.id}/grant`)).statusCode).toBe(409);
    expect((await post(`/api/exchange/requests/${task.id}/refuse`, { reason: '7' })).statusCode).toBe(409);
  });

  it('asks four eyes above the threshold: the first grant only proposes it (nothing allocated or sent), another team lead grants it', async () => {
    // € 750 an hour: 2 hours a week from January to June 2027 costs about € 38,786, above the € 5,000 threshold.
    const provider = await createProvider(t, { kind: 'youth', tariffs: [{ productCode: 'JW-AB-01', year: 2027, unit: 'hour', centsPerUnit: 75_000 }] });
    const resident = await createResident(t, { areaCode: area, birthDate: '2013-03-03' });
    const reference = `VO-${nextId()}`;
    expect((await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference }] }))).statusCode).toBe(200);
    const task = await requestsByReference(reference);

    const proposed = await post(`/api/exchange/requests/${task.id}/grant`);
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json()).toMatchObject({ pendingApproval: true, allocationIds: [], outbox: { messages: 0 } });
    const expected = (proposed.json() as { expectedAnnualCents: number }).expectedAnnualCents;
    expect(expected).toBe(3_878_571);
    const waiting = (await get(`/api/exchange/requests/${task.id}`)).json() as RequestView & { proposal: { by: string; byViewer: boolean } | null; expectedAnnualCents: number | null };
    expect(waiting).toMatchObject({ status: 'pending_approval', proposal: { byViewer: true }, expectedAnnualCents: expected, products: [{ allocationId: null }] });
    expect((await get('/api/exchange/requests?status=pending_approval&limit=500')).json()).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ id: task.id })]) });
    const nothing = await asOwnerIn(t.database.db, TENANT, async (tx) => [
      await tx.selectFrom('allocations').select('id').where('resident_id', '=', resident.id).execute(),
      await tx.selectFrom('exchange_messages').select('id').where('resident_id', '=', resident.id).where('message_number', '=', 301).execute(),
    ]);
    expect(nothing).toEqual([[], []]);

    // Not the proposer, and not without the right to approve.
    expect((await post(`/api/exchange/requests/${task.id}/grant`)).statusCode).toBe(403);
    const otherLead = await createStaff(t, { roles: ['team_lead'], areaCode: area });
    const otherView = (await get(`/api/exchange/requests/${task.id}`, otherLead.cookie)).json() as { proposal: { byViewer: boolean } };
    expect(otherView.proposal.byViewer).toBe(false);
    const granted = await post(`/api/exchange/requests/${task.id}/grant`, undefined, otherLead.cookie);
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ pendingApproval: false, expectedAnnualCents: expected, allocationIds: [expect.any(String)], outbox: { messages: 1 } });
    const done = (await get(`/api/exchange/requests/${task.id}`)).json() as RequestView & { proposal: { by: string } | null; decidedBy: string | null };
    expect(done.status).toBe('granted');
    expect(done.decidedBy).toBe(`Test ${otherLead.username}`);
    expect(done.proposal?.by).not.toBe(done.decidedBy);
    const commitment = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('allocation_commitments').select(['year', 'cents']).where('allocation_id', '=', (granted.json() as { allocationIds: string[] }).allocationIds[0]!).execute(),
    );
    expect(commitment.map((c) => [c.year, Number(c.cents)])).toEqual([[2027, expected]]);
    expect((await post(`/api/exchange/requests/${task.id}/grant`, undefined, otherLead.cookie)).statusCode).toBe(409);

    // A proposed grant can still be refused, with its 319.
    const second = `VO-${nextId()}`;
    expect((await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference: second }] }))).statusCode).toBe(200);
    const secondTask = await requestsByReference(second);
    expect((await post(`/api/exchange/requests/${secondTask.id}/grant`)).json()).toMatchObject({ pendingApproval: true });
    const refused = await post(`/api/exchange/requests/${secondTask.id}/refuse`, { reason: '2' }, otherLead.cookie);
    expect(refused.statusCode).toBe(200);
    expect((await get(`/api/exchange/requests/${secondTask.id}`)).json()).toMatchObject({ status: 'refused', refusalReason: '2' });
  });

  it('counts the open requests of the team lead’s own teams on Mijn werk, until one is decided', async () => {
    const provider = await createProvider(t, { kind: 'youth', tariffs: [{ productCode: 'JW-AB-01', year: 2027, unit: 'hour', centsPerUnit: 7_500 }] });
    const resident = await createResident(t, { areaCode: await areaCodeOf(t, 'teamleider'), birthDate: '2014-02-02' });
    const counts = async () => (await get('/api/my-work/counts')).json() as { requests: number | null; total: number };
    const before = await counts();
    const reference = `HA-${nextId()}`;
    await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference }] }));
    const open = await counts();
    expect(open.requests).toBe(before.requests! + 1);
    expect(open.total).toBe(before.total + 1);
    // A consultant decides no requests: no count.
    expect(((await get('/api/my-work/counts', consultant.cookie)).json() as { requests: number | null }).requests).toBeNull();
    await post(`/api/exchange/requests/${(await requestsByReference(reference)).id}/refuse`, { reason: '4' });
    expect((await counts()).requests).toBe(before.requests);
  });

  it('is refused by the team with a reason: a 319 with VerzoekAntwoord 1 and the reason, valid against JW319.xsd; the provider’s 320 is linked', async () => {
    const { provider, resident } = await youthAndProvider();
    const reference = `HA-${nextId()}`;
    expect((await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference }] }))).statusCode).toBe(200);
    const task = await requestsByReference(reference);
    expect((await post(`/api/exchange/requests/${task.id}/refuse`, { reason: '12' })).statusCode).toBe(400);
    const refused = await post(`/api/exchange/requests/${task.id}/refuse`, { reason: '7', note: 'Hulp uit de sociale basis volstaat.' });
    expect(refused.statusCode).toBe(200);
    const answerId = (refused.json() as { answerMessageId: string }).answerMessageId;
    const answer = await messageXml(answerId);
    if (schemas) expect(schemas.check(answer)).toMatchObject({ valid: true });
    expect(readMessage(answer)).toMatchObject({ Bericht: { Header: { BerichtCode: '488', Afzender: '0935', Ontvanger: provider.agbCode }, Antwoord: { ReferentieAanbieder: reference, VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '7' } } });
    expect(await requestsByReference(reference)).toMatchObject({ status: 'refused', refusalReason: '7', answerMessageId: answerId });
    // No allocation for a refused request.
    const allocations = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('allocations').select('id').where('resident_id', '=', resident.id).execute());
    expect(allocations).toEqual([]);

    const retourIdentification = nextId();
    const retour320 = await receive(providerRetourSample(answer, { identification: retourIdentification }));
    expect(retour320.statusCode).toBe(200);
    expect(retour320.json()).toMatchObject({ status: 'accepted', inReplyTo: answerId, refusedByProvider: false, retourCodes: [{ level: 'header', code: '0200' }, { level: 'client', code: '0200' }] });
    // The same retour again: its identification is not unique (9056), nothing recorded twice.
    const again = await receive(providerRetourSample(answer, { identification: retourIdentification }));
    expect(again.json()).toMatchObject({ status: 'rejected', retourCodes: [{ level: 'header', code: '9056' }] });
  });

  it('answers an invalid referrer, a duplicate identification and a reused reference with their retour codes (0001, 9056, 9347)', async () => {
    const { provider, resident } = await youthAndProvider();
    const codesOf = (r: { json: () => unknown }) => (r.json() as Outcome).retourCodes.map((c) => `${c.level}:${c.code}`);
    const noCode = await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference: `HA-${nextId()}`, referrer: { type: '02', name: 'Huisarts zonder AGB' } }] }));
    expect(codesOf(noCode)).toEqual(['product:0001']);
    expect((noCode.json() as Outcome).retourCodes[0]!.note).toMatch(/Huisarts: ZorgverlenerCode .* ontbreekt/);
    expect((noCode.json() as Outcome).products).toEqual({ total: 1, accepted: 0 });
    if (schemas) expect(schemas.check(await messageXml((noCode.json() as Outcome).retour!.id))).toMatchObject({ valid: true });

    const reference = `HA-${nextId()}`;
    const first = request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference }] });
    expect(codesOf(await receive(first))).toEqual(['product:0200']);
    const again = await receive(first);
    expect(again.json()).toMatchObject({ status: 'rejected', retourCodes: [{ level: 'header', code: '9056' }] });
    if (schemas) expect(schemas.check(await messageXml((again.json() as Outcome).retour!.id))).toMatchObject({ valid: true });
    // Same reference in a new message: not unique for the provider; and a second open request for the same category: 9374.
    expect(codesOf(await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference }] })))).toEqual(['product:9347', 'product:9374']);
    expect(codesOf(await receive(request315({ agbCode: provider.agbCode, bsn: '123456789', products: [{ reference: `HA-${nextId()}` }] })))).toEqual(['header:0001']);
  });

  it('refuses at once with a 319 what Koers can judge: a youth who does not live here (8), past 23 (9), a provider without contract (3)', async () => {
    const { provider } = await youthAndProvider();
    const stranger = await receive(request315({ agbCode: provider.agbCode, bsn: uniqueBsn(), products: [{ reference: `HA-${nextId()}` }] }));
    expect(stranger.json()).toMatchObject({ status: 'accepted', answers: 1 });
    const old = await youthAndProvider({ birthDate: '2002-03-01' });
    const oldReference = `HA-${nextId()}`;
    expect((await receive(request315({ agbCode: old.provider.agbCode, bsn: old.resident.bsn, products: [{ reference: oldReference }] }))).json()).toMatchObject({ answers: 1 });
    expect(await requestsByReference(oldReference)).toMatchObject({ status: 'refused', refusalReason: '9' });
    const adult = await youthAndProvider({ birthDate: '2008-03-01' });
    const adultReference = `HA-${nextId()}`;
    await receive(request315({ agbCode: adult.provider.agbCode, bsn: adult.resident.bsn, products: [{ reference: adultReference }] }));
    expect(await requestsByReference(adultReference)).toMatchObject({ status: 'open', findings: [{ code: 'leeftijd' }] });
    const uncontracted = await youthAndProvider({ tariffs: false });
    const reference = `HA-${nextId()}`;
    await receive(request315({ agbCode: uncontracted.provider.agbCode, bsn: uncontracted.resident.bsn, products: [{ reference }] }));
    const refused = await requestsByReference(reference);
    expect(refused).toMatchObject({ status: 'refused', refusalReason: '3' });
    const answer = await messageXml(refused.answerMessageId!);
    if (schemas) expect(schemas.check(answer)).toMatchObject({ valid: true });
  });
});

describe('a Wmo request (iWmo 315) and a change request (317)', () => {
  it('grants a Wmo 315 the same way: 316 (no local XSD), allocation on the Wmo budget line, WMO301 with the reference', async () => {
    const product = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('products').select(['code', 'category_code', 'product_code', 'unit', 'budget_line_code']).where('law', '=', 'wmo').where('unit', '=', 'hour').where('product_code', 'is not', null).orderBy('code').executeTakeFirstOrThrow(),
    );
    const provider = await createProvider(t, { tariffs: [{ productCode: product.code, year: 2027, unit: 'hour', centsPerUnit: 4_000 }] });
    const resident = await createResident(t, { areaCode: area });
    const reference = `WMO-${nextId()}`;
    const response = await receive(
      request315({ standard: 'iwmo', agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference, category: product.category_code!, code: product.product_code!, referrer: { type: '01' } }] }),
    );
    expect(response.json()).toMatchObject({ status: 'accepted', label: 'iWmo 315 Verzoek om toewijzing', retour: { label: 'iWmo 316 Retourbericht verzoek om toewijzing' }, retourCodes: [{ code: '0200' }] });
    const task = await requestsByReference(reference);
    const grant = await post(`/api/exchange/requests/${task.id}/grant`);
    expect(grant.statusCode).toBe(200);
    const allocationId = (grant.json() as { allocationIds: string[] }).allocationIds[0]!;
    const allocation = await asOwnerIn(t.database.db, TENANT, (tx) => tx.selectFrom('allocations').select(['budget_line_code', 'source']).where('id', '=', allocationId).executeTakeFirstOrThrow());
    expect(allocation).toEqual({ budget_line_code: product.budget_line_code, source: 'verzoek' });
    const message = await latest301(resident.id);
    expect(message.xsd_status).toBe(hasIstandaarden ? 'valid' : 'not_checked');
    expect(readMessage(message.xml)).toMatchObject({ Bericht: { Header: { BerichtCode: '414' }, Client: { ToegewezenProducten: { ToegewezenProduct: [{ ReferentieAanbieder: reference }] } } } });

    // A provider without a contract for the product: refused at once, a WMO319 valid against its XSD.
    const uncontracted = await createProvider(t);
    const refusedReference = `WMO-${nextId()}`;
    await receive(request315({ standard: 'iwmo', agbCode: uncontracted.agbCode, bsn: resident.bsn, products: [{ reference: refusedReference, category: product.category_code!, code: product.product_code!, referrer: { type: '01' } }] }));
    const refused = await requestsByReference(refusedReference);
    expect(refused).toMatchObject({ status: 'refused', refusalReason: '3' });
    const answer = await messageXml(refused.answerMessageId!);
    if (schemas) expect(schemas.check(answer)).toMatchObject({ valid: true });
    expect(readMessage(answer)).toMatchObject({ Bericht: { Header: { BerichtCode: '482' }, Antwoord: { ReferentieAanbieder: refusedReference, VerzoekAntwoord: '1', RedenAfwijzingVerzoek: '3' } } });
  });

  it('changes a granted allocation on a 317: 318 without remarks, the toewijzing changed from the wished date, the 301 carries the change; unknown numbers get 9351/9350', async () => {
    const { provider, resident } = await youthAndProvider();
    const reference = `HA-${nextId()}`;
    await receive(request315({ agbCode: provider.agbCode, bsn: resident.bsn, products: [{ reference }] }));
    const first = await requestsByReference(reference);
    expect((await post(`/api/exchange/requests/${first.id}/grant`)).statusCode).toBe(200);
    const allocationId = (await requestsByReference(reference)).products[0]!.allocationId!;
    const number = Number((readMessage((await latest301(resident.id)).xml).Bericht as { Client: { ToegewezenProducten: { ToegewezenProduct: { ToewijzingNummer: string }[] } } }).Client.ToegewezenProducten.ToegewezenProduct[0]!.ToewijzingNummer);

    const wrong = await receive(changeRequestSample({ agbCode: provider.agbCode, bsn: resident.bsn, identification: nextId(), reference: `VOW-${nextId()}`, unchanged: [999_999_998], changed: [{ number: 999_999_999, from: '2027-03-01' }] }));
    expect((wrong.json() as Outcome).retourCodes.map((c) => `${c.level}:${c.code}`)).toEqual(['client:9349', 'product:9350', 'product:9351']);
    if (schemas) expect(schemas.check(await messageXml((wrong.json() as Outcome).retour!.id))).toMatchObject({ valid: true });

    const changeReference = `VOW-${nextId()}`;
    const change = await receive(changeRequestSample({ agbCode: provider.agbCode, bsn: resident.bsn, identification: nextId(), reference: changeReference, changed: [{ number, from: '2027-03-01', volume: { amount: 3, unit: '04', frequency: '2' } }] }));
    expect(change.json()).toMatchObject({ status: 'accepted', label: 'iJw 317 Verzoek om wijziging', retour: { label: 'iJw 318 Retourbericht verzoek om wijziging' }, retourCodes: [{ level: 'client', code: '0200' }, { level: 'product', code: '0200' }] });
    if (schemas) expect(schemas.check(await messageXml((change.json() as Outcome).retour!.id))).toMatchObject({ valid: true });
    const task = await requestsByReference(changeReference);
    // One hour a week more for four months raises the cost by more than the change step (€ 1,000): four eyes, as for a change made here.
    expect((await post(`/api/exchange/requests/${task.id}/grant`)).json()).toMatchObject({ pendingApproval: true, allocationIds: [] });
    const otherLead = await createStaff(t, { roles: ['team_lead'], areaCode: area });
    expect((await post(`/api/exchange/requests/${task.id}/grant`, undefined, otherLead.cookie)).json()).toMatchObject({ pendingApproval: false, allocationIds: [allocationId] });
    const segments = await asOwnerIn(t.database.db, TENANT, (tx) =>
      tx.selectFrom('allocation_segments').select(['volume', 'start_date', 'end_date', 'provider_reference']).where('allocation_id', '=', allocationId).where('superseded_at', 'is', null).orderBy('start_date').execute(),
    );
    expect(segments.map((s) => [Number(s.volume), s.start_date, s.end_date, s.provider_reference])).toEqual([
      // Both segments the change made answer the request: the shortened one and the new one.
      [2, '2027-01-01', '2027-02-28', changeReference],
      [3, '2027-03-01', '2027-06-30', changeReference],
    ]);
    const message = await latest301(resident.id);
    expect(message.xsd_status).toBe(hasIstandaarden ? 'valid' : 'not_checked');
    const products = (readMessage(message.xml).Bericht as { Client: { ToegewezenProducten: { ToegewezenProduct: { ReferentieAanbieder?: string; RedenWijziging?: string }[] } } }).Client.ToegewezenProducten.ToegewezenProduct;
    expect(products.map((p) => p.ReferentieAanbieder ?? null)).toContain(changeReference);
    // The running toewijzing is shortened (05) and the new volume is a new toewijzing.
    expect(products.map((p) => p.RedenWijziging ?? null)).toEqual(['05', null]);
  });
});
