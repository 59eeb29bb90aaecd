// The Positieve Gezondheid conversation (keukentafelgesprek) of a case: scores on the six
// dimensions, the step on the ladder (eigen kracht … maatwerk) and the agreements.

import type { Insertable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Random } from '../random.js';
import { bandOf } from './distributions.js';
import type { CasePlan, ResidentInfo } from './types.js';

const DIMENSIONS = ['bodily_functions', 'mental_wellbeing', 'meaningfulness', 'quality_of_life', 'participation', 'daily_functioning'] as const;

export function conversationRow(random: Random, tenantId: string, id: string, plan: CasePlan, client: ResidentInfo, createdAt: Date): Insertable<DB['conversations']> {
  const band = bandOf(client.age);
  // Older clients score their body and daily functioning lower; younger clients their mental wellbeing.
  const base: Record<(typeof DIMENSIONS)[number], number> = {
    bodily_functions: band === 'elderly' || band === 'senior' ? 4 : 6,
    mental_wellbeing: band === 'adult' || band === 'middle' ? 4 : 6,
    meaningfulness: 6,
    quality_of_life: 5,
    participation: 5,
    daily_functioning: band === 'elderly' ? 4 : 5,
  };
  const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, Math.max(0, Math.min(10, base[d] + random.int(-2, 3)))])) as Record<(typeof DIMENSIONS)[number], number>;
  const lowest = [...DIMENSIONS].sort((a, b) => scores[a] - scores[b]).slice(0, random.int(1, 2));
  const ladder: DB['conversations']['ladder_step'] =
    plan.outcome === 'decision' ? 'tailored' : plan.outcome === 'closed' ? random.weighted([{ value: 'community' as const, weight: 60 }, { value: 'network' as const, weight: 25 }, { value: 'own_strength' as const, weight: 15 }]) : random.pick(['own_strength', 'network'] as const);
  const products = plan.lines.map((l) => l.product.name.toLowerCase());
  const rationale: Record<DB['conversations']['ladder_step'], string> = {
    own_strength: 'De inwoner kan dit met wat aanpassingen zelf oplossen.',
    network: 'Kinderen en buren kunnen een deel van de hulp bieden; dat is afgesproken.',
    community: 'Een activiteit in het buurtcentrum en welzijn op recept sluiten aan bij de vraag.',
    tailored: `Eigen kracht, netwerk en voorliggend veld zijn niet toereikend; maatwerk nodig${products.length > 0 ? `: ${products.join(', ')}` : ''}.`,
  };
  const agreements =
    ladder === 'tailored'
      ? ['Consulent stelt het verslag op en stuurt het binnen een week toe.', 'Inwoner dient na ontvangst van het verslag de aanvraag in.']
      : ['Inwoner neemt zelf contact op met het buurtcentrum.', 'Consulent belt over zes weken om te horen hoe het gaat.'];
  const row: Insertable<DB['conversations']> = {
    tenant_id: tenantId,
    id,
    resident_id: client.id,
    case_id: plan.id,
    corrects_id: null,
    held_on: plan.conversationOn!,
    conducted_by_user_id: plan.consultant.id,
    conducted_by_username: plan.consultant.username,
    bodily_functions_score: scores.bodily_functions,
    bodily_functions_wants_to_talk: lowest.includes('bodily_functions'),
    mental_wellbeing_score: scores.mental_wellbeing,
    mental_wellbeing_wants_to_talk: lowest.includes('mental_wellbeing'),
    meaningfulness_score: scores.meaningfulness,
    meaningfulness_wants_to_talk: lowest.includes('meaningfulness'),
    quality_of_life_score: scores.quality_of_life,
    quality_of_life_wants_to_talk: lowest.includes('quality_of_life'),
    participation_score: scores.participation,
    participation_wants_to_talk: lowest.includes('participation'),
    daily_functioning_score: scores.daily_functioning,
    daily_functioning_wants_to_talk: lowest.includes('daily_functioning'),
    ladder_step: ladder,
    ladder_rationale: rationale[ladder],
    agreements,
    created_at: createdAt,
  };
  return row;
}
