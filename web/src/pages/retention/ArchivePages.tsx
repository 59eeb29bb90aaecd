// Archief (issue #13 part 5): the monthly destruction list (vernietigingslijst) with its items and their
// rule of the Selectielijst, the two approvals (archivist and the case types' owner, two different people),
// the destruction itself, and the holds (bewaarplicht) and requests for destruction that staff register.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { RetentionDestroyOutcome, RetentionHold, RetentionId, RetentionList, RetentionListSummary, RetentionRequest, RetentionRule } from '../../api/types';
import { Alert, Button, DataList, Heading, Paragraph, SelectField, TableScroll, TextArea, TextField } from '../../components/ui';
import { formatDate, formatDateTime, formatMonth, today } from '../../format';
import { hasPermission, useMe } from '../../session';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
const listStatus = { concept: 'Wacht op goedkeuring', goedgekeurd: 'Goedgekeurd, nog uit te voeren', uitgevoerd: 'Uitgevoerd' } as const;
const objectLabel = { zaak: 'Zaakdossier', uitkering: 'Uitkering levensonderhoud', aanvraag: 'Aanvraag bijstand', heronderzoek: 'Heronderzoek bijstand', vordering: 'Vordering bijstand', gesprek: 'Gesprek zonder zaak', schuldhulp: 'Schuldhulp (aanmelding en traject)' } as const;
const holdKinds = [
  { value: 'bezwaar', label: 'Bezwaar loopt' },
  { value: 'beroep', label: 'Beroep loopt' },
  { value: 'verzoek-betrokkene', label: 'Verzoek van betrokkene' },
  { value: 'overig', label: 'Andere reden' },
];
const term = (r: { termYears: number; termWeeks: number }) => (r.termYears > 0 ? `${r.termYears} jaar` : `${r.termWeeks} weken`);
const fieldError = (error: unknown, field: string) => (error instanceof ApiError ? error.fields?.find((f) => f.field === field)?.message : undefined);

function lastMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** /archief: the lists, a new list, the rules; holds and requests below. */
export function ArchivePage() {
  const me = useMe();
  const client = useQueryClient();
  const lists = useQuery({ queryKey: ['retention-lists'], queryFn: () => api<RetentionListSummary[]>('/api/retention/lists') });
  const rules = useQuery({ queryKey: ['retention-rules'], queryFn: () => api<RetentionRule[]>('/api/retention/rules') });
  const [month, setMonth] = useState(lastMonth());
  const create = useMutation({
    mutationFn: () => api<RetentionList>('/api/retention/lists', { method: 'POST', body: { month } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['retention-lists'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const monthError = fieldError(create.error, 'month');
  return (
    <div className="koers-stack">
      <Heading level={1}>Archief: vernietigingslijsten</Heading>
      <Paragraph>
        Elke afgesloten zaak, beëindigde uitkering, beslissing op een bijstandsaanvraag, heronderzoek, afgeloste vordering, elk gesprek zonder zaak en elke afgesloten aanmelding voor schuldhulp krijgt een bewaartermijn volgens de Selectielijst. Maandelijks komen de dossiers waarvan de termijn verstreken is op de vernietigingslijst, behalve
        die van inwoners met een bewaarplicht. De archivaris en de eigenaar van het zaaktype (de teamleider) keuren de lijst goed; daarna vernietigt de archivaris de persoonsgegevens, per dossier in één keer.
      </Paragraph>
      {hasPermission(me.data, 'retention:destroy') && (
        <form onSubmit={submit} className="koers-stack" noValidate>
          <Heading level={2}>Nieuwe vernietigingslijst</Heading>
          <TextField label="Maand (jjjj-mm)" name="month" value={month} onChange={(e) => setMonth(e.target.value)} error={monthError} />
          <div>
            <Button type="submit" busy={create.isPending}>
              Lijst opstellen
            </Button>
          </div>
          {create.isError && !monthError && <Alert type="error">{create.error.message}</Alert>}
          {create.data && (
            <Alert type="ok">
              De <Link to={`/archief/lijsten/${create.data.id}`}>vernietigingslijst van {formatMonth(create.data.month.slice(0, 7))}</Link> is opgesteld met {create.data.items.length} dossiers.
            </Alert>
          )}
        </form>
      )}
      {lists.isError && <Alert type="error">{lists.error.message}</Alert>}
      <TableScroll label="Vernietigingslijsten">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Vernietigingslijsten, nieuwste maand eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Maand</th>
              <th className={th} scope="col">Status</th>
              <th className={th} scope="col">Dossiers</th>
              <th className={th} scope="col">Vernietigd</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {(lists.data ?? []).map((l) => (
              <tr className="utrecht-table__row" key={l.id}>
                <td className={td}>
                  <Link to={`/archief/lijsten/${l.id}`}>{formatMonth(l.month.slice(0, 7))}</Link>
                </td>
                <td className={td}>{listStatus[l.status]}</td>
                <td className={td}>{l.items}</td>
                <td className={td}>{l.destroyed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Paragraph>
        <Link to="/archief/bewaarplicht">Bewaarplichten en verzoeken tot vernietiging</Link>
      </Paragraph>
      <Heading level={2}>Bewaartermijnen</Heading>
      <Alert type="warning">De termijnen komen uit een concept van de Selectielijst 2020 dat als testdata dient. Controleer ze tegen de vastgestelde lijst voordat Koers ermee vernietigt.</Alert>
      <TableScroll label="Bewaartermijnen">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Regels van de Selectielijst per wet en resultaat</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Nr.</th>
              <th className={th} scope="col">Wet</th>
              <th className={th} scope="col">Resultaat</th>
              <th className={th} scope="col">Object</th>
              <th className={th} scope="col">Termijn gaat in</th>
              <th className={th} scope="col">Bewaartermijn</th>
              <th className={th} scope="col">Op verzoek</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {(rules.data ?? []).map((r) => (
              <tr className="utrecht-table__row" key={r.code}>
                <td className={td}>{r.selectielijstNr}</td>
                <td className={td}>{r.law}</td>
                <td className={td}>{r.result}</td>
                <td className={td}>{r.object}</td>
                <td className={td}>{r.processTerm === 'nihil' ? 'bij afsluiten zaak' : 'na einde voorziening'}</td>
                <td className={td}>{term(r)}</td>
                <td className={td}>{r.destroyOnRequest ? 'binnen 3 maanden' : 'nee'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

/** /archief/lijsten/:id: one list with items, rule, approvals, approve buttons per role and destroy. */
export function ArchiveListPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['retention-list', id], queryFn: () => api<RetentionList>(`/api/retention/lists/${id}`) });
  const refresh = () => client.invalidateQueries({ queryKey: ['retention-list', id] }).then(() => client.invalidateQueries({ queryKey: ['retention-lists'] }));
  const approve = useMutation({ mutationFn: (capacity: 'archivaris' | 'eigenaar') => api<RetentionList>(`/api/retention/lists/${id}/approve`, { method: 'POST', body: { capacity } }), onSuccess: refresh });
  const destroy = useMutation({ mutationFn: () => api<RetentionDestroyOutcome>(`/api/retention/lists/${id}/destroy`, { method: 'POST' }), onSuccess: refresh });
  const l = list.data;
  const roles = me.data?.roles ?? [];
  const canApprove = hasPermission(me.data, 'retention:approve');
  return (
    <div className="koers-stack">
      <Paragraph>
        <Link to="/archief">Alle vernietigingslijsten</Link>
      </Paragraph>
      {list.isError && <Alert type="error">{list.error.message}</Alert>}
      {l && (
        <>
          <Heading level={1}>Vernietigingslijst {formatMonth(l.month.slice(0, 7))}</Heading>
          <DataList
            items={[
              ['Status', listStatus[l.status]],
              ['Goedkeuring archivaris', l.approvals.archivaris ? `${l.approvals.archivaris.name}, ${formatDateTime(l.approvals.archivaris.at)}` : 'nog niet'],
              ['Goedkeuring eigenaar zaaktype', l.approvals.eigenaar ? `${l.approvals.eigenaar.name}, ${formatDateTime(l.approvals.eigenaar.at)}` : 'nog niet'],
              ['Dossiers', String(l.items.length)],
            ]}
          />
          {l.status === 'concept' && canApprove && (
            <div className="koers-cluster">
              {roles.includes('archivist') && !l.approvals.archivaris && (
                <Button type="button" onClick={() => approve.mutate('archivaris')} busy={approve.isPending}>
                  Goedkeuren als archivaris
                </Button>
              )}
              {roles.includes('team_lead') && !l.approvals.eigenaar && (
                <Button type="button" onClick={() => approve.mutate('eigenaar')} busy={approve.isPending}>
                  Goedkeuren als eigenaar zaaktype
                </Button>
              )}
            </div>
          )}
          {approve.isError && <Alert type="error">{approve.error.message}</Alert>}
          {l.status !== 'uitgevoerd' && hasPermission(me.data, 'retention:destroy') && (
            <div className="koers-stack">
              {l.status === 'concept' && <Alert type="info">Vernietigen kan pas als de archivaris én de eigenaar van het zaaktype de lijst hebben goedgekeurd.</Alert>}
              <div>
                <Button type="button" appearance="secondary-action" onClick={() => destroy.mutate()} busy={destroy.isPending}>
                  Persoonsgegevens vernietigen
                </Button>
              </div>
            </div>
          )}
          {destroy.isError && <Alert type="error">{destroy.error.message}</Alert>}
          {destroy.data && (
            <Alert type={destroy.data.failed.length > 0 ? 'warning' : 'ok'}>
              {destroy.data.destroyed} dossiers vernietigd
              {destroy.data.skipped.length > 0 ? `, ${destroy.data.skipped.length} overgeslagen (bewaarplicht)` : ''}
              {destroy.data.failed.length > 0 ? `, ${destroy.data.failed.length} mislukt en ongewijzigd gebleven: voer de lijst opnieuw uit` : ''}.
            </Alert>
          )}
          <TableScroll label="Dossiers op de lijst">
            <table className="utrecht-table utrecht-table--html-table">
              <caption>Dossiers op de lijst met hun regel uit de Selectielijst (zonder namen)</caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className={th} scope="col">Dossier</th>
                  <th className={th} scope="col">Regel</th>
                  <th className={th} scope="col">Termijn liep vanaf</th>
                  <th className={th} scope="col">Vernietigen per</th>
                  <th className={th} scope="col">Grond</th>
                  <th className={th} scope="col">Status</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {l.items.map((i) => (
                  <tr className="utrecht-table__row" key={i.itemId}>
                    <td className={td}>
                      {objectLabel[i.objectType]} <span className="koers-muted">{i.objectId.slice(0, 8)}</span>
                    </td>
                    <td className={td}>
                      {i.rule.selectielijstNr} {i.rule.object} ({i.rule.result}, {term(i.rule)})
                    </td>
                    <td className={td}>{formatDate(i.clockStart)}</td>
                    <td className={td}>{formatDate(i.dueOn)}</td>
                    <td className={td}>{i.basis === 'verzoek' ? 'Verzoek van betrokkene' : 'Termijn verstreken'}</td>
                    <td className={td}>{i.status === 'vernietigd' ? 'Vernietigd' : 'Open'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </div>
  );
}

/** /archief/bewaarplicht: holds (bezwaar, beroep, verzoek van betrokkene, other) and requests for destruction. */
export function HoldsPage() {
  const me = useMe();
  const client = useQueryClient();
  const holds = useQuery({ queryKey: ['retention-holds'], queryFn: () => api<RetentionHold[]>('/api/retention/holds') });
  const requests = useQuery({ queryKey: ['retention-requests'], queryFn: () => api<RetentionRequest[]>('/api/retention/requests') });
  const [hold, setHold] = useState({ bsn: '', kind: 'bezwaar', reason: '' });
  const [request, setRequest] = useState({ bsn: '', receivedOn: today(), note: '' });
  const placeHold = useMutation({
    mutationFn: () => api<RetentionId>('/api/retention/holds', { method: 'POST', body: hold }),
    onSuccess: () => {
      setHold({ bsn: '', kind: 'bezwaar', reason: '' });
      return client.invalidateQueries({ queryKey: ['retention-holds'] });
    },
  });
  const lift = useMutation({ mutationFn: (holdId: string) => api<RetentionId>(`/api/retention/holds/${holdId}/lift`, { method: 'POST' }), onSuccess: () => client.invalidateQueries({ queryKey: ['retention-holds'] }) });
  const register = useMutation({
    mutationFn: () => api<RetentionId>('/api/retention/requests', { method: 'POST', body: request }),
    onSuccess: () => {
      setRequest({ bsn: '', receivedOn: today(), note: '' });
      return client.invalidateQueries({ queryKey: ['retention-requests'] });
    },
  });
  const canWrite = hasPermission(me.data, 'retention:approve');
  const submitHold = (event: FormEvent) => {
    event.preventDefault();
    placeHold.mutate();
  };
  const submitRequest = (event: FormEvent) => {
    event.preventDefault();
    register.mutate();
  };
  return (
    <div className="koers-stack">
      <Paragraph>
        <Link to="/archief">Vernietigingslijsten</Link>
      </Paragraph>
      <Heading level={1}>Bewaarplichten en verzoeken tot vernietiging</Heading>
      <Paragraph>
        Koers registreert bezwaar en beroep niet zelf: leg een lopend bezwaar of beroep hier vast als bewaarplicht. Zolang een bewaarplicht loopt, komen de dossiers van de inwoner niet op de
        vernietigingslijst.
      </Paragraph>
      {canWrite && (
        <form onSubmit={submitHold} className="koers-stack" noValidate>
          <Heading level={2}>Bewaarplicht vastleggen</Heading>
          <TextField label="BSN van de inwoner" name="hold-bsn" inputMode="numeric" value={hold.bsn} onChange={(e) => setHold({ ...hold, bsn: e.target.value })} error={fieldError(placeHold.error, 'bsn')} />
          <SelectField label="Grond" value={hold.kind} onChange={(kind) => setHold({ ...hold, kind })} options={holdKinds} error={fieldError(placeHold.error, 'kind')} />
          <TextArea label="Reden" name="hold-reason" value={hold.reason} onChange={(e) => setHold({ ...hold, reason: e.target.value })} error={fieldError(placeHold.error, 'reason')} />
          <div>
            <Button type="submit" busy={placeHold.isPending}>
              Bewaarplicht vastleggen
            </Button>
          </div>
          {placeHold.isError && !(placeHold.error instanceof ApiError && placeHold.error.fields?.length) && <Alert type="error">{placeHold.error.message}</Alert>}
          {placeHold.isSuccess && <Alert type="ok">De bewaarplicht is vastgelegd.</Alert>}
        </form>
      )}
      {holds.isError && <Alert type="error">{holds.error.message}</Alert>}
      {lift.isError && <Alert type="error">{lift.error.message}</Alert>}
      <TableScroll label="Bewaarplichten">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Bewaarplichten, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Inwoner</th>
              <th className={th} scope="col">Grond</th>
              <th className={th} scope="col">Reden</th>
              <th className={th} scope="col">Sinds</th>
              <th className={th} scope="col">Status</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {(holds.data ?? []).map((h) => (
              <tr className="utrecht-table__row" key={h.id}>
                <td className={td}>
                  {h.name} ({h.bsn})
                </td>
                <td className={td}>{holdKinds.find((k) => k.value === h.kind)?.label ?? h.kind}</td>
                <td className={td}>{h.reason}</td>
                <td className={td}>{formatDateTime(h.placedAt)}</td>
                <td className={td}>
                  {h.liftedAt ? (
                    `Opgeheven ${formatDateTime(h.liftedAt)}`
                  ) : canWrite ? (
                    <Button type="button" appearance="secondary-action" onClick={() => lift.mutate(h.id)} aria-label={`Bewaarplicht van ${h.name} opheffen`}>
                      Opheffen
                    </Button>
                  ) : (
                    'Loopt'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Heading level={2}>Verzoeken tot vernietiging</Heading>
      <Paragraph>Een inwoner kan vragen zijn Wmo- of jeugdhulpdossier te vernietigen; dat gebeurt binnen drie maanden na het verzoek. De dossiers komen op de eerstvolgende vernietigingslijst.</Paragraph>
      {canWrite && (
        <form onSubmit={submitRequest} className="koers-stack" noValidate>
          <TextField label="BSN van de inwoner" name="request-bsn" inputMode="numeric" value={request.bsn} onChange={(e) => setRequest({ ...request, bsn: e.target.value })} error={fieldError(register.error, 'bsn')} />
          <TextField label="Ontvangen op (jjjj-mm-dd)" name="request-received" value={request.receivedOn} onChange={(e) => setRequest({ ...request, receivedOn: e.target.value })} error={fieldError(register.error, 'receivedOn')} />
          <TextArea label="Toelichting" name="request-note" value={request.note} onChange={(e) => setRequest({ ...request, note: e.target.value })} error={fieldError(register.error, 'note')} />
          <div>
            <Button type="submit" busy={register.isPending}>
              Verzoek vastleggen
            </Button>
          </div>
          {register.isError && !(register.error instanceof ApiError && register.error.fields?.length) && <Alert type="error">{register.error.message}</Alert>}
          {register.isSuccess && <Alert type="ok">Het verzoek is vastgelegd.</Alert>}
        </form>
      )}
      {requests.isError && <Alert type="error">{requests.error.message}</Alert>}
      <TableScroll label="Verzoeken tot vernietiging">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Verzoeken tot vernietiging, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Inwoner</th>
              <th className={th} scope="col">Ontvangen</th>
              <th className={th} scope="col">Uiterlijk vernietigen</th>
              <th className={th} scope="col">Toelichting</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {(requests.data ?? []).map((r) => (
              <tr className="utrecht-table__row" key={r.id}>
                <td className={td}>
                  {r.name} ({r.bsn})
                </td>
                <td className={td}>{formatDate(r.receivedOn)}</td>
                <td className={td}>{formatDate(r.dueOn)}</td>
                <td className={td}>{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
