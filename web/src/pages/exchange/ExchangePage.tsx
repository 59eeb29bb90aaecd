import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { Alert, Button, Heading, Paragraph, TableScroll } from '../../components/ui';
import { count, formatDate, formatDateTime } from '../../format';
import type { ExchangeMessageList, OutboxResult } from '../../api/types';

const statusLabels: Record<ExchangeMessageList['items'][number]['status'], string> = {
  ready: 'Klaar om te versturen',
  downloaded: 'Gedownload voor verzending',
  received: 'Ontvangen',
  rejected: 'Afgekeurd (technische controle)',
  accepted: 'Verwerkt',
};

const xsdLabels: Record<ExchangeMessageList['items'][number]['xsdStatus'], string> = {
  valid: 'Goed',
  invalid: 'Fout',
  not_checked: 'Niet tegen XSD gecontroleerd',
};

export function ExchangePage() {
  const client = useQueryClient();
  const messages = useQuery({ queryKey: ['exchange', 'messages'], queryFn: () => api<ExchangeMessageList>('/api/exchange/messages?limit=200') });
  const build = useMutation({
    mutationFn: () => api<OutboxResult>('/api/exchange/outbox', { method: 'POST' }),
    onSuccess: async () => client.invalidateQueries({ queryKey: ['exchange'] }),
  });
  const items = messages.data?.items ?? [];
  return (
    <div className="koers-stack">
      <Heading level={1}>Berichtenverkeer met aanbieders</Heading>
      <Paragraph>
        Toewijzingen gaan als iWmo- of iJw-bericht (301) naar de aanbieder. Koers maakt ze elke tien minuten aan voor nieuwe en gewijzigde
        toewijzingen; met de knop gebeurt het meteen. Download een bericht om het via het gegevensknooppunt te versturen.
      </Paragraph>
      {messages.data && !messages.data.xsdConfigured && (
        <Alert type="warning">
          Koers heeft de XSD&apos;s van de iStandaarden niet (KOERS_ISTANDAARDEN_DIR): berichten worden gemaakt maar niet technisch gecontroleerd.
        </Alert>
      )}
      <div>
        <Button onClick={() => build.mutate()} disabled={build.isPending}>
          {build.isPending ? 'Berichten worden aangemaakt…' : 'Toewijzingsberichten nu aanmaken'}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {build.data && (
          <Alert type={build.data.invalid > 0 ? 'warning' : 'ok'}>
            {build.data.messages === 0
              ? 'Er was niets nieuws te versturen.'
              : `${count(build.data.messages, 'bericht', 'berichten')} aangemaakt met ${count(build.data.toewijzingen, 'toewijzing', 'toewijzingen')}${build.data.invalid > 0 ? `; ${build.data.invalid} afgekeurd bij de technische controle` : ''}.`}
          </Alert>
        )}
      </div>
      {build.isError && <Alert type="error">{build.error.message}</Alert>}
      {messages.isError && <Alert type="error">{messages.error.message}</Alert>}
      {messages.data && items.length === 0 && <Paragraph>Nog geen berichten.</Paragraph>}
      {items.length > 0 && (
        <TableScroll label="Berichten, nieuwste eerst">
          <table className="utrecht-table utrecht-table--html-table">
            <caption className="koers-visually-hidden">Berichten, nieuwste eerst</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                {['Bericht', 'Inwoner', 'Aanbieder', 'Dagtekening', 'Controle', 'Status', ''].map((h, i) => (
                  <th key={i} className="utrecht-table__header-cell" scope="col">{h || <span className="koers-visually-hidden">Downloaden</span>}</th>
                ))}
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {items.map((m) => (
                <tr key={m.id} className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="row">
                    {m.label}
                    <br />
                    <span className="koers-muted">{m.identification} · {m.direction === 'out' ? 'verstuurd door de gemeente' : 'ontvangen'}</span>
                  </th>
                  <td className="utrecht-table__cell">{m.resident ? <Link to={`/inwoners/${m.resident.id}`}>{m.resident.name}</Link> : '—'}</td>
                  <td className="utrecht-table__cell">{m.provider.name}<br /><span className="koers-muted">AGB {m.provider.agbCode}</span></td>
                  <td className="utrecht-table__cell">{formatDate(m.datedOn)}</td>
                  <td className="utrecht-table__cell">
                    {xsdLabels[m.xsdStatus]}
                    {m.xsdStatus === 'invalid' && (
                      <ul>
                        {m.problems.map((p, i) => (
                          <li key={i}>{p.line ? `Regel ${p.line}: ` : ''}{p.message}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td className="utrecht-table__cell">
                    {statusLabels[m.status]}
                    {m.downloadedAt && <><br /><span className="koers-muted">{formatDateTime(m.downloadedAt)}</span></>}
                  </td>
                  <td className="utrecht-table__cell">
                    {m.status !== 'rejected' && (
                      <a href={`/api/exchange/messages/${m.id}/xml`} download>
                        Download<span className="koers-visually-hidden"> {m.label} {m.identification}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
