// A letterhead logo is a PNG or JPEG of at most 200 kB, given as a data URL. SVG is refused: it can
// carry scripts and links, and a raster image serves a letterhead just as well.

export const MAX_LOGO_BYTES = 200 * 1024;

export type LogoMediaType = 'image/png' | 'image/jpeg';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/** Parses and checks a data URL; returns the bytes, or a Dutch reason why not. */
export function parseLogo(dataUrl: string): { mediaType: LogoMediaType; bytes: Buffer } | { error: string } {
  const match = /^data:([a-z/+.-]+);base64,([A-Za-z0-9+/=\s]+)$/i.exec(dataUrl);
  if (!match) return { error: 'Het logo is geen geldig plaatje. Kies een PNG- of JPEG-bestand.' };
  const declared = match[1]!.toLowerCase();
  if (declared === 'image/svg+xml') return { error: 'Een SVG-logo kan niet: kies een PNG- of JPEG-bestand.' };
  if (declared !== 'image/png' && declared !== 'image/jpeg') return { error: 'Het logo moet een PNG- of JPEG-bestand zijn.' };
  const bytes = Buffer.from(match[2]!.replace(/\s/g, ''), 'base64');
  if (bytes.length === 0) return { error: 'Het logo is leeg.' };
  if (bytes.length > MAX_LOGO_BYTES) return { error: 'Het logo is te groot: hoogstens 200 kB.' };
  const isPng = bytes.subarray(0, PNG.length).equals(PNG);
  const isJpeg = bytes.subarray(0, JPEG.length).equals(JPEG);
  if (declared === 'image/png' && !isPng) return { error: 'Het bestand is geen echt PNG-plaatje.' };
  if (declared === 'image/jpeg' && !isJpeg) return { error: 'Het bestand is geen echt JPEG-plaatje.' };
  return { mediaType: declared, bytes };
}

export const logoDataUrl = (mediaType: string, bytes: Uint8Array): string => `data:${mediaType};base64,${Buffer.from(bytes).toString('base64')}`;
