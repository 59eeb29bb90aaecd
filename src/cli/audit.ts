import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { readChainHeads, verifyAuditChain, type ChainHead } from '../platform/audit/audit.chain.js';
import { AppError } from '../platform/errors.js';
import { createProgress } from './progress.js';

const count = (n: number) => n.toLocaleString('nl-NL');

export interface AuditVerifyOptions {
  tenant?: string;
  anchor?: string;
}

export interface AuditHeadOptions {
  json?: boolean;
}

const anchorFileSchema = z.object({
  heads: z.array(
    z.object({
      tenantId: z.string(),
      seq: z.number().int().min(0),
      hash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
      updatedAt: z.string().nullable(),
    }),
  ),
});

/** The municipalities to check: all of this installation's, or the one asked for. */
async function tenantsToCheck(database: Database, tenant: string | undefined): Promise<string[]> {
  // Read fresh (not the cached list): the tenants table has no row-level security.
  const { rows } = await sql<{ id: string }>`select id from tenants order by id`.execute(database.db);
  const tenants = rows.map((r) => r.id);
  if (tenant && !tenants.includes(tenant)) {
    throw new AppError('NOT_FOUND', `Gemeente ${tenant} bestaat niet op deze installatie (wel: ${tenants.join(', ') || 'geen'}).`);
  }
  return tenant ? [tenant] : tenants;
}

function readAnchors(file: string): ChainHead[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('VALIDATION_FAILED', `Ankerbestand ${file} is niet te lezen als JSON (${(error as Error).message}).`);
  }
  const anchors = anchorFileSchema.safeParse(parsed);
  if (!anchors.success) throw new AppError('VALIDATION_FAILED', `Ankerbestand ${file} is geen uitvoer van \`koers audit head --json\`.`);
  return anchors.data.heads;
}

/**
 * `koers audit verify`: walks each municipality's chain; returns one Dutch summary line per
 * municipality, or throws (exit code 1) naming the first broken record.
 */
export async function runAuditVerify(database: Database, opts: AuditVerifyOptions): Promise<string[]> {
  const anchors = opts.anchor ? readAnchors(opts.anchor) : [];
  const tenants = await tenantsToCheck(database, opts.tenant);
  const unknownAnchor = anchors.find((a) => !tenants.includes(a.tenantId) && !opts.tenant);
  if (unknownAnchor) throw new AppError('CONFLICT', `Het anker noemt gemeente ${unknownAnchor.tenantId}, die niet (meer) op deze installatie staat.`);
  if (tenants.length === 0) return ['Deze database heeft nog geen gemeenten: er is geen logboek om te controleren.'];
  const lines: string[] = [];
  for (const tenantId of tenants) {
    const progress = createProgress(`Logboekketen ${tenantId}`);
    const result = await verifyAuditChain(database.db, { tenantId, anchors, onProgress: progress });
    if (result.broken) {
      const { seq, id, message } = result.broken;
      const where = seq === null ? `record ${id}` : id ? `record ${seq} (${id})` : `record ${seq}`;
      throw new AppError('CONFLICT', `Logboek gemanipuleerd: ${tenantId}: ${where}: ${message}.`);
    }
    const anchored = anchors.some((a) => a.tenantId === tenantId && a.seq > 0) ? ', anker gevonden' : '';
    lines.push(`${tenantId}: ${count(result.records)} records, keten klopt${anchored}, kop ${result.head.hash ?? 'leeg'}`);
  }
  return lines;
}

/** `koers audit head`: each municipality's chain head (seq, hash, time), to keep outside the database. */
export async function runAuditHead(database: Database, opts: AuditHeadOptions): Promise<string> {
  const heads = await readChainHeads(database.db, await tenantsToCheck(database, undefined));
  if (opts.json) return JSON.stringify({ capturedAt: new Date().toISOString(), heads }, null, 2);
  return heads.map((h) => `${h.tenantId}: record ${count(h.seq)}, kop ${h.hash ?? 'leeg'}${h.updatedAt ? `, ${h.updatedAt}` : ''}`).join('\n');
}
