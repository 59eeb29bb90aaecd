// Dutch labels for the Participatiewet application pages; the API's shapes are in web/src/api/types.ts.

import type { PwApplication } from '../../api/types';

export const leefvormLabels: Record<string, string> = {
  alleenstaande: 'Alleenstaande',
  'alleenstaande-ouder': 'Alleenstaande ouder',
  gehuwden: 'Gehuwden of samenwonenden',
};

export const decisionStatusLabels: Record<PwApplication['decision']['status'], string> = {
  open: 'Nog niet besloten',
  voorgesteld: 'Voorgesteld, wacht op goedkeuring (vier ogen)',
  toegekend: 'Toegekend',
  afgewezen: 'Afgewezen',
};

export const incomeKindLabels: Record<string, string> = {
  arbeid: 'Inkomsten uit arbeid',
  uitkering: 'Uitkering',
  alimentatie: 'Alimentatie',
  verhuur: 'Verhuur of kostgangers',
  belastingteruggave: 'Teruggave belasting',
  heffingskorting: 'Heffingskorting',
  oudedagsvoorziening: 'Oudedagsvoorziening',
  kinderbijslag: 'Kinderbijslag',
  toeslag: 'Toeslag (zorg, huur, kindgebonden budget)',
  mantelzorgwaardering: 'Mantelzorgwaardering',
  overig: 'Overige middelen',
};
