import type { Provider, ProviderSummary } from '../../../../src/modules/providers/provider.schema.js';
export type { Provider, ProviderSummary };

export const providerKindLabels: Record<ProviderSummary['kind'], string> = {
  care: 'Zorg en ondersteuning',
  welfare: 'Welzijn',
  youth: 'Jeugdhulp',
  housing_aids: 'Hulpmiddelen en woningaanpassing',
  transport: 'Vervoer',
};
