// The lookup bench's mix of work and its clients: what each of the 16 clients asks and how a run is
// timed. Used by the clients' own process (lookup-clients.ts); the bench reads the results.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Random } from '../src/demo/random.js';

/** The page size of the web app's resident search. */
const SEARCH_LIMIT = 25;
const PROGRESS_MS = 10_000;

/** The five pieces of work of the mix, drawn with equal chance. */
export const KINDS = ['resident', 'resident-cases', 'case', 'search', 'my-cases'] as const;
export type Kind = (typeof KINDS)[number];

export interface TenantWork {
  tenantId: string;
  residentIds: string[];
  caseIds: string[];
  namePrefixes: string[];
  /** The consultant whose "my cases" are listed: one with open cases who can sign in, drawn per municipality. */
  consultant: { username: string; openCases: number } | undefined;
  /** Session cookies of the lookup users (the bench's LOOKUP_USERS), in that order. */
  lookupCookies: string[];
  consultantCookie: string;
}

export interface Sample {
  kind: Kind;
  ms: number;
  status: number;
}

export interface Failure {
  kind: Kind;
  path: string;
  status: number;
  detail: string;
}

export interface Client {
  next(): { kind: Kind; path: string; cookie: string };
  base: string;
  agent: http.Agent;
}

/**
 * One GET over the client's keep-alive connection, the whole answer read. node:http rather than
 * `fetch`: the clients run on the same cores as the server and PostgreSQL, and a plain HTTP/1.1 request
 * without fetch's web streams leaves more of them to those.
 */
function get(client: Client, path: string, cookie: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${client.base}${path}`, { agent: client.agent, headers: { cookie } }, (response) => {
      const status = response.statusCode ?? 0;
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        if (status < 200 || status > 299) chunks.push(chunk);
      });
      response.on('end', () => resolve({ status, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
      response.on('aborted', () => reject(new Error('het antwoord werd afgebroken')));
    });
    request.on('error', reject);
  });
}

/** A client: its own seeded stream and, per municipality, one lookup user's session (alternating over the clients). */
export function createClient(base: string, work: TenantWork[], index: number, random: Random): Client {
  const withCases = work.filter((w) => w.caseIds.length > 0);
  const withConsultant = work.filter((w) => w.consultant !== undefined);
  const lookupCookie = (w: TenantWork) => w.lookupCookies[index % w.lookupCookies.length]!;
  return {
    base,
    // One connection per client, kept open between its requests, as a browser tab keeps one.
    agent: new http.Agent({ keepAlive: true, maxSockets: 1 }),
    next() {
      const kind = random.pick(KINDS);
      switch (kind) {
        case 'resident': {
          const w = random.pick(work);
          return { kind, path: `/api/residents/${random.pick(w.residentIds)}`, cookie: lookupCookie(w) };
        }
        case 'resident-cases': {
          const w = random.pick(work);
          return { kind, path: `/api/residents/${random.pick(w.residentIds)}/cases`, cookie: lookupCookie(w) };
        }
        case 'case': {
          const w = random.pick(withCases);
          return { kind, path: `/api/cases/${random.pick(w.caseIds)}`, cookie: lookupCookie(w) };
        }
        case 'search': {
          const w = random.pick(work);
          return { kind, path: `/api/residents?q=${encodeURIComponent(random.pick(w.namePrefixes))}&limit=${SEARCH_LIMIT}`, cookie: lookupCookie(w) };
        }
        case 'my-cases': {
          const w = random.pick(withConsultant);
          return { kind, path: '/api/cases/mine', cookie: w.consultantCookie };
        }
      }
    },
  };
}

/**
 * Runs every client until `ms` have passed; a request started before then is waited for and counted.
 * `onProgress` is called every PROGRESS_MS with the requests and failures so far.
 */
export async function runClients(clients: Client[], ms: number, onProgress: ((seconds: number, done: number, failed: number) => void) | null) {
  const samples: Sample[] = [];
  const failures: Failure[] = [];
  const started = performance.now();
  const end = started + ms;
  const timer = onProgress
    ? setInterval(() => onProgress(Math.round((performance.now() - started) / 1000), samples.length, failures.length), PROGRESS_MS)
    : null;
  try {
    await Promise.all(
      clients.map(async (client) => {
        while (performance.now() < end) {
          const { kind, path, cookie } = client.next();
          const start = performance.now();
          let status = 0;
          let detail = '';
          try {
            const answer = await get(client, path, cookie);
            status = answer.status;
            if (status < 200 || status > 299) detail = answer.body.slice(0, 300);
          } catch (error) {
            detail = error instanceof Error ? error.message : String(error);
          }
          samples.push({ kind, ms: performance.now() - start, status });
          if (status < 200 || status > 299) failures.push({ kind, path, status, detail });
        }
      }),
    );
  } finally {
    if (timer) clearInterval(timer);
  }
  return { samples, failures };
}
