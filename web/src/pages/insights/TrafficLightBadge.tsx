import './insights.css';
import { statusLabels } from './insightsApi';
import type { TrafficLight } from '../../api/types';

const SYMBOLS: Record<TrafficLight, string> = { green: '●', amber: '▲', red: '■', none: '○' };

/** Status told by text and shape as well as colour. */
export function TrafficLightBadge({ status }: { status: TrafficLight }) {
  return (
    <span className={`koers-light koers-light--${status}`}>
      <span aria-hidden="true">{SYMBOLS[status]} </span>
      {statusLabels[status]}
    </span>
  );
}
