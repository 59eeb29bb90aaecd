import type { ProviderSummary } from '../../api/types';

export const providerKindLabels: Record<ProviderSummary['kind'], string> = {
  care: 'Zorg en ondersteuning',
  welfare: 'Welzijn',
  youth: 'Jeugdhulp',
  housing_aids: 'Hulpmiddelen en woningaanpassing',
  transport: 'Vervoer',
};
