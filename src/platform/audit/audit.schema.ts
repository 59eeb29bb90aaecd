import { z } from 'zod';

export const auditRecordSchema = z.object({
  id: z.uuid(),
  traceId: z.string().describe('trace_id (W3C Trace Context, 16 bytes hex)'),
  spanId: z.string().describe('span_id / operation_id (8 bytes hex)'),
  parentSpanId: z.string().nullable(),
  name: z.string().describe('Naam van de actie'),
  status: z.enum(['OK', 'ERROR']),
  startTime: z.string(),
  endTime: z.string(),
  processingActivity: z.object({ id: z.string(), name: z.string(), legalBasis: z.string().describe('Grondslag') }),
  dataSubject: z.object({ type: z.string(), id: z.string().describe('Id van de betrokkene (nooit een BSN)') }),
  actor: z.object({
    id: z.string().nullable(),
    username: z.string().nullable(),
    displayName: z.string().nullable().describe('Naam van de medewerker; leeg als Koers zelf verwerkte'),
    roles: z.array(z.string()),
  }),
  resource: z.object({ name: z.string(), version: z.string() }),
  attributes: z.record(z.string(), z.unknown()),
});

export const auditRecordListSchema = z.object({ items: z.array(auditRecordSchema) });
