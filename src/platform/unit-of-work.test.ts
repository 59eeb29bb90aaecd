import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { asOwnerIn, createTestDatabase } from '../../test/support/database.js';
import { countTransactions } from '../../test/support/transactions.js';
import { recordProcessing } from './audit/audit.service.js';
import { pinTenant } from '../db/tenancy.js';
import { beginUnitOfWork, runAsSystem, systemAuditContext, unitOfWorkIn } from './unit-of-work.js';

const TENANT = 'GM0935';
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database.close());

const auditOf = (traceId: string) =>
  asOwnerIn(database.db, TENANT, (tx) => tx.selectFrom('audit_log').select(['name', 'actor_id', 'tenant_id']).where('trace_id', '=', traceId).execute());

const someResident = () => asOwnerIn(database.db, TENANT, async (tx) => (await tx.selectFrom('residents').select('id').where('tenant_id', '=', TENANT).limit(1).executeTakeFirstOrThrow()).id);

describe('runAsSystem: the unit of work of a job or a CLI command', () => {
  it('runs in one tenant transaction and logs without an actor', async () => {
    const residentId = await someResident();
    const counter = countTransactions(database.db);
    const { traceId, visible } = await runAsSystem(database.db, { kind: 'system', tenantId: TENANT, name: 'test' }, async (unit) => {
      await recordProcessing(unit.tx, unit.audit, { name: 'signaal.evalueren', activity: 'signalering-sociaal-domein', subjects: [{ type: 'resident', id: residentId }], startTime: new Date() });
      // Row-level security is on: the transaction sees this municipality only.
      const tenants = await unit.tx.selectFrom('residents').select('tenant_id').distinct().execute();
      return { traceId: unit.audit.traceId, visible: tenants.map((t) => t.tenant_id) };
    });
    counter.stop();
    expect(counter.total).toBe(1);
    expect(visible).toEqual([TENANT]);
    expect(await auditOf(traceId)).toEqual([{ name: 'signaal.evalueren', actor_id: null, tenant_id: TENANT }]);
  });

  it('rolls everything back, the audit record included, when the work throws', async () => {
    const residentId = await someResident();
    let traceId = '';
    await expect(
      runAsSystem(database.db, { kind: 'operator', tenantId: TENANT, name: 'koers signals run' }, async (unit) => {
        traceId = unit.audit.traceId;
        await recordProcessing(unit.tx, unit.audit, { name: 'signaal.evalueren', activity: 'signalering-sociaal-domein', subjects: [{ type: 'resident', id: residentId }], startTime: new Date() });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(await auditOf(traceId)).toEqual([]);
  });
});

describe('a read in a read-only unit of work (a GET route whose session lookup opens it)', () => {
  const principal = { kind: 'system', tenantId: TENANT, name: 'test' } as const;
  const options = { batchReadRecords: true, readOnly: true };
  it.each([
    [
      'opened by the session lookup',
      async () => {
        const trx = await database.db.startTransaction().setAccessMode('read only').execute();
        await pinTenant(trx, TENANT);
        return unitOfWorkIn(database.db, trx, principal, systemAuditContext(TENANT), options);
      },
    ],
    // When the session lookup could not open it (the session's last use was due to be touched).
    ['opened by beginUnitOfWork', () => beginUnitOfWork(database.db, principal, systemAuditContext(TENANT), options)],
  ])('%s: PostgreSQL refuses a write in it; its records are committed before its commit resolves', async (_, open) => {
    const residentId = await someResident();
    const writer = await open();
    await expect(writer.tx.updateTable('residents').set({ updated_at: new Date() }).where('id', '=', residentId).execute()).rejects.toMatchObject({ code: '25006' });
    await writer.rollback();

    const reader = await open();
    await reader.tx.selectFrom('residents').select('id').where('id', '=', residentId).executeTakeFirstOrThrow();
    await recordProcessing(reader.tx, reader.audit, { name: 'inwoner.raadplegen', activity: 'signalering-sociaal-domein', subjects: [{ type: 'resident', id: residentId }], startTime: new Date() });
    await reader.commit();
    expect(await auditOf(reader.audit.traceId)).toEqual([{ name: 'inwoner.raadplegen', actor_id: null, tenant_id: TENANT }]);
  });
});
