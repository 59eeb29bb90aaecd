import { z } from 'zod';

export const tenantSchema = z.object({
  id: z.string().describe('CBS-gemeentecode, bijvoorbeeld GM0935'),
  name: z.string().describe('Naam van de gemeente'),
  region: z.string().nullable().describe('Regio waarin de gemeente samenwerkt'),
});
