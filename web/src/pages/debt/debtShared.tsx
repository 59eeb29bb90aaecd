// Labels and a plain table shared by the debt-help pages (schuldhulp, vroegsignalering).
import type { DebtCase, Outreach } from '../../api/types';

export const termStatusLabels: Record<DebtCase['firstConversation']['status'], string> = {
  gehaald: 'Binnen de termijn',
  'te-laat': 'Na de termijn',
  loopt: 'Termijn loopt',
  vandaag: 'Laatste dag vandaag',
  verstreken: 'Termijn verstreken',
};

export const stageLabels: Record<DebtCase['stage'], string> = {
  aanmelding: 'Wacht op eerste gesprek',
  'eerste-gesprek': 'Eerste gesprek gehouden',
  'plan-van-aanpak': 'Plan van aanpak',
  besluit: 'Besluit genomen',
};

export const outcomeLabels: Record<NonNullable<Outreach['outcome']>['outcome'], string> = {
  bereikt: 'Bereikt',
  'hulp-geaccepteerd': 'Hulp geaccepteerd',
  'hulp-geweigerd': 'Hulp geweigerd',
  'niet-bereikt': 'Niet bereikt',
};

export const creditorLabels: Record<Outreach['arrears'][number]['creditorKind'], string> = {
  woningcorporatie: 'Huur (woningcorporatie)',
  energie: 'Energie',
  water: 'Water',
  zorgverzekeraar: 'Zorgverzekering',
};

export const isLate = (status: DebtCase['firstConversation']['status']): boolean => status === 'verstreken' || status === 'te-laat' || status === 'vandaag';

