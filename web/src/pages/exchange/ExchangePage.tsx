import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, uploadFile } from '../../api/client';
import { Alert, Button, Heading, Paragraph, TableScroll } from '../../components/ui';
import { count, formatDate, formatDateTime } from '../../format';
import type { ExchangeMessageList, OutboxResult, ReceiveResult } from '../../api/types';
import { RefusalsSection } from './RefusalsSection';

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

const levelLabels: Record<ReceiveResult['retourCodes'][number]['level'], string> = { header: 'Kop', client: 'Cliënt', product: 'Product' };

/** A message a provider sent (305 start, 307 stop): checked, assessed, answered with a retour. */
function InboxForm() {
  const client = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const receive = useMutation({
    mutationFn: (f: File) => uploadFile<ReceiveResult>('/api/exchange/inbox', f),
    // Settled, not only succeeded: a refused message appears under Geweigerde berichten.
    onSettled: async () => client.invalidateQueries({ queryKey: ['exchange'] }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) receive.mutate(file);
    else input.current?.focus();
  };
  const result = receive.data;
  return (
    <section aria-labelledby="ontvangen" className="koers-stack">
      <Heading level={2} id="ontvangen">Bericht van een aanbieder verwerken</Heading>
      <Paragraph>
        Start zorg (305), stop zorg (307), verzoeken om toewijzing of wijziging (315, 317) en retourberichten op onze toewijzingen en
        antwoorden (302, 320). Koers controleert het bericht, legt vast wat klopt en zet een retourbericht klaar; een verzoek komt bij de{' '}
        <Link to="/verzoeken">verzoeken van aanbieders</Link>.
      </Paragraph>
      <form onSubmit={submit} className="koers-stack" noValidate>
        <div className="utrecht-form-field">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor="bericht-bestand">XML-bestand van de aanbieder</label>
          </div>
          <div className="utrecht-form-field__input">
            <input ref={input} id="bericht-bestand" type="file" accept=".xml,application/xml,text/xml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </div>
        </div>
        <div>
          <Button type="submit" appearance="secondary-action" busy={receive.isPending}>Bericht verwerken</Button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {result && (
          <Alert type={result.status === 'rejected' ? 'error' : result.products.accepted < result.products.total || result.refusedByProvider ? 'warning' : 'ok'}>
            {result.label}:{' '}
            {result.status === 'rejected' && result.retour === null
              ? 'afgekeurd bij de technische controle.'
              : result.status === 'rejected'
                ? 'afgekeurd op de kop van het bericht.'
                : result.inReplyTo
                  ? `gekoppeld aan het bericht van de gemeente; ${result.refusedByProvider ? 'de aanbieder keurde (een deel) af.' : 'de aanbieder keurde het goed.'}`
                  : / 323 /.test(result.label)
                    ? `${result.products.accepted} van ${result.products.total} ${result.products.total === 1 ? 'declaratieregel' : 'declaratieregels'} goedgekeurd; goedgekeurd is realisatie op de begrotingspost.`
                    : `${result.products.accepted} van ${result.products.total} ${result.products.total === 1 ? 'product' : 'producten'} verwerkt.`}
            {result.answers ? ` ${count(result.answers, 'verzoek', 'verzoeken')} meteen afgewezen (antwoordbericht 319).` : ''}
            {result.retour && ` ${result.retour.label} staat klaar.`}
          </Alert>
        )}
      </div>
      {result && result.problems.length > 0 && (
        <ul>
          {result.problems.map((p, i) => (
            <li key={i}>{p.line ? `Regel ${p.line}: ` : ''}{p.message}</li>
          ))}
        </ul>
      )}
      {result && result.retourCodes.some((r) => r.code !== '0200') && (
        <ul>
          {result.retourCodes.filter((r) => r.code !== '0200').map((r, i) => (
            <li key={i}>
              {levelLabels[r.level]}{r.index !== null ? ` ${r.index + 1}` : ''}: retourcode {r.code} — {r.text}{r.note ? ` ${r.note}` : ''}
            </li>
          ))}
        </ul>
      )}
      {receive.isError && <Alert type="error">{receive.error.message}</Alert>}
    </section>
  );
}

export function ExchangePage() {
  const client = useQueryClient();
  // ?aanbieder=… or ?inwoner=…: only the messages with one provider or about one resident (linked from
  // the provider's page and the resident's file).
  const [search] = useSearchParams();
  const providerId = search.get('aanbieder');
  const residentId = search.get('inwoner');
  const filter = new URLSearchParams({ limit: '200', ...(providerId ? { providerId } : {}), ...(residentId ? { residentId } : {}) });
  const messages = useQuery({ queryKey: ['exchange', 'messages', providerId, residentId], queryFn: () => api<ExchangeMessageList>(`/api/exchange/messages?${filter}`) });
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
        toewijzingen; met de knop gebeurt het meteen. Download een bericht om het via het gegevensknooppunt te versturen. Start- en
        stopberichten van aanbieders verwerkt u hieronder; het retourbericht staat daarna in de lijst.
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
      <InboxForm />
      <RefusalsSection />
      {(providerId || residentId) && (
        <Alert type="info">
          {providerId ? 'U ziet alleen de berichten met één aanbieder' : 'U ziet alleen de berichten over één inwoner'}
          {items[0] ? ` (${providerId ? items[0].provider.name : (items[0].resident?.name ?? '')})` : ''}.{' '}
          <Link to="/berichten" className="utrecht-link">Alle berichten tonen</Link>
        </Alert>
      )}
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
                    {m.providerRetour?.refused && (
                      <>
                        <br />
                        <strong>Afgekeurd door aanbieder</strong>
                        <ul>
                          {m.providerRetour.codes.filter((c) => c.code !== '0200').map((c, i) => (
                            <li key={i}>{levelLabels[c.level]}{c.index !== null ? ` ${c.index + 1}` : ''}: {c.code} — {c.text}</li>
                          ))}
                        </ul>
                      </>
                    )}
                    {m.providerRetour && !m.providerRetour.refused && <><br /><span className="koers-muted">Goedgekeurd door aanbieder</span></>}
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
