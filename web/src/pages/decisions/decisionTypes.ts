import type { z } from 'zod';
import type { allocationSchema, budgetLineSchema, decisionSchema } from '../../../../src/modules/decisions/decision.schema.js';

export type Decision = z.infer<typeof decisionSchema>;
export type Allocation = z.infer<typeof allocationSchema>;
export type BudgetLine = z.infer<typeof budgetLineSchema>;

const euroFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
export const euro = (cents: number): string => euroFormat.format(cents / 100);
