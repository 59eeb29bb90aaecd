import { sql, type Kysely } from 'kysely';

// Frozen once released (see 0001). Retention for the records 0036 left out (issue #13 part 5,
// docs/retention.md "Retention items"): Participatiewet applications, re-examinations and recovery
// claims, and conversations held without a case, each its own retention item with a rule of the
// Selectielijst 2020 (domain-facts §10, a 2020 draft used as test data: verify before production).

const APP_ROLE = 'koers_app';

/** [code, object kind, law, result, selectielijst nr, object, procestermijn, years, weeks, destroy on request] */
const RULES: [string, string, string, string, string, string, 'nihil' | 'bestaansduur', number, number, boolean][] = [
  ['pw-aanvraag-toegekend', 'aanvraag', 'participatiewet', 'toegekend', '8.1', 'Aanvraag uitkering levensonderhoud (toegekend), na beëindiging van de uitkering', 'bestaansduur', 10, 0, false],
  ['pw-aanvraag-afgewezen', 'aanvraag', 'participatiewet', 'afgewezen', '8.2', 'Aanvraag uitkering levensonderhoud (afgewezen)', 'nihil', 5, 0, false],
  ['pw-heronderzoek', 'heronderzoek', 'participatiewet', 'uitgevoerd', '12.1.1', 'Hercontrole uitkering sociaal domein (heronderzoek)', 'nihil', 10, 0, false],
  ['pw-vordering', 'vordering', 'participatiewet', 'afgehandeld', '12.1.1', 'Hercontrole uitkering sociaal domein (terugvordering), na afhandeling', 'nihil', 10, 0, false],
  ['gesprek-zonder-zaak', 'gesprek', 'wmo', 'gevoerd', '3.1.5', 'Plan van aanpak Wmo cliënt (gesprek zonder zaak)', 'nihil', 15, 0, true],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const kinds = `('zaak', 'uitkering', 'aanvraag', 'heronderzoek', 'vordering', 'gesprek')`;
  await sql.raw(`alter table retention_rules drop constraint retention_rules_object_kind_check`).execute(db);
  await sql.raw(`alter table retention_rules add constraint retention_rules_object_kind_check check (object_kind in ${kinds})`).execute(db);
  await sql.raw(`alter table retention_rules drop constraint retention_rules_result_check`).execute(db);
  await sql.raw(`alter table retention_rules add constraint retention_rules_result_check check (result in ('verstrekt', 'geweigerd', 'afgebroken', 'beeindigd', 'toegekend', 'afgewezen', 'uitgevoerd', 'afgehandeld', 'gevoerd'))`).execute(db);
  await sql.raw(`alter table retention_items drop constraint retention_items_object_type_check`).execute(db);
  await sql.raw(`alter table retention_items add constraint retention_items_object_type_check check (object_type in ${kinds})`).execute(db);
  const source = 'Selectielijst gemeenten en intergemeentelijke organen 2020 — concept 2020 als testdata (VNG-referentielijsten); verifiëren vóór productie';
  for (const [code, kind, law, result, nr, object, term, years, weeks, onRequest] of RULES) {
    await sql`insert into retention_rules (code, object_kind, law, result, selectielijst_nr, object, process_term, term_years, term_weeks, destroy_on_request, source)
      values (${code}, ${kind}, ${law}, ${result}, ${nr}, ${object}, ${term}, ${years}, ${weeks}, ${onRequest}, ${source})`.execute(db);
  }
  // Destruction of a re-examination removes its checks and note and replaces its end reason; of a
  // recovery claim, the notes of its ledger entries.
  await sql.raw(`grant update (checks, note, end_reason) on pw_reexaminations to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant update (note) on pw_recovery_entries to ${APP_ROLE}`).execute(db);
  // And with a resident's last item: their signals' event notes, KCC contacts and access grants.
  await sql.raw(`grant update (note) on signal_events to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant update (resident_id, subject, note) on kcc_contacts to ${APP_ROLE}`).execute(db);
  await sql.raw(`grant delete on access_grants to ${APP_ROLE}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Koers migrations are forward-only');
}
