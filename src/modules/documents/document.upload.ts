import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError, invalid, validationFailed, type FieldError } from '../../platform/errors.js';
import { documentKinds, documentMediaTypes, type DocumentKind, type DocumentMediaType } from './document.tables.js';

/** Enough of the start of a file for file-type to recognise PDF, JPEG and PNG. */
const HEAD_BYTES = 4100;

export const ALLOWED_TYPES_MESSAGE = 'Dit soort bestand kan niet. U kunt alleen een PDF, JPEG (foto) of PNG (afbeelding) toevoegen.';

export interface SpooledUpload {
  /** The temporary file in the store's spool folder: the caller moves it into the store or removes it. */
  tempFile: string;
  size: number;
  sha256: string;
  mediaType: DocumentMediaType;
  fileName: string;
}

export interface ReceivedUpload {
  kind: DocumentKind;
  file: SpooledUpload;
}

const readableSize = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.floor(bytes / 1024)} kB`);
export const tooLargeMessage = (maxBytes: number): string => `Het bestand is te groot. Het mag hoogstens ${readableSize(maxBytes)} zijn.`;

/**
 * Writes `source` to a new file in `dir` while hashing and counting it, never holding it whole in
 * memory; refuses more than `maxBytes`. On any failure the temporary file is removed.
 */
export async function spool(source: Readable, dir: string, maxBytes: number): Promise<{ tempFile: string; size: number; sha256: string; head: Buffer }> {
  const tempFile = path.join(dir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) return callback(invalid('file', tooLargeMessage(maxBytes)));
      hash.update(chunk);
      if (headLength < HEAD_BYTES) {
        head.push(chunk.subarray(0, HEAD_BYTES - headLength));
        headLength += Math.min(chunk.length, HEAD_BYTES - headLength);
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(tempFile, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(tempFile, { force: true });
    throw error;
  }
  return { tempFile, size, sha256: hash.digest('hex'), head: Buffer.concat(head) };
}

/** The content type found in the bytes, if it is one we take. */
export async function detectMediaType(head: Buffer): Promise<DocumentMediaType | undefined> {
  const found = await fileTypeFromBuffer(head);
  return documentMediaTypes.find((t) => t === found?.mime);
}

/** The original name without folders or control characters, for showing and for the download. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (base || 'document').slice(0, 255);
}

/**
 * Reads the multipart form (`kind`, then `file`): the file is spooled to `dir`, checked for size and
 * type from its bytes. Any refusal removes the temporary file: nothing is stored.
 */
export async function receiveUpload(request: FastifyRequest, dir: string, maxBytes: number): Promise<ReceivedUpload> {
  if (!request.isMultipart()) throw invalid('file', 'Kies een bestand om toe te voegen.');
  let kind: string | undefined;
  let spooled: Awaited<ReturnType<typeof spool>> | undefined;
  let fileName: string | undefined;
  let strayFile = false;
  try {
    try {
      for await (const part of request.parts({ limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 200, parts: 5 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') {
            strayFile = true;
            part.file.resume();
            continue;
          }
          fileName = cleanFileName(part.filename);
          spooled = await spool(part.file, dir, maxBytes);
        } else if (part.fieldname === 'kind' && typeof part.value === 'string') {
          kind = part.value;
        }
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      const code = (error as { code?: string }).code;
      if (code === 'FST_FILES_LIMIT') throw invalid('file', 'Voeg één bestand tegelijk toe.');
      if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new AppError('BAD_REQUEST', 'Het formulier bevat te veel velden.');
      throw error;
    }
    const fields: FieldError[] = [];
    const knownKind = documentKinds.find((k) => k === kind);
    if (!knownKind) fields.push({ field: 'kind', message: 'Kies het soort document.' });
    let mediaType: DocumentMediaType | undefined;
    if (!spooled) fields.push({ field: 'file', message: strayFile ? 'Stuur het bestand in het veld "file".' : 'Kies een bestand om toe te voegen.' });
    else if (spooled.size === 0) fields.push({ field: 'file', message: 'Het bestand is leeg.' });
    else if (!(mediaType = await detectMediaType(spooled.head))) fields.push({ field: 'file', message: ALLOWED_TYPES_MESSAGE });
    if (fields.length > 0 || !spooled || !mediaType || !knownKind) throw validationFailed(fields);
    return { kind: knownKind, file: { tempFile: spooled.tempFile, size: spooled.size, sha256: spooled.sha256, mediaType, fileName: fileName ?? 'document' } };
  } catch (error) {
    if (spooled) await rm(spooled.tempFile, { force: true });
    throw error;
  }
}
