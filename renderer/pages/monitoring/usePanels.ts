/** The mapped performance panels and the classification rule sets, reloaded after anything that changes them. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PanelInfo, TierRuleSet } from '../../../src/api/monitoring';
import { useApi } from '../../api/ApiProvider';
import { useNotices } from '../../state/notices';

export interface PanelsState {
  /** null until the first answer. */
  panels: PanelInfo[] | null;
  ruleSets: TierRuleSet[] | null;
  reload(): Promise<void>;
}

export function usePanels(): PanelsState {
  const api = useApi();
  const { reportError } = useNotices();
  const [panels, setPanels] = useState<PanelInfo[] | null>(null);
  const [ruleSets, setRuleSets] = useState<TierRuleSet[] | null>(null);
  // Answers can overtake each other; only the latest request may set the lists.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      // Listing panels maps the sample portfolio the first time: a write, so not in parallel with the rule sets.
      const p = await api.call('monitoring.panels', {});
      const r = await api.call('monitoring.ruleSets', {});
      if (request !== latest.current) return;
      setPanels(p);
      setRuleSets(r);
    } catch (e) {
      if (request !== latest.current) return;
      setPanels((prev) => prev ?? []);
      setRuleSets((prev) => prev ?? []);
      reportError(e);
    }
  }, [api, reportError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { panels, ruleSets, reload };
}

/** A key that changes when the panel's data or mapping changes, so results of the old data are dropped. */
export function panelVersion(p: PanelInfo): string {
  return [p.mapping.panel, p.rows, p.loans, p.snapshots[0] ?? '', p.snapshots[p.snapshots.length - 1] ?? '', p.savedAt ?? ''].join('|');
}
