// Traffic light against the year's target: green on or past the target, amber within 10 % of it
// (relative to the target), red beyond. No target, no value or a suppressed value: no status.

export type TrafficLight = 'green' | 'amber' | 'red' | 'none';

export const AMBER_MARGIN = 0.1;

export function trafficLight(value: number | null, target: number | null, direction: 'higher' | 'lower'): TrafficLight {
  if (value === null || target === null) return 'none';
  const slack = Math.abs(target) * AMBER_MARGIN;
  if (direction === 'higher') return value >= target ? 'green' : value >= target - slack ? 'amber' : 'red';
  return value <= target ? 'green' : value <= target + slack ? 'amber' : 'red';
}

export const trafficLightLabels: Record<TrafficLight, string> = {
  green: 'op koers',
  amber: 'let op',
  red: 'uit koers',
  none: 'geen norm',
};
