import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isValidBsn } from '../elfproef.js';

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

// Nine digits, possibly grouped by spaces, dots, dashes or their URL encodings ('1234 56 782', '123.45.678'),
// standing alone: not inside a longer run of digits or letters — a UUID or trace id is hex, and its
// groups once matched as a grouped "BSN" (3.5 % of URLs had an id partly blanked). A percent-encoded
// character just before it (`q=%20123456782`) counts as a boundary although it ends in a hex digit.
const BSN_LIKE = /(?:(?<![0-9A-Za-z])|(?<=%[0-9A-Fa-f]{2}))[0-9](?:(?:\s|\.|-|\+|%20|%2[eE])?[0-9]){8}(?![0-9A-Za-z])/g;

/**
 * Masks every standalone nine-digit number that passes the BSN elfproef, so no BSN reaches a log
 * line. Numbers that fail the elfproef cannot be a BSN and stay readable (an order number, a count).
 */
export function maskBsnLike(text: string): string {
  return text.replace(BSN_LIKE, (match) => (isValidBsn(match.replace(/%2[0eE]|\D/g, '')) ? '*********' : match));
}
