// Benchmarks: `npm run bench -- <name> [--size small|demo|maastricht]`. Each prints, as its last line, one
// JSON object with the dataset size, the database and the measured figures (medians, ratios).
import { parseArgs } from 'node:util';
import { residentSearchBench } from './residents.bench.js';
import { insightsBench } from './insights.bench.js';
import { signalsBench } from './signals.bench.js';
import { openCaseBench } from './open-case.bench.js';
import { financeBench } from './finance.bench.js';
import { declarationsBench } from './declarations.bench.js';
import { paymentsBench } from './payments.bench.js';
import { controlsBench } from './controls.bench.js';

const benches = { residents: residentSearchBench, insights: insightsBench, signals: signalsBench, 'open-case': openCaseBench, finance: financeBench, declarations: declarationsBench, payments: paymentsBench, controls: controlsBench } as const;
type BenchName = keyof typeof benches;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { size: { type: 'string', default: 'small' }, seed: { type: 'string', default: '1' } },
});
const name = positionals[0] as BenchName | undefined;
if (!name || !(name in benches)) {
  process.stderr.write(`Gebruik: npm run bench -- <${Object.keys(benches).join('|')}> [--size small|demo|maastricht]\n`);
  process.exit(2);
}
if (values.size !== 'small' && values.size !== 'demo' && values.size !== 'maastricht') {
  process.stderr.write('--size moet small, demo of maastricht zijn\n');
  process.exit(2);
}
const result = await benches[name]({ size: values.size, seed: Number(values.seed) });
process.stdout.write(`${JSON.stringify(result)}\n`);
