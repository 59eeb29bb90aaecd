// The re-examination (heronderzoek, art. 53a lid 6 Pw) as data: the checklist a consultant goes through
// and the interval to the next one per risk profile. There is no statutory frequency: the municipality
// chooses it (domain-facts §5.3, [K]); the defaults below (low 24, medium 12, high 6 months) are settings
// the municipality can change (keys `pw_reexamination_months_<profiel>`).

import type { RiskProfile } from './pw.reexamination.tables.js';

export const RISK_PROFILES: Record<RiskProfile, { label: string; defaultMonths: number }> = {
  laag: { label: 'Laag risico', defaultMonths: 24 },
  midden: { label: 'Gemiddeld risico', defaultMonths: 12 },
  hoog: { label: 'Hoog risico', defaultMonths: 6 },
};

export const intervalSettingKey = (profile: RiskProfile): string => `pw_reexamination_months_${profile}`;

/** The checks of a re-examination, each with where the consultant looks. */
export const REEXAMINATION_CHECKS = [
  { code: 'identiteit', label: 'Identiteit vastgesteld (geldig identiteitsbewijs)', source: 'art. 17 lid 1 Pw' },
  { code: 'woonsituatie', label: 'Woonsituatie en adres (BRP, huurcontract; zo nodig huisbezoek)', source: 'art. 53a lid 2–5 Pw' },
  { code: 'leefvorm', label: 'Leefvorm en medebewoners (kostendelersnorm)', source: 'art. 3, 22a Pw' },
  { code: 'inkomsten', label: 'Inkomsten (polisadministratie / Suwinet, inkomstenopgaven)', source: 'art. 31–33 Pw' },
  { code: 'vermogen', label: 'Vermogen (bankafschriften van alle rekeningen, voertuigen)', source: 'art. 34 Pw' },
  { code: 'inlichtingenbureau', label: 'Signalen van het Inlichtingenbureau verwerkt', source: 'art. 64 Pw' },
  { code: 'verplichtingen', label: 'Arbeids- en re-integratieverplichtingen besproken', source: 'art. 9 Pw' },
] as const;

export type CheckCode = (typeof REEXAMINATION_CHECKS)[number]['code'];
