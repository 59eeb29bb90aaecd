import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, ApiError, postForFile, saveFile } from '../api/client';
import type { AuditSearchResult, ProcessingActivity } from '../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextField } from '../components/ui';
import { count, formatDateTime } from '../format';

// The auditor's search of the Logboek Dataverwerkingen. The resident's name or BSN goes in the POST
// body only, never in the URL; each search, export and inzageverzoek is itself logged by the API.

interface Filters {
  resident: string;
  employee: string;
  from: string;
  to: string;
  activity: string;
}

const empty: Filters = { resident: '', employee: '', from: '', to: '', activity: '' };
const PAGE_SIZE = 25;

/** Only the filled-in filters, as the API expects them. */
const bodyOf = (f: Filters) => Object.fromEntries(Object.entries(f).filter(([, v]) => v.trim() !== '')) as Partial<Filters>;

function actionLabel(name: string): string {
  const [object = name, ...verb] = name.split('.');
  return verb.length > 0 ? `${object.charAt(0).toUpperCase()}${object.slice(1)}: ${verb.join(' ').replaceAll('-', ' ')}` : name;
}

export function AuditPage() {
  const [form, setForm] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters | null>(null);
  const [page, setPage] = useState(1);
  // Every press of Zoeken is a new (logged) search, also with the same filters.
  const [run, setRun] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reference, setReference] = useState('');
  const activities = useQuery({ queryKey: ['audit', 'activities'], queryFn: () => api<ProcessingActivity[]>('/api/audit/activities'), staleTime: Infinity });
  const result = useQuery({
    queryKey: ['audit', 'search', filters, page, run],
    queryFn: () => api<AuditSearchResult>('/api/audit/search', { method: 'POST', body: { ...bodyOf(filters!), page, pageSize: PAGE_SIZE } }),
    enabled: filters !== null,
    staleTime: 0,
    gcTime: 0,
  });
  const set = (field: keyof Filters) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...form });
    setPage(1);
    setRun((n) => n + 1);
  };
  const fieldError = (field: string) => (result.error instanceof ApiError ? result.error.fields.find((f) => f.field === field)?.message : undefined);

  const download = async (what: string, path: string, body: unknown) => {
    setBusy(what);
    setFileError(null);
    try {
      const { blob, fileName } = await postForFile(path, body);
      saveFile(blob, fileName);
    } catch (error) {
      setFileError(error instanceof Error ? error.message : 'Het bestand kon niet worden gemaakt.');
    } finally {
      setBusy(null);
    }
  };
  const inzageBody = (residentId: string) => ({ residentId, ...(reference.trim() ? { reference: reference.trim() } : {}) });
  const openPrintable = async (residentId: string) => {
    // Opened before the request, so the browser does not block it as a pop-up.
    const view = window.open('', '_blank');
    setFileError(null);
    try {
      const { blob } = await postForFile('/api/audit/inzage.html', inzageBody(residentId));
      const url = URL.createObjectURL(blob);
      if (view) view.location.href = url;
      else saveFile(blob, 'inzageverzoek.html');
    } catch (error) {
      view?.close();
      setFileError(error instanceof Error ? error.message : 'Het overzicht kon niet worden gemaakt.');
    }
  };

  const data = result.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const single = data?.residents.length === 1 ? data.residents[0] : undefined;
  return (
    <div className="koers-stack">
      <Heading level={1}>Logboek dataverwerkingen</Heading>
      <Paragraph>Wie heeft de gegevens van een inwoner verwerkt, wanneer, met welk doel en op welke grondslag. Uw zoekopdrachten, exports en inzageverzoeken worden zelf ook vastgelegd.</Paragraph>
      <form onSubmit={submit} className="koers-stack" aria-label="Zoeken in het logboek" noValidate>
        <div className="koers-filters">
          <TextField label="Inwoner" description="Naam of BSN (9 cijfers)." value={form.resident} onChange={(e) => set('resident')(e.target.value)} error={fieldError('resident')} autoComplete="off" />
          <TextField label="Medewerker" description="(Deel van de) naam." value={form.employee} onChange={(e) => set('employee')(e.target.value)} error={fieldError('employee')} autoComplete="off" />
          <TextField label="Vanaf" type="date" value={form.from} onChange={(e) => set('from')(e.target.value)} error={fieldError('from')} />
          <TextField label="Tot en met" type="date" value={form.to} onChange={(e) => set('to')(e.target.value)} error={fieldError('to')} />
          <SelectField
            label="Soort verwerking"
            value={form.activity}
            onChange={set('activity')}
            options={[{ value: '', label: 'Alle verwerkingen' }, ...(activities.data ?? []).map((a) => ({ value: a.id, label: a.name }))]}
          />
        </div>
        <div className="koers-actions">
          <Button type="submit">Zoeken</Button>
          <Button appearance="secondary-action" onClick={() => { setForm(empty); setFilters(null); }}>Wissen</Button>
        </div>
      </form>
      {result.isError && <Alert type="error">{result.error.message}</Alert>}
      {fileError && <Alert type="error">{fileError}</Alert>}
      {result.isFetching && <p role="status">Zoeken…</p>}
      {data && filters && (
        <>
          <div className="koers-actions" aria-label="Exporteren">
            <Button appearance="secondary-action" busy={busy === 'csv'} onClick={() => void download('csv', '/api/audit/export.csv', bodyOf(filters))}>
              Exporteren als CSV
            </Button>
            <Button appearance="secondary-action" busy={busy === 'xlsx'} onClick={() => void download('xlsx', '/api/audit/export.xlsx', bodyOf(filters))}>
              Exporteren als Excel
            </Button>
          </div>
          {filters.resident !== '' && data.residents.length === 0 && <Alert type="info">Er is geen inwoner gevonden met deze naam of dit BSN.</Alert>}
          {single && (
            <section className="koers-card koers-stack" aria-labelledby="inzage-title">
              <Heading level={2} id="inzage-title">Inzageverzoek (AVG artikel 15)</Heading>
              <Paragraph>Alle verwerkingen van de gegevens van {single.fullName}, met datum van opstellen en ruimte voor ondertekening.</Paragraph>
              <TextField label="Kenmerk van het verzoek (niet verplicht)" value={reference} maxLength={100} onChange={(e) => setReference(e.target.value)} />
              <div className="koers-actions">
                <Button busy={busy === 'pdf'} onClick={() => void download('pdf', '/api/audit/inzage.pdf', inzageBody(single.id))}>
                  Overzicht downloaden (PDF)
                </Button>
                <Button appearance="secondary-action" onClick={() => void openPrintable(single.id)}>
                  Printbare versie
                </Button>
              </div>
            </section>
          )}
          {data.residents.length > 1 && <Paragraph>{count(data.residents.length, 'inwoner', 'inwoners')} gevonden. Zoek op BSN voor het overzicht van één inwoner.</Paragraph>}
          <TableScroll label={`Verwerkingen, pagina ${data.page} van ${pages}`}>
            <table className="utrecht-table utrecht-table--html-table">
              <caption className="utrecht-table__caption">
                {count(data.total, 'verwerking', 'verwerkingen')} gevonden{data.total > 0 ? ` (pagina ${data.page} van ${pages})` : ''}
              </caption>
              <thead className="utrecht-table__header">
                <tr className="utrecht-table__row">
                  <th className="utrecht-table__header-cell" scope="col">Tijdstip</th>
                  <th className="utrecht-table__header-cell" scope="col">Medewerker</th>
                  <th className="utrecht-table__header-cell" scope="col">Inwoner</th>
                  <th className="utrecht-table__header-cell" scope="col">Handeling</th>
                  <th className="utrecht-table__header-cell" scope="col">Verwerkingsactiviteit en grondslag</th>
                  <th className="utrecht-table__header-cell" scope="col">Resultaat</th>
                </tr>
              </thead>
              <tbody className="utrecht-table__body">
                {data.items.map((r) => (
                  <tr key={`${r.id}:${r.dataSubject.type}:${r.dataSubject.id}`} className="utrecht-table__row">
                    <td className="utrecht-table__cell">{formatDateTime(r.startTime, { seconds: true })}</td>
                    <td className="utrecht-table__cell">{r.actor.displayName ?? (r.actor.id ? 'Onbekende medewerker' : 'Koers (automatisch)')}</td>
                    <td className="utrecht-table__cell">{r.residentName ?? '—'}</td>
                    <td className="utrecht-table__cell">{actionLabel(r.name)}</td>
                    <td className="utrecht-table__cell">
                      {r.processingActivity.name}
                      <br />
                      <small>{r.processingActivity.legalBasis}</small>
                    </td>
                    <td className="utrecht-table__cell">{r.status === 'OK' ? 'Gelukt' : 'Geweigerd of mislukt'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {pages > 1 && (
            <nav aria-label="Pagina's" className="koers-actions">
              <Button appearance="secondary-action" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>Vorige</Button>
              <span>Pagina {data.page} van {pages}</span>
              <Button appearance="secondary-action" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>Volgende</Button>
            </nav>
          )}
        </>
      )}
    </div>
  );
}
