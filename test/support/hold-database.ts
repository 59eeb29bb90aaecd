// Opens a PGlite data folder and keeps it open until killed: the "other process" in lock tests.
// Usage: node --import tsx test/support/hold-database.ts <dataDir> [lockStaleMs]
import { openDatabase } from '../../src/db/database.js';

const [dataDir, staleMs] = process.argv.slice(2);
await openDatabase({ kind: 'pglite', dataDir: dataDir!, ...(staleMs ? { lockStaleMs: Number(staleMs) } : {}) });
process.stdout.write('open\n');
setInterval(() => {}, 60_000);
