import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';

/** Case types with their statutory terms as data (ISO 8601 durations). */
export const demoCaseTypes = [
  {
    code: 'WMO-MAATWERK',
    name: 'Wmo-maatwerkvoorziening (melding en aanvraag)',
    law: 'wmo',
    research_term: 'P6W',
    decision_term: 'P2W',
    legal_basis: 'Wmo 2015 art. 2.3.2 (onderzoek binnen 6 weken na de melding) en art. 2.3.5 (beschikking binnen 2 weken na de aanvraag)',
  },
  {
    code: 'JW-JEUGDHULP',
    name: 'Jeugdhulp (individuele voorziening)',
    law: 'jeugdwet',
    research_term: null,
    decision_term: 'P8W',
    legal_basis: 'Jeugdwet art. 2.3; Awb art. 4:13 (redelijke termijn, uiterlijk 8 weken)',
  },
  {
    code: 'PW-BIJZONDERE-BIJSTAND',
    name: 'Bijzondere bijstand',
    law: 'participatiewet',
    research_term: null,
    decision_term: 'P8W',
    legal_basis: 'Participatiewet art. 35; Awb art. 4:13',
  },
] as const;

export async function seedCaseTypes(db: Kysely<DB>, tenantId: string): Promise<void> {
  await withTenant(db, tenantId, (tx) =>
    tx
      .insertInto('case_types')
      .values(demoCaseTypes.map((t) => ({ tenant_id: tenantId, ...t })))
      .onConflict((oc) => oc.columns(['tenant_id', 'code']).doNothing())
      .execute(),
  );
}
