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
  afgesloten: 'Hulp beëindigd',
};

export const channelLabels: Record<DebtCase['channel'], string> = {
  medewerker: 'Door een medewerker',
  inwoner: 'Online door de inwoner (Mijn gemeente)',
  vroegsignalering: 'Na een vroegsignaal',
};

const contactTimes = { ochtend: 'in de ochtend', middag: 'in de middag', 'maakt-niet-uit': 'tijd maakt niet uit' } as const;

/** How the resident wants to be reached (an online registration), in one line. */
export function contactText(contact: DebtCase['contact']): string {
  if (!contact) return 'Niet opgegeven';
  const how = contact.by === 'telefoon' ? `Bellen: ${contact.phone ?? '—'}` : `E-mail: ${contact.email ?? '—'}`;
  return contact.time ? `${how}, ${contactTimes[contact.time]}` : how;
}

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

