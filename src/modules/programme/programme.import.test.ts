import { describe, it, expect } from 'vitest';
import ExcelJS from 'exceljs';
import { maastrichtProgramme } from '../../demo/programme.data.js';
import type { ProgrammeData } from './programme.types.js';
import { parseProgrammeFile } from './programme.import.js';
import { PROGRAMME_COLUMNS, type ImportResult } from './programme.sheet.js';
import { PROGRAMME_TEMPLATE_EXAMPLE, programmeTemplate } from './programme.template.js';
import { normaliseQuarter, parseEuroCents } from './programme.validation.js';
import { programmeToWorkbook } from './programme.workbook.js';

const HEADER = PROGRAMME_COLUMNS.map((column) => column.name);

function csv(separator: string, rows: readonly (readonly string[])[]): string {
  // Fields are written already encoded (quotes included), so the test controls the raw text.
  return rows.map((row) => row.join(separator)).join('\r\n');
}

function expectOk(result: ImportResult): ProgrammeData {
  if (!result.ok) throw new Error(`expected ok, got issues:\n${JSON.stringify(result.issues, null, 2)}`);
  return result.data;
}

function currentMonth(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const ONE_ACTIVITY = ['1', 'Toegang', 'inhoud', 'doel', '', 'resultaat', 'Thema', 'resultaat thema', 'Activiteit', 'AF', '', '', '', ''];

describe('programmeToWorkbook → parseProgrammeFile', () => {
  it('gives back the Maastricht programme unchanged', async () => {
    const workbook = await programmeToWorkbook(maastrichtProgramme);
    const data = expectOk(await parseProgrammeFile(workbook, 'dsd.xlsx'));
    // Strict: no undefined replannedFrom/note/dateEnd keys may appear where the source has none.
    expect(data).toStrictEqual(maastrichtProgramme);
  });
});

describe('programmeTemplate', () => {
  it('imports as exactly its example rows', async () => {
    const data = expectOk(await parseProgrammeFile(await programmeTemplate(), 'sjabloon.xlsx'));
    expect(data).toStrictEqual(PROGRAMME_TEMPLATE_EXAMPLE);
  });

  it('has instructions, header comments and list validation on status and spoor', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await programmeTemplate()).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Toelichting',
      'Programma',
      'Activiteiten',
      'Raadsinformatiebrieven',
      'Begroting',
    ]);
    const activities = workbook.getWorksheet('Activiteiten');
    const statusCell = activities?.getCell(2, HEADER.indexOf('status') + 1);
    const trackCell = activities?.getCell(500, HEADER.indexOf('spoor') + 1);
    expect(statusCell?.dataValidation).toMatchObject({ type: 'list', formulae: ['"AF,LOOPT,NIEUW"'] });
    expect(trackCell?.dataValidation).toMatchObject({ type: 'list', formulae: ['"inhoud,organisatie,bedrijfsvoering"'] });
    expect(activities?.getCell('J1').note).toBeDefined();
  });
});

