import { describe, expect, it } from 'vitest';
import { readCheckedMessage, readMessage } from './exchange.xml.js';

describe('readCheckedMessage', () => {
  it('reads what the general parser reads: prefixes dropped, attributes ignored, text trimmed and decoded, repeats as arrays', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!-- <Header>not this</Header> -->
<Bericht xmlns="urn:x" xmlns:b="urn:b" note='a > b'>
  <Header><b:Identificatie> R&amp;D &lt;1&gt; &quot;x&apos; </b:Identificatie><Leeg/><Ook attr="/"/></Header>
  <Clienten>
    <Client><Bsn>123456782</Bsn><Prestaties><Prestatie><Code>01</Code></Prestatie></Prestaties></Client>
    <Client><Bsn>111222333</Bsn><!-- <Bsn>9</Bsn> --><Prestaties><Prestatie><Code>02</Code></Prestatie><Prestatie><Code><![CDATA[<03>&amp;]]></Code></Prestatie></Prestaties></Client>
  </Clienten>
</Bericht>`;
    const read = readCheckedMessage(xml);
    expect(read).toEqual({
      Bericht: {
        Header: { Identificatie: 'R&D <1> "x\'', Leeg: '', Ook: '' },
        Clienten: {
          Client: [
            { Bsn: '123456782', Prestaties: { Prestatie: { Code: '01' } } },
            { Bsn: '111222333', Prestaties: { Prestatie: [{ Code: '02' }, { Code: '<03>&amp;' }] } },
          ],
        },
      },
    });
    // The general parser (which always makes Client and Prestatie lists) agrees where both apply.
    const general = readMessage(xml).Bericht as { Header: unknown; Clienten: { Client: { Bsn: string }[] } };
    expect(general.Header).toEqual((read.Bericht as { Header: unknown }).Header);
    expect(general.Clienten.Client.map((c) => c.Bsn)).toEqual(['123456782', '111222333']);
    expect(readCheckedMessage('<a>&#65;&#x42;</a>')).toEqual({ a: 'AB' });
  });
});
