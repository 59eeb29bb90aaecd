import type { Tx } from '../../db/tenancy.js';
import { invalid } from '../../platform/errors.js';
import type { Actor } from '../../platform/unit-of-work.js';
import type { LetterHead } from '../decisions/decision.letter-html.js';
import { findCurrentLetterhead, insertLetterhead } from './letterhead.repository.js';
import type { SaveLetterheadInput } from './letterhead.schema.js';
import { logoDataUrl, parseLogo } from './logo.js';

/** The letterhead letters are printed on; without a saved one: the municipality's name only, no amount for the CAK. */
export async function currentLetterhead(tx: Tx, municipalityName: string): Promise<LetterHead> {
  const row = await findCurrentLetterhead(tx);
  if (!row) return { name: `Gemeente ${municipalityName}`, returnAddress: null, phone: null, website: null, logoDataUrl: null, cakMonthlyCents: null };
  return {
    name: row.name,
    returnAddress: row.return_address,
    phone: row.phone,
    website: row.website,
    logoDataUrl: row.logo && row.logo_media_type ? logoDataUrl(row.logo_media_type, row.logo) : null,
    cakMonthlyCents: row.cak_monthly_cents,
  };
}

/** For the administrator's form: the current letterhead with version, who saved it and when. */
export async function getLetterheadSettings(tx: Tx, municipalityName: string) {
  const row = await findCurrentLetterhead(tx);
  const head = await currentLetterhead(tx, municipalityName);
  return {
    name: head.name,
    returnAddress: head.returnAddress,
    phone: head.phone,
    website: head.website,
    logo: head.logoDataUrl,
    cakMonthlyCents: head.cakMonthlyCents,
    version: row?.version ?? 0,
    setBy: row?.set_by_name ?? null,
    setAt: row ? new Date(row.set_at).toISOString() : null,
  };
}

/**
 * Command: saves a new version of the letterhead (the versions are the audit trail: who, when, what).
 * The logo is checked (PNG/JPEG, at most 200 kB, SVG refused); leaving it out keeps the current one.
 */
export async function saveLetterhead(tx: Tx, ctx: Actor, input: SaveLetterheadInput): Promise<void> {
  let logo: { mediaType: 'image/png' | 'image/jpeg'; bytes: Buffer } | null = null;
  if (input.logo) {
    const parsed = parseLogo(input.logo);
    if ('error' in parsed) throw invalid('logo', parsed.error);
    logo = parsed;
  } else if (input.logo === undefined) {
    const current = await findCurrentLetterhead(tx);
    if (current?.logo && current.logo_media_type) logo = { mediaType: current.logo_media_type, bytes: Buffer.from(current.logo) };
  }
  await insertLetterhead(tx, {
    tenant_id: ctx.tenantId,
    name: input.name,
    return_address: input.returnAddress,
    phone: input.phone,
    website: input.website,
    logo_media_type: logo?.mediaType ?? null,
    logo: logo?.bytes ?? null,
    cak_monthly_cents: input.cakMonthlyCents,
    set_by: ctx.actorId,
  });
}
