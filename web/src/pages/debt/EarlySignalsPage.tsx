import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { ArrearsImportResult, Outreach, OutreachKpis } from '../../api/types';
import { Alert, Button, FileField, Heading, Overdue, Paragraph, SelectField, SimpleTable, TextField } from '../../components/ui';
import { formatDate, formatMoney, today } from '../../format';
import { useCan } from '../../session';
import { creditorLabels, outcomeLabels, termStatusLabels } from './debtShared';

const COLUMNS = 'bron;soort_schuldeiser;postcode;huisnummer;huisnummer_toevoeging;achterstand_euro;maanden_achterstand;peildatum';

function ImportForm() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState<string | undefined>();
  const upload = useMutation({
    mutationFn: async (f: File) => api<ArrearsImportResult>('/api/debt/arrears-imports', { method: 'POST', body: { fileName: f.name, content: await f.text() } }),
    onSuccess: (result) => {
      if (result.ok) void queryClient.invalidateQueries({ queryKey: ['debt-outreach'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(file ? undefined : 'Kies een CSV-bestand.');
    if (file) upload.mutate(file);
  };
  const fieldError = missing ?? (upload.error instanceof ApiError ? upload.error.fields.find((f) => f.field === 'content')?.message : undefined);
  const result = upload.data;
  return (
    <section className="koers-stack" aria-labelledby="import-kop">
      <Heading level={2} id="import-kop">Bestand met betalingsachterstanden importeren</Heading>
      <Paragraph>
        Een CSV-bestand van een woningcorporatie, energie- of waterbedrijf of zorgverzekeraar, één rij per huishouden en schuldeiser, met deze kolommen: <code>{COLUMNS}</code>. Bevat één rij een fout,
        dan wordt niets geïmporteerd.
      </Paragraph>
      <form className="koers-stack" onSubmit={submit} noValidate aria-label="Betalingsachterstanden importeren" aria-busy={upload.isPending}>
        <FileField label="CSV-bestand" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} error={fieldError} />
        {upload.isError && !fieldError && <Alert type="error">{upload.error.message}</Alert>}
        <div>
          <Button type="submit" busy={upload.isPending} disabled={upload.isPending}>
            Importeren
          </Button>
        </div>
      </form>
      {result && !result.ok && (
        <>
          <Alert type="error">
            Het bestand is niet geïmporteerd: {result.issues.length === 1 ? 'er is 1 fout' : `er zijn ${result.issues.length} fouten`}. Verbeter het bestand en importeer het opnieuw.
          </Alert>
          <SimpleTable
            label="Fouten in het bestand"
            headers={['Rij', 'Kolom', 'Wat is er mis']}
            rows={result.issues.map((i, n) => ({ key: String(n), cells: [String(i.row), i.column || '(hele rij)', i.message] }))}
          />
        </>
      )}
      {result?.ok && (
        <>
          <Alert type="ok">
            Geïmporteerd: {result.import.rows} rijen, waarvan {result.import.matchedRows} bij een inwoner horen. {result.import.outreachCreated} nieuwe signalen
            {result.import.outreachExtended > 0 ? `, ${result.import.outreachExtended} aangevuld` : ''}.
          </Alert>
          {result.import.unmatched.length > 0 && (
            <SimpleTable
              label="Rijen met een adres waar geen inwoner woont (niet geïmporteerd)"
              headers={['Rij', 'Bron', 'Postcode', 'Huisnummer', 'Toevoeging']}
              rows={result.import.unmatched.map((u) => ({ key: String(u.row), cells: [String(u.row), u.bron, u.postcode, u.huisnummer, u.toevoeging || '—'] }))}
            />
          )}
        </>
      )}
    </section>
  );
}

function OutcomeForm({ item }: { item: Outreach }) {
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const [on, setOn] = useState(today());
  const save = useMutation({
    mutationFn: () => api<Outreach>(`/api/debt/outreach/${item.id}/outcome`, { method: 'POST', body: { outcome, on } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['debt-outreach'] }),
  });
  const fieldError = (f: string) => (save.error instanceof ApiError ? save.error.fields.find((x) => x.field === f)?.message : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const name = item.residentName ?? 'inwoner';
  return (
    <form className="koers-stack" onSubmit={submit} noValidate aria-label={`Uitkomst contact ${name}`} aria-busy={save.isPending}>
      <SelectField label="Uitkomst" value={outcome} onChange={setOutcome} options={[{ value: '', label: 'Kies de uitkomst' }, ...Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))]} error={fieldError('outcome')} />
      <TextField label="Datum van het contact" type="date" value={on} onChange={(e) => setOn(e.target.value)} error={fieldError('on')} />
      {save.isError && !(save.error instanceof ApiError && save.error.fields.length > 0) && <Alert type="error">{save.error.message}</Alert>}
      <div>
        <Button type="submit" appearance="secondary-action" busy={save.isPending} disabled={save.isPending}>
          Uitkomst opslaan
        </Button>
      </div>
    </form>
  );
}

function Worklist() {
  const can = useCan();
  const [teamId, setTeamId] = useState('');
  const [open, setOpen] = useState('ja');
  const list = useQuery({ queryKey: ['debt-outreach', open], queryFn: () => api<Outreach[]>(`/api/debt/outreach${open ? `?open=${open}` : ''}`) });
  const teams = [...new Map((list.data ?? []).flatMap((o) => (o.team ? [[o.team.id, o.team.name] as const] : []))).entries()];
  const shown = (list.data ?? []).filter((o) => !teamId || o.team?.id === teamId);
  return (
    <section className="koers-stack" aria-labelledby="werklijst-kop">
      <Heading level={2} id="werklijst-kop">Werklijst: huishoudens om te benaderen</Heading>
      <Paragraph>Per gebiedsteam, de kortste contacttermijn eerst. U ziet de huishoudens van inwoners met wie u een relatie heeft.</Paragraph>
      <div className="koers-stack">
        <SelectField label="Gebiedsteam" value={teamId} onChange={setTeamId} options={[{ value: '', label: 'Alle teams' }, ...teams.map(([value, label]) => ({ value, label }))]} />
        <SelectField label="Welke signalen" value={open} onChange={setOpen} options={[{ value: 'ja', label: 'Nog zonder uitkomst' }, { value: 'nee', label: 'Met uitkomst' }, { value: '', label: 'Alle' }]} />
      </div>
      {list.isPending && <Paragraph>Bezig met laden…</Paragraph>}
      {list.isError && <Alert type="error">{list.error.message}</Alert>}
      {list.data && shown.length === 0 && <Paragraph>Geen signalen.</Paragraph>}
      {shown.length > 0 && (
        <SimpleTable
          label="Werklijst vroegsignalering"
          headers={['Inwoner', 'Team', 'Achterstanden', 'Totaal', 'Contact uiterlijk', 'Stand', 'Uitkomst']}
          rows={shown.map((o) => ({
            key: o.id,
            cells: [
              <Link key="r" className="utrecht-link" to={`/inwoners/${o.residentId}`}>{o.residentName ?? 'Inwoner'}</Link>,
              o.team?.name ?? 'Geen gebiedsteam',
              o.arrears.map((a) => `${creditorLabels[a.creditorKind]} (${a.source}): ${formatMoney(a.amountCents)}, ${a.months} mnd`).join('; '),
              formatMoney(o.totalCents),
              formatDate(o.contactDue),
              <Overdue key="s" overdue={o.termStatus === 'verstreken' || o.termStatus === 'te-laat'}>{termStatusLabels[o.termStatus]}</Overdue>,
              o.outcome ? `${outcomeLabels[o.outcome.outcome]} op ${formatDate(o.outcome.on)}` : can('debt:write') ? <OutcomeForm key="f" item={o} /> : 'Nog geen uitkomst',
            ],
          }))}
        />
      )}
    </section>
  );
}

function Kpis() {
  const [from] = useState(`${today().slice(0, 4)}-01-01`);
  const [to] = useState(today());
  const kpis = useQuery({ queryKey: ['debt-kpis', from, to], queryFn: () => api<OutreachKpis>(`/api/debt/kpis?from=${from}&to=${to}`) });
  const share = (s: OutreachKpis['reachedWithinTerm']) => (s.share === null ? 'niet getoond (kleine aantallen)' : `${s.share.toLocaleString('nl-NL')} %`);
  return (
    <section className="koers-stack" aria-labelledby="kpi-kop">
      <Heading level={2} id="kpi-kop">Kengetallen dit jaar</Heading>
      {kpis.isError && <Alert type="error">{kpis.error.message}</Alert>}
      {kpis.data && (
        <ul className="utrecht-unordered-list">
          <li>Huishoudens gesignaleerd: {kpis.data.households ?? `minder dan ${kpis.data.threshold}`}</li>
          <li>Bereikt binnen de termijn: {share(kpis.data.reachedWithinTerm)}</li>
          <li>Hulp geaccepteerd (van de bereikte huishoudens): {share(kpis.data.acceptedHelp)}</li>
        </ul>
      )}
    </section>
  );
}

/** Early signals (vroegsignalering): import arrears files, the outreach worklist per area team, the outcomes and the KPIs. */
export function EarlySignalsPage() {
  const can = useCan();
  return (
    <div className="koers-stack">
      <Heading level={1}>Vroegsignalering</Heading>
      <Paragraph lead>Signalen van betalingsachterstanden bij huur, energie, water en zorgverzekering. Neem binnen de termijn contact op met het huishouden en bied hulp aan.</Paragraph>
      {can('debt:write') && <ImportForm />}
      <Worklist />
      {can('insights:read') && <Kpis />}
    </div>
  );
}
