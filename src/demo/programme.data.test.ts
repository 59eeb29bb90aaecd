import { describe, it, expect } from 'vitest';
import type { ActivityStatus, ProgrammeActivityData } from '../modules/programme/programme.types.js';
import { maastrichtProgramme } from './programme.data.js';

// Expected figures were counted by hand from the May 2023 status report, bullet by bullet, so a
// transcription slip in the data file shows up here as a count that no longer matches.
const expectedPerLine = [
  { number: 1, title: 'Strategie', themes: 5, activities: 20, AF: 8, LOOPT: 11, NIEUW: 1 },
  { number: 2, title: 'Structuur & Bemensing', themes: 4, activities: 7, AF: 4, LOOPT: 3, NIEUW: 0 },
  { number: 3, title: 'Leren & Ontwikkelen', themes: 3, activities: 3, AF: 1, LOOPT: 2, NIEUW: 0 },
  { number: 4, title: 'Processen', themes: 4, activities: 14, AF: 5, LOOPT: 9, NIEUW: 0 },
  { number: 5, title: 'Systemen', themes: 2, activities: 11, AF: 3, LOOPT: 8, NIEUW: 0 },
  { number: 6, title: 'Stuurinformatie', themes: 5, activities: 17, AF: 2, LOOPT: 15, NIEUW: 0 },
] as const;

const QUARTER = /^\d{4}-Q[1-4]$/;

function allActivities(): ProgrammeActivityData[] {
  return maastrichtProgramme.lines.flatMap((line) => line.themes.flatMap((theme) => theme.activities));
}

function countStatus(activities: ProgrammeActivityData[], status: ActivityStatus): number {
  return activities.filter((activity) => activity.status === status).length;
}

function findActivity(themeTitle: string, text: string): ProgrammeActivityData {
  const theme = maastrichtProgramme.lines
    .flatMap((line) => line.themes)
    .find((candidate) => candidate.title === themeTitle);
  const activity = theme?.activities.find((candidate) => candidate.text === text);
  if (!activity) throw new Error(`activity not found: ${themeTitle} / ${text}`);
  return activity;
}

