// "Inkomsten doorgeven" in Mijn gemeente, for a resident with a running bijstand benefit: the months to
// give and those given (with their state in plain words), then per month one question per page: had you
// income → each income with its payslip → check → send → receipt. The answers stay in this browser tab
// (sessionStorage) until sent, so an ended session loses nothing: after signing in again the resident
// comes back to the same page with the same answers. Dutch at B1 level; works at 390 px wide.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, postForm } from '../../api/client';
import type { PortalIncomeOverview, PortalIncomeReceipt, PortalUploaded } from '../../api/types';
import { Alert, Button, DataList, FileField, Heading, Paragraph, SelectField, TextField } from '../../components/ui';
import { formatDate, formatMoney, parseMoney } from '../../format';
import { portalKey, PortalError } from './portal-session';

interface Income {
  kind: string;
  person: 'aanvrager' | 'partner';
  gross: string;
  net: string;
  document: { id: string; fileName: string } | null;
}
interface Answers {
  period: string;
  key: string;
  hadIncome: '' | 'ja' | 'nee';
  items: Income[];
}

const STEPS = ['vraag', 'inkomen', 'controleren'] as const;
type Step = (typeof STEPS)[number];
const AMOUNT = 'Vul een bedrag in, bijvoorbeeld 1.250,00.';
const newIncome = (): Income => ({ kind: 'arbeid', person: 'aanvrager', gross: '', net: '', document: null });
const storageKey = (period: string) => `koers-inkomsten-${period}`;
const receiptKey = (period: string) => `koers-inkomsten-ontvangen-${period}`;

function load(period: string): Answers {
  try {
    const saved = sessionStorage.getItem(storageKey(period));
    if (saved) return { ...(JSON.parse(saved) as Answers), period };
  } catch {
    // A broken or blocked store starts an empty form.
  }
  return { period, key: crypto.randomUUID().replace(/-/g, ''), hadIncome: '', items: [newIncome()] };
}

/** The link on the start page of Mijn gemeente (shown only with a running bijstand benefit). */
export function PortalIncomeLink() {
  return (
    <Paragraph>
      <Link className="utrecht-link" to="/mijn/inkomsten">
        Inkomsten doorgeven
      </Link>{' '}
      — geef elke maand door wat u (en uw partner) aan inkomsten had, met uw loonstrook.
    </Paragraph>
  );
}

/** Browser checks of one income (the server checks everything again). */
function incomeErrors(items: Income[]): Record<string, string> {
  const e: Record<string, string> = {};
  items.forEach((item, i) => {
    const net = parseMoney(item.net);
    if (net === null) e[`items.${i}.netCents`] = AMOUNT;
    if (item.gross.trim() !== '') {
      const gross = parseMoney(item.gross);
      if (gross === null) e[`items.${i}.grossCents`] = AMOUNT;
      else if (net !== null && gross < net) e[`items.${i}.grossCents`] = 'Het bruto bedrag is niet lager dan het netto bedrag. Controleer de bedragen op uw loonstrook.';
    }
    if (!item.document) e[`items.${i}.documentId`] = 'Stuur de loonstrook of het bewijs van dit inkomen mee.';
  });
  return e;
}

function Overview({ data }: { data: PortalIncomeOverview }) {
  return (
    <>
      <Heading level={1}>Inkomsten doorgeven</Heading>
      <Paragraph>Geef elke maand door welke inkomsten u (en uw partner) had. Doe dit uiterlijk de 10e van de maand erna. Zo krijgt u het juiste bedrag aan bijstand.</Paragraph>
      {data.months.length === 0 && <Paragraph>Er is nu geen maand om door te geven.</Paragraph>}
      <ul className="koers-portal-cases">
        {data.months.map((m) => (
          <li key={m.period} className="koers-portal-card">
            <Heading level={2}>{m.label.charAt(0).toUpperCase() + m.label.slice(1)}</Heading>
            <Paragraph>{m.statusText}</Paragraph>
            {m.receiptNumber && <Paragraph>Ontvangstbewijs: {m.receiptNumber}</Paragraph>}
            {(m.status === 'open' || m.status === 'te-laat') && (
              <Paragraph>
                <Link className="utrecht-link" to={`/mijn/inkomsten/${m.period.slice(0, 7)}/vraag`}>
                  Inkomsten over {m.label} doorgeven
                </Link>
              </Paragraph>
            )}
          </li>
        ))}
      </ul>
      <Paragraph>
        <Link className="utrecht-link" to="/mijn">← Terug naar Mijn gemeente</Link>
      </Paragraph>
    </>
  );
}

