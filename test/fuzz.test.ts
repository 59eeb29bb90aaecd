import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';
import { asOwnerIn } from './support/database.js';

/**
 * Fuzzes every operation of the OpenAPI document: inputs are generated from the operation's own
 * JSON schemas (params, querystring, body) and mixed with classic bad values (NUL, 1 MB strings,
 * impossible dates, other-tenant ids, prototype keys, huge numbers). Every answer must be below 500,
 * every error must have the one error shape with a Dutch message, and no answer to a GM0935
 * employee may contain a GM1903 resident's id, BSN or name.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

interface Operation {
  method: string;
  path: string;
  parameters: { in: 'path' | 'query'; name: string; required?: boolean; schema: JsonSchema }[];
  body?: JsonSchema;
}

interface Request {
  method: string;
  url: string;
  body?: string;
}

const HOME = 'GM0935';
const OTHER = 'GM1903';
// Users tried in this order; the first that the operation does not refuse (401/403 FORBIDDEN) fuzzes it.
const USERS = ['teamleider', 'consulent', 'kcc', 'beleid', 'budgethouder', 'financien', 'controller', 'beheerder', 'auditor', 'programmamanager', 'wethouder', 'archivaris'];
// Chromium renders the PDFs and a forced refresh recomputes every KPI over 25 months: a few runs only,
// so the file stays near a minute.
const SLOW = /\.pdf$|^\/api\/insights\/refresh$/;
const RUNS = 20;
const SLOW_RUNS = 5;

const megabyte = 'x'.repeat(1024 * 1024);
const impossibleDates = ['2027-02-30', '2027-1-1', '0000-00-00', '9999-99-99', '2027-13-01', '2026-02-29', '+02027-01-01', '27-01-01'];
const hugeNumbers = [1e11, 1e308, -1e308, -1, 2_147_483_648, -2_147_483_649, 0.5, Number.MAX_SAFE_INTEGER + 2];
const badStrings = ['\u0000', 'a\u0000b', 'bel\u0007', '\u202Eesrever', 'אבג عربي', '👨‍👩‍👧‍👦🏳️‍🌈', '', ' ', 'NaN', '1e308', '-1', 'null', "'; drop table residents; --", '../../etc/passwd', '%00', megabyte];

let t: TestApp;
let doc: { paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> };
const cookies = new Map<string, string>();
/** Ids of this municipality's rows per table, and of the other municipality's rows. */
const homeIds = new Map<string, string[]>();
let allHomeIds: string[] = [];
let otherIds: string[] = [];
/** What must never reach a GM0935 employee: GM1903 residents' ids, BSNs and full names. */
const otherSecrets: string[] = [];
/** Those of `otherSecrets` that a request of the fuzzer itself carried (as fuzz input). */
const sentSecrets = new Set<string>();

async function tableIds(tenant: string): Promise<Map<string, string[]>> {
  const tables = await sql<{ table_name: string }>`
    select c.table_name from information_schema.columns c
    join information_schema.columns t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.column_name = 'tenant_id'
    where c.table_schema = 'public' and c.column_name = 'id' and c.data_type = 'uuid'`.execute(t.database.db);
  const ids = new Map<string, string[]>();
  for (const { table_name } of tables.rows) {
    const rows = await asOwnerIn(t.database.db, tenant, (tx) =>
      sql<{ id: string }>`select id from ${sql.table(table_name)} where tenant_id = ${tenant} order by id limit 40`.execute(tx),
    );
    ids.set(table_name, rows.rows.map((r) => r.id));
  }
  return ids;
}

// Which table a path segment or an `xxxId` field refers to (falls back to every id of the municipality).
const tableHints: [RegExp, string[]][] = [
  [/^(residents?|resident|household)/, ['residents']],
  [/^cases?$|^case$/, ['cases']],
  [/^decisions?$/, ['decisions']],
  [/^allocations?$/, ['allocations']],
  [/^conversations?$|^corrects$/, ['conversations']],
  [/^activities$/, ['programme_activities']],
  [/^products?$/, ['products']],
  [/^providers?$/, ['providers']],
  [/^callbacks$/, ['callback_tasks']],
  [/^reports?$/, ['steering_reports']],
  [/^action-points$/, ['steering_report_action_points', 'action_points']],
  [/^signals$|^ids$/, ['signals']],
  [/^(consultant|user)$/, ['users']],
  [/^team$/, ['teams', 'area_teams']],
  [/^line$/, ['decision_lines']],
  [/^letter/, ['council_letters', 'programme_council_letters']],
];

