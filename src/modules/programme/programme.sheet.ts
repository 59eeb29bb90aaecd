// The programme spreadsheet's format: its sheets and columns, as the importer reads them and the
// export and template write them, and the issue a rejected file is answered with.
import type { ActivityStatus, ProgrammeData, Track } from './programme.types.js';

export interface ImportIssue {
  sheet: string;
  /** 1-based row as Excel shows it (header = row 1); 0 for a problem with the file as a whole. */
  row: number;
  /** The header name, e.g. 'status'; '' when the problem is not about one column. */
  column: string;
  /** Dutch, addressed to the person who fills in the sheet. */
  message: string;
}

export type ImportResult = { ok: true; data: ProgrammeData } | { ok: false; issues: ImportIssue[] };

export interface SheetColumn {
  readonly name: string;
  /** Whether the header must be present (and, per `scope`, a value). */
  readonly required: boolean;
  /** 'line'/'theme': one value per programme line/theme suffices, repeated rows must agree. */
  readonly scope: 'row' | 'line' | 'theme';
  /** Dutch help text, shown as a header comment and on the Toelichting sheet. */
  readonly description: string;
}

export const SHEET_NAMES = {
  activities: 'Activiteiten',
  letters: 'Raadsinformatiebrieven',
  settings: 'Programma',
  budget: 'Begroting',
} as const;

export const QUARTER_FORMS = '2023-Q3, Q3 2023, 2023 Q3 of Q3-2023';

export const PROGRAMME_COLUMNS = [
  { name: 'programmalijn_nummer', required: true, scope: 'row', description: 'Nummer van de programmalijn (1, 2, 3 …).' },
  { name: 'programmalijn', required: true, scope: 'line', description: 'Titel van de programmalijn.' },
  { name: 'spoor', required: true, scope: 'line', description: 'Ontwikkelspoor: inhoud, organisatie of bedrijfsvoering.' },
  { name: 'doelstelling', required: true, scope: 'line', description: 'Doelstelling van de programmalijn.' },
  { name: 'toelichting', required: false, scope: 'line', description: 'Toelichting op de programmalijn (mag leeg).' },
  { name: 'resultaat_programmalijn', required: true, scope: 'line', description: 'Beoogd resultaat van de programmalijn.' },
  { name: 'thema', required: true, scope: 'row', description: 'Thema binnen de programmalijn.' },
  { name: 'resultaat_thema', required: true, scope: 'theme', description: 'Beoogd resultaat van het thema.' },
  { name: 'activiteit', required: true, scope: 'row', description: 'De activiteit zelf; één activiteit per rij.' },
  { name: 'status', required: true, scope: 'row', description: 'AF, LOOPT of NIEUW.' },
  { name: 'gepland_kwartaal', required: false, scope: 'row', description: `Gepland kwartaal, bijv. ${QUARTER_FORMS}.` },
  { name: 'gereed_kwartaal', required: false, scope: 'row', description: 'Kwartaal waarin de activiteit af was; alleen bij status AF.' },
  { name: 'eerder_gepland_kwartaal', required: false, scope: 'row', description: 'Oorspronkelijk kwartaal als de planning is verschoven.' },
  { name: 'opmerking', required: false, scope: 'row', description: 'Opmerking bij de activiteit (mag leeg).' },
] as const satisfies readonly SheetColumn[];

export const LETTER_COLUMNS = [
  { name: 'datum', required: true, scope: 'row', description: 'Datum, als jjjj-mm-dd, dd-mm-jjjj of Excel-datum.' },
  { name: 'datum_eind', required: false, scope: 'row', description: 'Einddatum bij een periode (mag leeg).' },
  { name: 'kenmerk', required: false, scope: 'row', description: 'Kenmerk of registratienummer (mag leeg).' },
  { name: 'titel', required: true, scope: 'row', description: 'Titel van de brief.' },
] as const satisfies readonly SheetColumn[];

export const SETTINGS_COLUMNS = [
  { name: 'veld', required: true, scope: 'row', description: 'naam, rapportmaand, gevraagd_budget_euro of onvoorzien_procent.' },
  { name: 'waarde', required: true, scope: 'row', description: 'De waarde van het veld.' },
] as const satisfies readonly SheetColumn[];

export const BUDGET_COLUMNS = [
  { name: 'hoofdstuk', required: true, scope: 'row', description: 'Naam van het begrotingshoofdstuk.' },
  { name: 'bedrag_euro', required: false, scope: 'row', description: 'Bedrag in euro, bijv. 12.500,00 (leeg = onbekend).' },
] as const satisfies readonly SheetColumn[];

export type ActivityColumn = (typeof PROGRAMME_COLUMNS)[number]['name'];

/** A cell's value as read from a worksheet or a CSV field. */
export type Cell = string | number | boolean | Date | null;

/** One sheet as read from a file: its header row and its data rows, before any column is bound. */
export interface Table {
  sheet: string;
  header: Cell[];
  rows: { row: number; cells: Cell[] }[];
}

export const STATUSES: readonly ActivityStatus[] = ['AF', 'LOOPT', 'NIEUW'];
export const TRACKS: readonly Track[] = ['inhoud', 'organisatie', 'bedrijfsvoering'];
/** The order in which issues are listed: the file as a whole first, then sheet by sheet. */
export const SHEET_ORDER: readonly string[] = ['', ...Object.values(SHEET_NAMES)];

/** 'A' for column 1, 'AA' for column 27: the letter Excel shows above a column. */
export function columnLetter(position: number): string {
  let letters = '';
  for (let rest = position; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
