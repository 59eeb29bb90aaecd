import { automatedControlIds, type AutomatedControlId } from '../automated-control-ids.js';
import type { AutomatedControl } from './automated-control.js';
import { beschikkingZonderVierOgen } from './beschikking-zonder-vier-ogen.control.js';
import { beslistermijnOverschreden } from './beslistermijn-overschreden.control.js';
import { declaratieBovenTarief } from './declaratie-boven-tarief.control.js';
import { declaratieBuitenToewijzing } from './declaratie-buiten-toewijzing.control.js';
import { pwBetaaldNaEinde } from './pw-betaald-na-einde.control.js';
import { pwBetaalrunZonderVierOgen } from './pw-betaalrun-zonder-vier-ogen.control.js';
import { pwBetalingBovenNorm } from './pw-betaling-boven-norm.control.js';
import { pwBetalingZonderBesluit } from './pw-betaling-zonder-besluit.control.js';
import { pwVorderingZonderVierOgen } from './pw-vordering-zonder-vier-ogen.control.js';
import { toewijzingZonderBeschikking } from './toewijzing-zonder-beschikking.control.js';
import { toewijzingZonderContract } from './toewijzing-zonder-contract.control.js';
import { verplichtingNietHerrekend } from './verplichting-niet-herrekend.control.js';

const byId: Record<AutomatedControlId, AutomatedControl> = {
  'toewijzing-zonder-beschikking': toewijzingZonderBeschikking,
  'declaratie-buiten-toewijzing': declaratieBuitenToewijzing,
  'declaratie-boven-tarief': declaratieBovenTarief,
  'toewijzing-zonder-contract': toewijzingZonderContract,
  'verplichting-niet-herrekend': verplichtingNietHerrekend,
  'beschikking-zonder-vier-ogen': beschikkingZonderVierOgen,
  'beslistermijn-overschreden': beslistermijnOverschreden,
  'pw-betaald-na-einde': pwBetaaldNaEinde,
  'pw-betaling-zonder-besluit': pwBetalingZonderBesluit,
  'pw-betaalrun-zonder-vier-ogen': pwBetaalrunZonderVierOgen,
  'pw-vordering-zonder-vier-ogen': pwVorderingZonderVierOgen,
  'pw-betaling-boven-norm': pwBetalingBovenNorm,
};

/** Every automated control, in the order of automatedControlIds (the order a run stores and shows them). */
export const automatedControls: readonly AutomatedControl[] = automatedControlIds.map((id) => byId[id]);
