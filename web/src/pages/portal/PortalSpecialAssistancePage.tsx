// The e-service "Bijzondere bijstand aanvragen" in Mijn gemeente: one question per page, saved at every
// step (the resident can stop and go on later, also after the session ended), a summary before sending,
// and a receipt with the case number. Dutch at B1 level; works at 390 px wide.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, postForm } from '../../api/client';
import { Alert, Button, DataList, FileField, Heading, Paragraph, TextArea, TextField } from '../../components/ui';
import { formatDate, formatMoney, parseMoney } from '../../format';
import type { EServiceReceipt, EServiceSaved, EServiceStart, PortalUploaded } from '../../api/types';
import { portalKey, PortalError } from './portal-session';

type Start = EServiceStart;
type Category = Start['categories'][number];
type Receipt = EServiceReceipt;
type Leefvorm = 'alleenstaande' | 'alleenstaande-ouder' | 'gehuwden';

/** What the resident filled in so far, as typed (amounts as text); saved as the draft. */
interface Answers {
  key: string;
  categoryCode: string;
  costs: string;
  costDate: string;
  description: string;
  leefvorm: Leefvorm | '';
  partnerBirthDate: string;
  children: string;
  income: string;
  assets: string;
  collectiveInsurance: '' | 'ja' | 'nee';
  iban: string;
  accountHolder: string;
  documents: Record<string, { id: string; fileName: string }>;
}

const STEPS = ['kosten', 'bedrag', 'huishouden', 'inkomen', 'rekening', 'documenten', 'controleren'] as const;
type Step = (typeof STEPS)[number];
const STEP_TITLES: Record<Step, string> = {
  kosten: 'Waarvoor heeft u geld nodig?',
  bedrag: 'Hoeveel kost het?',
  huishouden: 'Met wie woont u?',
  inkomen: 'Wat zijn uw inkomen en spaargeld?',
  rekening: 'Op welke rekening wilt u het geld?',
  documenten: 'Stuur de documenten mee',
  controleren: 'Controleer uw aanvraag',
};
const LEEFVORM: Record<Leefvorm, string> = { alleenstaande: 'Ik woon alleen of met anderen, zonder partner en zonder kinderen', 'alleenstaande-ouder': 'Ik woon zonder partner, met mijn kinderen', gehuwden: 'Ik ben getrouwd of woon samen met mijn partner' };

const empty = (): Answers => ({
  key: crypto.randomUUID(),
  categoryCode: '',
  costs: '',
  costDate: '',
  description: '',
  leefvorm: '',
  partnerBirthDate: '',
  children: '0',
  income: '',
  assets: '0',
  collectiveInsurance: '',
  iban: '',
  accountHolder: '',
  documents: {},
});
const centsText = (cents: number) => formatMoney(cents).replace(/^€\s?/, '');

/** The errors of one step, checked in the browser before going on (the server checks everything again). */
function checkStep(step: Step, f: Answers, category: Category | undefined): Record<string, string> {
  const e: Record<string, string> = {};
  if (step === 'kosten' && !category) e.categoryCode = 'Kies waarvoor u geld nodig heeft.';
  if (step === 'bedrag') {
    const cents = parseMoney(f.costs);
    if (cents === null || cents <= 0) e.costs = 'Vul het bedrag in euro’s in, bijvoorbeeld 450,00.';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.costDate)) e.costDate = 'Vul de datum in als jjjj-mm-dd, bijvoorbeeld 2026-11-20.';
    if (f.description.trim().length < 3) e.description = 'Vertel in een paar woorden waarvoor het is.';
  }
  if (step === 'huishouden') {
    if (!f.leefvorm) e.leefvorm = 'Kies hoe u woont.';
    if (f.leefvorm === 'gehuwden' && !/^\d{4}-\d{2}-\d{2}$/.test(f.partnerBirthDate)) e.partnerBirthDate = 'Vul de geboortedatum van uw partner in als jjjj-mm-dd.';
    if (!/^\d{1,2}$/.test(f.children)) e.children = 'Vul het aantal kinderen in als getal, bijvoorbeeld 0 of 2.';
  }
  if (step === 'inkomen') {
    if (parseMoney(f.income) === null) e.income = 'Vul uw netto inkomen per maand in, bijvoorbeeld 1.250,00. Geen inkomen? Vul 0 in.';
    if (parseMoney(f.assets) === null) e.assets = 'Vul uw spaargeld in, bijvoorbeeld 300,00. Geen spaargeld? Vul 0 in.';
    if (!f.collectiveInsurance) e.collectiveInsurance = 'Kies ja of nee.';
  }
  if (step === 'rekening') {
    if (f.iban.replace(/\s/g, '').length < 15) e.iban = 'Vul uw rekeningnummer (IBAN) in, bijvoorbeeld NL91 ABNA 0417 1643 00.';
    if (f.accountHolder.trim().length < 2) e.accountHolder = 'Vul de naam van de rekeninghouder in.';
  }
  return e;
}