describe('parseProgrammeFile with CSV', () => {
  const rows = [
    HEADER,
    // Quoted fields: separator characters, a doubled quote and a line break inside one field;
    // status and spoor in odd case with stray spaces; three quarter spellings.
    ['1', 'Toegang', ' Inhoud', '"snel, dichtbij; nabij"', '', 'Eén loket', 'Bereikbaarheid', 'Eén nummer', '"Regel ""terugbellen"", ook\nin het weekend"', ' looPT ', 'Q3 2024', '', '2024 q2', ''],
    // Line fields only on the first row of the line.
    ['1', '', '', '', '', '', 'Bereikbaarheid', '', 'Klantcontactcentrum', 'af', '', '2024-Q1', '', ''],
    [],
    ['2', 'Stuurinformatie', 'bedrijfsvoering', 'cijfers', 'toelichting', 'dashboard', 'Dashboard', 'kerncijfers', 'Bouwen', 'NIEUW', 'q1-2025', '', '', 'met partners'],
  ];
  const expected: ProgrammeData = {
    name: 'Testgemeente',
    reportMonth: currentMonth(),
    lines: [
      {
        number: 1,
        title: 'Toegang',
        track: 'inhoud',
        objective: 'snel, dichtbij; nabij',
        explanation: '',
        result: 'Eén loket',
        themes: [
          {
            title: 'Bereikbaarheid',
            result: 'Eén nummer',
            activities: [
              { text: 'Regel "terugbellen", ook\nin het weekend', status: 'LOOPT', plannedQuarter: '2024-Q3', doneQuarter: null, replannedFrom: '2024-Q2' },
              { text: 'Klantcontactcentrum', status: 'AF', plannedQuarter: null, doneQuarter: '2024-Q1' },
            ],
          },
        ],
      },
      {
        number: 2,
        title: 'Stuurinformatie',
        track: 'bedrijfsvoering',
        objective: 'cijfers',
        explanation: 'toelichting',
        result: 'dashboard',
        themes: [
          {
            title: 'Dashboard',
            result: 'kerncijfers',
            activities: [{ text: 'Bouwen', status: 'NIEUW', plannedQuarter: '2025-Q1', doneQuarter: null, note: 'met partners' }],
          },
        ],
      },
    ],
    councilLetters: [],
    budget: { requestedTotalCents: 0, contingencyPercent: 10, chapters: [] },
  };

  it('reads comma-separated text', async () => {
    const result = await parseProgrammeFile(Buffer.from(csv(',', rows)), 'programma.csv', { name: 'Testgemeente' });
    expect(expectOk(result)).toStrictEqual(expected);
  });

  it('reads semicolon-separated text with a UTF-8 BOM, as Dutch Excel writes it', async () => {
    const content = Buffer.from(`\uFEFF${csv(';', rows)}\r\n`);
    const result = await parseProgrammeFile(content, 'PROGRAMMA.CSV', { name: 'Testgemeente' });
    expect(expectOk(result)).toStrictEqual(expected);
  });

  it('reads Windows-1252 text, which plain "CSV" from Excel is', async () => {
    const content = Buffer.from(csv(';', [HEADER, ONE_ACTIVITY.map((cell) => (cell === 'doel' ? 'oriëntatie' : cell))]), 'latin1');
    const data = expectOk(await parseProgrammeFile(content, 'programma.csv'));
    expect(data.name).toBe('Programma');
    expect(data.lines[0]?.objective).toBe('oriëntatie');
  });

  it('reports an unclosed quote once, at the row where it opens', async () => {
    const content = Buffer.from(csv(',', [HEADER, ONE_ACTIVITY, ['1', '"Toegang', 'inhoud']]));
    const result = await parseProgrammeFile(content, 'programma.csv');
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          sheet: 'Activiteiten',
          row: 3,
          column: '',
          message: 'Een veld tussen aanhalingstekens (") wordt niet afgesloten; controleer de aanhalingstekens vanaf deze rij.',
        },
      ],
    });
  });
});

