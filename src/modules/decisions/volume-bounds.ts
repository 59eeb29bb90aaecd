import type { Tx } from '../../db/tenancy.js';
import { validationFailed } from '../../platform/errors.js';
import type { Frequency, Unit } from '../allocations/commitment.js';
import { findVolumeBound } from './decision.repository.js';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 4 });

/** A volume above the bound for its unit and frequency (e.g. 168 hours a week) is a 400 naming the bound. */
export async function checkVolumeBound(tx: Tx, input: { unit: Unit; frequency: Frequency; volume: number; field: string }): Promise<void> {
  const bound = await findVolumeBound(tx, input.unit, input.frequency);
  if (!bound || input.volume <= Number(bound.max_volume)) return;
  throw validationFailed([
    { field: input.field, message: `De omvang is hoogstens ${number.format(Number(bound.max_volume))} ${bound.label}.` },
  ]);
}
