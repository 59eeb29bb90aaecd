// The administrator's change log: every change to configuration is one row with who, when, what, and
// the values before and after, written in the same transaction as the change itself.
import type { Tx } from '../../db/tenancy.js';
import type { Actor } from '../../platform/unit-of-work.js';
import { insertChange, listChangeRows } from './admin.repository.js';
import type { AdminSection } from './admin.tables.js';

export async function recordChange(
  tx: Tx,
  ctx: Pick<Actor, 'tenantId' | 'actorId'>,
  change: { section: AdminSection; subject: string; action: string; before: unknown; after: unknown },
): Promise<void> {
  await insertChange(tx, { tenantId: ctx.tenantId, changedBy: ctx.actorId, ...change });
}

export async function listChanges(tx: Tx, options: { section?: AdminSection; limit?: number }) {
  const rows = await listChangeRows(tx, { section: options.section, limit: options.limit ?? 50 });
  return rows.map((r) => ({
    id: r.id,
    section: r.section,
    subject: r.subject,
    action: r.action,
    before: r.before,
    after: r.after,
    changedBy: { id: r.changed_by, displayName: r.display_name },
    changedAt: new Date(r.changed_at).toISOString(),
  }));
}

const euroFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
/** 750000 → '€ 7.500,00', as the web app writes money (web/src/format.ts). */
export const euro = (cents: number | null): string => (cents === null ? 'geen' : euroFormat.format(cents / 100));

/** 'P8W' → '8 weken', 'P10D' → '10 dagen', as the web app writes durations. */
export function termText(iso: string | null): string {
  if (iso === null) return 'geen';
  const match = /^P(?:(\d+)W)?(?:(\d+)D)?$/.exec(iso);
  if (!match) return iso;
  const parts: string[] = [];
  if (match[1] !== undefined) parts.push(`${match[1]} ${match[1] === '1' ? 'week' : 'weken'}`);
  if (match[2] !== undefined) parts.push(`${match[2]} ${match[2] === '1' ? 'dag' : 'dagen'}`);
  return parts.join(' en ') || iso;
}
