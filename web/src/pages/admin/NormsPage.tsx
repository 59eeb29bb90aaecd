// Bijstandsnormen (beheer): the municipality's Participatiewet norm table per half year, the asset
// limits and every version; the administrator adds a half year as a new version. The API validates the
// whole new table and stores nothing on any error; the errors are shown beside their fields and in a
// summary above the form.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api, ApiError, uploadFile } from '../../api/client';
import type { PwAddNormsBody, PwNormPeriod, PwNormsOverview } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TableScroll, TextField } from '../../components/ui';
import { formatDate, formatDateTime, formatMoney, parseMoney } from '../../format';
import { hasPermission, useMe } from '../../session';
import { AdminNav, ChangesSection, changesKey } from './AdminNav';

const leefvormLabels: Record<string, string> = {
  'alleenstaande-18-20': 'Alleenstaande, 18 t/m 20 jaar',
  'alleenstaande-ouder-18-20': 'Alleenstaande ouder, 18 t/m 20 jaar',
  'gehuwden-beiden-18-20-zonder-kinderen': 'Gehuwden, beiden 18 t/m 20, zonder kinderen',
  'gehuwden-beiden-18-20-met-kinderen': 'Gehuwden, beiden 18 t/m 20, met kinderen',
  'gehuwden-18-20-en-21-plus-zonder-kinderen': 'Gehuwden, één 18 t/m 20 en één 21+, zonder kinderen',
  'gehuwden-18-20-en-21-plus-met-kinderen': 'Gehuwden, één 18 t/m 20 en één 21+, met kinderen',
  'alleenstaande-21-plus': 'Alleenstaande, 21 jaar tot AOW-leeftijd',
  'alleenstaande-ouder-21-plus': 'Alleenstaande ouder, 21 jaar tot AOW-leeftijd',
  'gehuwden-21-plus': 'Gehuwden, 21 jaar tot AOW-leeftijd',
  'alleenstaande-aow': 'Alleenstaande, AOW-leeftijd',
  'alleenstaande-ouder-aow': 'Alleenstaande ouder, AOW-leeftijd',
  'gehuwden-beiden-aow': 'Gehuwden, beiden AOW-leeftijd',
  'gehuwden-een-aow': 'Gehuwden, één AOW-leeftijd',
  'inrichting-alleenstaande': 'Alleenstaande in een inrichting',
  'inrichting-gehuwden': 'Gehuwden in een inrichting',
};
const leefvormLabel = (key: string) => leefvormLabels[key] ?? key;

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';

export function NormsPage() {
  const me = useMe();
  const norms = useQuery({ queryKey: ['pw-norms'], queryFn: () => api<PwNormsOverview>('/api/pw/norms') });
  const current = norms.data?.current;
  const versions = norms.data?.versions ?? [];
  return (
    <div className="koers-stack">
      <Heading level={1}>Bijstandsnormen</Heading>
      <AdminNav />
      <Paragraph>
        De normen van de Participatiewet per half jaar, zoals Koers ze gebruikt voor de berekening van de bijstand. Een nieuw half jaar voegt u hieronder toe; dat wordt een nieuwe versie van de
        normtabel. Eerdere versies blijven bewaard, zodat een oude berekening altijd na te rekenen is.
      </Paragraph>
      {norms.isError && <Alert type="error">{norms.error.message}</Alert>}
      {current && (
        <>
          <Paragraph>
            Geldende versie: <strong>{current.number}</strong> (tabelversie {current.version}).
          </Paragraph>
          {[...current.periods].reverse().map((p) => <PeriodTable key={p.id} period={p} />)}
          <AssetLimitsTable limits={current.assetLimits} />
          {hasPermission(me.data, 'pw_norms:write') && <AddPeriodForm last={current.periods.at(-1)!} hasAssetLimitsFor={current.assetLimits.map((a) => a.year)} />}
          <ExcelSection canWrite={hasPermission(me.data, 'pw_norms:write')} />
          <VersionsTable versions={versions} />
        </>
      )}
      {hasPermission(me.data, 'admin:manage') && <ChangesSection section="pw_norms" />}
    </div>
  );
}

