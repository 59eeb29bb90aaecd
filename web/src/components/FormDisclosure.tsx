// A form behind a button: closed, only the button shows; opened, the form takes the button's place and
// focus moves to its first field; "Annuleren" closes it and puts focus back on the button.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button } from './ui';

const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])';

export function FormDisclosure({
  label,
  children,
  appearance = 'secondary-action',
}: {
  /** The text of the button that opens the form, e.g. "Contact vastleggen". */
  label: string;
  /** The form; `close` closes it and returns focus to the button (e.g. after saving). */
  children: (close: () => void) => ReactNode;
  appearance?: 'primary-action' | 'secondary-action';
}) {
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLDivElement>(null);
  const region = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (open) region.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      opener.current?.querySelector('button')?.focus();
    }
  }, [open]);
  const close = () => {
    returnFocus.current = true;
    setOpen(false);
  };
  return (
    <div className="koers-stack">
      {!open && (
        <div ref={opener}>
          <Button appearance={appearance} onClick={() => setOpen(true)}>
            {label}
          </Button>
        </div>
      )}
      {open && (
        <div ref={region} className="koers-stack koers-card">
          {children(close)}
          <div>
            <Button appearance="subtle" onClick={close}>
              Annuleren
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
