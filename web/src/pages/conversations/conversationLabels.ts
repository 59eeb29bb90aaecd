// The words of the conversation pages: the six dimensions of Positieve Gezondheid in the order of the
// spinnenweb, the statement the resident rates, and the steps of the self-reliance ladder.
// The dimensions, their labels and statements and the ladder's steps are the server's own: one source
// for the API's validation messages, the printed report and these pages.
import { dimensionLabels, dimensions, ladderStepLabels } from '../../../../src/modules/conversations/conversation.schema.js';
import type { Conversation, LadderStepId } from '../../api/types';

export { dimensionLabels, dimensions, dimensionStatements, ladderSteps } from '../../../../src/modules/conversations/conversation.schema.js';

const ladderDescriptions: Record<LadderStepId, string> = {
  own_strength: 'De inwoner kan dit zelf oplossen.',
  network: 'Familie, buren of vrienden kunnen helpen.',
  community: 'Een algemene voorziening in de wijk past.',
  tailored: 'Een maatwerkvoorziening is nodig.',
};

export const ladderLabels = Object.fromEntries(
  (Object.keys(ladderDescriptions) as LadderStepId[]).map((step) => [step, { label: ladderStepLabels[step], description: ladderDescriptions[step] }]),
) as Record<LadderStepId, { label: string; description: string }>;

/** "Lichaamsfuncties 7, Mentaal welbevinden 6, …": the scores as text, for screen readers. */
export function scoreSummary(c: Conversation): string {
  return dimensions.map((d) => `${dimensionLabels[d]} ${c.scores[d].score}`).join(', ');
}
