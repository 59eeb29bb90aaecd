/** What the global setup hands to every test file: where the migrated, seeded template lives. */
export type TemplateDatabase =
  | { kind: 'pglite'; snapshotPath: string }
  | { kind: 'postgresql'; adminUrl: string; templateName: string };

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: TemplateDatabase;
  }
}

export function databaseUrlWithName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
