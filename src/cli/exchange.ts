import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkMessageFiles } from '../modules/exchange/exchange.check.js';
import type { Config } from '../platform/config.js';

type ConfigRunner = <O>(action: (config: Config, opts: O) => Promise<void>) => (opts: O) => Promise<void>;

/** `koers berichten check FILE…`: exit 0 when every message passes, 1 when one does not, 2 without schemas. */
export function addExchangeCommands(program: Command, withConfig: ConfigRunner, fail: (code: number) => void): void {
  const messages = program.command('berichten').description('iWmo- en iJw-3.2-berichten met aanbieders');
  messages
    .command('check')
    .description('Controleert berichten technisch tegen de XSD\'s van de iStandaarden (map KOERS_ISTANDAARDEN_DIR)')
    .argument('<bestanden...>', 'XML-berichten')
    .action((files: string[]) =>
      withConfig<undefined>(async (config) => {
        const outcome = checkMessageFiles(config.istandaardenDir, files.map((file) => ({ name: file, read: () => readFileSync(file) })));
        for (const line of outcome.lines) process.stdout.write(`${line}\n`);
        if (outcome.exitCode !== 0) fail(outcome.exitCode);
      })(undefined),
    );
}
