import type { Tx } from '../../db/tenancy.js';
import type { AdminSection } from './admin.tables.js';

export async function insertChange(
  tx: Tx,
  row: { tenantId: string; section: AdminSection; subject: string; action: string; before: unknown; after: unknown; changedBy: string },
): Promise<void> {
  await tx
    .insertInto('admin_changes')
    .values({
      tenant_id: row.tenantId,
      section: row.section,
      subject: row.subject,
      action: row.action,
      before: row.before === null || row.before === undefined ? null : JSON.stringify(row.before),
      after: row.after === null || row.after === undefined ? null : JSON.stringify(row.after),
      changed_by: row.changedBy,
    })
    .execute();
}

/** The latest changes, newest first, with the name of who made them. */
export async function listChangeRows(tx: Tx, options: { section?: AdminSection; limit: number }) {
  let query = tx
    .selectFrom('admin_changes as c')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'c.changed_by').onRef('u.tenant_id', '=', 'c.tenant_id'))
    .select(['c.id', 'c.section', 'c.subject', 'c.action', 'c.before', 'c.after', 'c.changed_by', 'c.changed_at', 'u.display_name'])
    .orderBy('c.changed_at', 'desc')
    .orderBy('c.id')
    .limit(options.limit);
  if (options.section) query = query.where('c.section', '=', options.section);
  return query.execute();
}
