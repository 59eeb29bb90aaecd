// "DigiD-simulatie": a local OpenID Connect provider (oidc-provider) for the demo and the tests, mounted
// in the same app under /digid-simulatie. Its sign-in page lists demo residents (fictitious 999 BSNs)
// to pick; the id token's subject is the BSN, as a DigiD broker gives it. It lets anyone sign in as
// any resident, so it never runs in production (refused at start-up, like the demo users).

import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { DB } from '../../db/schema.js';
import { withTenant } from '../../db/tenancy.js';
import { isValidBsn } from '../../platform/elfproef.js';
import { residentsWithOpenCases } from '../cases/case.service.js';
import { residentForMessage } from '../residents/resident.service.js';
import { listTenants } from '../tenants/tenant.service.js';

export const SIMULATION_PATH = '/digid-simulatie';
const CLIENT_PREFIX = 'koers-';
const DEMO_RESIDENTS_SHOWN = 12;

export class SimulationInProductionError extends Error {
  override name = 'SimulationInProductionError';
  constructor() {
    super('De DigiD-simulatie (KOERS_DIGID_SIMULATIE) start nooit in productie: iedereen zou als elke inwoner kunnen inloggen. Koppel de DigiD-makelaar van de gemeente (docs/resident-portal.md).');
  }
}

/** The simulation's client id and secret for a municipality (the secret derived from the session secret; never stored). */
export function simulationClient(sessionSecret: string, tenantId: string): { clientId: string; clientSecret: string } {
  return { clientId: `${CLIENT_PREFIX}${tenantId}`, clientSecret: createHmac('sha256', sessionSecret).update(`digid-simulatie:${tenantId}`).digest('base64url') };
}

export const simulationIssuer = (origin: string): string => `${origin}${SIMULATION_PATH}`;

