import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, uploadFile } from '../../api/client';
import type { ImportPreview, ImportResult } from '../../api/types';
import { Alert, Button, Heading, Paragraph, TableScroll } from '../../components/ui';
import { useCan } from '../../session';
import { count } from '../../format';
import { ProgrammeNav, useMonth } from './ProgrammeNav';

type Preview = Extract<ImportPreview, { ok: true }>;
type Issue = Extract<ImportPreview, { ok: false }>['issues'][number];

const statusLabel: Record<string, string> = { AF: 'af', LOOPT: 'loopt', NIEUW: 'nieuw' };

/** Export and import of the programme spreadsheet: check first, see what changes, then confirm. */
export function TransferPage() {
  const [month, setMonth] = useMonth();
  const can = useCan();
  const queryClient = useQueryClient();
  const inputId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [issues, setIssues] = useState<Issue[] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!can('programme:write')) {
    return (
      <div className="koers-stack">
        <Heading level={1}>Programma importeren en exporteren</Heading>
        <Alert type="warning">Alleen de programmamanager kan het programma importeren en exporteren.</Alert>
      </div>
    );
  }

  const reset = () => {
    setIssues(null);
    setPreview(null);
    setDone(null);
    setError(null);
  };
  const check = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    if (!file) {
      setError('Kies eerst een bestand.');
      return;
    }
    setBusy(true);
    try {
      const outcome = await uploadFile<ImportPreview>('/api/programme/import/preview', file);
      if (outcome.ok) setPreview(outcome);
      else setIssues(outcome.issues);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Het bestand kon niet worden gecontroleerd.');
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await uploadFile<ImportResult>('/api/programme/import', file);
      setPreview(null);
      setDone(result);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      await queryClient.invalidateQueries({ queryKey: ['programme'] });
    } catch (e) {
      setError(e instanceof ApiError && e.fields.length > 0 ? `${e.message} ${e.fields.map((f) => `${f.field}: ${f.message}`).join(' ')}` : e instanceof Error ? e.message : 'Het importeren is mislukt.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="koers-stack">
      <Heading level={1}>Programma importeren en exporteren</Heading>
      <ProgrammeNav month={month} onMonth={setMonth} />
      <section className="koers-stack" aria-labelledby="export-title">
        <Heading level={2} id="export-title">Exporteren</Heading>
        <Paragraph>Download het huidige programma als Excel-bestand. U kunt het bewerken en daarna hieronder weer importeren.</Paragraph>
        <p>
          <a className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href="/api/programme/export.xlsx" download>
            Programma downloaden (Excel)
          </a>
        </p>
      </section>
      <section className="koers-stack" aria-labelledby="import-title">
        <Heading level={2} id="import-title">Importeren</Heading>
        <Paragraph>Het bestand wordt eerst gecontroleerd. U ziet dan wat er verandert en bevestigt pas daarna. Bij een fout wordt niets geladen.</Paragraph>
        <form onSubmit={(e) => void check(e)} className="koers-stack">
          <div className="utrecht-form-field utrecht-form-field--text">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor={inputId}>Programmabestand (.xlsx of .csv)</label>
            </div>
            <div className="utrecht-form-field__input">
              <input
                id={inputId}
                ref={fileInput}
                type="file"
                accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                onChange={(e) => {
                  reset();
                  setFile(e.target.files?.[0] ?? null);
                }}
              />
            </div>
          </div>
          <div className="koers-actions">
            <Button type="submit" busy={busy && !preview}>Bestand controleren</Button>
          </div>
        </form>
        {error && <Alert type="error">{error}</Alert>}
        {issues && (
          <div className="koers-stack">
            <Alert type="error">Niets geïmporteerd: {count(issues.length, 'fout', 'fouten')} in het bestand. Verbeter het bestand en controleer het opnieuw.</Alert>
            <TableScroll label="Fouten in het bestand">
              <table className="utrecht-table utrecht-table--html-table">
                <caption className="utrecht-table__caption">Fouten per werkblad, rij en kolom</caption>
                <thead className="utrecht-table__header">
                  <tr className="utrecht-table__row">
                    <th className="utrecht-table__header-cell" scope="col">Werkblad</th>
                    <th className="utrecht-table__header-cell" scope="col">Rij</th>
                    <th className="utrecht-table__header-cell" scope="col">Kolom</th>
                    <th className="utrecht-table__header-cell" scope="col">Fout</th>
                  </tr>
                </thead>
                <tbody className="utrecht-table__body">
                  {issues.map((i, n) => (
                    <tr key={n} className="utrecht-table__row">
                      <td className="utrecht-table__cell">{i.sheet || 'Bestand'}</td>
                      <td className="utrecht-table__cell">{i.row > 0 ? i.row : '—'}</td>
                      <td className="utrecht-table__cell">{i.column || '—'}</td>
                      <td className="utrecht-table__cell">{i.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </div>
        )}
        {preview && <PreviewSummary preview={preview} busy={busy} onConfirm={() => void confirm()} onCancel={reset} />}
        {done && (
          <Alert type="ok">
            Het programma is geïmporteerd: {count(done.lines, 'programmalijn', 'programmalijnen')}, {count(done.themes, 'thema', "thema's")},{' '}
            {count(done.activities, 'activiteit', 'activiteiten')} en {count(done.letters, 'raadsinformatiebrief', 'raadsinformatiebrieven')}. Het vorige programma is bewaard als vervangen.
          </Alert>
        )}
      </section>
    </div>
  );
}

function PreviewSummary({ preview, busy, onConfirm, onCancel }: { preview: Preview; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  const rows: [string, keyof Preview['next']][] = [
    ['Programmalijnen', 'lines'],
    ["Thema's", 'themes'],
    ['Activiteiten', 'activities'],
    ['Raadsinformatiebrieven', 'letters'],
  ];
  const unchanged = preview.added.length === 0 && preview.removed.length === 0 && preview.statusChanged.length === 0;
  return (
    <section className="koers-card koers-stack" aria-labelledby="preview-title">
      <Heading level={3} id="preview-title">Het bestand is in orde: dit verandert er</Heading>
      <Paragraph>
        {preview.name}, stand van {preview.reportMonth}. {preview.current ? 'Het huidige programma wordt vervangen (en bewaard als vervangen).' : 'Er is nog geen programma.'}
      </Paragraph>
      <TableScroll label="Aantallen voor en na de import">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="utrecht-table__caption">Aantallen voor en na de import</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className="utrecht-table__header-cell" scope="col">Onderdeel</th>
              <th className="utrecht-table__header-cell" scope="col">Nu</th>
              <th className="utrecht-table__header-cell" scope="col">Na import</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {rows.map(([label, key]) => (
              <tr key={key} className="utrecht-table__row">
                <th className="utrecht-table__cell" scope="row">{label}</th>
                <td className="utrecht-table__cell">{preview.current ? preview.current[key] : 0}</td>
                <td className="utrecht-table__cell">{preview.next[key]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {unchanged && <Paragraph>De activiteiten en hun status blijven gelijk.</Paragraph>}
      <ChangeList title="Nieuwe activiteiten" items={preview.added} />
      <ChangeList title="Activiteiten die verdwijnen" items={preview.removed} />
      <ChangeList title="Andere status" items={preview.statusChanged.map((c) => `${c.text} (${statusLabel[c.from] ?? c.from} → ${statusLabel[c.to] ?? c.to})`)} />
      <div className="koers-actions">
        <Button busy={busy} onClick={onConfirm}>Importeren bevestigen</Button>
        <Button appearance="secondary-action" onClick={onCancel}>Annuleren</Button>
      </div>
    </section>
  );
}

function ChangeList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <div>
      <p className="utrecht-paragraph"><strong>{title} ({items.length})</strong></p>
      <ul className="utrecht-unordered-list">
        {items.map((item) => (
          <li key={item} className="utrecht-unordered-list__item">{item}</li>
        ))}
      </ul>
    </div>
  );
}