/** Real values for fields that name a municipality or an area, so requests get past the first lookup. */
const knownValues = new Map<string, string[]>();

function idsFor(hint: string): string[] {
  const key = hint.replace(/Ids?$/, '');
  for (const [pattern, tables] of tableHints) {
    if (!pattern.test(key)) continue;
    const ids = tables.flatMap((table) => homeIds.get(table) ?? []);
    if (ids.length) return ids;
  }
  return allHomeIds;
}

const validDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });

function stringArbitrary(schema: JsonSchema, hint: string): fc.Arbitrary<string> {
  const known = knownValues.get(hint);
  if (known?.length) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: stringArbitrary(schema, '') });
  if (schema.format === 'uuid') {
    const own = idsFor(hint);
    return own.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.uuid() }) : fc.uuid();
  }
  if (schema.format === 'date-time') return validDate.map((d) => d.toISOString());
  if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
    return fc.oneof({ weight: 4, arbitrary: validDate.map((d) => d.toISOString().slice(0, 10)) }, { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? Infinity) && s.length >= (schema.minLength ?? 0));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  return fc.oneof(fc.string({ minLength, maxLength }), fc.lorem({ maxCount: 6 }).filter((s) => s.length >= minLength && s.length <= maxLength));
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const lowest = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : undefined);
  const highest = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : undefined);
  if (integer) return fc.integer({ min: Math.max(lowest ?? -1000, Number.MIN_SAFE_INTEGER), max: Math.min(highest ?? 1_000_000, Number.MAX_SAFE_INTEGER) });
  return fc.double({ min: lowest ?? -1000, max: highest ?? 1_000_000, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema accepts (as far as JSON schema can say). */
function valid(schema: JsonSchema, hint: string): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(s, hint)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const types = [schema.type ?? 'object'].flat();
  if (schema.nullable && !types.includes('null')) types.push('null');
  if (types.length > 1) return fc.oneof(...types.map((type) => valid({ ...schema, type }, hint)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'string':
      return stringArbitrary(schema, hint);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fuzzy(schema.items ?? {}, hint), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, Math.max(schema.minItems ?? 0, 3)) });
    default: {
      const properties = schema.properties ?? {};
      const record = fc.record(Object.fromEntries(Object.entries(properties).map(([key, s]) => [key, fuzzy(s, key)])), { requiredKeys: schema.required ?? [] });
      return record;
    }
  }
}

/** Bad values of every kind, with other-tenant ids and random uuids. */
function bad(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', 'Jansen\u0000') },
    fc.constantFrom(...badStrings),
    fc.constantFrom(...impossibleDates),
    fc.constantFrom(...hugeNumbers),
    fc.constantFrom(...otherIds),
    fc.uuid(),
    fc.constantFrom<unknown>(null, true, 0, [], {}, [null], { $gt: '' }, Number.MAX_VALUE),
  );
}

/** Mostly a valid value, sometimes a bad one: so many requests still reach the handler. */
function fuzzy(schema: JsonSchema, hint: string, validWeight = 8): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: validWeight, arbitrary: valid(schema, hint) }, { weight: 1, arbitrary: bad() });
}

/** The value with its `index`-th leaf (modulo the number of leaves) replaced by `replacement`. */
function replaceOneLeaf(value: unknown, replacement: unknown, index: number): unknown {
  const leaves: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      if (!entries.length) leaves.push(path);
      for (const [k, child] of entries) walk(child, [...path, Array.isArray(v) ? Number(k) : k]);
    } else leaves.push(path);
  };
  walk(value, []);
  const target = leaves[index % leaves.length]!;
  if (!target.length) return replacement;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of target.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[target.at(-1)!] = replacement;
  return copy;
}

/** A whole body: valid, fuzzed, of the wrong type, or with prototype-pollution keys. */
function bodyArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const proto = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? JSON.stringify({ ...value, ...JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}') })
      : JSON.stringify(value);
  return fc.oneof(
    { weight: 3, arbitrary: valid(schema, 'body').map((v) => JSON.stringify(v)) },
    { weight: 4, arbitrary: fc.tuple(valid(schema, 'body'), bad(), fc.nat()).map(([v, b, i]) => JSON.stringify(replaceOneLeaf(v, b, i))) },
    { weight: 4, arbitrary: fuzzy(schema, 'body').map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: bad().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: valid(schema, 'body').map(proto) },
  );
}