describe('parseProgrammeFile validation', () => {
  it('reports every problem with its row, column and a Dutch message', async () => {
    const rows = [
      [...HEADER, 'prioriteit'],
      ['1', 'Strategie', 'inhoud', 'doel', '', 'res', 'Thema A', 'resultaat A', 'Act 1', 'KLAAR', '2023-Q3', '', '', '', 'hoog'],
      ['1', 'Strategy', '', '', '', '', 'Thema A', '', 'Act 2', 'LOOPT', '2023/3', '', '', '', ''],
      ['1', '', '', '', '', '', 'Thema A', '', 'Act 3', 'LOOPT', '2023-Q4', '2023-Q4', '', '', ''],
      [],
      ['1', '', '', '', '', '', 'Thema A', '', '', 'AF', '', '2023-Q1', '', '', ''],
      ['2', 'Lijn twee', 'inhoud', '', '', 'res 2', 'Thema B', 'resultaat B', 'Act', 'NIEUW', 'Q1 2024', '', '', '', ''],
    ];
    const result = await parseProgrammeFile(Buffer.from(csv(',', rows)), 'programma.csv');
    const sheet = 'Activiteiten';
    expect(result).toEqual({
      ok: false,
      issues: [
        { sheet, row: 1, column: 'prioriteit', message: `Onbekende kolom 'prioriteit'; gebruik alleen de kolommen ${HEADER.join(', ')}.` },
        { sheet, row: 2, column: 'status', message: "'KLAAR' is geen geldige status; kies AF, LOOPT of NIEUW." },
        {
          sheet,
          row: 3,
          column: 'programmalijn',
          message: "Programmalijn 1 heeft in rij 2 als programmalijn 'Strategie', hier staat 'Strategy'. Vul overal dezelfde waarde in of laat de cel leeg.",
        },
        {
          sheet,
          row: 3,
          column: 'gepland_kwartaal',
          message: "'2023/3' is geen geldig kwartaal; gebruik bijvoorbeeld 2023-Q3, Q3 2023, 2023 Q3 of Q3-2023.",
        },
        {
          sheet,
          row: 4,
          column: 'gereed_kwartaal',
          message: 'Een activiteit met status LOOPT heeft nog geen gereed_kwartaal; laat deze cel leeg of zet de status op AF.',
        },
        { sheet, row: 6, column: 'activiteit', message: "Vul 'activiteit' in; deze cel is verplicht." },
        {
          sheet,
          row: 7,
          column: 'doelstelling',
          message: 'Programmalijn 2 heeft geen doelstelling; vul die in op ten minste één rij van deze programmalijn.',
        },
      ],
    });
  });

  it('reports a missing required column once, not again for every row', async () => {
    const header = HEADER.filter((name) => name !== 'status');
    const row = ONE_ACTIVITY.filter((_, index) => HEADER[index] !== 'status');
    const result = await parseProgrammeFile(Buffer.from(csv(',', [header, row, row])), 'programma.csv');
    expect(result).toEqual({
      ok: false,
      issues: [{ sheet: 'Activiteiten', row: 1, column: 'status', message: "Verplichte kolom 'status' ontbreekt in de kopregel (rij 1)." }],
    });
  });

  it('rejects an unsupported file type without reading it', async () => {
    const result = await parseProgrammeFile(Buffer.from('%PDF-1.7'), 'programma.pdf');
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          sheet: '',
          row: 0,
          column: '',
          message: "Bestandstype '.pdf' wordt niet ondersteund; lever een Excel-werkmap (.xlsx) of een CSV-bestand (.csv) aan.",
        },
      ],
    });
  });

  it('reports a workbook without an Activiteiten sheet and a file that is no workbook', async () => {
    const empty = await xlsx((workbook) => workbook.addWorksheet('Blad1'));
    expect(await parseProgrammeFile(empty, 'leeg.xlsx')).toEqual({
      ok: false,
      issues: [{ sheet: 'Activiteiten', row: 0, column: '', message: "Het tabblad 'Activiteiten' ontbreekt in de werkmap." }],
    });
    const broken = await parseProgrammeFile(Buffer.from('geen zip'), 'kapot.xlsx');
    expect(broken.ok).toBe(false);
  });
});

