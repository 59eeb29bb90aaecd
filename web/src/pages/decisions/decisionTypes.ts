import { formatMoney } from '../../format';

export const euro = (cents: number): string => formatMoney(cents);
