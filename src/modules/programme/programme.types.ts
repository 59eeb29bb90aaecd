// The shape of a programme as it is imported, exported and seeded: lines with themes with
// activities, council letters and a budget. Ontwikkelsporen after the Maastricht programme
// "Duurzaam Sociaal Domein" (the demo's transcription: src/demo/programme.data.ts).

export type ActivityStatus = 'AF' | 'LOOPT' | 'NIEUW';

// Table 2 of the seed ("kerndoelen DSD") assigns each programme line to one ontwikkelspoor,
// so the track is required on the line rather than optional.
export type Track = 'inhoud' | 'organisatie' | 'bedrijfsvoering';

export interface ProgrammeActivityData {
  text: string;
  status: ActivityStatus;
  /** 'YYYY-Qn' for LOOPT/NIEUW items; null when the seed gives none (e.g. "continu proces"). */
  plannedQuarter: string | null;
  /** 'YYYY-Qn' for AF items that name a quarter; null otherwise. */
  doneQuarter: string | null;
  /** The struck-through quarter when the seed shows a replanning (<del>3</del>4 → '2023-Q3'). */
  replannedFrom?: string;
  /** Qualifier text around the quarter that is not the activity itself. */
  note?: string;
}

export interface ProgrammeThemeData {
  title: string;
  result: string;
  activities: ProgrammeActivityData[];
}

export interface ProgrammeLineData {
  number: number;
  title: string;
  track: Track;
  /** The "Doelstelling <lijn>:" sentence, without that lead-in. */
  objective: string;
  // The seed puts an explanatory paragraph between doelstelling and resultaat in every line;
  // dropping it would lose the only narrative of what each line did.
  explanation: string;
  /** The "Resultaat:" paragraph, without that lead-in. */
  result: string;
  themes: ProgrammeThemeData[];
}

export interface CouncilLetterData {
  /** ISO yyyy-mm-dd; for a date range, the first day. */
  date: string;
  // One row is dated "9-16-03-21" (committee and council meeting on the Verbeterplan); keeping the
  // end date avoids inventing which of the two days is "the" date.
  dateEnd?: string;
  /** Kenmerk as written (the seed mixes "2020-16927" and "2020.23574"); null when the cell is empty. */
  number: string | null;
  title: string;
}

export interface ProgrammeBudgetChapterData {
  chapter: string;
  // The college proposal names the cost chapters but gives no amount per chapter (those live in
  // hoofdstuk 9 of the Uitvoeringsplan itself, which is not among the seeds). null means
  // "not in the source" — a zero would be a false figure.
  amountCents: number | null;
}

export interface ProgrammeBudgetData {
  /** The amount asked of the council, contingency included. */
  requestedTotalCents: number;
  /** "onvoorzien", as a percentage of the total costs of chapters 3 to 8. */
  contingencyPercent: number;
  chapters: ProgrammeBudgetChapterData[];
}

export interface ProgrammeData {
  name: string;
  /** 'YYYY-MM' of the status report. */
  reportMonth: string;
  lines: ProgrammeLineData[];
  councilLetters: CouncilLetterData[];
  budget: ProgrammeBudgetData;
}
