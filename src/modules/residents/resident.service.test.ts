import { describe, expect, it } from 'vitest';
import { fullName, maskBsn, normaliseForSearch } from './resident.names.js';
import { interpretQuery } from './resident.service.js';

describe('interpretQuery', () => {
  it.each([
    ['999995844', { kind: 'bsn', bsn: '999995844' }],
    [' 6211ab ', { kind: 'postcode', postcode: '6211 AB' }],
    ['6211 AB 12', { kind: 'postcode', postcode: '6211 AB', houseNumber: 12 }],
    ['6211ab, 12a', { kind: 'postcode', postcode: '6211 AB', houseNumber: 12 }],
    ['6211', { kind: 'postcode', postcodeDigits: '6211' }],
    ['Van den  Berg', { kind: 'name', tokens: ['van', 'den', 'berg'] }],
    ['Céline Müller', { kind: 'name', tokens: ['celine', 'muller'] }],
    ['Boschstraat', { kind: 'name', tokens: ['boschstraat'] }],
    ['Sint Pieterstraat 12a', { kind: 'address', street: 'sint pieterstraat', houseNumber: 12 }],
    ['Markt, 3', { kind: 'address', street: 'markt', houseNumber: 3 }],
    ['01-02-1950', { kind: 'birthDate', birthDate: '1950-02-01' }],
    ['1-2-1950', { kind: 'birthDate', birthDate: '1950-02-01' }],
    ['1950-02-01', { kind: 'birthDate', birthDate: '1950-02-01' }],
    ['12345678', { kind: 'name', tokens: ['12345678'] }],
  ])('reads %j as %j', (q, expected) => {
    expect(interpretQuery(q)).toEqual(expected);
  });

  it('refuses a date of birth that does not exist', () => {
    expect(() => interpretQuery('31-02-1950')).toThrow(expect.objectContaining({ fields: [{ field: 'q', message: 'Deze geboortedatum bestaat niet.' }] }));
  });
});

describe('names', () => {
  it('puts the tussenvoegsel between given and family name', () => {
    expect(fullName('Jan', 'van der', 'Berg')).toBe('Jan van der Berg');
    expect(fullName('Fatima', null, 'El Idrissi')).toBe('Fatima El Idrissi');
  });
  it('normalises for search and masks a BSN', () => {
    expect(normaliseForSearch('  Ŝtéphanie   DE Wit ')).toBe('stephanie de wit');
    expect(maskBsn('999995844')).toBe('*****5844');
  });
});
