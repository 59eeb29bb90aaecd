// Tabs with the WAI-ARIA tab pattern (tablist/tab/tabpanel; arrow keys, Home and End move between
// tabs) whose choice lives in the URL (?tab=…), so a link, back and refresh open the same tab.
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';

export interface TabDefinition {
  /** In the URL: ?tab=<id>. */
  id: string;
  label: string;
  render: () => ReactNode;
}

export function Tabs({ label, tabs, initial }: { label: string; tabs: TabDefinition[]; initial?: string }) {
  const [params, setParams] = useSearchParams();
  const list = useRef<HTMLDivElement>(null);
  const requested = params.get('tab');
  const active = tabs.find((t) => t.id === requested) ?? tabs.find((t) => t.id === initial) ?? tabs[0];
  if (!active) return null;
  const select = (id: string, replace = false) => {
    const next = new URLSearchParams(params);
    next.set('tab', id);
    setParams(next, { replace, preventScrollReset: true });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const index = tabs.indexOf(active);
    const to = e.key === 'ArrowRight' ? (index + 1) % tabs.length : e.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (to < 0) return;
    e.preventDefault();
    const target = tabs[to]!;
    select(target.id, true);
    list.current?.querySelector<HTMLElement>(`#tab-${target.id}`)?.focus();
  };
  return (
    <div className="koers-tabs">
      <div role="tablist" aria-label={label} className="koers-tabs__list" ref={list} onKeyDown={onKeyDown}>
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={t === active}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={t === active ? 0 : -1}
            className="koers-tabs__tab"
            onClick={() => select(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`tabpanel-${active.id}`} aria-labelledby={`tab-${active.id}`} tabIndex={0} className="koers-tabs__panel koers-stack">
        {active.render()}
      </div>
    </div>
  );
}
