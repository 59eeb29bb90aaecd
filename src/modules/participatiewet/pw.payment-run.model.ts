// THE PAYMENT MODEL of the Participatiewet (PW-CONTRACT.md, docs/participatiewet-payments.md) as a pure
// function over plain data: the reference the set-based SQL of the payment run (pw.payment-run.repository.ts)
// is tested against. The run itself never uses this; it computes the same in one statement per step.
//
// For the month P, per benefit that ran in P (start before the end of P, not ended before P):
// - basis: the row with the latest valid_from <= P, newest recorded; none → blocked;
// - bijstand = max(0, norm incl. VT − fixed offset − offset of the statement for P (0 when none yet));
//   vt_reserve = round half up(bijstand × basis points / 10,000); net = bijstand − vt_reserve;
// - instalments = min(Σ per established claim with balance > 0 of min(monthly instalment, balance), net),
//   allocated to the claims oldest established first; a claim belongs to the benefit it names, or,
//   naming none, to its resident's running benefit with the lowest id;
// - blocked: no basis; no account; or no income statement for any of the last N months (P and the N − 1
//   before it) while the benefit ran in all of them;
// - already a regular payment for P: only a positive correction (bijstand and reserve minus what the
//   payments for P had; a payment from before runs counts as all bijstand), without instalments;
// - vakantietoeslag in the run for the configured month, and in the month the benefit ends: everything
//   reserved (paid payments plus this run's line) minus what was paid out as vakantietoeslag before;
//   once per benefit per month; blocked with the benefit's line.

export interface ModelBenefit { id: string; residentId: string; startDate: string; endDate: string | null; iban: string | null }
export interface ModelBasis { benefitId: string; validFrom: string; recordedAt: number; id: string; normInclVt: number; fixedOffset: number; vtBasisPoints: number }
export interface ModelStatement { benefitId: string; period: string; offset: number }
/** `inRun: false`: a payment from before runs, which states only its amount (all of it bijstand, nothing reserved). */
export interface ModelPayment { benefitId: string; period: string; kind: 'regulier' | 'correctie' | 'vakantietoeslag'; inRun: boolean; cents: number; bijstand: number; vtReserve: number }
export interface ModelClaim { id: string; residentId: string; benefitId: string | null; status: 'concept' | 'vastgesteld' | 'ingetrokken'; instalment: number; balance: number; establishedAt: number }
export interface ModelInput {
  period: string;
  blockMonths: number;
  vtMonth: number;
  benefits: ModelBenefit[];
  bases: ModelBasis[];
  statements: ModelStatement[];
  payments: ModelPayment[];
  claims: ModelClaim[];
}
export interface ModelLine {
  benefitId: string;
  kind: 'regulier' | 'correctie' | 'vakantietoeslag';
  status: 'betalen' | 'geblokkeerd';
  blockReason: string | null;
  bijstand: number;
  offset: number;
  vtReserve: number;
  instalments: number;
  cents: number;
}
export interface ModelOffset { claimId: string; benefitId: string; cents: number }

