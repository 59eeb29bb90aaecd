// The API's view of a Participatiewet application and a resident's Pw file (pw.application.schema.ts).

export interface RekenbladLine {
  code: string;
  label: string;
  cents: number;
  article: string;
}

export interface PwApplication {
  caseId: string;
  reference: string;
  residentId: string;
  caseStatus: string;
  reportedOn: string;
  appliedOn: string | null;
  searchPeriodEndsOn: string | null;
  earliestApplicationOn: string;
  decisionDueOn: string | null;
  decisionTermStatus: string | null;
  advanceDueOn: string | null;
  calculationInput: Record<string, unknown> | null;
  rekenblad: {
    lines: RekenbladLine[];
    outcome: string;
    reasons: string[];
    notes: string[];
    normInclVtCents: number;
    offsetIncomeCents: number;
    monthlyPaymentCents: number;
    normPeriodId: string;
    tableVersion: string;
    peildatum: string;
  } | null;
  advance: { cents: number; paidOn: string } | null;
  decision: {
    status: 'open' | 'voorgesteld' | 'toegekend' | 'afgewezen';
    outcome: 'toekenning' | 'afwijzing' | null;
    grantFrom: string | null;
    refusalReason: string | null;
    iban: string | null;
    accountHolder: string | null;
    requiresApproval: boolean | null;
    proposedBy: string | null;
    decidedBy: string | null;
    benefitId: string | null;
    advanceClaimId: string | null;
  };
}

export interface PwBenefit {
  id: string;
  reference: string;
  norm: string;
  monthlyCents: number;
  startDate: string;
  endDate: string | null;
  nextReexaminationOn: string;
  caseId: string | null;
  iban: string | null;
  accountHolder: string | null;
  basis: { validFrom: string; normInclVtCents: number; fixedOffsetCents: number; vtBasisPoints: number; reason: string } | null;
}

export interface PwFile {
  applications: PwApplication[];
  benefits: PwBenefit[];
}

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
