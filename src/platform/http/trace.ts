import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

/**
 * The request id is the W3C trace id: taken from an incoming `traceparent` header (so a caller's
 * trace continues here), otherwise new. Logs and audit records share it.
 */
export function traceIdFor(req: IncomingMessage): string {
  const header = req.headers.traceparent;
  const match = typeof header === 'string' ? TRACEPARENT.exec(header) : null;
  if (match?.[1] && !/^0+$/.test(match[1])) return match[1];
  return randomBytes(16).toString('hex');
}

export function parentSpanIdFor(headers: IncomingMessage['headers']): string | null {
  const header = headers.traceparent;
  const match = typeof header === 'string' ? TRACEPARENT.exec(header) : null;
  return match?.[2] ?? null;
}

// Nine digits, possibly grouped by spaces, dots, dashes or their URL encodings ('1234 56 782', '123.45.678').
const BSN_LIKE = /(?<![0-9])[0-9](?:(?:\s|\.|-|\+|%20|%2[eE])?[0-9]){8}(?![0-9])/g;

/** Masks anything that looks like a BSN so it never reaches a log line. */
export function maskBsnLike(text: string): string {
  return text.replace(BSN_LIKE, '*********');
}
