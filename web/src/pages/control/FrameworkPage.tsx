// One control framework: per process step its risks and their controls (kind, frequency, owner, norm,
// impact type, automated control), every version, export and import as Excel, and for the controller the
// change of a control's owner or frequency. Every change is a new version; on an error nothing is stored
// and the errors are listed (for an import with sheet, row and column).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError, uploadFile } from '../../api/client';
import type { ControlFramework, ControlFrameworkControl } from '../../api/types';
import { Alert, Button, Heading, Paragraph, SelectField, TableScroll, TextField } from '../../components/ui';
import { formatDateTime } from '../../format';
import { roleLabels } from '../../navigation';
import { hasPermission, useMe } from '../../session';
import { frameworksKey } from './FrameworksPage';

const th = 'utrecht-table__header-cell';
const td = 'utrecht-table__cell';
const frequencies: ControlFrameworkControl['frequency'][] = ['continu', 'maandelijks', 'per kwartaal', 'jaarlijks'];
const ownerOptions = Object.entries(roleLabels)
  .filter(([role]) => role !== 'resident')
  .map(([value, label]) => ({ value, label }));
const frameworkKey = (process: string) => ['control-framework', process] as const;

export function FrameworkPage() {
  const { process = '' } = useParams();
  const me = useMe();
  const canWrite = hasPermission(me.data, 'controls:write');
  const framework = useQuery({ queryKey: frameworkKey(process), queryFn: () => api<ControlFramework>(`/api/control/frameworks/${encodeURIComponent(process)}`) });
  const [editing, setEditing] = useState<ControlFrameworkControl | null>(null);
  const f = framework.data;
  return (
    <div className="koers-stack">
      <Link to="/control/kaders" className="utrecht-link">← Controlkaders</Link>
      <Heading level={1}>Controlkader {f?.name ?? ''}</Heading>
      {framework.isError && <Alert type="error">{framework.error.message}</Alert>}
      {f && (
        <>
          <Paragraph>
            Geldende versie: <strong>{f.version}</strong>. {f.steps.length} processtappen, {f.steps.reduce((n, s) => n + s.risks.length, 0)} risico’s.
          </Paragraph>
          {f.steps.map((step) => (
            <section key={step.code} aria-labelledby={`stap-${step.code}`} className="koers-stack">
              <Heading level={2} id={`stap-${step.code}`}>{step.code} {step.name}</Heading>
              {step.follows.length > 0 && <Paragraph>Volgt op: {step.follows.join(', ')}.</Paragraph>}
              <TableScroll label={`Risico’s en maatregelen van ${step.name}`}>
                <table className="utrecht-table utrecht-table--html-table">
                  <caption className="koers-visually-hidden">Risico’s en beheersmaatregelen van stap {step.code} {step.name}</caption>
                  <thead className="utrecht-table__header">
                    <tr className="utrecht-table__row">
                      <th className={th} scope="col">Risico</th>
                      <th className={th} scope="col">Maatregel</th>
                      <th className={th} scope="col">Soort</th>
                      <th className={th} scope="col">Frequentie</th>
                      <th className={th} scope="col">Eigenaar</th>
                      <th className={th} scope="col">Getoetste norm</th>
                      <th className={th} scope="col">Financiële impact</th>
                      <th className={th} scope="col">Geautomatiseerde controle</th>
                      {canWrite && <th className={th} scope="col"><span className="koers-visually-hidden">Wijzigen</span></th>}
                    </tr>
                  </thead>
                  <tbody className="utrecht-table__body">
                    {step.risks.flatMap((risk) =>
                      risk.controls.map((c, i) => (
                        <tr key={c.code} className="utrecht-table__row">
                          {i === 0 && (
                            <th className={th} scope="rowgroup" rowSpan={risk.controls.length}>
                              {risk.code}: {risk.description}
                            </th>
                          )}
                          <td className={td}>{c.code}: {c.description}</td>
                          <td className={td}>{c.kind}</td>
                          <td className={td}>{c.frequency}</td>
                          <td className={td}>{c.ownerLabel}</td>
                          <td className={td}>{c.norm}</td>
                          <td className={td}>{c.impactType}</td>
                          <td className={td}>{c.automatedControlId ?? 'handmatig'}</td>
                          {canWrite && (
                            <td className={td}>
                              <Button appearance="subtle" onClick={() => setEditing(c)} aria-label={`Maatregel ${c.code} wijzigen`}>Wijzigen</Button>
                            </td>
                          )}
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </TableScroll>
            </section>
          ))}
          {canWrite && editing && <EditControlForm key={editing.code} process={process} control={editing} onDone={() => setEditing(null)} />}
          <ExcelSection process={process} version={f.version} canWrite={canWrite} />
          <VersionsTable versions={f.versions} />
        </>
      )}
    </div>
  );
}

function EditControlForm({ process, control, onDone }: { process: string; control: ControlFrameworkControl; onDone: () => void }) {
  const client = useQueryClient();
  const [owner, setOwner] = useState(control.owner);
  const [frequency, setFrequency] = useState<string>(control.frequency);
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: () => api<ControlFramework>(`/api/control/frameworks/${encodeURIComponent(process)}/controls/${encodeURIComponent(control.code)}`, { method: 'PATCH', body: { owner, frequency, note } }),
    onSuccess: async (data) => {
      client.setQueryData(frameworkKey(process), data);
      await client.invalidateQueries({ queryKey: frameworksKey });
      onDone();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fields : [];
  const errorOf = (field: string) => errors.find((e) => e.field === field)?.message;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <section aria-labelledby="maatregel-wijzigen" className="koers-stack">
      <Heading level={2} id="maatregel-wijzigen">Maatregel {control.code} wijzigen</Heading>
      <Paragraph>{control.description}</Paragraph>
      <form onSubmit={submit} className="koers-stack koers-form-narrow" noValidate>
        {errors.length > 0 && (
          <Alert type="error">
            <Paragraph>De wijziging is niet opgeslagen:</Paragraph>
            <ul>{errors.map((e) => <li key={`${e.field}-${e.message}`}>{e.message}</li>)}</ul>
          </Alert>
        )}
        {save.error && errors.length === 0 && <Alert type="error">{save.error.message}</Alert>}
        <SelectField label="Eigenaar" value={owner} onChange={setOwner} options={ownerOptions} error={errorOf('owner')} />
        <SelectField label="Frequentie" value={frequency} onChange={setFrequency} options={frequencies.map((v) => ({ value: v, label: v }))} error={errorOf('frequency')} />
        <TextField label="Toelichting bij deze versie" value={note} onChange={(e) => setNote(e.target.value)} error={errorOf('note')} />
        <div className="koers-actions">
          <Button type="submit" busy={save.isPending}>Opslaan als nieuwe versie</Button>
          <Button appearance="secondary-action" onClick={onDone}>Annuleren</Button>
        </div>
      </form>
    </section>
  );
}

/** Download the framework as a workbook; the controller uploads an adapted one (errors per sheet, row and column). */
function ExcelSection({ process, version, canWrite }: { process: string; version: number; canWrite: boolean }) {
  const client = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const load = useMutation({
    mutationFn: (chosen: File) => uploadFile<ControlFramework>(`/api/control/frameworks/${encodeURIComponent(process)}/import.xlsx?note=${encodeURIComponent(note)}`, chosen),
    onSuccess: async (data) => {
      setNote('');
      client.setQueryData(frameworkKey(process), data);
      await client.invalidateQueries({ queryKey: frameworksKey });
    },
  });
  const errors = load.error instanceof ApiError ? load.error.fields : [];
  const fileErrors = errors.filter((f) => f.field !== 'note');
  return (
    <section aria-labelledby="excel" className="koers-stack">
      <Heading level={2} id="excel">Excel</Heading>
      <Paragraph>
        <a className="utrecht-link" href={`/api/control/frameworks/${encodeURIComponent(process)}/export.xlsx`} download={`controlkader-${process}-v${version}.xlsx`}>Controlkader downloaden als Excel</a>
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
          <Paragraph>Pas de gedownloade werkmap aan (werkbladen Stappen, Risico's en Maatregelen) en laad haar hier: het kader wordt een nieuwe versie. Bij een fout wordt niets geladen.</Paragraph>
          <div className="utrecht-form-field utrecht-form-field--text">
            <div className="utrecht-form-field__label">
              <label className="utrecht-form-label" htmlFor={fileId}>Aangepast controlkader (.xlsx)</label>
            </div>
            <div className="utrecht-form-field__input">
              <input id={fileId} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            </div>
          </div>
          <TextField label="Toelichting bij deze versie (Excel)" value={note} onChange={(e) => setNote(e.target.value)} error={errors.find((f) => f.field === 'note')?.message} />
          {fileErrors.length > 0 && (
            <Alert type="error">
              <Paragraph>Niets geladen. Verbeter de werkmap ({fileErrors.length === 1 ? '1 fout' : `${fileErrors.length} fouten`}):</Paragraph>
              <ul>{fileErrors.map((f) => <li key={`${f.field}-${f.message}`}>{f.message}</li>)}</ul>
            </Alert>
          )}
          {load.error && errors.length === 0 && <Alert type="error">{load.error.message}</Alert>}
          <div><Button type="submit" appearance="secondary-action" busy={load.isPending} disabled={!file}>Werkmap laden</Button></div>
          {load.isSuccess && <span role="status">Het controlkader is geladen als nieuwe versie.</span>}
        </form>
      )}
    </section>
  );
}

function VersionsTable({ versions }: { versions: ControlFramework['versions'] }) {
  return (
    <section aria-labelledby="versies" className="koers-stack">
      <Heading level={2} id="versies">Versies</Heading>
      <TableScroll label="Versies">
        <table className="utrecht-table utrecht-table--html-table">
          <caption className="koers-visually-hidden">Alle versies van dit controlkader, nieuwste eerst</caption>
          <thead className="utrecht-table__header">
            <tr className="utrecht-table__row">
              <th className={th} scope="col">Versie</th>
              <th className={th} scope="col">Wanneer</th>
              <th className={th} scope="col">Door</th>
              <th className={th} scope="col">Toelichting</th>
            </tr>
          </thead>
          <tbody className="utrecht-table__body">
            {versions.map((v) => (
              <tr key={v.version} className="utrecht-table__row">
                <th className={th} scope="row">{v.version}</th>
                <td className={td}>{formatDateTime(v.createdAt)}</td>
                <td className={td}>{v.createdBy?.displayName ?? 'Koers (standaardkader)'}</td>
                <td className={td}>{v.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