/** Where the server's field errors belong: the step that asks for that field. */
const FIELD_STEP: Record<string, Step> = {
  categoryCode: 'kosten',
  costsCents: 'bedrag',
  costDate: 'bedrag',
  description: 'bedrag',
  household: 'huishouden',
  monthlyIncomeCents: 'inkomen',
  assetsCents: 'inkomen',
  hasCollectiveInsurance: 'inkomen',
  iban: 'rekening',
  accountHolder: 'rekening',
  documents: 'documenten',
};

export function RadioGroup({ legend, name, value, options, onChange, error }: { legend: string; name: string; value: string; options: { value: string; label: string; hint?: string }[]; onChange: (v: string) => void; error?: string | undefined }) {
  const errorId = `${name}-fout`;
  return (
    <fieldset className="utrecht-form-fieldset koers-portal-radios" aria-describedby={error ? errorId : undefined}>
      <legend className="utrecht-form-fieldset__legend">{legend}</legend>
      {error && (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      )}
      {options.map((o) => (
        <div key={o.value} className="utrecht-form-field utrecht-form-field--radio">
          <input className="utrecht-radio-button" type="radio" id={`${name}-${o.value}`} name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} aria-invalid={error ? true : undefined} />
          <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={`${name}-${o.value}`}>
            {o.label}
            {o.hint && <span className="utrecht-form-field-description">{o.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function PortalSpecialAssistancePage() {
  const { step: param } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const start = useQuery({ queryKey: [...portalKey, 'bijzondere-bijstand'], queryFn: () => api<EServiceStart>('/api/mijn/bijzondere-bijstand'), staleTime: Infinity });
  const [form, setForm] = useState<Answers | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [uploading, setUploading] = useState<string | null>(null);
  const step: Step | 'ontvangen' = param === 'ontvangen' ? 'ontvangen' : STEPS.includes(param as Step) ? (param as Step) : 'kosten';

  // The saved form (or what Koers knows) fills the form once the start is loaded.
  useEffect(() => {
    if (!start.data || form) return;
    const saved = start.data.draft?.data as Partial<Answers> | undefined;
    const p = start.data.prefill;
    const initial: Answers = saved
      ? { ...empty(), ...saved }
      : { ...empty(), ...(p ? { leefvorm: p.leefvorm, income: centsText(p.monthlyIncomeCents), iban: p.iban ?? '', accountHolder: p.accountHolder ?? '' } : {}) };
    setForm(initial);
    if (!param && start.data.draft && STEPS.includes(start.data.draft.step as Step)) void navigate(`/mijn/bijzondere-bijstand/${start.data.draft.step}`, { replace: true });
  }, [start.data, form, param, navigate]);

  const save = useMutation({ mutationFn: (input: { step: Step; data: Answers }) => api<EServiceSaved>('/api/mijn/bijzondere-bijstand/concept', { method: 'PUT', body: input }) });
  const send = useMutation({
    mutationFn: (body: object) => api<EServiceReceipt>('/api/mijn/bijzondere-bijstand', { method: 'POST', body }),
    onSuccess: (r) => {
      setReceipt(r);
      void queryClient.invalidateQueries({ queryKey: portalKey });
      void navigate('/mijn/bijzondere-bijstand/ontvangen');
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fields.length > 0) {
        const mapped: Record<string, string> = {};
        for (const f of error.fields) mapped[f.field] = f.message;
        setErrors(mapped);
      }
    },
  });

  if (step === 'ontvangen') {
    if (!receipt) return <Paragraph>Er is geen aanvraag verstuurd in dit venster. Bekijk <Link className="utrecht-link" to="/mijn">Mijn aanvragen</Link>.</Paragraph>;
    return (
      <>
        <Heading level={1}>Wij hebben uw aanvraag ontvangen</Heading>
        <Alert type="ok">
          Uw zaaknummer is <strong>{receipt.reference}</strong>.
        </Alert>
        {receipt.complete ? (
          <Paragraph>{receipt.decisionDueOn ? `U hoort uiterlijk op ${formatDate(receipt.decisionDueOn)} wat wij besluiten.` : 'U hoort binnen 8 weken wat wij besluiten.'}</Paragraph>
        ) : (
          <>
            <Paragraph>Wij hebben nog iets van u nodig:</Paragraph>
            <ul className="utrecht-unordered-list">
              {receipt.missing.map((m) => (
                <li key={m.code} className="utrecht-unordered-list__item">{m.label}</li>
              ))}
            </ul>
            <Paragraph>{receipt.recoveryTermEndsOn ? `Stuur dit uiterlijk op ${formatDate(receipt.recoveryTermEndsOn)}. U kunt het sturen bij uw aanvraag in Mijn aanvragen.` : ''}</Paragraph>
          </>
        )}
        <Paragraph>
          <Link className="utrecht-link" to={`/mijn/aanvragen/${receipt.caseId}`}>Naar uw aanvraag</Link>
        </Paragraph>
      </>
    );
  }
  if (start.isPending || (start.data && !form)) return <Paragraph>Bezig met laden…</Paragraph>;
  if (start.isError) return <PortalError error={start.error} />;
  const f = form!;
  const categories = start.data.categories;
  const category = categories.find((c) => c.code === f.categoryCode);
  const index = STEPS.indexOf(step);
  const set = (patch: Partial<Answers>) => setForm({ ...f, ...patch });

  const next = (e: FormEvent) => {
    e.preventDefault();
    const found = checkStep(step, f, category);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const to = STEPS[index + 1]!;
    save.mutate({ step: to, data: f }, { onSuccess: () => void navigate(`/mijn/bijzondere-bijstand/${to}`) });
  };

  const upload = async (code: string, file: File | undefined) => {
    if (!file) return;
    setUploading(code);
    setErrors({});
    try {
      const body = new FormData();
      body.append('kind', 'bewijsstuk');
      body.append('file', file);
      const stored = await postForm<PortalUploaded>('/api/mijn/bijzondere-bijstand/documenten', body);
      const updated = { ...f, documents: { ...f.documents, [code]: { id: stored.id, fileName: stored.fileName } } };
      setForm(updated);
      save.mutate({ step, data: updated });
    } catch (error) {
      setErrors({ [`doc-${code}`]: error instanceof Error ? error.message : 'Het sturen is niet gelukt.' });
    } finally {
      setUploading(null);
    }
  };

  const submit = () => {
    const household = { leefvorm: f.leefvorm, partnerBirthDate: f.leefvorm === 'gehuwden' ? f.partnerBirthDate : null, children: Number(f.children) };
    send.mutate({
      submissionKey: f.key.replace(/[^A-Za-z0-9_-]/g, ''),
      categoryCode: f.categoryCode,
      description: f.description,
      costsCents: parseMoney(f.costs) ?? -1,
      costDate: f.costDate,
      household,
      monthlyIncomeCents: parseMoney(f.income) ?? -1,
      assetsCents: parseMoney(f.assets) ?? -1,
      hasCollectiveInsurance: f.collectiveInsurance === 'ja',
      iban: f.iban,
      accountHolder: f.accountHolder,
      documents: Object.entries(f.documents).map(([code, d]) => ({ code, documentId: d.id })),
    });
  };

  const serverErrors = Object.entries(errors).filter(([field]) => field in FIELD_STEP || field.includes('.') || field.startsWith('documents'));
  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to="/mijn">← Mijn aanvragen</Link>
      </Paragraph>
      <Paragraph>
        Bijzondere bijstand aanvragen — stap {index + 1} van {STEPS.length}
      </Paragraph>
      <Heading level={1}>{STEP_TITLES[step]}</Heading>
      {save.isError && <PortalError error={save.error} />}
      {start.data.draft && index === 0 && <Alert type="info">U ging eerder verder met dit formulier; wat u invulde, staat er nog.</Alert>}

      {step !== 'controleren' && step !== 'documenten' && (
        <form className="koers-stack koers-narrow-form" onSubmit={next} noValidate aria-label={STEP_TITLES[step]}>
          {step === 'kosten' && (
            <RadioGroup
              legend="Kies wat het beste past"
              name="categoryCode"
              value={f.categoryCode}
              options={categories.map((c) => ({ value: c.code, label: c.name, hint: c.description }))}
              onChange={(v) => set({ categoryCode: v })}
              error={errors.categoryCode}
            />
          )}
          {step === 'bedrag' && (
            <>
              <TextField label="Bedrag in euro’s" inputMode="decimal" autoComplete="off" value={f.costs} onChange={(e) => set({ costs: e.target.value })} error={errors.costs} />
              <TextField
                label={category?.applyBeforeCosts ? 'Wanneer wilt u het kopen of betalen?' : 'Datum van de rekening'}
                description="jjjj-mm-dd, bijvoorbeeld 2026-11-20"
                value={f.costDate}
                onChange={(e) => set({ costDate: e.target.value })}
                error={errors.costDate}
              />
              <TextArea label="Waarvoor is het?" description="Bijvoorbeeld: mijn wasmachine is kapot" value={f.description} onChange={(e) => set({ description: e.target.value })} error={errors.description} />
            </>
          )}
          {step === 'huishouden' && (
            <>
              <RadioGroup legend="Hoe woont u?" name="leefvorm" value={f.leefvorm} options={(Object.keys(LEEFVORM) as Leefvorm[]).map((k) => ({ value: k, label: LEEFVORM[k] }))} onChange={(v) => set({ leefvorm: v as Leefvorm })} error={errors.leefvorm} />
              {f.leefvorm === 'gehuwden' && <TextField label="Geboortedatum van uw partner" description="jjjj-mm-dd" value={f.partnerBirthDate} onChange={(e) => set({ partnerBirthDate: e.target.value })} error={errors.partnerBirthDate} />}
              <TextField label="Hoeveel kinderen wonen bij u?" inputMode="numeric" value={f.children} onChange={(e) => set({ children: e.target.value })} error={errors.children} />
            </>
          )}
          {step === 'inkomen' && (
            <>
              {start.data.prefill && <Alert type="info">Wij hebben al ingevuld wat wij weten van {start.data.prefill.source.toLowerCase()}. Klopt het niet? Pas het aan.</Alert>}
              <TextField label="Netto inkomen per maand van u (en uw partner)" description="Alles bij elkaar, ook uitkering en toeslagen" inputMode="decimal" value={f.income} onChange={(e) => set({ income: e.target.value })} error={errors.income} />
              <TextField label="Spaargeld en ander vermogen" description="Geld op uw rekeningen, min schulden" inputMode="decimal" value={f.assets} onChange={(e) => set({ assets: e.target.value })} error={errors.assets} />
              <RadioGroup
                legend="Bent u verzekerd via de collectieve zorgverzekering van de gemeente?"
                name="collectiveInsurance"
                value={f.collectiveInsurance}
                options={[
                  { value: 'ja', label: 'Ja' },
                  { value: 'nee', label: 'Nee' },
                ]}
                onChange={(v) => set({ collectiveInsurance: v as 'ja' | 'nee' })}
                error={errors.collectiveInsurance}
              />
            </>
          )}
          {step === 'rekening' && (
            <>
              <TextField label="Rekeningnummer (IBAN)" autoComplete="off" value={f.iban} onChange={(e) => set({ iban: e.target.value })} error={errors.iban} />
              <TextField label="Naam van de rekeninghouder" value={f.accountHolder} onChange={(e) => set({ accountHolder: e.target.value })} error={errors.accountHolder} />
            </>
          )}
          <div className="koers-actions">
            {index > 0 && (
              <Link className="utrecht-link" to={`/mijn/bijzondere-bijstand/${STEPS[index - 1]}`}>
                Vorige
              </Link>
            )}
            <Button type="submit" busy={save.isPending}>
              Volgende
            </Button>
          </div>
        </form>
      )}

      {step === 'documenten' && (
        <div className="koers-stack koers-narrow-form">
          <Paragraph>Maak een foto of scan van elk document. Wij nemen PDF, JPG en PNG aan.</Paragraph>
          {(category?.requiredDocuments ?? []).map((d) => (
            <div key={d.code} className="koers-stack">
              <FileField
                label={d.label}
                description={f.documents[d.code] ? `Verstuurd: ${f.documents[d.code]!.fileName}` : 'Nog niet verstuurd'}
                accept="application/pdf,image/jpeg,image/png"
                disabled={uploading !== null}
                onChange={(e) => void upload(d.code, e.target.files?.[0])}
                error={errors[`doc-${d.code}`]}
              />
            </div>
          ))}
          {uploading && <Paragraph>Bezig met sturen…</Paragraph>}
          <Paragraph>Heeft u een document nu niet? Ga toch verder. Wij vragen het later in Mijn aanvragen.</Paragraph>
          <div className="koers-actions">
            <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/rekening">
              Vorige
            </Link>
            <Button busy={save.isPending} disabled={uploading !== null} onClick={() => save.mutate({ step: 'controleren', data: f }, { onSuccess: () => void navigate('/mijn/bijzondere-bijstand/controleren') })}>
              Volgende
            </Button>
          </div>
        </div>
      )}

      {step === 'controleren' && (
        <div className="koers-stack">
          {serverErrors.length > 0 && (
            <Alert type="error">
              <Paragraph>Er klopt nog iets niet:</Paragraph>
              <ul className="utrecht-unordered-list">
                {serverErrors.map(([field, message]) => (
                  <li key={field} className="utrecht-unordered-list__item">
                    {message} <Link className="utrecht-link" to={`/mijn/bijzondere-bijstand/${FIELD_STEP[field.split(/[.[]/)[0]!] ?? 'kosten'}`}>Wijzigen</Link>
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <DataList
            items={[
              ['Waarvoor', <>{category?.name ?? '—'} <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/kosten">Wijzigen<span className="koers-visually-hidden"> waarvoor</span></Link></>],
              ['Bedrag', <>{parseMoney(f.costs) !== null ? formatMoney(parseMoney(f.costs)!) : '—'} op {formatDate(f.costDate)}: {f.description} <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/bedrag">Wijzigen<span className="koers-visually-hidden"> bedrag</span></Link></>],
              ['Huishouden', <>{f.leefvorm ? LEEFVORM[f.leefvorm] : '—'}, {f.children} kind(eren) <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/huishouden">Wijzigen<span className="koers-visually-hidden"> huishouden</span></Link></>],
              ['Inkomen en spaargeld', <>{f.income} per maand, spaargeld {f.assets}; collectief verzekerd: {f.collectiveInsurance || '—'} <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/inkomen">Wijzigen<span className="koers-visually-hidden"> inkomen</span></Link></>],
              ['Rekening', <>{f.iban} ({f.accountHolder}) <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/rekening">Wijzigen<span className="koers-visually-hidden"> rekening</span></Link></>],
              ['Documenten', <>{Object.keys(f.documents).length === 0 ? 'Geen' : Object.values(f.documents).map((d) => d.fileName).join(', ')} <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/documenten">Wijzigen<span className="koers-visually-hidden"> documenten</span></Link></>],
            ]}
          />
          <Paragraph>Door te versturen verklaart u dat u alles naar waarheid heeft ingevuld. Een medewerker van de gemeente beoordeelt uw aanvraag.</Paragraph>
          {send.isError && !(send.error instanceof ApiError && send.error.fields.length > 0) && <PortalError error={send.error} />}
          <div className="koers-actions">
            <Link className="utrecht-link" to="/mijn/bijzondere-bijstand/documenten">
              Vorige
            </Link>
            <Button busy={send.isPending} onClick={submit}>
              Aanvraag versturen
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