/** 'yyyy-mm-01' plus n months. */
export function addMonthsToPeriod(period: string, n: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-01`;
}

export const BLOCK_REASONS = {
  basis: 'Geen rekenbasis voor deze maand',
  account: 'Geen rekeningnummer (IBAN) bekend',
  statements: (n: number) => `Geen inkomstenopgave over de laatste ${n} ${n === 1 ? 'maand' : 'maanden'}`,
} as const;

/** round half up of a non-negative a / b for integers. */
const roundHalfUp = (a: number, b: number): number => Math.floor((2 * a + b) / (2 * b));

export function computeRunModel(input: ModelInput): { lines: ModelLine[]; offsets: ModelOffset[] } {
  const { period: P, blockMonths: N } = input;
  const next = addMonthsToPeriod(P, 1);
  const windowStart = addMonthsToPeriod(P, -(N - 1));
  const lines: ModelLine[] = [];
  const offsets: ModelOffset[] = [];
  const running = input.benefits.filter((b) => b.startDate < next && (b.endDate === null || b.endDate >= P));
  // A claim naming no benefit is offset from the resident's running benefit with the lowest id.
  const claimHolder = new Map<string, string>();
  for (const b of running) if (!claimHolder.has(b.residentId) || b.id < claimHolder.get(b.residentId)!) claimHolder.set(b.residentId, b.id);
  const paidBijstand = (p: ModelPayment) => (p.inRun ? p.bijstand : p.cents);
  const paidReserve = (p: ModelPayment) => (p.inRun ? p.vtReserve : 0);
  for (const b of [...running].sort((x, y) => (x.id < y.id ? -1 : 1))) {
    const basis = input.bases
      .filter((x) => x.benefitId === b.id && x.validFrom <= P)
      .sort((x, y) => (x.validFrom !== y.validFrom ? (x.validFrom < y.validFrom ? 1 : -1) : x.recordedAt !== y.recordedAt ? y.recordedAt - x.recordedAt : x.id < y.id ? 1 : -1))[0];
    const statement = input.statements.find((s) => s.benefitId === b.id && s.period === P);
    const anyRecent = input.statements.some((s) => s.benefitId === b.id && s.period >= windowStart && s.period <= P);
    const ranWholeWindow = b.startDate < addMonthsToPeriod(windowStart, 1);
    const blockReason = !basis ? BLOCK_REASONS.basis : b.iban === null ? BLOCK_REASONS.account : !anyRecent && ranWholeWindow ? BLOCK_REASONS.statements(N) : null;
    const offset = statement?.offset ?? 0;
    const bijstand = basis ? Math.max(0, basis.normInclVt - basis.fixedOffset - offset) : 0;
    const vtReserve = basis ? roundHalfUp(bijstand * basis.vtBasisPoints, 10_000) : 0;
    const net = bijstand - vtReserve;
    const paidForP = input.payments.filter((p) => p.benefitId === b.id && p.period === P && p.kind !== 'vakantietoeslag');
    const status = blockReason ? 'geblokkeerd' : 'betalen';
    let lineReserve = 0;
    if (!paidForP.some((p) => p.kind === 'regulier')) {
      const claims = input.claims
        .filter((c) => c.status === 'vastgesteld' && c.instalment > 0 && c.balance > 0 && (c.benefitId === b.id || (c.benefitId === null && claimHolder.get(c.residentId) === b.id)))
        .sort((x, y) => x.establishedAt - y.establishedAt || (x.id < y.id ? -1 : 1));
      const capSum = claims.reduce((s, c) => s + Math.min(c.instalment, c.balance), 0);
      const instalments = Math.min(capSum, net);
      lines.push({ benefitId: b.id, kind: 'regulier', status, blockReason, bijstand, offset, vtReserve, instalments, cents: net - instalments });
      if (status === 'betalen') lineReserve = vtReserve;
      let before = 0;
      for (const c of claims) {
        const cap = Math.min(c.instalment, c.balance);
        const cents = Math.min(cap, Math.max(0, instalments - before));
        before += cap;
        if (cents > 0 && status === 'betalen') offsets.push({ claimId: c.id, benefitId: b.id, cents });
      }
    } else {
      const dBijstand = bijstand - paidForP.reduce((s, p) => s + paidBijstand(p), 0);
      const dReserve = vtReserve - paidForP.reduce((s, p) => s + paidReserve(p), 0);
      if (dBijstand > 0 && dReserve >= 0 && dBijstand - dReserve > 0) {
        lines.push({ benefitId: b.id, kind: 'correctie', status, blockReason, bijstand: dBijstand, offset, vtReserve: dReserve, instalments: 0, cents: dBijstand - dReserve });
        if (status === 'betalen') lineReserve = dReserve;
      }
    }
    const vtDue = Number(P.slice(5, 7)) === input.vtMonth || (b.endDate !== null && b.endDate < next);
    const vtPaidForP = input.payments.some((p) => p.benefitId === b.id && p.period === P && p.kind === 'vakantietoeslag');
    if (vtDue && !vtPaidForP) {
      const reserved = input.payments.filter((p) => p.benefitId === b.id && p.kind !== 'vakantietoeslag').reduce((s, p) => s + paidReserve(p), 0);
      const paidOut = input.payments.filter((p) => p.benefitId === b.id && p.kind === 'vakantietoeslag').reduce((s, p) => s + p.cents, 0);
      const amount = reserved + lineReserve - paidOut;
      if (amount > 0) lines.push({ benefitId: b.id, kind: 'vakantietoeslag', status, blockReason, bijstand: 0, offset: 0, vtReserve: 0, instalments: 0, cents: amount });
    }
  }
  return { lines, offsets };
}
