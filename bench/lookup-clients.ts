// The lookup bench's 16 clients, in a process of their own (started by the bench with `fork`), so the
// server's main thread does only the server's work, as it would with browsers on other machines. They
// still share the machine's cores with the server and PostgreSQL. The bench sends the work (sessions
// and samples per municipality); this process warms up, waits for the go, measures, and sends back
// every request's kind, time and status.
import { createRandom } from '../src/demo/random.js';
import { mixSeed } from '../src/demo/wmo/helpers.js';
import { createClient, runClients, type Failure, type Sample, type TenantWork } from './lookup-mix.js';

/** What the bench sends; what this process answers. */
export type ToClients =
  | { type: 'start'; bases: string[]; work: TenantWork[]; clients: number; seed: number; warmUpMs: number }
  | { type: 'measure'; ms: number }
  | { type: 'close' };
export type FromClients = { type: 'warmed'; failures: Failure[] } | { type: 'measured'; samples: Sample[]; failures: Failure[] };

if (!process.send) throw new Error('lookup-clients: alleen te starten door de lookup-bench');
const send = (message: FromClients) => process.send!(message);
const say = (line: string) => process.stderr.write(`${line}\n`);
let clients: ReturnType<typeof createClient>[] = [];

process.on('message', (message: ToClients) => {
  if (message.type === 'start') {
    clients = Array.from({ length: message.clients }, (_, index) =>
      createClient(message.bases[index % message.bases.length]!, message.work, index, createRandom(mixSeed(message.seed, `lookup:client:${index}`))),
    );
    void runClients(clients, message.warmUpMs, null).then(({ failures }) => send({ type: 'warmed', failures }));
  } else if (message.type === 'measure') {
    void runClients(clients, message.ms, (seconds, done, failed) => say(`lookup: ${seconds} s, ${done} verzoeken, ${failed} fouten`)).then(
      ({ samples, failures }) => send({ type: 'measured', samples, failures }),
    );
  } else {
    for (const client of clients) client.agent.destroy();
    process.exit(0);
  }
});