function requestArbitrary(op: Operation): fc.Arbitrary<Request> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const segmentBefore = (name: string) => {
    const parts = op.path.split('/');
    return parts[parts.indexOf(`{${name}}`) - 1] ?? name;
  };
  const path = fc.tuple(...pathParams.map((p) => fuzzy(p.schema, p.name === 'id' ? segmentBefore(p.name) : p.name)));
  const query = fc.tuple(...queryParams.map((p) => (p.required ? fuzzy(p.schema, p.name, 3) : fc.option(fuzzy(p.schema, p.name, 3), { nil: undefined, freq: 3 }))));
  const body = op.body ? bodyArbitrary(op.body).map((b): string | undefined => b) : fc.constant(undefined);
  return fc.tuple(path, query, body).map(([pathValues, queryValues, payload]) => {
    let url = op.path;
    pathParams.forEach((p, i) => {
      url = url.replace(`{${p.name}}`, encodeURIComponent(String(pathValues[i])));
    });
    const search = queryParams.flatMap((p, i) => (queryValues[i] === undefined ? [] : [`${p.name}=${encodeURIComponent(typeof queryValues[i] === 'object' ? JSON.stringify(queryValues[i]) : String(queryValues[i]))}`]));
    return { method: op.method, url: search.length ? `${url}?${search.join('&')}` : url, ...(payload === undefined ? {} : { body: payload }) };
  });
}

async function send(request: Request, cookie: string) {
  return t.app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers: { cookie, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(request.body === undefined ? {} : { payload: request.body }),
  });
}

const englishOrPoor = /\b(expected|received|invalid|must|required|should|string|number|boolean|array|verwacht)\b/i;

function problemsOf(request: Request, response: { statusCode: number; body: string; headers: Record<string, unknown> }): string[] {
  const where = `${request.method} ${request.url.slice(0, 200)} → ${response.statusCode}`;
  if (response.statusCode >= 500) return [`${where}: ${response.body.slice(0, 300)}`];
  const problems: string[] = [];
  if (response.statusCode >= 400) {
    let error: { code?: unknown; message?: unknown; requestId?: unknown; fields?: { field: string; message: string }[] } | undefined;
    try {
      error = (JSON.parse(response.body) as { error?: typeof error }).error;
    } catch {
      error = undefined;
    }
    if (!error || typeof error.code !== 'string' || typeof error.message !== 'string' || typeof error.requestId !== 'string') {
      problems.push(`${where}: not the error shape: ${response.body.slice(0, 200)}`);
    } else {
      for (const message of [error.message, ...(error.fields ?? []).map((f) => f.message)]) {
        if (!message.trim() || englishOrPoor.test(message)) problems.push(`${where}: message not (good) Dutch: ${JSON.stringify(message)}`);
      }
    }
  }
  // A value this request carried is an echo, not the other municipality's data; so is one an earlier
  // write of this municipality stored (accepted POST/PUT/PATCH, such as a name in the administrator's
  // change log). A value only ever sent in a refused or reading request stays a secret.
  const echoed = `${request.url} ${request.body ?? ''}`;
  const leaked = otherSecrets.filter((secret) => response.body.includes(secret) && !echoed.includes(secret) && !sentSecrets.has(secret));
  if (request.method.toUpperCase() !== 'GET' && response.statusCode < 300) for (const secret of otherSecrets) if (echoed.includes(secret)) sentSecrets.add(secret);
  if (leaked.length) problems.push(`${where}: answer contains ${OTHER} data: ${leaked.slice(0, 3).join(', ')}`);
  return problems;
}

