// "Hulp bij geldzaken" in Mijn gemeente (issue #12 §4): the resident asks for debt help, one question per
// page: what is going on, three urgent situations (each yes or no), how to reach them, a summary, and a
// receipt with the date by which the municipality contacts them. The answers are kept in this browser
// tab (sessionStorage) at every step, so an ended session loses nothing: after signing in again the form
// is as it was, and its key makes a second send the same registration. Dutch at B1; works at 390 px.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { PortalDebtHelpList, PortalDebtHelpReceipt } from '../../api/types';
import { Alert, Button, DataList, Heading, Paragraph, TextArea, TextField } from '../../components/ui';
import { formatDate } from '../../format';
import { portalKey, PortalError } from './portal-session';
import { RadioGroup } from './PortalSpecialAssistancePage';

type YesNo = '' | 'ja' | 'nee';
interface Answers {
  key: string;
  situation: string;
  eviction: YesNo;
  cutoff: YesNo;
  insurance: YesNo;
  contactBy: '' | 'telefoon' | 'e-mail';
  phone: string;
  email: string;
  contactTime: '' | 'ochtend' | 'middag' | 'maakt-niet-uit';
}

const STORAGE = 'koers.mijn.geldzaken';
const BASE = '/mijn/geldzaken';
const STEPS = ['situatie', 'woning', 'energie', 'zorgverzekering', 'contact', 'controleren'] as const;
type Step = (typeof STEPS)[number];
const TITLES: Record<Step, string> = {
  situatie: 'Wat is er aan de hand?',
  woning: 'Moet u misschien uit uw huis?',
  energie: 'Wordt uw gas, stroom of water misschien afgesloten?',
  zorgverzekering: 'Stopt uw zorgverzekering misschien?',
  contact: 'Hoe kunnen wij u bereiken?',
  controleren: 'Controleer uw vraag',
};
const URGENT_HINT: Record<'woning' | 'energie' | 'zorgverzekering', string> = {
  woning: 'Bijvoorbeeld: u kreeg een brief van de verhuurder of de deurwaarder over ontruiming.',
  energie: 'Bijvoorbeeld: u kreeg een brief dat uw energie of water wordt afgesloten.',
  zorgverzekering: 'Bijvoorbeeld: u kreeg een brief dat uw zorgverzekeraar de verzekering stopt.',
};
const TIMES = { ochtend: 'In de ochtend', middag: 'In de middag', 'maakt-niet-uit': 'Dat maakt niet uit' } as const;
/** Where the server's field errors belong. */
const FIELD_STEP: Record<string, Step> = {
  situation: 'situatie',
  threatEviction: 'woning',
  threatUtilityCutoff: 'energie',
  threatInsuranceTermination: 'zorgverzekering',
  contactBy: 'contact',
  phone: 'contact',
  email: 'contact',
  contactTime: 'contact',
};

const empty = (): Answers => ({ key: crypto.randomUUID().replace(/-/g, ''), situation: '', eviction: '', cutoff: '', insurance: '', contactBy: '', phone: '', email: '', contactTime: '' });

function loadAnswers(): Answers {
  try {
    const saved = sessionStorage.getItem(STORAGE);
    return saved ? { ...empty(), ...(JSON.parse(saved) as Partial<Answers>) } : empty();
  } catch {
    return empty();
  }
}

function checkStep(step: Step, f: Answers): Record<string, string> {
  const e: Record<string, string> = {};
  if (step === 'situatie' && f.situation.trim().length < 3) e.situation = 'Vertel in een paar woorden wat er aan de hand is.';
  if (step === 'woning' && !f.eviction) e.eviction = 'Kies ja of nee.';
  if (step === 'energie' && !f.cutoff) e.cutoff = 'Kies ja of nee.';
  if (step === 'zorgverzekering' && !f.insurance) e.insurance = 'Kies ja of nee.';
  if (step === 'contact') {
    if (!f.contactBy) e.contactBy = 'Kies hoe wij u bereiken: telefoon of e-mail.';
    if (f.contactBy === 'telefoon' && !/^\+?[0-9][0-9 -]{8,18}$/.test(f.phone.trim())) e.phone = 'Vul uw telefoonnummer in, bijvoorbeeld 06 12345678.';
    if (f.contactBy === 'e-mail' && !/^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(f.email.trim())) e.email = 'Vul uw e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.';
    if (!f.contactTime) e.contactTime = 'Kies wanneer wij u het beste kunnen bereiken.';
  }
  return e;
}

const yesNoOptions = [
  { value: 'ja', label: 'Ja' },
  { value: 'nee', label: 'Nee' },
];
const yesNoText = (v: YesNo) => (v === 'ja' ? 'Ja' : v === 'nee' ? 'Nee' : '—');