const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – DigiD-simulatie</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff;line-height:1.5}
header{background:#154273;color:#fff;padding:1rem 1.5rem}header p{margin:0;font-weight:bold}
main{max-width:40rem;padding:1.5rem}
.warning{border-left:4px solid #b35900;background:#fff4e5;padding:.75rem 1rem;margin-bottom:1.5rem}
ul{list-style:none;padding:0}li{margin:.5rem 0}
button{font:inherit;padding:.6rem 1rem;border:2px solid #154273;background:#fff;color:#154273;border-radius:4px;cursor:pointer;text-align:left;width:100%}
button:hover{background:#e8eef5}button:focus-visible{outline:3px solid #b35900;outline-offset:2px}
</style></head>
<body><header><p>DigiD-simulatie</p></header><main>${body}</main></body></html>`;
}

async function demoResidents(db: Kysely<DB>, tenantId: string): Promise<{ bsn: string; name: string }[]> {
  return withTenant(db, tenantId, async (tx) => {
    const ids = await residentsWithOpenCases(tx, DEMO_RESIDENTS_SHOWN * 4);
    const found: { bsn: string; name: string }[] = [];
    for (const id of ids) {
      const r = await residentForMessage(tx, id);
      // Only the fictitious 999 range: the simulation never offers a real person's BSN.
      if (!r?.bsn.startsWith('999')) continue;
      found.push({ bsn: r.bsn, name: [r.givenName, r.surnamePrefix, r.familyName].filter(Boolean).join(' ') });
      if (found.length === DEMO_RESIDENTS_SHOWN) break;
    }
    return found;
  });
}

async function createProvider(db: Kysely<DB>, sessionSecret: string, origin: string): Promise<Provider> {
  const tenants = await listTenants(db);
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };
  const configuration: Configuration = {
    clients: tenants.map((t) => {
      const { clientId, clientSecret } = simulationClient(sessionSecret, t.id);
      return { client_id: clientId, client_secret: clientSecret, redirect_uris: [`${origin}/mijn/inloggen/terug`], grant_types: ['authorization_code'], response_types: ['code'] };
    }),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false } },
    findAccount: (_ctx: KoaContextWithOIDC, sub: string) => ({ accountId: sub, claims: () => ({ sub }) }),
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction) => `${SIMULATION_PATH}/inloggen/${interaction.uid}` },
    // As a DigiD broker: no consent screen; the municipality is the only client of its own residents' sign-in.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session?.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid');
      await grant.save();
      return grant;
    },
    renderError: (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = page('Fout', `<h1>Inloggen lukt niet</h1><p>De DigiD-simulatie kan dit verzoek niet afhandelen (${escapeHtml(String(out.error))}). Ga terug naar <a href="/mijn">Mijn gemeente</a> en probeer het opnieuw.</p>`);
    },
  };
  return new Provider(simulationIssuer(origin), configuration);
}

export interface SimulationOptions {
  db: Kysely<DB>;
  sessionSecret: string;
  env: 'development' | 'test' | 'production';
  /** Where residents reach Koers; unset: the request's own origin (never in production). */
  originOf: (request: FastifyRequest) => string;
}

/** Mounts the simulation under /digid-simulatie (a provider per origin, made on first use). */
export async function digidSimulationRoutes(app: FastifyInstance, options: SimulationOptions): Promise<void> {
  if (options.env === 'production') throw new SimulationInProductionError();
  const providers = new Map<string, Promise<Provider>>();
  const providerFor = (request: FastifyRequest): Promise<Provider> => {
    const origin = options.originOf(request);
    let provider = providers.get(origin);
    if (!provider) {
      provider = createProvider(options.db, options.sessionSecret, origin);
      provider.catch(() => providers.delete(origin));
      providers.set(origin, provider);
    }
    return provider;
  };
  // The pick of a resident is a small form; only this plugin takes form posts.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  const tenantOfClient = (clientId: unknown): string | undefined =>
    typeof clientId === 'string' && /^koers-GM[0-9]{4}$/.test(clientId) ? clientId.slice(CLIENT_PREFIX.length) : undefined;

  app.get<{ Params: { uid: string } }>(`${SIMULATION_PATH}/inloggen/:uid`, { schema: { hide: true } }, async (request, reply) => {
    const provider = await providerFor(request);
    const details = await provider.interactionDetails(request.raw, reply.raw).catch(() => undefined);
    const tenantId = tenantOfClient(details?.params.client_id);
    if (!details || !tenantId || details.uid !== request.params.uid) {
      return reply.status(400).type('text/html').send(page('Verlopen', '<h1>Deze inlogpoging is verlopen</h1><p>Ga terug naar <a href="/mijn">Mijn gemeente</a> en begin opnieuw.</p>'));
    }
    const residents = await demoResidents(options.db, tenantId);
    const items = residents
      .map((r) => `<li><form method="post" action="${SIMULATION_PATH}/inloggen/${escapeHtml(details.uid)}"><input type="hidden" name="bsn" value="${r.bsn}"><button type="submit">${escapeHtml(r.name)} <span>(BSN ${r.bsn})</span></button></form></li>`)
      .join('');
    return reply.type('text/html').send(
      page(
        'Kies een inwoner',
        `<h1>Inloggen met de DigiD-simulatie</h1>
<p class="warning"><strong>Dit is geen echte DigiD.</strong> Deze pagina is alleen voor de demo en voor tests. U logt in als een verzonnen inwoner.</p>
<h2>Kies een demo-inwoner</h2>
${items ? `<ul>${items}</ul>` : '<p>Er zijn geen demo-inwoners met een lopende aanvraag.</p>'}`,
      ),
    );
  });

  app.post<{ Params: { uid: string }; Body: { bsn?: string } }>(`${SIMULATION_PATH}/inloggen/:uid`, { schema: { hide: true } }, async (request, reply) => {
    const bsn = typeof request.body?.bsn === 'string' ? request.body.bsn : '';
    if (!isValidBsn(bsn) || !bsn.startsWith('999')) return reply.status(400).type('text/html').send(page('Fout', '<h1>Kies een demo-inwoner</h1><p>Ga terug en kies een inwoner uit de lijst.</p>'));
    const provider = await providerFor(request);
    reply.hijack();
    await provider.interactionFinished(request.raw, reply.raw, { login: { accountId: bsn } }, { mergeWithLastSubmission: false });
  });

  // Everything else under the path is the provider itself (discovery, authorize, token, jwks…). Taken
  // over before fastify reads the body: the provider parses its own requests.
  const handOver = async (request: FastifyRequest, reply: FastifyReply) => {
    const provider = await providerFor(request);
    reply.hijack();
    const raw = request.raw as typeof request.raw & { originalUrl?: string };
    raw.originalUrl = raw.url;
    raw.url = (raw.url ?? '').slice(SIMULATION_PATH.length) || '/';
    // Koa answers errors itself (its own error page); the promise ends when the answer is written.
    await provider.callback()(raw, reply.raw);
  };
  app.route({ method: ['GET', 'POST'], url: `${SIMULATION_PATH}/*`, schema: { hide: true }, onRequest: handOver, handler: async () => undefined });
}
