// One finding (issue #13 §3): its source and facts, the assessment (fout / onzekerheid / geen bevinding
// with reason, amount and owner) and the follow-up actions. The resident it names is logged by the server.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { FindingDetail, FindingOwnerOptions } from '../../api/types';
import { Alert, Button, DataList, Heading, Overdue, Paragraph, SelectField, TableScroll, TextArea, TextField } from '../../components/ui';
import { formatDate, formatDateTime, formatMoney, parseMoney } from '../../format';
import { hasPermission, useMe } from '../../session';
import { ActionChangeForm, ActionChanges } from './ControlFindingActionChange';
import { ActionDoneForm } from './ControlFindingActionDone';
import { assessmentLabel, findingCode, processLabel, sourceLabel } from './findingLabels';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';

function factText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function ControlFindingPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const finding = useQuery({ queryKey: ['control-finding', id], queryFn: () => api<FindingDetail>(`/api/control/findings/${id}`) });
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['control-finding', id] });
    await client.invalidateQueries({ queryKey: ['control-findings'] });
    await client.invalidateQueries({ queryKey: ['my-findings'] });
  };
  const f = finding.data;
  const owners = useOwners(f?.canWrite === true);
  return (
    <div className="koers-stack">
      <Paragraph>
        {hasPermission(me.data, 'controls:read') ? (
          <Link to="/control/bevindingen" className="utrecht-link">
            Alle bevindingen
          </Link>
        ) : (
          <Link to="/control/mijn-bevindingen" className="utrecht-link">
            Mijn bevindingen
          </Link>
        )}
      </Paragraph>
      {finding.isError && <Alert type="error">{finding.error.message}</Alert>}
      {f && (
        <>
          <Heading level={1}>
            Bevinding {findingCode(f.number)}: {f.title}
          </Heading>
          <DataList
            items={[
              ['Bron', f.runId ? <Link to={`/control/runs/${f.runId}`} className="utrecht-link">{sourceLabel[f.source]}</Link> : sourceLabel[f.source]],
              ['Proces en boekjaar', `${processLabel[f.process]} ${f.year}`],
              ['Controle', f.controlId],
              ['Beoordeling', f.assessment ? assessmentLabel[f.assessment] : 'Nog niet beoordeeld'],
              ['Reden', f.reason ?? '—'],
              ['Bedrag', formatMoney(f.amountCents)],
              ['Eigenaar', f.owner?.name ?? 'nog geen'],
              ['Vastgelegd', `${formatDateTime(f.createdAt)} door ${f.createdBy}`],
              ['Beoordeeld', f.assessedAt ? `${formatDateTime(f.assessedAt)} door ${f.assessedBy ?? ''}` : 'nog niet'],
              ...(f.residentId ? [['Inwoner', <Link to={`/inwoners/${f.residentId}`} className="utrecht-link">Dossier van de inwoner</Link>] as [string, ReactNode]] : []),
            ]}
          />
          {f.facts && Object.keys(f.facts).length > 0 && (
            <>
              <Heading level={2}>Feiten</Heading>
              <dl className="koers-data-list">
                {Object.entries(f.facts).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k.replaceAll('_', ' ')}</dt>
                    <dd>{factText(v)}</dd>
                  </div>
                ))}
              </dl>
            </>
          )}
          {f.canWrite && <AssessmentForm finding={f} onSaved={refresh} />}
          <Heading level={2}>Opvolging</Heading>
          {f.actions.length === 0 ? (
            <Paragraph>Nog geen opvolgacties.</Paragraph>
          ) : (
            <TableScroll label="Opvolgacties">
              <table className="utrecht-table utrecht-table--html-table">
                <caption>Opvolgacties van {findingCode(f.number)}</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    {['Actie', 'Eigenaar', 'Uiterlijk', 'Status', ''].map((h, i) => (
                      <th key={i} className={th} scope="col">
                        {h || <span className="koers-visually-hidden">Afronden of wijzigen</span>}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {f.actions.map((a) => (
                    <tr key={a.id} className="utrecht-table__row">
                      <td className={td}>{a.description}</td>
                      <td className={td}>{a.owner.name}</td>
                      <td className={td}>
                        <Overdue overdue={a.overdue}>
                          {formatDate(a.dueDate)}
                          {a.overdue ? ' (te laat)' : ''}
                        </Overdue>
                        <ActionChanges changes={a.changes} />
                      </td>
                      <td className={td}>{a.status === 'afgerond' ? `Afgerond ${formatDateTime(a.doneAt)} door ${a.doneBy ?? ''}: ${a.result ?? ''}` : 'Open'}</td>
                      <td className={td}>
                        {a.status === 'open' && (f.canWrite || a.mine) && <ActionDoneForm action={a} onDone={refresh} />}
                        {a.status === 'open' && f.canWrite && owners.data && <ActionChangeForm action={a} owners={owners.data} onSaved={refresh} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
          {f.canWrite && <NewActionForm findingId={f.id} onSaved={refresh} />}
        </>
      )}
    </div>
  );
}

/** The possible owners (only for a user who may write: the list needs controls:write). */
function useOwners(enabled = true) {
  return useQuery({ queryKey: ['control-finding-owners'], queryFn: () => api<FindingOwnerOptions>('/api/control/findings/owners'), enabled });
}

function AssessmentForm({ finding, onSaved }: { finding: FindingDetail; onSaved: () => Promise<void> }) {
  const owners = useOwners();
  const [assessment, setAssessment] = useState<string>(finding.assessment ?? '');
  const [reason, setReason] = useState(finding.reason ?? '');
  const [amount, setAmount] = useState(String(finding.amountCents / 100).replace('.', ','));
  const [ownerId, setOwnerId] = useState(finding.owner?.id ?? '');
  const [amountError, setAmountError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api<FindingDetail>(`/api/control/findings/${finding.id}/assessment`, { method: 'PUT', body }),
    onSuccess: onSaved,
  });
  const fields = save.error instanceof ApiError ? save.error.fields : [];
  const errorOf = (field: string) => fields.find((x) => x.field === field)?.message;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = parseMoney(amount);
    if (cents === null && assessment !== 'geen-bevinding') {
      setAmountError('Vul een bedrag in euro in, bijvoorbeeld 1.250,00.');
      return;
    }
    setAmountError(undefined);
    save.mutate({ assessment: assessment || undefined, reason, ...(cents !== null ? { amountCents: cents } : {}), ...(ownerId ? { ownerId } : {}) });
  };
  return (
    <form onSubmit={submit} className="koers-stack" noValidate aria-labelledby="beoordelen-kop">
      <Heading level={2} id="beoordelen-kop">
        Beoordelen
      </Heading>
      {save.isError && fields.length === 0 && <Alert type="error">{save.error.message}</Alert>}
      {save.isSuccess && <Alert type="ok">De beoordeling is opgeslagen.</Alert>}
      <SelectField label="Beoordeling" value={assessment} onChange={setAssessment} error={errorOf('assessment')} options={[{ value: '', label: 'Kies een beoordeling' }, ...Object.entries(assessmentLabel).map(([value, label]) => ({ value, label }))]} />
      <TextArea label="Reden van de beoordeling" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} error={errorOf('reason')} />
      <TextField label="Bedrag in euro" description="Bij geen bevinding is het bedrag 0." inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={amountError ?? errorOf('amountCents')} />
      <SelectField label="Eigenaar" value={ownerId} onChange={setOwnerId} error={errorOf('ownerId')} options={[{ value: '', label: 'Nog geen eigenaar' }, ...(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))]} />
      <div>
        <Button type="submit" busy={save.isPending}>
          Beoordeling opslaan
        </Button>
      </div>
    </form>
  );
}

function NewActionForm({ findingId, onSaved }: { findingId: string; onSaved: () => Promise<void> }) {
  const owners = useOwners();
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const add = useMutation({
    mutationFn: () => api(`/api/control/findings/${findingId}/actions`, { method: 'POST', body: { description, ownerId: ownerId || undefined, dueDate } }),
    onSuccess: async () => {
      setDescription('');
      setDueDate('');
      await onSaved();
    },
  });
  const fields = add.error instanceof ApiError ? add.error.fields : [];
  const errorOf = (field: string) => fields.find((x) => x.field === field)?.message;
  return (
    <form
      className="koers-stack"
      noValidate
      aria-labelledby="actie-kop"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate();
      }}
    >
      <Heading level={3} id="actie-kop">
        Opvolgactie toevoegen
      </Heading>
      {add.isError && fields.length === 0 && <Alert type="error">{add.error.message}</Alert>}
      <TextArea label="Actie" value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} error={errorOf('description')} />
      <SelectField label="Eigenaar van de actie" value={ownerId} onChange={setOwnerId} error={errorOf('ownerId')} options={[{ value: '', label: 'Kies een eigenaar' }, ...(owners.data ?? []).map((o) => ({ value: o.id, label: o.name }))]} />
      <TextField label="Uiterlijk" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} error={errorOf('dueDate')} />
      <div>
        <Button type="submit" busy={add.isPending}>
          Actie toevoegen
        </Button>
      </div>
    </form>
  );
}