beforeAll(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const user of USERS) cookies.set(user, (await t.login(user, HOME)).cookie);
  for (const [table, ids] of await tableIds(HOME)) homeIds.set(table, ids);
  // The fuzzer's own accounts are not targets: Beheer may deactivate an account, give it new roles or a
  // one-time password, and a session the fuzzer still needs would end (other employees remain targets).
  const ownAccounts = new Set(
    (await asOwnerIn(t.database.db, HOME, (tx) => tx.selectFrom('users').select('id').where('username', 'in', USERS).execute())).map((u) => u.id),
  );
  homeIds.set('users', (homeIds.get('users') ?? []).filter((id) => !ownAccounts.has(id)));
  allHomeIds = [...homeIds.values()].flat();
  otherIds = [...(await tableIds(OTHER)).values()].flat();
  knownValues.set('tenant', [HOME, OTHER]);
  const areaCodes: string[] = [];
  for (const tenant of [HOME, OTHER]) {
    areaCodes.push(...(await asOwnerIn(t.database.db, tenant, (tx) => sql<{ code: string }>`select code from areas where tenant_id = ${tenant}`.execute(tx))).rows.map((r) => r.code));
  }
  knownValues.set('areaCode', areaCodes);
  knownValues.set('username', USERS);
  knownValues.set('password', ['demo']);
  const homeNames = new Set(
    (
      await asOwnerIn(t.database.db, HOME, (tx) =>
        sql<{ name: string }>`select concat_ws(' ', given_name, surname_prefix, family_name) as name from residents where tenant_id = ${HOME}`.execute(tx),
      )
    ).rows.map((r) => r.name),
  );
  const others = await asOwnerIn(t.database.db, OTHER, (tx) =>
    sql<{ id: string; bsn: string; name: string }>`
      select id, bsn, concat_ws(' ', given_name, surname_prefix, family_name) as name from residents where tenant_id = ${OTHER}`.execute(tx),
  );
  // The demo gives both municipalities BSNs from one series: a BSN known in GM0935 too is no leak.
  const homeBsns = new Set(
    (await asOwnerIn(t.database.db, HOME, (tx) => sql<{ bsn: string }>`select bsn from residents where tenant_id = ${HOME}`.execute(tx))).rows.map((r) => r.bsn),
  );
  for (const r of others.rows) otherSecrets.push(r.id, ...(homeBsns.has(r.bsn) ? [] : [r.bsn]), ...(homeNames.has(r.name) ? [] : [r.name]));
});
afterAll(async () => t?.close());

describe('fuzzing every API operation', () => {
  it('never answers 5xx, always the error shape with Dutch text, never another municipality\'s data', async () => {
    expect(otherSecrets.length).toBeGreaterThan(30);
    expect(otherIds.length).toBeGreaterThan(30);
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        ...(op.requestBody?.content?.['application/json'] ? { body: op.requestBody.content['application/json'].schema } : {}),
      })),
    );
    // Logging out ends the session: it runs last, with a session of its own.
    const ordered = [...operations.filter((o) => o.path !== '/api/auth/logout'), ...operations.filter((o) => o.path === '/api/auth/logout')];
    const problems: string[] = [];
    let requests = 0;
    const timings: string[] = [];
    const seed = fc.readConfigureGlobal().seed ?? 1;
    for (const [index, op] of ordered.entries()) {
      const runs = SLOW.test(op.path) ? SLOW_RUNS : RUNS;
      const samples = fc.sample(requestArbitrary(op), { numRuns: runs, seed: seed + index });
      let cookie = cookies.get(USERS[0]!)!;
      if (op.path === '/api/auth/logout') cookie = (await t.login('kcc', HOME)).cookie;
      else {
        for (const user of USERS) {
          const probe = await send(samples[0]!, cookies.get(user)!);
          requests++;
          problems.push(...problemsOf(samples[0]!, probe));
          const refused = probe.statusCode === 401 || (probe.statusCode === 403 && (JSON.parse(probe.body) as { error: { code: string } }).error.code === 'FORBIDDEN');
          if (!refused) {
            cookie = cookies.get(user)!;
            break;
          }
        }
      }
      const started = Date.now();
      for (const request of samples) {
        const response = await send(request, cookie);
        requests++;
        problems.push(...problemsOf(request, response));
      }
      timings.push(`${Date.now() - started} ms ${op.method} ${op.path}`);
    }
    console.log(`fuzz: ${ordered.length} operations, ${requests} requests, ${problems.filter((p) => / → 5\d\d/.test(p)).length} answers 5xx, ${problems.length} problems`);
    expect(ordered.length).toBeGreaterThan(70);
    if (process.env.FUZZ_REPORT) (await import('node:fs')).writeFileSync(process.env.FUZZ_REPORT, [...problems, ...timings].join('\n'));
    expect(problems).toEqual([]);
  }, 480_000);
});