describe('parseProgrammeFile with the optional xlsx sheets', () => {
  function workbookWith(letters: unknown[][], settings: unknown[][], budget: unknown[][]): Promise<Buffer> {
    return xlsx((workbook) => {
      workbook.addWorksheet('Activiteiten').addRows([HEADER, [1, ...ONE_ACTIVITY.slice(1)]]);
      workbook.addWorksheet('Raadsinformatiebrieven').addRows([['datum', 'datum_eind', 'kenmerk', 'titel'], ...letters]);
      workbook.addWorksheet('Programma').addRows([['veld', 'waarde'], ...settings]);
      workbook.addWorksheet('Begroting').addRows([['hoofdstuk', 'bedrag_euro'], ...budget]);
    });
  }

  it('accepts Dutch dates, amounts with a decimal comma and Excel date and number cells', async () => {
    const content = await workbookWith(
      [
        ['16-03-2021', null, '2021.04890', 'Brief A'],
        [new Date(Date.UTC(2022, 0, 5)), '2022-01-07', null, 'Brief B'],
      ],
      [
        ['naam', 'Sociaal Domein Heerlen'],
        ['Rapportmaand', '2024-2'],
        ['gevraagd_budget_euro', '€ 430.000,00'],
        ['onvoorzien_procent', '7,5'],
      ],
      [
        ['Hoofdstuk 3', '12.500,5'],
        ['Hoofdstuk 4', 1234.56],
        ['Hoofdstuk 5', null],
      ],
    );
    const data = expectOk(await parseProgrammeFile(content, 'heerlen.xlsx', { name: 'genegeerd' }));
    expect(data.name).toBe('Sociaal Domein Heerlen');
    expect(data.reportMonth).toBe('2024-02');
    expect(data.councilLetters).toStrictEqual([
      { date: '2021-03-16', number: '2021.04890', title: 'Brief A' },
      { date: '2022-01-05', dateEnd: '2022-01-07', number: null, title: 'Brief B' },
    ]);
    expect(data.budget).toStrictEqual({
      requestedTotalCents: 430_000_00,
      contingencyPercent: 7.5,
      chapters: [
        { chapter: 'Hoofdstuk 3', amountCents: 12_500_50 },
        { chapter: 'Hoofdstuk 4', amountCents: 1_234_56 },
        { chapter: 'Hoofdstuk 5', amountCents: null },
      ],
    });
  });

  it('reports problems on the other sheets in the same run', async () => {
    const content = await workbookWith(
      [['31-02-2021', null, null, 'Brief']],
      [
        ['rapportmaand', 'mei 2023'],
        ['kleur', 'blauw'],
      ],
      [['Hoofdstuk 3', '12,5.0']],
    );
    const result = await parseProgrammeFile(content, 'fout.xlsx');
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          sheet: 'Raadsinformatiebrieven',
          row: 2,
          column: 'datum',
          message: "'31-02-2021' is geen geldige datum; gebruik jjjj-mm-dd (2021-03-16) of dd-mm-jjjj (16-03-2021).",
        },
        { sheet: 'Programma', row: 2, column: 'waarde', message: "'mei 2023' is geen geldige rapportmaand; gebruik jjjj-mm, bijvoorbeeld 2023-05." },
        {
          sheet: 'Programma',
          row: 3,
          column: 'veld',
          message: "Onbekend veld 'kleur'; gebruik naam, rapportmaand, gevraagd_budget_euro, onvoorzien_procent.",
        },
        {
          sheet: 'Begroting',
          row: 2,
          column: 'bedrag_euro',
          message: "'12,5.0' is geen geldig bedrag; gebruik bijvoorbeeld 12500, 12.500,00 of 12500,50.",
        },
      ],
    });
  });
});

describe('value parsers', () => {
  it.each([
    ['2023-Q3', '2023-Q3'],
    ['q3 2023', '2023-Q3'],
    ['2023 Q3', '2023-Q3'],
    ['Q3-2023', '2023-Q3'],
    [' 2023-q4 ', '2023-Q4'],
    ['2023-Q5', null],
    ['Q42023', null],
    ['2023/3', null],
  ])('normaliseQuarter(%j) = %j', (input, expected) => {
    expect(normaliseQuarter(input)).toBe(expected);
  });

  it.each([
    ['12.500,00', 1_250_000],
    ['12500', 1_250_000],
    ['12.500', 1_250_000],
    ['0,29', 29],
    ['12500.5', 1_250_050],
    ['€ 1.250.000,-', 125_000_000],
    ['12,5.0', null],
    ['-5', null],
  ])('parseEuroCents(%j) = %j', (input, expected) => {
    expect(parseEuroCents(input)).toBe(expected);
  });
});
