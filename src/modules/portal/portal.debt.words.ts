// What the portal tells a resident about their request for debt help, in plain Dutch (B1): how it
// stands and what happens next, with the date by which the municipality contacts them. Pure.

import type { DebtCaseView } from '../debt/debt.service.js';
import type { PortalDebtHelp } from './portal.debt.schema.js';
import { dateInWords } from './portal.words.js';

export function debtHelpInWords(c: DebtCaseView, today: string): PortalDebtHelp {
  const urgent = c.firstConversation.termCode === 'eerste-gesprek-crisis';
  const waiting = c.stage === 'aanmelding';
  const base = { id: c.id, registeredOn: c.registeredOn, urgent, online: c.channel === 'inwoner', contactBy: waiting ? c.firstConversation.due : null };
  const due = dateInWords(c.firstConversation.due);
  switch (c.stage) {
    case 'aanmelding':
      return {
        ...base,
        open: true,
        status: 'Wij hebben uw vraag om hulp bij geldzaken ontvangen',
        next:
          c.firstConversation.due < today
            ? `Wij zouden uiterlijk op ${due} contact met u opnemen. Dat is niet gelukt. Heeft u nog niets van ons gehoord? Bel ons dan.`
            : `Wij nemen uiterlijk op ${due} contact met u op voor een eerste gesprek.${urgent ? ' Omdat het dringend is, doen wij dat binnen 3 werkdagen.' : ''}`,
      };
    case 'eerste-gesprek':
      return { ...base, open: true, status: 'U heeft een eerste gesprek gehad', next: `Het eerste gesprek was op ${dateInWords(c.firstConversation.heldOn!)}. Samen met u maken wij nu een plan.` };
    case 'plan-van-aanpak':
      return { ...base, open: true, status: 'Er is een plan van aanpak', next: 'Wij besluiten nu of u schuldhulp van de gemeente krijgt. U hoort het van uw consulent.' };
    case 'besluit':
      return c.decision?.decision === 'toegelaten'
        ? { ...base, open: true, status: 'U krijgt schuldhulp', next: 'Uw consulent helpt u volgens het plan van aanpak.' }
        : { ...base, open: false, status: 'U krijgt geen schuldhulp van de gemeente', next: 'Uw consulent heeft u verteld waarom. Heeft u opnieuw hulp nodig? Dan kunt u het opnieuw vragen.' };
    case 'afgesloten':
      return { ...base, open: false, status: c.ended?.result === 'afgerond' ? 'De schuldhulp is afgerond' : 'De schuldhulp is gestopt', next: 'Heeft u opnieuw hulp nodig? Dan kunt u het opnieuw vragen.' };
  }
}
