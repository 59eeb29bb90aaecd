const euroFormat = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
export const euro = (cents: number): string => euroFormat.format(cents / 100);
