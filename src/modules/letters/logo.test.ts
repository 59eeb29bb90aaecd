import { describe, expect, it } from 'vitest';
import { parseLogo } from './logo.js';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const url = (type: string, bytes: Buffer) => `data:${type};base64,${bytes.toString('base64')}`;

describe('letterhead logo', () => {
  it('accepts a real PNG and JPEG', () => {
    expect(parseLogo(url('image/png', png))).toMatchObject({ mediaType: 'image/png' });
    expect(parseLogo(url('image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).toMatchObject({ mediaType: 'image/jpeg' });
  });
  it('refuses SVG, other types, a disguised file and more than 200 kB', () => {
    expect(parseLogo(url('image/svg+xml', Buffer.from('<svg><script>alert(1)</script></svg>')))).toEqual({ error: 'Een SVG-logo kan niet: kies een PNG- of JPEG-bestand.' });
    expect(parseLogo(url('image/gif', Buffer.from('GIF89a')))).toEqual({ error: 'Het logo moet een PNG- of JPEG-bestand zijn.' });
    expect(parseLogo(url('image/png', Buffer.from('<svg/>')))).toEqual({ error: 'Het bestand is geen echt PNG-plaatje.' });
    expect(parseLogo(url('image/png', Buffer.concat([png, Buffer.alloc(200 * 1024)])))).toEqual({ error: 'Het logo is te groot: hoogstens 200 kB.' });
    expect(parseLogo('https://example.org/logo.png')).toMatchObject({ error: expect.stringContaining('geen geldig plaatje') });
  });
});
