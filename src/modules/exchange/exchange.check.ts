// `koers berichten check`: the technical check of message files, as lines for a terminal and an exit code.

import { messageLabel } from './exchange.messages.js';
import { SchemaFolderError, SchemaSet } from './exchange.schemas.js';

export interface MessageFile {
  name: string;
  read: () => Uint8Array;
}

export interface CheckOutcome {
  /** 0: every message passes; 1: at least one does not (or cannot be read); 2: no usable schemas. */
  exitCode: 0 | 1 | 2;
  lines: string[];
}

export const NO_SCHEMAS_MESSAGE =
  'KOERS_ISTANDAARDEN_DIR is niet gezet: zonder de XSD\'s van de iStandaarden kan Koers berichten niet technisch controleren. ' +
  'Download de release iWmo 3.2 en iJw 3.2 van het Zorginstituut (istandaarden.nl) en zet de map met iwmo-3.2/ en ijw-3.2/ in KOERS_ISTANDAARDEN_DIR.';

export function checkMessageFiles(schemaDir: string | undefined, files: MessageFile[]): CheckOutcome {
  if (!schemaDir) return { exitCode: 2, lines: [NO_SCHEMAS_MESSAGE] };
  let schemas: SchemaSet;
  try {
    schemas = SchemaSet.open(schemaDir);
  } catch (error) {
    if (error instanceof SchemaFolderError) return { exitCode: 2, lines: [error.message] };
    throw error;
  }
  const lines: string[] = [];
  let failures = 0;
  try {
    for (const file of files) {
      let bytes: Uint8Array;
      try {
        bytes = file.read();
      } catch (error) {
        failures += 1;
        lines.push(`FOUT ${file.name}: niet te lezen (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
        continue;
      }
      const result = schemas.check(bytes);
      const label = result.messageType ? `${messageLabel(result.messageType)} ${result.messageType.name}` : 'onbekend bericht';
      if (result.valid) {
        lines.push(`OK   ${file.name}: ${label}`);
        continue;
      }
      failures += 1;
      lines.push(`FOUT ${file.name}: ${label}, ${result.problems.length === 1 ? '1 fout' : `${result.problems.length} fouten`}`);
      for (const p of result.problems) lines.push(`     ${p.line ? `regel ${p.line}: ` : ''}${p.message}`);
    }
  } finally {
    schemas.close();
  }
  lines.push(failures ? `${failures} van ${files.length} berichten afgekeurd.` : `${files.length} ${files.length === 1 ? 'bericht' : 'berichten'} goedgekeurd.`);
  return { exitCode: failures ? 1 : 0, lines };
}
