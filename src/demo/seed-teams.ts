import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { withTenant } from '../db/tenancy.js';
import type { DemoMunicipality } from './geography.js';

/**
 * One social (area) team per wijk and a KCC team. The demo consultant works in the first area's
 * team, the team lead leads every area team, the KCC employee is in the KCC team.
 */
export async function seedTeams(db: Kysely<DB>, municipality: { tenantId: string; areas: readonly Pick<DemoMunicipality['areas'][number], 'code' | 'name'>[] }): Promise<void> {
  const tenantId = municipality.tenantId;
  await withTenant(db, tenantId, async (tx) => {
    if (await tx.selectFrom('teams').select('id').limit(1).executeTakeFirst()) return;
    const areaTeams = await tx
      .insertInto('teams')
      .values(municipality.areas.map((a) => ({ tenant_id: tenantId, name: `Sociaal team ${a.name}`, kind: 'area_team' as const })))
      .returning(['id', 'name'])
      .execute();
    await tx
      .insertInto('team_areas')
      .values(municipality.areas.map((a, i) => ({ tenant_id: tenantId, team_id: areaTeams[i]!.id, area_code: a.code })))
      .execute();
    const kcc = await tx.insertInto('teams').values({ tenant_id: tenantId, name: 'KCC Sociaal Domein', kind: 'kcc' }).returning('id').executeTakeFirstOrThrow();
    const users = new Map((await tx.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
    const members: { tenant_id: string; team_id: string; user_id: string }[] = [];
    const add = (teamId: string, username: string) => {
      const userId = users.get(username);
      if (userId) members.push({ tenant_id: tenantId, team_id: teamId, user_id: userId });
    };
    add(areaTeams[0]!.id, 'consulent');
    for (const team of areaTeams) add(team.id, 'teamleider');
    for (const team of areaTeams) add(team.id, 'teamleider2');
    add(kcc.id, 'kcc');
    if (members.length > 0) await tx.insertInto('team_members').values(members).execute();
  });
}
