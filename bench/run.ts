// Benchmarks: `npm run bench -- <name> [--size small|demo|maastricht]` (and `lookup --size limburg`,
// `--duration <s>`, `--processes <n>`). Each prints, as its last line, one JSON object with the dataset size, the
// database and the measured figures (medians, percentiles, ratios).
import { parseArgs } from 'node:util';
import { residentSearchBench } from './residents.bench.js';
import { insightsBench } from './insights.bench.js';
import { signalsBench } from './signals.bench.js';
import { openCaseBench } from './open-case.bench.js';
import { financeBench } from './finance.bench.js';
import { declarationsBench } from './declarations.bench.js';
import { paymentsBench } from './payments.bench.js';
import { controlsBench } from './controls.bench.js';
import { lookupBench } from './lookup.bench.js';
import { BenchRefusal } from './support.js';

const benches = { residents: residentSearchBench, insights: insightsBench, signals: signalsBench, 'open-case': openCaseBench, finance: financeBench, declarations: declarationsBench, payments: paymentsBench, controls: controlsBench } as const;
type BenchName = keyof typeof benches | 'lookup';
const names: readonly string[] = [...Object.keys(benches), 'lookup'];

const fail = (message: string, code: number): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: 'small' },
    seed: { type: 'string', default: '1' },
    duration: { type: 'string', default: '30' },
    processes: { type: 'string', default: '1' },
  },
});
const name = positionals[0] as BenchName | undefined;
if (!name || !names.includes(name)) fail(`Gebruik: npm run bench -- <${names.join('|')}> [--size small|demo|maastricht] [--seed n]; lookup ook --size limburg, --duration <seconden> en --processes <n>`, 2);
const size = values.size;
if (size === 'limburg' && name !== 'lookup') fail('--size limburg is er alleen voor de lookup-bench (de andere benches laden hun dataset zelf)', 2);
if (size !== 'small' && size !== 'demo' && size !== 'maastricht' && size !== 'limburg') fail('--size moet small, demo, maastricht of limburg (alleen lookup) zijn', 2);
const seed = Number(values.seed);
if (!Number.isInteger(seed) || seed < 0) fail('--seed moet een geheel getal ≥ 0 zijn', 2);
const durationSeconds = Number(values.duration);
if (!Number.isInteger(durationSeconds) || durationSeconds < 1) fail('--duration moet een geheel aantal seconden ≥ 1 zijn', 2);
const processes = Number(values.processes);
if (!Number.isInteger(processes) || processes < 1 || processes > 8) fail('--processes moet een geheel getal van 1 tot en met 8 zijn', 2);
if (processes > 1 && name !== 'lookup') fail('--processes is er alleen voor de lookup-bench', 2);
if (processes > 1 && !process.env.DATABASE_URL) fail('--processes groter dan 1 kan alleen op PostgreSQL (zet DATABASE_URL): PGlite is één proces', 2);

try {
  const result =
    name === 'lookup'
      ? await lookupBench({ size: size as 'small' | 'demo' | 'maastricht' | 'limburg', seed, durationSeconds, processes })
      : await benches[name as keyof typeof benches]({ size: size as 'small' | 'demo' | 'maastricht', seed });
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  // PGlite's runtime resets process.exitCode on close: the refusal's exit status is set explicitly.
  if (error instanceof BenchRefusal) fail(error.message, 1);
  throw error;
}
