/**
 * The automated controls (geautomatiseerde controles) Koers ships: one set-based SQL test per id, in
 * `automated/<id>.control.ts`. Control frameworks (controlkaders) refer to them by id; an import that
 * names an id not in this list is refused. Ids are Dutch, as users see them in framework files.
 */
export const automatedControlIds = [
  'toewijzing-zonder-beschikking',
  'declaratie-buiten-toewijzing',
  'declaratie-boven-tarief',
  'toewijzing-zonder-contract',
  'verplichting-niet-herrekend',
  'beschikking-zonder-vier-ogen',
  'beslistermijn-overschreden',
  'pw-betaald-na-einde',
  'pw-betaling-zonder-besluit',
  'pw-betaalrun-zonder-vier-ogen',
  'pw-vordering-zonder-vier-ogen',
  'pw-betaling-boven-norm',
] as const;
export type AutomatedControlId = (typeof automatedControlIds)[number];