describe('maastrichtProgramme', () => {
  it('names the programme and the report month', () => {
    expect(maastrichtProgramme.name).toBe('Duurzaam Sociaal Domein');
    expect(maastrichtProgramme.reportMonth).toBe('2023-05');
  });

  it('has the six programme lines in order, each on its ontwikkelspoor', () => {
    expect(maastrichtProgramme.lines.map((line) => [line.number, line.title, line.track])).toEqual([
      [1, 'Strategie', 'inhoud'],
      [2, 'Structuur & Bemensing', 'organisatie'],
      [3, 'Leren & Ontwikkelen', 'organisatie'],
      [4, 'Processen', 'bedrijfsvoering'],
      [5, 'Systemen', 'bedrijfsvoering'],
      [6, 'Stuurinformatie', 'bedrijfsvoering'],
    ]);
  });

  describe.each(expectedPerLine)('programme line $number ($title)', (expected) => {
    const line = maastrichtProgramme.lines.find((candidate) => candidate.number === expected.number);
    const activities = line?.themes.flatMap((theme) => theme.activities) ?? [];

    it(`has ${expected.themes} themes and ${expected.activities} activities`, () => {
      expect(line?.themes).toHaveLength(expected.themes);
      expect(activities).toHaveLength(expected.activities);
    });

    it(`has ${expected.AF} AF, ${expected.LOOPT} LOOPT and ${expected.NIEUW} NIEUW`, () => {
      expect(countStatus(activities, 'AF')).toBe(expected.AF);
      expect(countStatus(activities, 'LOOPT')).toBe(expected.LOOPT);
      expect(countStatus(activities, 'NIEUW')).toBe(expected.NIEUW);
    });

    it('carries objective, explanation and result without their lead-ins', () => {
      expect(line?.objective).not.toMatch(/^Doelstelling/i);
      expect(line?.result).not.toMatch(/^Resultaat/i);
      expect(line?.explanation.length).toBeGreaterThan(100);
    });
  });

  it('totals 23 themes and 72 activities (23 AF, 48 LOOPT, 1 NIEUW)', () => {
    const themes = maastrichtProgramme.lines.flatMap((line) => line.themes);
    const activities = allActivities();
    expect(themes).toHaveLength(23);
    expect(activities).toHaveLength(72);
    expect(countStatus(activities, 'AF')).toBe(23);
    expect(countStatus(activities, 'LOOPT')).toBe(48);
    expect(countStatus(activities, 'NIEUW')).toBe(1);
  });

  it('keeps the seed wording for objectives and results', () => {
    const [strategie, , , , , stuurinformatie] = maastrichtProgramme.lines;
    expect(strategie?.objective).toBe(
      'samenhangende strategieën op het gebied van verwerving en toegang die bijdragen aan de hoofdoelen van een Duurzaam Sociaal Domein',
    );
    expect(stuurinformatie?.result.startsWith('doordat we informatie die beschikbaar is in onze systemen')).toBe(true);
  });

  describe('spot checks against the seed', () => {
    it('Djuma was replanned from Q3 to Q4 2023', () => {
      expect(findActivity('Operationeel zaaksysteem', 'implementatie zaaksysteem Djuma')).toEqual({
        text: 'implementatie zaaksysteem Djuma',
        status: 'LOOPT',
        plannedQuarter: '2023-Q4',
        doneQuarter: null,
        replannedFrom: '2023-Q3',
      });
    });

    it('the archive clean-up was brought forward from Q4 to Q3 2023', () => {
      expect(findActivity('Operationeel zaaksysteem', 'opschonen archief en I-Navigator')).toEqual({
        text: 'opschonen archief en I-Navigator',
        status: 'LOOPT',
        plannedQuarter: '2023-Q3',
        doneQuarter: null,
        replannedFrom: '2023-Q4',
      });
    });

    it('the only NIEUW item is the regional role division', () => {
      const nieuw = allActivities().filter((activity) => activity.status === 'NIEUW');
      expect(nieuw).toEqual([
        {
          text: 'rol- en taakverdeling lokaal en regio, o.a. Inkoop Sociaal Domein en borging in domein bedrijfsvoering',
          status: 'NIEUW',
          plannedQuarter: '2023-Q3',
          doneQuarter: null,
        },
      ]);
    });

    it('AF items keep their completion quarter', () => {
      expect(findActivity('Sociale Visie', 'Leidraad voor beleidsontwikkeling')).toMatchObject({
        status: 'AF',
        doneQuarter: '2022-Q4',
        plannedQuarter: null,
      });
      expect(findActivity('Programmaorganisatie DSD', 'inrichting programma-organisatie')).toMatchObject({
        status: 'AF',
        doneQuarter: '2021-Q3',
      });
      expect(findActivity('Dashboards', 'dashboards Jeugd en Wmo opgeleverd')).toMatchObject({
        status: 'AF',
        doneQuarter: '2022-Q3',
      });
    });

    it('AF items without a quarter have none', () => {
      expect(findActivity('Control', 'controlframework Jeugd')).toEqual({
        text: 'controlframework Jeugd',
        status: 'AF',
        plannedQuarter: null,
        doneQuarter: null,
      });
    });

    it('decodes superscript and entities', () => {
      expect(findActivity('Verwerving', 'Jeugd ambulante 1e fase')).toMatchObject({
        status: 'LOOPT',
        plannedQuarter: '2023-Q3',
      });
      expect(
        findActivity('Preventie & Vroegsignalering', 'uitvoeringskader preventie & vroegsignalering'),
      ).toMatchObject({ status: 'LOOPT', plannedQuarter: '2023-Q3' });
    });

    it('the Verwerving continuation row after the page break stays in Verwerving', () => {
      expect(
        findActivity('Verwerving', 'gunning ontwikkelaanbesteding Jeugd, op basis waarvan vervolplanning)'),
      ).toMatchObject({ status: 'LOOPT', plannedQuarter: '2023-Q3' });
    });

    it('reads a quarter written as "Q1 2024" and typo quarters as 2023-Q4', () => {
      expect(findActivity('Control', 'controlframework Wsw-MTB').plannedQuarter).toBe('2024-Q1');
      const verantwoording = maastrichtProgramme.lines[5]?.themes.find(
        (theme) => theme.title === 'Verantwoordingsstructuur',
      );
      // "(Q4_2_023)" in the seed.
      expect(verantwoording?.activities.at(-1)).toMatchObject({
        text: 'borging in domein bedrijfsvoering',
        plannedQuarter: '2023-Q4',
      });
    });

    it('continuous activities have no quarter and keep the qualifier as a note', () => {
      expect(
        findActivity('Data gedreven werken', "'learning by doing' op basis van dashboards en sturingsgesprekken"),
      ).toEqual({
        text: "'learning by doing' op basis van dashboards en sturingsgesprekken",
        status: 'LOOPT',
        plannedQuarter: null,
        doneQuarter: null,
        note: 'continu proces',
      });
      const [first] =
        maastrichtProgramme.lines[5]?.themes.find((theme) => theme.title === 'Data gedreven werken')?.activities ?? [];
      expect(first).toMatchObject({ plannedQuarter: '2023-Q4', note: 'daarna continu proces' });
      expect(findActivity('Cultuur', 'continue borging lijnsturing').plannedQuarter).toBeNull();
    });

    it('splits the double bullet under Financieel proces into two activities', () => {
      const financieel = maastrichtProgramme.lines[5]?.themes.find((theme) => theme.title === 'Financieel proces');
      expect(financieel?.activities.slice(-2)).toEqual([
        {
          text: 'optimalisatie begroting en verplichtingenadministratie',
          status: 'LOOPT',
          plannedQuarter: '2024-Q1',
          doneQuarter: null,
        },
        { text: 'borging in domein bedrijfsvoering', status: 'LOOPT', plannedQuarter: '2023-Q4', doneQuarter: null },
      ]);
    });
  });

  it('uses YYYY-Qn for every quarter and puts each quarter on the field its status allows', () => {
    for (const activity of allActivities()) {
      for (const quarter of [activity.plannedQuarter, activity.doneQuarter, activity.replannedFrom]) {
        if (quarter !== null && quarter !== undefined) expect(quarter).toMatch(QUARTER);
      }
      if (activity.status === 'AF') expect(activity.plannedQuarter).toBeNull();
      else expect(activity.doneQuarter).toBeNull();
    }
  });

  it('contains no leftover HTML or entities', () => {
    const texts = maastrichtProgramme.lines.flatMap((line) => [
      line.title,
      line.objective,
      line.explanation,
      line.result,
      ...line.themes.flatMap((theme) => [
        theme.title,
        theme.result,
        ...theme.activities.flatMap((activity) => [activity.text, activity.note ?? '']),
      ]),
    ]);
    for (const text of texts) {
      expect(text).not.toMatch(/<\/?[a-z]+|&[a-z]+;|&#\d+;|ĳ/);
      expect(text).toBe(text.trim());
    }
  });

  describe('council letters', () => {
    const letters = maastrichtProgramme.councilLetters;

    it('lists 42 letters, four of them without a number', () => {
      expect(letters).toHaveLength(42);
      expect(letters.filter((letter) => letter.number === null)).toHaveLength(4);
    });

    it('has valid ISO dates, sorted by date', () => {
      for (const letter of letters) {
        for (const date of [letter.date, letter.dateEnd]) {
          if (date === undefined) continue;
          expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
        }
      }
      const dates = letters.map((letter) => letter.date);
      expect(dates).toEqual([...dates].sort());
      expect(letters[0]).toEqual({ date: '2020-06-23', number: '2020-16927', title: 'RIB inzake Noodplan sociaal domein' });
      expect(letters.at(-1)?.date).toBe('2023-03-28');
    });

    it('keeps the date range of the Verbeterplan decision', () => {
      expect(letters.find((letter) => letter.number === '5-2021')).toEqual({
        date: '2021-03-09',
        dateEnd: '2021-03-16',
        number: '5-2021',
        title: 'Verbeterplan Sociaal Domein',
      });
    });

    it('includes the budget council note of July 2021', () => {
      expect(letters.find((letter) => letter.number === '65-2021')).toEqual({
        date: '2021-07-20',
        number: '65-2021',
        title: 'Raadsnota Budget Uitvoeringsplan Duurzaam Sociaal Domein 2021-2022',
      });
    });
  });

  describe('budget', () => {
    const { budget } = maastrichtProgramme;

    it('asks EUR 430,000 including 10% onvoorzien', () => {
      expect(budget.requestedTotalCents).toBe(43_000_000);
      expect(budget.contingencyPercent).toBe(10);
    });

    it('lists cost chapters 3 to 8 without amounts, because the seed gives none', () => {
      expect(budget.chapters.map((chapter) => chapter.chapter)).toEqual([
        'Hoofdstuk 3',
        'Hoofdstuk 4. Organisatie',
        'Hoofdstuk 5. Bemensing en cultuur',
        'Hoofdstuk 6. Processen',
        'Hoofdstuk 7. Systemen',
        'Hoofdstuk 8. Sturingsinformatie',
      ]);
      expect(budget.chapters.every((chapter) => chapter.amountCents === null)).toBe(true);
    });

    it('cannot be split back into whole-cent chapters, which is why no amounts are derived', () => {
      const chapterTotalCents = (budget.requestedTotalCents * 100) / (100 + budget.contingencyPercent);
      expect(Number.isInteger(chapterTotalCents)).toBe(false);
    });
  });
});
