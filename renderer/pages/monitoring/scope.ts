/** What every Monitoring tab works on: the chosen panel and rule set, and the drill-down opener. */
import { createContext, useContext } from 'react';
import type { PanelInfo, TierRuleSet } from '../../../src/api/monitoring';
import type { DrillRequest } from './DrillDialog';

export interface MonitoringScope {
  info: PanelInfo;
  panel: string;
  ruleSet: string;
  /** The rule set itself, once the list has arrived. */
  rules: TierRuleSet | null;
  /** Open the loans behind a number. */
  drill(request: DrillRequest): void;
}

export const ScopeContext = createContext<MonitoringScope | null>(null);

export function useScope(): MonitoringScope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error('useScope outside a Monitoring tab');
  return scope;
}
