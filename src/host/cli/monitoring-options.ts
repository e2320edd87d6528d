/**
 * What the monitoring commands (classify, migration, warnings, layers) share: the --panel and
 * --rule-set options, finding the panel when --panel is left out, and how shares and amounts print.
 */
import type { PanelInfo, PanelRuleArgs } from '../../api/monitoring';
import { badInput, notFound } from '../../api/errors';
import { stringOption, type CommandInput, type OptionSpec, type OptionValues } from './command';
import { formatCount } from './format';

/** The panel the sample portfolio maps itself as. */
const SAMPLE_PANEL = 'loan_performance';

export const PANEL_OPTIONS: Record<string, OptionSpec> = {
  panel: { type: 'string', value: 'T', description: 'Performance panel (default: the only mapped one, else the sample portfolio).' },
  'rule-set': { type: 'string', value: 'NAME', description: "Five-tier rule set: retail_2023, credit_card_2011, retail_2023_cards_2011 or a saved one (default: the panel's own, else retail_2023)." },
};

/**
 * The panel to work on and its info (snapshots, loans). Without --panel: the one usable panel, or the
 * sample portfolio when there are several; otherwise the user must say which.
 */
export async function choosePanel(options: OptionValues, call: CommandInput['call']): Promise<{ args: PanelRuleArgs; info: PanelInfo }> {
  const named = stringOption(options, 'panel');
  const ruleSet = stringOption(options, 'rule-set');
  const panels = await call('monitoring.panels', {});
  let info: PanelInfo | undefined;
  if (named !== undefined) {
    info = panels.find((p) => p.mapping.panel === named);
    if (!info) {
      const known = panels.map((p) => p.mapping.panel).join(', ') || 'none yet';
      throw notFound(`There is no panel named "${named}". Mapped panels: ${known}.`, { panel: named });
    }
  } else {
    const usable = panels.filter((p) => !p.problem);
    info = usable.length === 1 ? usable[0] : usable.find((p) => p.mapping.panel === SAMPLE_PANEL);
    if (!info) {
      throw badInput(
        usable.length === 0
          ? 'No performance panel yet: run `vigil sample`, or map a table in the Monitoring area.'
          : `Several panels are mapped; choose one with --panel (${usable.map((p) => p.mapping.panel).join(', ')}).`,
        { option: 'panel' },
      );
    }
  }
  if (info.problem) throw badInput(`Panel "${info.mapping.panel}" cannot be read: ${info.problem}`, { panel: info.mapping.panel });
  return { args: { panel: info.mapping.panel, ...(ruleSet !== undefined ? { ruleSet } : {}) }, info };
}

/** A snapshot the panel has, given as --NAME YYYY-MM-DD; `fallback` when the option is absent. */
export function snapshotOption(options: OptionValues, name: string, info: PanelInfo, fallback?: string): string {
  const text = stringOption(options, name);
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw badInput(`--${name} DATE is required (a snapshot of panel "${info.mapping.panel}", e.g. ${info.snapshots[info.snapshots.length - 1] ?? '2024-12-31'}).`, { option: name });
  }
  if (!info.snapshots.includes(text)) {
    const range = info.snapshots.length > 0 ? `${info.snapshots[0]} … ${info.snapshots[info.snapshots.length - 1]}` : 'none';
    throw badInput(`Panel "${info.mapping.panel}" has no snapshot on ${text} (snapshots: ${range}).`, { option: name, value: text });
  }
  return text;
}

/** 0.0123 -> "1.23%"; null (no base) -> "". */
export function pct(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : `${(x * 100).toFixed(digits)}%`;
}

/** Balances to the unit, with thousands separators. */
export function amount(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '' : formatCount(Math.round(x));
}
