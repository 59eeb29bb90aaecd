// The letter after a re-examination that changes or ends a benefit (besluit tot herziening of
// beëindiging), with the objection clause. The caller audits the read.

import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Tx } from '../../db/tenancy.js';
import { recordProcessing, type AuditContext } from '../../platform/audit/audit.service.js';
import { AppError, notFound } from '../../platform/errors.js';
import { formatCents as euro } from '../allocations/commitment.js';
import { escapeHtml } from '../programme/programme.report-html.js';
import type { Rekenblad } from './pw.means-test.js';
import { renderPwLetter } from './pw.recovery.letter.js';

const formatDate = (iso: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(`${iso}T12:00:00Z`));

export async function reexaminationLetterHtml(db: Kysely<DB>, tx: Tx, ctx: AuditContext, id: string): Promise<string> {
  const row = await tx
    .selectFrom('pw_reexaminations as x')
    .innerJoin('pw_benefits as b', (j) => j.onRef('b.id', '=', 'x.benefit_id').onRef('b.tenant_id', '=', 'x.tenant_id'))
    .leftJoin('pw_benefit_bases as bb', (j) => j.onRef('bb.id', '=', 'x.basis_id').onRef('bb.tenant_id', '=', 'x.tenant_id'))
    .select(['x.id', 'x.held_on', 'x.outcome', 'x.end_date', 'x.end_reason', 'x.recorded_at', 'b.reference', 'b.resident_id', 'bb.valid_from', 'bb.calculation'])
    .where('x.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('Heronderzoek');
  if (row.outcome === 'ongewijzigd') throw new AppError('CONFLICT', 'Bij een heronderzoek zonder wijziging hoort geen besluit; er is geen brief.');
  const body: string[] = [`Wij hebben op ${formatDate(row.held_on)} onderzocht of u nog recht heeft op bijstand en hoeveel (heronderzoek, artikel 53a lid 6 Participatiewet).`];
  if (row.outcome === 'wijziging') {
    const r = row.calculation as unknown as Rekenblad;
    body.push(`<b>Besluit:</b> vanaf ${formatDate(row.valid_from!)} wijzigt uw bijstand. U krijgt dan ${escapeHtml(euro(r.benefitInclVtCents))} per maand inclusief vakantietoeslag; wij betalen ${escapeHtml(euro(r.monthlyPaymentCents))} per maand uit en reserveren ${escapeHtml(euro(r.vakantietoeslagCents))} vakantietoeslag.`);
    body.push(`<b>De berekening:</b></p><table>${r.lines.map((l) => `<tr><td>${escapeHtml(l.label)}</td><td style="text-align:right">${escapeHtml(euro(l.cents))}</td><td>${escapeHtml(l.article)}</td></tr>`).join('')}</table><p>`);
    body.push('Dit besluit is genomen op grond van artikel 19 en 54 lid 3 van de Participatiewet (herziening).');
  } else {
    body.push(`<b>Besluit:</b> uw bijstand stopt per ${formatDate(row.end_date!)}.`);
    body.push(`<b>Waarom?</b> ${escapeHtml(row.end_reason ?? '')}`);
    body.push('Dit besluit is genomen op grond van artikel 54 lid 3 van de Participatiewet (intrekking). De vakantietoeslag die nog voor u is gereserveerd, betalen wij binnen drie maanden uit (artikel 45 Participatiewet).');
  }
  await recordProcessing(tx, ctx, { name: 'heronderzoek.brief', activity: 'zaakbehandeling-sociaal-domein', subjects: [{ type: 'resident', id: row.resident_id }], startTime: new Date() });
  return renderPwLetter(db, tx, ctx.tenantId, row.resident_id, {
    title: row.outcome === 'wijziging' ? 'Besluit wijziging bijstand' : 'Besluit beëindiging bijstand',
    reference: row.reference,
    subject: 'uitkomst heronderzoek bijstand',
    date: new Date(row.recorded_at).toISOString().slice(0, 10),
    body,
  });
}
