// Thin React wrappers around the NL Design System (Utrecht) CSS components, so pages stay readable.
import { useEffect, useId, useRef, useState, type ButtonHTMLAttributes, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from 'react';

export function Heading({ level, children, id }: { level: 1 | 2 | 3; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as const;
  return (
    <Tag id={id} className={`utrecht-heading-${level}`}>
      {children}
    </Tag>
  );
}

export function Paragraph({ children, lead = false }: { children: ReactNode; lead?: boolean }) {
  return <p className={`utrecht-paragraph${lead ? ' utrecht-paragraph--lead' : ''}`}>{children}</p>;
}

export function Button({
  appearance = 'primary-action',
  busy = false,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: 'primary-action' | 'secondary-action' | 'subtle'; busy?: boolean }) {
  return (
    <button
      type="button"
      {...props}
      aria-busy={busy || undefined}
      className={`utrecht-button utrecht-button--${appearance}${busy ? ' utrecht-button--busy' : ''}`}
    />
  );
}

export function Alert({ type, children }: { type: 'error' | 'info' | 'ok' | 'warning'; children: ReactNode }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role={type === 'error' ? 'alert' : 'status'}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  );
}

/** What a field's control needs from its frame: its id and the ARIA links to description and error. */
interface FieldControl {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** The Utrecht form field around one control: label, optional description and error, linked by id. */
function FormField({ label, description, error, children }: { label: string; description?: string | undefined; error?: string | undefined; children: (control: FieldControl) => ReactNode }) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description && (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      )}
      {error && (
        <div className="utrecht-form-field-error-message" id={errorId}>
          {error}
        </div>
      )}
      <div className="utrecht-form-field__input">
        {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': [descriptionId, errorId].filter(Boolean).join(' ') || undefined })}
      </div>
    </div>
  );
}

export function TextField({
  label,
  description,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; description?: string; error?: string }) {
  return (
    <FormField label={label} description={description} error={error}>
      {(control) => (
        <input type="text" {...input} {...control} className={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`} />
      )}
    </FormField>
  );
}

/** A file input with label, optional description and error (the form reads the file from the input). */
export function FileField({
  label,
  description,
  error,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; description?: string; error?: string | undefined }) {
  return (
    <FormField label={label} description={description} error={error}>
      {(control) => <input {...input} {...control} type="file" className="koers-file-input" />}
    </FormField>
  );
}

/** A multi-line text field (Utrecht textarea) with label, optional description and error. */
export function TextArea({
  label,
  description,
  error,
  ...textarea
}: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; description?: string; error?: string | undefined }) {
  return (
    <FormField label={label} description={description} error={error}>
      {(control) => (
        <textarea rows={4} {...textarea} {...control} className={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`} />
      )}
    </FormField>
  );
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  description,
  error,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  description?: string;
  error?: string | undefined;
}) {
  return (
    <FormField label={label} description={description} error={error}>
      {(control) => (
        <select {...control} className="utrecht-select utrecht-select--html-select" value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

export function DataList({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="koers-data-list">
      {items.map(([key, value]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt>{key}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export { formatDate } from '../format';

/**
 * A table (or other wide content) that scrolls sideways inside its own box, so the page itself never
 * does. Only when the content is wider than the box does the box become a named, keyboard-focusable
 * region (arrow keys scroll it); otherwise it adds no tab stop and no landmark.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setOverflows(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="koers-scroll" {...(overflows ? { tabIndex: 0, role: 'region', 'aria-label': `${label} (horizontaal scrollbaar)` } : {})}>
      {children}
    </div>
  );
}

/** Text that is highlighted when something is past its term: a warning sign and bold text as well as colour. */
export function Overdue({ overdue, children }: { overdue: boolean; children: ReactNode }) {
  if (!overdue) return <>{children}</>;
  return (
    <strong className="koers-overdue">
      <span aria-hidden="true">⚠ </span>
      {children}
    </strong>
  );
}

/** A plain data table (Utrecht) with a hidden caption, in a TableScroll so the page never scrolls sideways. */
export function SimpleTable({ label, headers, rows }: { label: string; headers: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <TableScroll label={label}>
      <table className="utrecht-table utrecht-table--html-table">
        <caption className="koers-visually-hidden">{label}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {headers.map((h) => (
              <th key={h} className="utrecht-table__header-cell" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">
          {rows.map((r) => (
            <tr key={r.key} className="utrecht-table__row">
              {r.cells.map((c, i) => (
                <td key={i} className="utrecht-table__cell">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
