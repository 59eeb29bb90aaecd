// The words of the conversation pages: the six dimensions of Positieve Gezondheid in the order of the
// spinnenweb, the statement the resident rates, and the steps of the self-reliance ladder.
import type { Conversation, Dimension, LadderStepId } from '../../api/types';

export const dimensions = ['bodilyFunctions', 'mentalWellbeing', 'meaningfulness', 'qualityOfLife', 'participation', 'dailyFunctioning'] as const satisfies readonly Dimension[];

export const dimensionLabels: Record<Dimension, string> = {
  bodilyFunctions: 'Lichaamsfuncties',
  mentalWellbeing: 'Mentaal welbevinden',
  meaningfulness: 'Zingeving',
  qualityOfLife: 'Kwaliteit van leven',
  participation: 'Meedoen',
  dailyFunctioning: 'Dagelijks functioneren',
};

export const dimensionStatements: Record<Dimension, string> = {
  bodilyFunctions: 'Ik voel me gezond en fit',
  mentalWellbeing: 'Ik voel me vrolijk',
  meaningfulness: 'Ik heb vertrouwen in mijn eigen toekomst',
  qualityOfLife: 'Ik geniet van mijn leven',
  participation: 'Ik heb goed contact met andere mensen',
  dailyFunctioning: 'Ik kan goed voor mezelf zorgen',
};

export const ladderSteps = ['own_strength', 'network', 'community', 'tailored'] as const satisfies readonly LadderStepId[];

export const ladderLabels: Record<LadderStepId, { label: string; description: string }> = {
  own_strength: { label: 'Eigen kracht', description: 'De inwoner kan dit zelf oplossen.' },
  network: { label: 'Netwerk', description: 'Familie, buren of vrienden kunnen helpen.' },
  community: { label: 'Voorliggend veld', description: 'Een algemene voorziening in de wijk past.' },
  tailored: { label: 'Maatwerk', description: 'Een maatwerkvoorziening is nodig.' },
};

/** "Lichaamsfuncties 7, Mentaal welbevinden 6, …": the scores as text, for screen readers. */
export function scoreSummary(c: Conversation): string {
  return dimensions.map((d) => `${dimensionLabels[d]} ${c.scores[d].score}`).join(', ');
}
