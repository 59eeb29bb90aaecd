import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import type { ApprovalQueue, Callback, CaseSummary, Me, TeamCaseload, Worklist } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TextArea, formatDate } from '../../components/ui';
import { hasPermission } from '../../session';
import { NotificationsSection } from '../NotificationsSection';
import { deadlineText, statusLabels } from '../cases/caseTypes';
import { statusLabels as signalStatusLabels } from '../signals/signalTypes';
import { euro } from '../decisions/decisionTypes';
import { formatDateTime } from '../../format';
import type { MyFindings } from '../../api/types';
import { FindingActionsTable } from '../control/FindingActionsTable';

const channelLabels: Record<Callback['channel'], string> = { telefoon: 'telefoon', balie: 'balie', 'e-mail': 'e-mail', web: 'web' };
const days = (n: number) => (n === 0 ? 'vandaag' : n === 1 ? '1 dag' : `${n} dagen`);
const SHOWN = 10;

/** Every query and mutation of this page shares this key prefix, so one invalidation refreshes the page and the counts in the menu. */
export const myWorkKey = ['my-work'] as const;

function Table({ caption, headers, children }: { caption: string; headers: string[]; children: ReactNode }) {
  return (
    <div className="koers-scroll" tabIndex={0} role="region" aria-label={`${caption}, horizontaal scrollbaar`}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="utrecht-table__caption koers-visually-hidden">{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {headers.map((h) => (
              <th key={h} className="utrecht-table__header-cell" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">{children}</tbody>
      </table>
    </div>
  );
}

const Cell = ({ children }: { children: ReactNode }) => <td className="utrecht-table__cell">{children}</td>;

function Section({ id, title, count, children }: { id: string; title: string; count?: number | undefined; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="koers-stack">
      <Heading level={2} id={id}>
        {title}
        {count !== undefined && <> ({count})</>}
      </Heading>
      {children}
    </section>
  );
}

function CompleteCallbackForm({ callback, onClose }: { callback: Callback; onClose: () => void }) {
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const done = useMutation({
    mutationFn: () => api(`/api/callbacks/${callback.id}/done`, { method: 'POST', body: { note } }),
    onSuccess: async () => {
      onClose();
      await client.invalidateQueries({ queryKey: myWorkKey });
    },
  });
  return (
    <form
      className="koers-stack"
      aria-labelledby="afhandelen-kop"
      onSubmit={(e) => {
        e.preventDefault();
        done.mutate();
      }}
    >
      <Heading level={3} id="afhandelen-kop">
        Terugbelverzoek afhandelen: {callback.subject}
        {callback.residentName ? ` (${callback.residentName})` : ''}
      </Heading>
      {done.isError && <Alert type="error">{done.error.message}</Alert>}
      <TextArea label="Notitie bij het terugbellen (niet verplicht)" value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={2000} />
      <div className="koers-search">
        <Button type="submit" busy={done.isPending}>
          Opslaan als afgehandeld
        </Button>
        <Button appearance="secondary-action" onClick={onClose}>
          Annuleren
        </Button>
      </div>
    </form>
  );
}

function CallbacksSection() {
  const callbacks = useQuery({ queryKey: [...myWorkKey, 'callbacks'], queryFn: () => api<Callback[]>('/api/callbacks/mine') });
  const [completing, setCompleting] = useState<string | null>(null);
  const current = callbacks.data?.find((c) => c.id === completing);
  return (
    <Section id="terugbelverzoeken" title="Terugbelverzoeken" count={callbacks.data?.length}>
      <Paragraph>Doorgezette klantcontacten van het KCC voor u of uw team, het eerst te bellen bovenaan.</Paragraph>
      {callbacks.isError && <Alert type="error">{callbacks.error.message}</Alert>}
      {callbacks.data?.length === 0 && <Paragraph>Er wachten geen terugbelverzoeken.</Paragraph>}
      {callbacks.data && callbacks.data.length > 0 && (
        <Table caption="Open terugbelverzoeken, het eerst te bellen bovenaan" headers={['Terugbellen uiterlijk', 'Inwoner', 'Onderwerp', 'Notitie van het KCC', 'Vastgelegd door', 'Actie']}>
          {callbacks.data.map((c) => (
            <tr key={c.id} className="utrecht-table__row">
              <Cell>
                {formatDateTime(c.dueAt)}
                {c.overdue && (
                  <>
                    {' '}
                    <strong className="koers-overdue">te laat</strong>
                  </>
                )}
              </Cell>
              <Cell>
                {c.residentId ? (
                  <Link to={`/inwoners/${c.residentId}`} className="utrecht-link">
                    {c.residentName ?? 'Inwoner'}
                  </Link>
                ) : (
                  '—'
                )}
              </Cell>
              <Cell>
                {c.subject} <span className="koers-muted">({channelLabels[c.channel]}{c.team ? `, voor ${c.team}` : ''})</span>
              </Cell>
              <Cell>{c.note || '—'}</Cell>
              <Cell>
                {c.registeredBy}, {formatDateTime(c.registeredAt)}
              </Cell>
              <Cell>
                <Button appearance="secondary-action" aria-label={`Terugbelverzoek ${c.subject} afhandelen`} onClick={() => setCompleting(c.id)}>
                  Afhandelen
                </Button>
              </Cell>
            </tr>
          ))}
        </Table>
      )}
      {current && <CompleteCallbackForm key={current.id} callback={current} onClose={() => setCompleting(null)} />}
    </Section>
  );
}

function ApproveButton({ url, label, own }: { url: string; label: string; own: boolean }) {
  const client = useQueryClient();
  const approve = useMutation({
    mutationFn: () => api(url, { method: 'POST' }),
    onSuccess: async () => client.invalidateQueries({ queryKey: myWorkKey }),
  });
  if (own) return <span>Door u ingediend: een andere teamleider keurt goed</span>;
  return (
    <>
      <Button busy={approve.isPending} aria-label={label} onClick={() => approve.mutate()}>
        Goedkeuren
      </Button>
      {approve.isError && <Alert type="error">{approve.error.message}</Alert>}
    </>
  );
}

function ApprovalsSection() {
  const queue = useQuery({ queryKey: [...myWorkKey, 'approvals'], queryFn: () => api<ApprovalQueue>('/api/approvals') });
  const total = queue.data ? queue.data.decisions.length + queue.data.allocationChanges.length : undefined;
  return (
    <Section id="goedkeuren" title="Goedkeuren (vier ogen)" count={total}>
      <Paragraph>Beschikkingen boven de drempel en verhogingen van toewijzingen wachten op een tweede paar ogen; de oudste staat bovenaan.</Paragraph>
      {queue.isError && <Alert type="error">{queue.error.message}</Alert>}
      {total === 0 && <Paragraph>Er wacht niets op goedkeuring.</Paragraph>}
      {queue.data && queue.data.decisions.length > 0 && (
        <>
          <Heading level={3}>Beschikkingen</Heading>
          <Table caption="Beschikkingen die op goedkeuring wachten" headers={['Zaak', 'Inwoner', 'Producten', 'Verwachte kosten per jaar', 'Opgesteld door', 'Wacht', 'Actie']}>
            {queue.data.decisions.map((d) => (
              <tr key={d.id} className="utrecht-table__row">
                <Cell>
                  <Link to={`/zaken/${d.caseId}`} className="utrecht-link">
                    {d.caseReference}
                  </Link>
                </Cell>
                <Cell>
                  <Link to={`/inwoners/${d.resident.id}`} className="utrecht-link">
                    {d.resident.fullName}
                  </Link>
                </Cell>
                <Cell>
                  {d.products.join(', ') || '—'} ({d.deliveryForm === 'pgb' ? 'pgb' : 'zorg in natura'})
                </Cell>
                <Cell>{euro(d.expectedAnnualCents)}</Cell>
                <Cell>{d.createdBy}</Cell>
                <Cell>{days(d.ageDays)}</Cell>
                <Cell>
                  <ApproveButton url={`/api/decisions/${d.id}/approve`} label={`Beschikking ${d.caseReference} goedkeuren`} own={d.ownRequest} />
                </Cell>
              </tr>
            ))}
          </Table>
        </>
      )}
      {queue.data && queue.data.allocationChanges.length > 0 && (
        <>
          <Heading level={3}>Wijzigingen van toewijzingen</Heading>
          <Table caption="Wijzigingen van toewijzingen die op goedkeuring wachten" headers={['Inwoner', 'Product', 'Gaat in op', 'Reden', 'Jaarkosten na wijziging', 'Stijging per jaar', 'Aangevraagd door', 'Wacht', 'Actie']}>
            {queue.data.allocationChanges.map((c) => (
              <tr key={c.id} className="utrecht-table__row">
                <Cell>
                  <Link to={`/inwoners/${c.resident.id}`} className="utrecht-link">
                    {c.resident.fullName}
                  </Link>
                </Cell>
                <Cell>{c.product}</Cell>
                <Cell>{formatDate(c.effectiveFrom)}</Cell>
                <Cell>{c.reason}</Cell>
                <Cell>{euro(c.expectedAnnualCents)}</Cell>
                <Cell>{euro(c.increaseCents)}</Cell>
                <Cell>{c.requestedBy}</Cell>
                <Cell>{days(c.ageDays)}</Cell>
                <Cell>
                  <ApproveButton url={`/api/allocations/${c.allocationId}/changes/${c.id}/approve`} label={`Wijziging ${c.product} voor ${c.resident.fullName} goedkeuren`} own={c.ownRequest} />
                </Cell>
              </tr>
            ))}
          </Table>
        </>
      )}
    </Section>
  );
}

function CasesSection() {
  const cases = useQuery({ queryKey: [...myWorkKey, 'cases'], queryFn: () => api<CaseSummary[]>('/api/cases/mine') });
  return (
    <Section id="mijn-zaken" title="Mijn zaken" count={cases.data?.length}>
      {cases.isError && <Alert type="error">{cases.error.message}</Alert>}
      {cases.data?.length === 0 && <Paragraph>U heeft geen open zaken.</Paragraph>}
      {cases.data && cases.data.length > 0 && (
        <>
          <Table caption="Mijn open zaken, de eerstvolgende wettelijke termijn bovenaan" headers={['Termijn', 'Zaak', 'Inwoner', 'Zaaktype', 'Status']}>
            {cases.data.slice(0, SHOWN).map((c) => (
              <tr key={c.id} className="utrecht-table__row">
                <Cell>{c.deadlines.current?.result.status === 'overdue' ? <strong className="koers-overdue">{deadlineText(c)}</strong> : deadlineText(c)}</Cell>
                <Cell>
                  <Link to={`/zaken/${c.id}`} className="utrecht-link">
                    {c.reference}
                  </Link>
                </Cell>
                <Cell>
                  <Link to={`/inwoners/${c.resident.id}`} className="utrecht-link">
                    {c.resident.fullName}
                  </Link>
                </Cell>
                <Cell>{c.caseType.name}</Cell>
                <Cell>{statusLabels[c.status]}</Cell>
              </tr>
            ))}
          </Table>
          {cases.data.length > SHOWN && (
            <Paragraph>
              <Link to="/zaken" className="utrecht-link">
                Alle {cases.data.length} open zaken
              </Link>
            </Paragraph>
          )}
        </>
      )}
    </Section>
  );
}

function SignalsSection() {
  const signals = useQuery({ queryKey: [...myWorkKey, 'signals'], queryFn: () => api<Worklist>(`/api/signals?scope=mine&limit=${SHOWN}`) });
  return (
    <Section id="mijn-signalen" title="Mijn signalen" count={signals.data?.total}>
      {signals.isError && <Alert type="error">{signals.error.message}</Alert>}
      {signals.data?.total === 0 && <Paragraph>U heeft geen open signalen.</Paragraph>}
      {signals.data && signals.data.items.length > 0 && (
        <>
          <Table caption="Mijn open signalen" headers={['Uiterlijk oppakken', 'Signaal', 'Inwoner', 'Status']}>
            {signals.data.items.map((s) => (
              <tr key={s.id} className="utrecht-table__row">
                <Cell>
                  {formatDate(s.dueOn)}
                  {s.overdue && (
                    <>
                      {' '}
                      <strong className="koers-overdue">te laat</strong>
                    </>
                  )}
                </Cell>
                <Cell>
                  <Link to={`/signalen/${s.id}`} className="utrecht-link">
                    {s.rule.title}
                  </Link>
                </Cell>
                <Cell>{s.resident?.name ?? '—'}</Cell>
                <Cell>{signalStatusLabels[s.status]}</Cell>
              </tr>
            ))}
          </Table>
          {signals.data.total > signals.data.items.length && (
            <Paragraph>
              <Link to="/signalen" className="utrecht-link">
                Alle {signals.data.total} signalen in de werklijst
              </Link>
            </Paragraph>
          )}
        </>
      )}
    </Section>
  );
}

/** "Opvolging controlbevindingen": the open follow-up actions of control findings this employee owns. */
function FindingActionsSection() {
  const client = useQueryClient();
  const mine = useQuery({ queryKey: [...myWorkKey, 'finding-actions'], queryFn: () => api<MyFindings>('/api/control/findings/mine') });
  const open = mine.data?.actions.filter((a) => a.status === 'open') ?? [];
  return (
    <Section id="controlbevindingen" title="Opvolging controlbevindingen" count={mine.data ? open.length : undefined}>
      {mine.isError && <Alert type="error">{mine.error.message}</Alert>}
      {mine.data && open.length === 0 && <Paragraph>Er staan geen acties uit de interne controle voor u open.</Paragraph>}
      {open.length > 0 && <FindingActionsTable caption="Open acties uit controlbevindingen, de eerste einddatum bovenaan" actions={open} onDone={() => client.invalidateQueries({ queryKey: myWorkKey })} />}
    </Section>
  );
}

function TeamCaseloadSection() {
  const load = useQuery({ queryKey: [...myWorkKey, 'team-caseload'], queryFn: () => api<TeamCaseload>('/api/my-work/team-caseload') });
  return (
    <Section id="caseload" title="Caseload van het team">
      <Paragraph>Open zaken per medewerker van uw teams; zaken over de wettelijke termijn vragen eerst aandacht.</Paragraph>
      {load.isError && <Alert type="error">{load.error.message}</Alert>}
      {load.data?.length === 0 && <Paragraph>Uw teams hebben geen andere medewerkers.</Paragraph>}
      {load.data?.map((team) => (
        <section key={team.teamId} aria-labelledby={`team-${team.teamId}`} className="koers-stack">
          <Heading level={3} id={`team-${team.teamId}`}>
            {team.team}
          </Heading>
          <Table caption={`Caseload van ${team.team} per medewerker`} headers={['Medewerker', 'Open zaken', 'Over de termijn', 'Termijn binnen 5 werkdagen']}>
            {team.members.map((m) => (
              <tr key={m.userId} className="utrecht-table__row">
                <th scope="row" className="utrecht-table__header-cell">
                  {m.displayName}
                </th>
                <Cell>{m.open}</Cell>
                <Cell>{m.overdue > 0 ? <strong className="koers-overdue">{m.overdue}</strong> : m.overdue}</Cell>
                <Cell>{m.dueSoon}</Cell>
              </tr>
            ))}
          </Table>
        </section>
      ))}
    </Section>
  );
}

/** The start page of casework: what waits for this employee's action, the most urgent first. */
export function MyWorkPage({ me }: { me: Me }) {
  const lead = hasPermission(me, 'decisions:approve');
  return (
    <div className="koers-stack">
      <Heading level={1}>Mijn werk</Heading>
      <Paragraph lead>Welkom, {me.displayName}. Hier staat wat op u wacht, het dringendste bovenaan.</Paragraph>
      <CallbacksSection />
      {lead && <ApprovalsSection />}
      <NotificationsSection />
      {hasPermission(me, 'cases:write') && <CasesSection />}
      {hasPermission(me, 'signals:read') && <SignalsSection />}
      {hasPermission(me, 'findings:own') && <FindingActionsSection />}
      {lead && <TeamCaseloadSection />}
    </div>
  );
}