function PeriodTable({ period }: { period: PwNormPeriod }) {
  const headingId = `periode-${period.id}`;
  const title = `${formatDate(period.validFrom)} tot en met ${formatDate(period.validUntil)}`;
  return (
    <section aria-labelledby={headingId} className="koers-stack">
      <Heading level={2} id={headingId}>{title}</Heading>
      <Paragraph>Periode {period.id}. Bron: {period.source}</Paragraph>
      <TableScroll label={`Normen ${title}`}>
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Bijstandsnormen per maand, {title}</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Leefvorm</th>
              <th className={th} scope="col">Per maand incl. vakantietoeslag</th>
              <th className={th} scope="col">Per maand excl. vakantietoeslag</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {Object.entries(period.norms).map(([key, amount]) => (
              <tr key={key} className="utrecht-table__row">
                <th className={th} scope="row">{leefvormLabel(key)}</th>
                <td className={td}>{formatMoney(amount.inclVtCents)}</td>
                <td className={td}>{formatMoney(amount.exclVtCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function AssetLimitsTable({ limits }: { limits: PwNormsOverview['current']['assetLimits'] }) {
  return (
    <section aria-labelledby="vermogensgrenzen" className="koers-stack">
      <Heading level={2} id="vermogensgrenzen">Vermogensgrenzen</Heading>
      <TableScroll label="Vermogensgrenzen">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Vermogensgrenzen per kalenderjaar (art. 34 Participatiewet)</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Jaar', 'Alleenstaande', 'Alleenstaande ouder', 'Gehuwden', 'Eigen woning'].map((h) => <th key={h} className={th} scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {[...limits].reverse().map((a) => (
              <tr key={a.year} className="utrecht-table__row">
                <th className={th} scope="row">{a.year}</th>
                <td className={td}>{formatMoney(a.alleenstaandeCents)}</td>
                <td className={td}>{formatMoney(a.alleenstaandeOuderCents)}</td>
                <td className={td}>{formatMoney(a.gehuwdenCents)}</td>
                <td className={td}>{formatMoney(a.eigenWoningCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

function VersionsTable({ versions }: { versions: PwNormsOverview['versions'] }) {
  return (
    <section aria-labelledby="versies" className="koers-stack">
      <Heading level={2} id="versies">Versies van de normtabel</Heading>
      <TableScroll label="Versies">
        <table className="utrecht-table utrecht-table--html-table">
          <caption>Alle versies, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              {['Versie', 'Perioden', 'Door', 'Wanneer', 'Toelichting'].map((h) => <th key={h} className={th} scope="col">{h}</th>)}
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {versions.map((v) => (
              <tr key={v.version} className="utrecht-table__row">
                <th className={th} scope="row">{v.version} ({v.tableVersion})</th>
                <td className={td}>{v.periods.join(', ')}</td>
                <td className={td}>{v.importedBy?.displayName ?? 'Meegeleverd met Koers'}</td>
                <td className={td}>{formatDateTime(v.importedAt)}</td>
                <td className={td}>{v.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}

/** The half year after the last one: 1 July after a first half year, otherwise 1 January of the next year. */
function nextHalfYear(last: PwNormPeriod): { id: string; validFrom: string; validUntil: string; year: number } {
  const year = Number(last.validFrom.slice(0, 4));
  return last.validFrom.endsWith('-01-01')
    ? { id: `PW-${year}-H2`, validFrom: `${year}-07-01`, validUntil: `${year}-12-31`, year }
    : { id: `PW-${year + 1}-H1`, validFrom: `${year + 1}-01-01`, validUntil: `${year + 1}-06-30`, year: year + 1 };
}

const assetFields = [
  ['alleenstaandeCents', 'Alleenstaande'],
  ['alleenstaandeOuderCents', 'Alleenstaande ouder'],
  ['gehuwdenCents', 'Gehuwden'],
  ['eigenWoningCents', 'Vermogen in de eigen woning'],
] as const;
type AssetField = (typeof assetFields)[number][0];

function AddPeriodForm({ last, hasAssetLimitsFor }: { last: PwNormPeriod; hasAssetLimitsFor: number[] }) {
  const client = useQueryClient();
  const next = nextHalfYear(last);
  const needsAssets = !hasAssetLimitsFor.includes(next.year);
  const keys = Object.keys(last.norms);
  const [source, setSource] = useState('');
  const [note, setNote] = useState('');
  const [amounts, setAmounts] = useState<Record<string, { incl: string; excl: string }>>({});
  const [assets, setAssets] = useState<Partial<Record<AssetField, string>>>({});
  const [local, setLocal] = useState<{ field: string; message: string }[]>([]);
  const save = useMutation({
    mutationFn: (body: PwAddNormsBody) => api<PwNormsOverview>('/api/pw/norms', { method: 'POST', body }),
    onSuccess: async () => {
      setAmounts({});
      setAssets({});
      setSource('');
      setNote('');
      await client.invalidateQueries({ queryKey: ['pw-norms'] });
      await client.invalidateQueries({ queryKey: changesKey('pw_norms') });
    },
  });
  const apiErrors = save.error instanceof ApiError ? save.error.fields : [];
  const errors = local.length > 0 ? local : apiErrors;
  const errorOf = (field: string) => errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: { field: string; message: string }[] = [];
    const money = (field: string, label: string, text: string): number => {
      const cents = parseMoney(text);
      if (cents === null) found.push({ field, message: `${label}: vul een bedrag in euro’s in, bijvoorbeeld 1.369,06.` });
      return cents ?? 0;
    };
    const norms = Object.fromEntries(
      keys.map((key) => {
        const at = `periods[0].norms.${key}`;
        const typed = amounts[key] ?? { incl: '', excl: '' };
        return [key, { inclVtCents: money(`${at}.inclVtCents`, `${leefvormLabel(key)}, incl. vakantietoeslag`, typed.incl), exclVtCents: money(`${at}.exclVtCents`, `${leefvormLabel(key)}, excl. vakantietoeslag`, typed.excl), status: 'V' as const }];
      }),
    );
    const assetLimits = needsAssets
      ? [{
          year: next.year,
          validFrom: `${next.year}-01-01`,
          validUntil: `${next.year}-12-31`,
          ...(Object.fromEntries(assetFields.map(([field, label]) => [field, money(`assetLimits[0].${field}`, `Vermogensgrens ${label.toLowerCase()}`, assets[field] ?? '')])) as Record<AssetField, number>),
          status: 'V' as const,
          source,
        }]
      : [];
    setLocal(found);
    if (found.length > 0) return;
    // Everything but the norms and the asset limits (vakantietoeslag share, kostendelers, AOW age, art. 22a,
    // 23 and 31 amounts) is taken over from the last period.
    save.mutate({ note, periods: [{ ...last, id: next.id, validFrom: next.validFrom, validUntil: next.validUntil, source, norms }], assetLimits });
  };

  return (
    <section aria-labelledby="nieuw-half-jaar" className="koers-stack">
      <Heading level={2} id="nieuw-half-jaar">Half jaar toevoegen: {formatDate(next.validFrom)} tot en met {formatDate(next.validUntil)}</Heading>
      <Paragraph>
        Vul de normen per maand in, met en zonder vakantietoeslag. De overige bedragen (aandeel vakantietoeslag, kostendelers, AOW-leeftijd, vrijlatingen) worden overgenomen uit periode {last.id}.
        Bij een fout wordt niets opgeslagen.
      </Paragraph>
      <form onSubmit={submit} className="koers-stack" noValidate>
        {errors.length > 0 && (
          <Alert type="error">
            <Paragraph>De normen zijn niet opgeslagen. Verbeter {errors.length === 1 ? 'dit punt' : `deze ${errors.length} punten`}:</Paragraph>
            <ul>{errors.map((e) => <li key={`${e.field}-${e.message}`}>{e.message}</li>)}</ul>
          </Alert>
        )}
        {save.error && !(save.error instanceof ApiError && save.error.fields.length > 0) && <Alert type="error">{save.error.message}</Alert>}
        <div className="koers-form-narrow koers-stack">
          <TextField label="Bron van de bedragen" description="Bijvoorbeeld de Staatscourant of de circulaire van SZW, met datum." value={source} onChange={(e) => setSource(e.target.value)} error={errorOf('periods[0].source') ?? errorOf('assetLimits[0].source')} />
          <TextField label="Toelichting bij deze versie" value={note} onChange={(e) => setNote(e.target.value)} error={errorOf('note')} />
        </div>
        <TableScroll label="Nieuwe normen">
          <table className="utrecht-table utrecht-table--html-table">
            <caption>Normen per maand vanaf {formatDate(next.validFrom)}</caption>
            <thead className="utrecht-table__header">
              <tr className="utrecht-table__row">
                <th className={th} scope="col">Leefvorm</th>
                <th className={th} scope="col">Incl. vakantietoeslag (euro)</th>
                <th className={th} scope="col">Excl. vakantietoeslag (euro)</th>
                <th className={th} scope="col">Vorige periode (incl. / excl.)</th>
              </tr>
            </thead>
            <tbody className="utrecht-table__body">
              {keys.map((key) => {
                const typed = amounts[key] ?? { incl: '', excl: '' };
                const set = (part: 'incl' | 'excl', value: string) => setAmounts((all) => ({ ...all, [key]: { ...typed, [part]: value } }));
                const previous = last.norms[key]!;
                return (
                  <tr key={key} className="utrecht-table__row">
                    <th className={th} scope="row">{leefvormLabel(key)}</th>
                    <td className={td}><TextField label={`${leefvormLabel(key)}: incl. vakantietoeslag`} inputMode="decimal" value={typed.incl} onChange={(e) => set('incl', e.target.value)} error={errorOf(`periods[0].norms.${key}.inclVtCents`)} /></td>
                    <td className={td}><TextField label={`${leefvormLabel(key)}: excl. vakantietoeslag`} inputMode="decimal" value={typed.excl} onChange={(e) => set('excl', e.target.value)} error={errorOf(`periods[0].norms.${key}.exclVtCents`)} /></td>
                    <td className={td}>{formatMoney(previous.inclVtCents)} / {formatMoney(previous.exclVtCents)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        {needsAssets && (
          <fieldset className="koers-stack koers-form-narrow">
            <legend>Vermogensgrenzen {next.year}</legend>
            {assetFields.map(([field, label]) => (
              <TextField key={field} label={`${label} (euro)`} inputMode="decimal" value={assets[field] ?? ''} onChange={(e) => setAssets((all) => ({ ...all, [field]: e.target.value }))} error={errorOf(`assetLimits[0].${field}`)} />
            ))}
          </fieldset>
        )}
        <div><Button type="submit" busy={save.isPending}>Half jaar toevoegen</Button></div>
        {save.isSuccess && <span role="status">Het half jaar is toegevoegd als nieuwe versie.</span>}
      </form>
    </section>
  );
}

/** Download the table as a workbook; the administrator uploads a filled one (errors per sheet, row and column). */
function ExcelSection({ canWrite }: { canWrite: boolean }) {
  const client = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const load = useMutation({
    mutationFn: (chosen: File) => uploadFile<PwNormsOverview>(`/api/pw/norms/import.xlsx?note=${encodeURIComponent(note)}`, chosen),
    onSuccess: async () => {
      setNote('');
      await client.invalidateQueries({ queryKey: ['pw-norms'] });
      await client.invalidateQueries({ queryKey: changesKey('pw_norms') });
    },
  });
  const errors = load.error instanceof ApiError ? load.error.fields : [];
  return (
    <section aria-labelledby="excel" className="koers-stack">
      <Heading level={2} id="excel">Excel</Heading>
      <Paragraph>
        <a className="utrecht-link" href="/api/pw/norms/export.xlsx" download>Normtabel downloaden als Excel</a>
      </Paragraph>
      {canWrite && (
        <form
          className="koers-stack koers-form-narrow"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (file) load.mutate(file);
          }}
        >
          <Paragraph>Voeg in de gedownloade werkmap onderaan de rijen van het nieuwe half jaar toe en laad haar hier. Bestaande rijen kunnen niet worden gewijzigd; bij een fout wordt niets geladen.</Paragraph>
          <div className="utrecht-form-field utrecht-form-field--text">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor={fileId}>Ingevulde normtabel (.xlsx)</label>
            </div>
            <div className="utrecht-form-field__input">
              <input id={fileId} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
          </div>
          <TextField label="Toelichting bij deze versie (Excel)" value={note} onChange={(e) => setNote(e.target.value)} error={errors.find((f) => f.field === 'note')?.message} />
          {errors.filter((f) => f.field !== 'note').length > 0 && (
            <Alert type="error">
              <Paragraph>Niets geladen. Verbeter de werkmap:</Paragraph>
              <ul>{errors.filter((f) => f.field !== 'note').map((f) => <li key={`${f.field}-${f.message}`}>{f.message}</li>)}</ul>
            </Alert>
          )}
          {load.error && errors.length === 0 && <Alert type="error">{load.error.message}</Alert>}
          <div><Button type="submit" appearance="secondary-action" busy={load.isPending} disabled={!file}>Werkmap laden</Button></div>
          {load.isSuccess && <span role="status">De werkmap is geladen als nieuwe versie.</span>}
        </form>
      )}
    </section>
  );
}
