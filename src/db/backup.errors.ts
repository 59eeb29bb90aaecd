/**
 * A backup or restore that would be wrong or incomplete; the message says why (Dutch). In a module of
 * its own so the CLI can recognise it without loading the backup code (`koers --help` stays quick).
 */
export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError';
}
