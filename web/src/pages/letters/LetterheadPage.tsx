import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import type { Letterhead, SaveLetterhead } from '../../api/types';
import { AdminNav } from '../admin/AdminNav';
import { Alert, Button, Heading, Paragraph, TextArea, TextField } from '../../components/ui';
import { formatDateTime, formatMoney } from '../../format';

const MAX_LOGO_BYTES = 200 * 1024;

/** '20,60' → 2060; '' → null; anything else → undefined (invalid). */
function parseEuro(text: string): number | null | undefined {
  const t = text.trim().replace(/^€\s*/, '');
  if (t === '') return null;
  if (!/^\d{1,4}([,.]\d{1,2})?$/.test(t)) return undefined;
  return Math.round(Number(t.replace(',', '.')) * 100);
}

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new Error('Het bestand kon niet worden gelezen.'));
    reader.readAsDataURL(file);
  });

/** The municipality's letterhead (briefpapier) for letters, set by the functional administrator. */
export function LetterheadPage() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ['letterhead'], queryFn: () => api<Letterhead>('/api/letterhead') });
  const [form, setForm] = useState({ name: '', returnAddress: '', phone: '', website: '', cak: '' });
  const [logo, setLogo] = useState<string | null | undefined>(undefined);
  const [logoError, setLogoError] = useState<string | undefined>();
  const [cakError, setCakError] = useState<string | undefined>();
  const fileId = useId();
  useEffect(() => {
    const d = current.data;
    if (d) setForm({ name: d.name, returnAddress: d.returnAddress ?? '', phone: d.phone ?? '', website: d.website ?? '', cak: d.cakMonthlyCents === null ? '' : (d.cakMonthlyCents / 100).toFixed(2).replace('.', ',') });
  }, [current.data]);
  const save = useMutation({
    mutationFn: (body: SaveLetterhead) => api<Letterhead>('/api/letterhead', { method: 'PUT', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['letterhead'], data);
      setLogo(undefined);
    },
  });
  const fieldError = (field: string) => (save.error instanceof ApiError ? save.error.fields.find((f) => f.field === field)?.message : undefined);

  const pickLogo = async (e: ChangeEvent<HTMLInputElement>) => {
    setLogoError(undefined);
    const file = e.target.files?.[0];
    if (!file) return;
    if (file.type !== 'image/png' && file.type !== 'image/jpeg') return setLogoError('Kies een PNG- of JPEG-bestand (geen SVG).');
    if (file.size > MAX_LOGO_BYTES) return setLogoError('Het logo is te groot: hoogstens 200 kB.');
    setLogo(await readAsDataUrl(file));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = parseEuro(form.cak);
    setCakError(cents === undefined ? 'Vul een bedrag in euro in, bijvoorbeeld 20,60, of laat het leeg.' : undefined);
    if (cents === undefined) return;
    save.mutate({ name: form.name, returnAddress: form.returnAddress, phone: form.phone, website: form.website, cakMonthlyCents: cents, ...(logo !== undefined ? { logo } : {}) });
  };

  if (current.isPending) return <Paragraph>Bezig met laden…</Paragraph>;
  if (current.isError) return <Alert type="error">{current.error.message}</Alert>;
  const shownLogo = logo === undefined ? current.data.logo : logo;
  const set = (key: keyof typeof form) => (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setForm({ ...form, [key]: e.target.value });
  return (
    <div className="koers-stack">
      <Heading level={1}>Briefpapier</Heading>
      <AdminNav />
      <Paragraph lead>Dit staat boven en onder de brieven die Koers maakt, zoals de beschikking. Elke wijziging wordt bewaard, met wie haar deed.</Paragraph>
      {current.data.version > 0 ? (
        <Paragraph>
          Versie {current.data.version}, ingesteld door {current.data.setBy} op {formatDateTime(current.data.setAt)}.
        </Paragraph>
      ) : (
        <Alert type="info">Het briefpapier is nog niet ingesteld. Brieven tonen nu alleen de naam van de gemeente.</Alert>
      )}
      <form onSubmit={submit} className="koers-stack" noValidate>
        <TextField label="Naam op het briefpapier" value={form.name} onChange={set('name')} error={fieldError('name')} required />
        <TextArea label="Retouradres" description="Bijvoorbeeld: Postbus 1992, 6201 BZ Maastricht" rows={3} value={form.returnAddress} onChange={set('returnAddress')} error={fieldError('returnAddress')} required />
        <TextField label="Telefoonnummer" inputMode="tel" value={form.phone} onChange={set('phone')} error={fieldError('phone')} required />
        <TextField label="Website" value={form.website} onChange={set('website')} error={fieldError('website')} required />
        <TextField
          label="Eigen bijdrage Wmo per maand (abonnementstarief CAK)"
          description="Het bedrag dat dit jaar geldt, bijvoorbeeld 20,60. Laat het leeg als u het bedrag niet zeker weet: de brief zegt dan dat het CAK het bedrag laat weten."
          inputMode="decimal"
          value={form.cak}
          onChange={set('cak')}
          error={cakError ?? fieldError('cakMonthlyCents')}
        />
        <div className={`utrecht-form-field${logoError || fieldError('logo') ? ' utrecht-form-field--invalid' : ''}`}>
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={fileId}>
              Logo (PNG of JPEG, hoogstens 200 kB)
            </label>
          </div>
          {(logoError ?? fieldError('logo')) && <div className="utrecht-form-field-error-message">{logoError ?? fieldError('logo')}</div>}
          <input id={fileId} type="file" accept="image/png,image/jpeg" onChange={(e) => void pickLogo(e)} />
        </div>
        {shownLogo ? (
          <div className="koers-stack">
            <img src={shownLogo} alt="Huidig logo" style={{ maxHeight: '4rem', maxWidth: '100%' }} />
            <Button appearance="secondary-action" onClick={() => setLogo(null)}>
              Logo weghalen
            </Button>
          </div>
        ) : (
          <Paragraph>Geen logo.</Paragraph>
        )}
        {save.isError && <Alert type="error">{save.error.message}</Alert>}
        {save.isSuccess && <Alert type="ok">Het briefpapier is opgeslagen.</Alert>}
        <div>
          <Button type="submit" busy={save.isPending}>
            Opslaan
          </Button>
        </div>
      </form>
      {current.data.cakMonthlyCents !== null && <Paragraph>Brieven noemen nu een eigen bijdrage van {formatMoney(current.data.cakMonthlyCents)} per maand.</Paragraph>}
    </div>
  );
}