export function PortalIncomePage() {
  const { month = '', step: param } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const overview = useQuery({ queryKey: [...portalKey, 'inkomsten'], queryFn: () => api<PortalIncomeOverview>('/api/mijn/inkomsten') });
  const period = /^\d{4}-\d{2}$/.test(month) ? `${month}-01` : '';
  const [form, setForm] = useState<Answers | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState<number | null>(null);
  const step: Step | 'ontvangen' | null = param === 'ontvangen' ? 'ontvangen' : STEPS.includes(param as Step) ? (param as Step) : null;

  useEffect(() => {
    if (period && form?.period !== period) setForm(load(period));
  }, [period, form]);
  // Every change is kept in this tab at once: an ended session in the middle loses nothing.
  useEffect(() => {
    if (period && form?.period === period) sessionStorage.setItem(storageKey(period), JSON.stringify(form));
  }, [period, form]);

  const send = useMutation({
    mutationFn: (body: object) => api<PortalIncomeReceipt>('/api/mijn/inkomsten', { method: 'POST', body }),
    onSuccess: (r) => {
      sessionStorage.setItem(receiptKey(period), JSON.stringify(r));
      sessionStorage.removeItem(storageKey(period));
      void queryClient.invalidateQueries({ queryKey: portalKey });
      void navigate(`/mijn/inkomsten/${month}/ontvangen`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(Object.fromEntries(error.fields.map((f) => [f.field, f.message])));
    },
  });

  if (step === 'ontvangen') {
    const saved = sessionStorage.getItem(receiptKey(period));
    const receipt = saved ? (JSON.parse(saved) as PortalIncomeReceipt) : null;
    if (!receipt) return <Paragraph>Er is geen opgave verstuurd in dit venster. Ga naar <Link className="utrecht-link" to="/mijn/inkomsten">Inkomsten doorgeven</Link>.</Paragraph>;
    return (
      <>
        <Heading level={1}>Wij hebben uw inkomsten ontvangen</Heading>
        <Alert type="ok">
          Uw ontvangstbewijs is <strong>{receipt.receiptNumber}</strong>.
        </Alert>
        <DataList
          items={[
            ['Maand', receipt.label],
            ['Verstuurd op', formatDate(receipt.submittedAt.slice(0, 10))],
            ['Inkomsten', receipt.hadIncome ? `${receipt.items} doorgegeven` : 'Geen inkomsten'],
            ['Documenten', receipt.documents.length === 0 ? 'Geen' : receipt.documents.map((d) => d.fileName).join(', ')],
          ]}
        />
        <Paragraph>{receipt.nextStep}</Paragraph>
        <Paragraph>
          <Link className="utrecht-link" to="/mijn/inkomsten">Naar Inkomsten doorgeven</Link>
        </Paragraph>
      </>
    );
  }
  if (overview.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (overview.isError) return <PortalError error={overview.error} />;
  if (!step || !period) return <Overview data={overview.data} />;
  const due = overview.data.months.find((m) => m.period === period);
  if (!due || (due.status !== 'open' && due.status !== 'te-laat')) {
    return (
      <>
        <Heading level={1}>Inkomsten doorgeven</Heading>
        <Alert type="info">{due ? due.statusText : 'Voor deze maand kunt u hier geen inkomsten doorgeven.'}</Alert>
        <Paragraph>
          <Link className="utrecht-link" to="/mijn/inkomsten">Naar Inkomsten doorgeven</Link>
        </Paragraph>
      </>
    );
  }
  if (form?.period !== period) return <Paragraph>Bezig met laden…</Paragraph>;
  const f = form;
  const kinds = overview.data.kinds.map((k) => ({ value: k.kind, label: k.label }));
  const kindLabel = (kind: string) => kinds.find((k) => k.value === kind)?.label ?? kind;
  const setItem = (i: number, patch: Partial<Income>) => setForm({ ...f, items: f.items.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const go = (to: string) => void navigate(`/mijn/inkomsten/${month}/${to}`);
  const who = overview.data.hasPartner ? 'u of uw partner' : 'u';

  const next = (e: FormEvent) => {
    e.preventDefault();
    if (step === 'vraag') {
      if (!f.hadIncome) return setErrors({ hadIncome: 'Kies ja of nee.' });
      setErrors({});
      go(f.hadIncome === 'ja' ? 'inkomen' : 'controleren');
    } else {
      const found = incomeErrors(f.items);
      setErrors(found);
      if (Object.keys(found).length === 0) go('controleren');
    }
  };

  const upload = async (i: number, file: File | undefined) => {
    if (!file) return;
    setUploading(i);
    setErrors({});
    try {
      const body = new FormData();
      body.append('kind', 'bewijsstuk');
      body.append('file', file);
      const stored = await postForm<PortalUploaded>('/api/mijn/inkomsten/documenten', body);
      setItem(i, { document: { id: stored.id, fileName: stored.fileName } });
    } catch (error) {
      setErrors({ [`items.${i}.documentId`]: error instanceof Error ? error.message : 'Het sturen is niet gelukt.' });
    } finally {
      setUploading(null);
    }
  };

  const submit = () => {
    const items = f.hadIncome === 'ja' ? f.items : [];
    send.mutate({
      submissionKey: f.key,
      period,
      hadIncome: f.hadIncome === 'ja',
      items: items.map((i) => ({ kind: i.kind, person: i.person, grossCents: i.gross.trim() === '' ? null : (parseMoney(i.gross) ?? -1), netCents: parseMoney(i.net) ?? -1, documentId: i.document?.id })),
    });
  };

  const index = STEPS.indexOf(step);
  const title = step === 'vraag' ? `Had ${who} inkomsten in ${due.label}?` : step === 'inkomen' ? `Welke inkomsten waren er in ${due.label}?` : 'Controleer uw opgave';
  const serverErrors = Object.entries(errors);
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to="/mijn/inkomsten">← Inkomsten doorgeven</Link>
      </Paragraph>
      <Paragraph>
        Inkomsten over {due.label} — stap {f.hadIncome === 'nee' && step === 'controleren' ? 2 : index + 1} van {f.hadIncome === 'nee' ? 2 : 3}
      </Paragraph>
      <Heading level={1}>{title}</Heading>

      {step === 'vraag' && (
        <form className="koers-stack koers-narrow-form" onSubmit={next} noValidate aria-label={title}>
          <fieldset className="utrecht-form-fieldset koers-portal-radios" aria-describedby={errors.hadIncome ? 'hadIncome-fout' : undefined}>
            <legend className="utrecht-form-fieldset__legend">Bijvoorbeeld loon, een andere uitkering of alimentatie</legend>
            {errors.hadIncome && (
              <div className="utrecht-form-field-error-message" id="hadIncome-fout">
                {errors.hadIncome}
              </div>
            )}
            {(
              [
                ['ja', 'Ja, er waren inkomsten'],
                ['nee', 'Nee, geen inkomsten'],
              ] as const
            ).map(([value, label]) => (
              <div key={value} className="utrecht-form-field utrecht-form-field--radio">
                <input className="utrecht-radio-button" type="radio" id={`hadIncome-${value}`} name="hadIncome" value={value} checked={f.hadIncome === value} onChange={() => setForm({ ...f, hadIncome: value })} />
                <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`hadIncome-${value}`}>
                  {label}
                </label>
              </div>
            ))}
          </fieldset>
          <div className="koers-actions">
            <Button type="submit">Volgende</Button>
          </div>
        </form>
      )}

      {step === 'inkomen' && (
        <form className="koers-stack koers-narrow-form" onSubmit={next} noValidate aria-label={title}>
          <Paragraph>Maak een foto of scan van de loonstrook of de specificatie. Wij nemen PDF, JPG en PNG aan.</Paragraph>
          {f.items.map((item, i) => (
            <fieldset key={i} className="utrecht-form-fieldset koers-stack koers-portal-card">
              <legend className="utrecht-form-fieldset__legend">Inkomen {i + 1}</legend>
              <SelectField label={`Soort inkomen (inkomen ${i + 1})`} value={item.kind} onChange={(v) => setItem(i, { kind: v })} options={kinds} error={errors[`items.${i}.kind`]} />
              {overview.data.hasPartner && (
                <SelectField
                  label={`Van wie (inkomen ${i + 1})`}
                  value={item.person}
                  onChange={(v) => setItem(i, { person: v as Income['person'] })}
                  options={[
                    { value: 'aanvrager', label: 'Van mij' },
                    { value: 'partner', label: 'Van mijn partner' },
                  ]}
                  error={errors[`items.${i}.person`]}
                />
              )}
              <TextField label={`Netto bedrag in euro’s (inkomen ${i + 1})`} description="Wat u op uw rekening kreeg" inputMode="decimal" autoComplete="off" value={item.net} onChange={(e) => setItem(i, { net: e.target.value })} error={errors[`items.${i}.netCents`]} />
              <TextField label={`Bruto bedrag in euro’s (inkomen ${i + 1})`} description="Staat op uw loonstrook. Weet u het niet? Laat het leeg." inputMode="decimal" autoComplete="off" value={item.gross} onChange={(e) => setItem(i, { gross: e.target.value })} error={errors[`items.${i}.grossCents`]} />
              <FileField
                label={`Loonstrook of bewijs (inkomen ${i + 1})`}
                description={item.document ? `Verstuurd: ${item.document.fileName}` : 'Nog niet verstuurd'}
                accept="application/pdf,image/jpeg,image/png"
                disabled={uploading !== null}
                onChange={(e) => void upload(i, e.target.files?.[0])}
                error={errors[`items.${i}.documentId`]}
              />
              {f.items.length > 1 && (
                <div>
                  <Button appearance="secondary-action" onClick={() => setForm({ ...f, items: f.items.filter((_, j) => j !== i) })}>
                    Inkomen {i + 1} weghalen
                  </Button>
                </div>
              )}
            </fieldset>
          ))}
          {uploading !== null && <Paragraph>Bezig met sturen…</Paragraph>}
          <div>
            <Button appearance="secondary-action" onClick={() => setForm({ ...f, items: [...f.items, newIncome()] })}>
              Nog een inkomen toevoegen
            </Button>
          </div>
          <div className="koers-actions">
            <Link className="utrecht-link" to={`/mijn/inkomsten/${month}/vraag`}>
              Vorige
            </Link>
            <Button type="submit" disabled={uploading !== null}>
              Volgende
            </Button>
          </div>
        </form>
      )}

      {step === 'controleren' && (
        <div className="koers-stack">
          {serverErrors.length > 0 && (
            <Alert type="error">
              <Paragraph>Er klopt nog iets niet:</Paragraph>
              <ul className="utrecht-unordered-list">
                {serverErrors.map(([field, message]) => (
                  <li key={field} className="utrecht-unordered-list__item">
                    {message}{' '}
                    <Link className="utrecht-link" to={`/mijn/inkomsten/${month}/${field.startsWith('items.') ? 'inkomen' : 'vraag'}`}>
                      Wijzigen
                    </Link>
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <DataList
            items={[
              ['Maand', due.label],
              [`Inkomsten`, <>{f.hadIncome === 'ja' ? 'Ja' : 'Nee, geen inkomsten'} <Link className="utrecht-link" to={`/mijn/inkomsten/${month}/vraag`}>Wijzigen<span className="koers-visually-hidden"> of er inkomsten waren</span></Link></>],
              ...(f.hadIncome === 'ja'
                ? f.items.map((item, i): [string, ReactNode] => [
                    `Inkomen ${i + 1}`,
                    <>
                      {kindLabel(item.kind)}
                      {overview.data.hasPartner ? (item.person === 'partner' ? ', van uw partner' : ', van u') : ''}: netto {parseMoney(item.net) !== null ? formatMoney(parseMoney(item.net)!) : '—'}
                      {item.gross.trim() !== '' && parseMoney(item.gross) !== null ? `, bruto ${formatMoney(parseMoney(item.gross)!)}` : ''}. Document: {item.document?.fileName ?? 'geen'}{' '}
                      <Link className="utrecht-link" to={`/mijn/inkomsten/${month}/inkomen`}>Wijzigen<span className="koers-visually-hidden"> inkomen {i + 1}</span></Link>
                    </>,
                  ])
                : []),
            ]}
          />
          <Paragraph>Door te versturen verklaart u dat u alles naar waarheid heeft ingevuld. Een consulent van de gemeente bekijkt uw opgave.</Paragraph>
          {send.isError && !(send.error instanceof ApiError && send.error.fields.length > 0) && <PortalError error={send.error} />}
          <div className="koers-actions">
            <Link className="utrecht-link" to={`/mijn/inkomsten/${month}/${f.hadIncome === 'ja' ? 'inkomen' : 'vraag'}`}>
              Vorige
            </Link>
            <Button busy={send.isPending} onClick={submit}>
              Opgave versturen
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