/** On the start page: the resident's requests for help with money, and the way to ask for it. */
export function PortalDebtHelpSection() {
  const list = useQuery({ queryKey: [...portalKey, 'geldzaken'], queryFn: () => api<PortalDebtHelpList>('/api/mijn/geldzaken') });
  const items = list.data?.items ?? [];
  return (
    <section aria-labelledby="geldzaken-kop" className="koers-stack">
      <Heading level={2} id="geldzaken-kop">
        Hulp bij geldzaken
      </Heading>
      {list.isError && <PortalError error={list.error} />}
      {items.map((c) => (
        <div key={c.id} className="koers-portal-card">
          <Paragraph>
            <strong>{c.status}.</strong> Gevraagd op {formatDate(c.registeredOn)}.
          </Paragraph>
          <Paragraph>{c.next}</Paragraph>
        </div>
      ))}
      {!items.some((c) => c.open) && (
        <Paragraph>
          <Link className="utrecht-link" to={BASE}>
            Hulp vragen bij geldzaken
          </Link>{' '}
          — als u schulden heeft of rekeningen niet meer kunt betalen.
        </Paragraph>
      )}
    </section>
  );
}

export function PortalDebtHelpPage() {
  const { step: param } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Answers>(loadAnswers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [receipt, setReceipt] = useState<PortalDebtHelpReceipt | null>(null);
  const step: Step | 'ontvangen' = param === 'ontvangen' ? 'ontvangen' : STEPS.includes(param as Step) ? (param as Step) : 'situatie';
  const list = useQuery({ queryKey: [...portalKey, 'geldzaken'], queryFn: () => api<PortalDebtHelpList>('/api/mijn/geldzaken') });

  // Every answer is kept in this tab at once: a session that ends mid-form loses nothing.
  useEffect(() => {
    if (step !== 'ontvangen') sessionStorage.setItem(STORAGE, JSON.stringify(form));
  }, [form, step]);

  const send = useMutation({
    mutationFn: (body: object) => api<PortalDebtHelpReceipt>('/api/mijn/geldzaken', { method: 'POST', body }),
    onSuccess: (r) => {
      setReceipt(r);
      sessionStorage.removeItem(STORAGE);
      void queryClient.invalidateQueries({ queryKey: portalKey });
      void navigate(`${BASE}/ontvangen`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.fields.length > 0) setErrors(Object.fromEntries(error.fields.map((x) => [x.field, x.message])));
    },
  });

  if (step === 'ontvangen') {
    if (!receipt) return <Paragraph>Er is geen vraag verstuurd in dit venster. Bekijk <Link className="utrecht-link" to="/mijn">Mijn aanvragen</Link>.</Paragraph>;
    return (
      <>
        <Heading level={1}>Wij hebben uw vraag om hulp ontvangen</Heading>
        <Alert type="ok">{receipt.contactBy ? <>Wij nemen uiterlijk op <strong>{formatDate(receipt.contactBy)}</strong> contact met u op.</> : receipt.status}</Alert>
        <Paragraph>{receipt.next}</Paragraph>
        <Paragraph>Wij bellen of mailen u zoals u heeft gekozen. In het eerste gesprek kijken wij samen wat er nodig is.</Paragraph>
        <Paragraph>
          <Link className="utrecht-link" to="/mijn">Naar Mijn aanvragen</Link>
        </Paragraph>
      </>
    );
  }

  const running = list.data?.items.find((c) => c.open);
  const f = form;
  const index = STEPS.indexOf(step);
  const set = (patch: Partial<Answers>) => setForm({ ...f, ...patch });
  const next = (e: FormEvent) => {
    e.preventDefault();
    const found = checkStep(step, f);
    setErrors(found);
    if (Object.keys(found).length === 0) void navigate(`${BASE}/${STEPS[index + 1]}`);
  };
  const submit = () =>
    send.mutate({
      submissionKey: f.key,
      situation: f.situation,
      threatEviction: f.eviction === 'ja',
      threatUtilityCutoff: f.cutoff === 'ja',
      threatInsuranceTermination: f.insurance === 'ja',
      contactBy: f.contactBy,
      ...(f.contactBy === 'telefoon' ? { phone: f.phone } : { email: f.email }),
      contactTime: f.contactTime,
    });
  const change = (to: Step, what: string) => (
    <Link className="utrecht-link" to={`${BASE}/${to}`}>
      Wijzigen<span className="koers-visually-hidden"> {what}</span>
    </Link>
  );
  const serverErrors = Object.entries(errors).filter(([field]) => field in FIELD_STEP);

  return (
    <>
      <Paragraph>
        <Link className="utrecht-link" to="/mijn">← Mijn aanvragen</Link>
      </Paragraph>
      <Paragraph>
        Hulp bij geldzaken — stap {index + 1} van {STEPS.length}
      </Paragraph>
      <Heading level={1}>{TITLES[step]}</Heading>
      {list.isError && <PortalError error={list.error} />}
      {running && !send.isPending && (
        <Alert type="info">
          U heeft al een vraag om hulp bij geldzaken lopen (van {formatDate(running.registeredOn)}). {running.next} U hoeft niet opnieuw te vragen.
        </Alert>
      )}

      {step !== 'controleren' && (
        <form className="koers-stack koers-narrow-form" onSubmit={next} noValidate aria-label={TITLES[step]}>
          {step === 'situatie' && (
            <TextArea
              label="Vertel in uw eigen woorden wat er aan de hand is"
              description="Bijvoorbeeld: ik heb een huurachterstand, of ik kan mijn rekeningen niet meer betalen"
              value={f.situation}
              onChange={(e) => set({ situation: e.target.value })}
              error={errors.situation}
            />
          )}
          {step === 'woning' && <RadioGroup legend={`${TITLES.woning} ${URGENT_HINT.woning}`} name="eviction" value={f.eviction} options={yesNoOptions} onChange={(v) => set({ eviction: v as YesNo })} error={errors.eviction} />}
          {step === 'energie' && <RadioGroup legend={`${TITLES.energie} ${URGENT_HINT.energie}`} name="cutoff" value={f.cutoff} options={yesNoOptions} onChange={(v) => set({ cutoff: v as YesNo })} error={errors.cutoff} />}
          {step === 'zorgverzekering' && (
            <RadioGroup legend={`${TITLES.zorgverzekering} ${URGENT_HINT.zorgverzekering}`} name="insurance" value={f.insurance} options={yesNoOptions} onChange={(v) => set({ insurance: v as YesNo })} error={errors.insurance} />
          )}
          {step === 'contact' && (
            <>
              <RadioGroup
                legend="Hoe wilt u dat wij contact opnemen?"
                name="contactBy"
                value={f.contactBy}
                options={[
                  { value: 'telefoon', label: 'Bel mij' },
                  { value: 'e-mail', label: 'Stuur mij een e-mail' },
                ]}
                onChange={(v) => set({ contactBy: v as Answers['contactBy'] })}
                error={errors.contactBy}
              />
              {f.contactBy === 'telefoon' && <TextField label="Uw telefoonnummer" type="tel" autoComplete="tel" value={f.phone} onChange={(e) => set({ phone: e.target.value })} error={errors.phone} />}
              {f.contactBy === 'e-mail' && <TextField label="Uw e-mailadres" type="email" autoComplete="email" value={f.email} onChange={(e) => set({ email: e.target.value })} error={errors.email} />}
              <RadioGroup
                legend="Wanneer kunnen wij u het beste bereiken?"
                name="contactTime"
                value={f.contactTime}
                options={Object.entries(TIMES).map(([value, label]) => ({ value, label }))}
                onChange={(v) => set({ contactTime: v as Answers['contactTime'] })}
                error={errors.contactTime}
              />
            </>
          )}
          <div className="koers-actions">
            {index > 0 && (
              <Link className="utrecht-link" to={`${BASE}/${STEPS[index - 1]}`}>
                Vorige
              </Link>
            )}
            <Button type="submit">Volgende</Button>
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
                    {message} {change(FIELD_STEP[field]!, field)}
                  </li>
                ))}
              </ul>
            </Alert>
          )}
          <DataList
            items={[
              ['Wat er aan de hand is', <>{f.situation || '—'} {change('situatie', 'wat er aan de hand is')}</>],
              ['Uit uw huis', <>{yesNoText(f.eviction)} {change('woning', 'uit uw huis')}</>],
              ['Gas, stroom of water afgesloten', <>{yesNoText(f.cutoff)} {change('energie', 'gas, stroom of water')}</>],
              ['Zorgverzekering stopt', <>{yesNoText(f.insurance)} {change('zorgverzekering', 'zorgverzekering')}</>],
              ['Contact', <>{f.contactBy === 'telefoon' ? `Bellen: ${f.phone}` : f.contactBy === 'e-mail' ? `E-mail: ${f.email}` : '—'}, {f.contactTime ? TIMES[f.contactTime].toLowerCase() : '—'} {change('contact', 'contact')}</>],
            ]}
          />
          <Paragraph>
            {[f.eviction, f.cutoff, f.insurance].includes('ja')
              ? 'Omdat het dringend is, nemen wij binnen 3 werkdagen contact met u op.'
              : 'Wij nemen binnen 4 weken contact met u op voor een eerste gesprek.'}
          </Paragraph>
          {send.isError && !(send.error instanceof ApiError && send.error.fields.length > 0) && <PortalError error={send.error} />}
          <div className="koers-actions">
            <Link className="utrecht-link" to={`${BASE}/contact`}>
              Vorige
            </Link>
            <Button busy={send.isPending} onClick={submit}>
              Vraag versturen
            </Button>
          </div>
        </div>
      )}
    </>
  );
}
