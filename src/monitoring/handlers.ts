/**
 * The monitoring domain's operations, bound to one workspace. Each op loads the panel mapping and
 * rule set, runs its SQL in DuckDB with the classification inlined (no per-loan tiers are stored)
 * and returns a small aggregated result (or the name of a table or view it wrote). Writes run in a
 * transaction so a cancel leaves the workspace as it was.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { JobContext } from '../api/jobs';
import type { MonitoringHandlers, PanelInfo, PanelMapping, PanelRuleArgs, TierRuleSet } from '../api/monitoring';
import { badInput, conflict } from '../api/errors';
import type { Workspace } from '../workspace/workspace';
import { classificationNotes } from './classify';
import { exportCases, stageCounts, writeCases } from './collections';
import { loadDeskRules, resetDeskRules, saveDeskRules } from './deskRules';
import { drill } from './drill';
import { layeredSql } from './layerAssignment';
import { layerReport } from './layerReport';
import { checkedMigrationMatrix, checkSnapshotPair, cumulativeMigration, snapshotsOf } from './migration';
import { migrationRateSeries } from './migrationRates';
import { derivedTable, panelRelation } from './panel';
import { deleteMapping, loadMapping, panelInfo, saveMapping, savedMappings } from './panelStore';
import { portfolioIndicators } from './portfolioIndicators';
import { rollRates } from './rollRates';
import { deleteRuleSet, listRuleSets, loadRuleSet, saveRuleSet } from './ruleSets';
import { isoDate, SqlParams } from './sql';
import { sampleMapping, SAMPLE_PANEL, suggestMapping } from './suggest';
import { defineTiersView } from './tiersView';
import { tierSummary } from './tierSummary';
import { writeUciPanel } from './uciPanel';
import { vintageCurves } from './vintage';
import { loadWarningRules, resetWarningRules, saveWarningRules } from './warningRules';
import { watchlistByLevel, writeWatchlist } from './warnings';

interface PanelContext {
  c: DuckDBConnection;
  m: PanelMapping;
  r: TierRuleSet;
}

/** The panel's mapping and the rule set to classify it by: the one asked for, else the panel's own, else retail 2023. */
async function loadPanel(c: DuckDBConnection, args: PanelRuleArgs): Promise<{ m: PanelMapping; r: TierRuleSet }> {
  const m = await loadMapping(c, args.panel);
  return { m, r: await loadRuleSet(c, args.ruleSet ?? m.ruleSet) };
}

/** Progress in named steps: "2 of 4: Classifying loans". */
function stepper(ctx: JobContext, total: number) {
  let done = 0;
  ctx.progress(0, total, 'Starting');
  return (message: string) => {
    ctx.throwIfCancelled();
    ctx.progress(done, total, message);
    done += 1;
  };
}

async function listPanels(c: DuckDBConnection): Promise<PanelInfo[]> {
  const saved: { mapping: PanelMapping; savedAt: string | null; problem?: string }[] = await savedMappings(c);
  const sample = saved.some((s) => s.mapping.panel === SAMPLE_PANEL) ? null : await sampleMapping(c, SAMPLE_PANEL);
  if (sample) {
    // The sample portfolio maps (and saves) itself the first time panels are listed.
    try {
      await saveMapping(c, sample);
      saved.push({ mapping: sample, savedAt: new Date().toISOString() });
    } catch (e) {
      saved.push({ mapping: sample, savedAt: null, problem: (e as Error).message });
    }
  }
  const out: PanelInfo[] = [];
  for (const s of saved) {
    try {
      if (s.problem) throw new Error(s.problem);
      out.push(await panelInfo(c, s.mapping, s.savedAt));
    } catch (e) {
      // A mapped table may since have been dropped or renamed: list it with the reason, do not fail the list.
      out.push({ mapping: s.mapping, rows: 0, loans: 0, snapshots: [], fields: [], savedAt: s.savedAt, problem: (e as Error).message });
    }
  }
  return out;
}

export function monitoringHandlers(ws: Workspace): MonitoringHandlers {
  const withPanel = <T>(args: PanelRuleArgs, ctx: JobContext, fn: (pc: PanelContext) => Promise<T>): Promise<T> =>
    ws.withConnection(async (c) => fn({ c, ...(await loadPanel(c, args)) }), ctx);

  return {
    'monitoring.panels': (_args, ctx) => ws.withConnection(listPanels, ctx),

    'monitoring.suggestMapping': (args, ctx) => ws.withConnection((c) => suggestMapping(c, args.table), ctx),

    'monitoring.saveMapping': (args, ctx) =>
      ws.withConnection(async (c) => {
        await saveMapping(c, args.mapping);
        return panelInfo(c, args.mapping, new Date().toISOString());
      }, ctx),

    'monitoring.deleteMapping': async (args, ctx) => {
      await ws.withConnection((c) => deleteMapping(c, args.panel), ctx);
      return { deleted: args.panel };
    },

    'monitoring.panelFromUci': async (args, ctx) => {
      const step = stepper(ctx, 2);
      step('Writing the monthly panel');
      const mapping = await ws.transaction(async (c) => {
        const m = await writeUciPanel(c, args.table, args.target, args.replace === true);
        await saveMapping(c, m);
        return m;
      }, ctx);
      step('Summarising the panel');
      return ws.withConnection((c) => panelInfo(c, mapping, new Date().toISOString()), ctx);
    },

    'monitoring.ruleSets': (_args, ctx) => ws.withConnection(listRuleSets, ctx),
    'monitoring.saveRuleSet': (args, ctx) => ws.withConnection((c) => saveRuleSet(c, args.ruleSet), ctx),
    'monitoring.deleteRuleSet': async (args, ctx) => {
      await ws.transaction(async (c) => {
        // A panel that classifies by this set by default would stop working: say which, keep the set.
        const users = (await savedMappings(c)).filter((s) => s.mapping.ruleSet === args.name).map((s) => s.mapping.panel);
        if (users.length > 0) throw conflict(`Rule set "${args.name}" is the default of panel ${users.map((u) => `"${u}"`).join(', ')}; change those panels first.`, { ruleSet: args.name, panels: users });
        await deleteRuleSet(c, args.name);
      }, ctx);
      return { deleted: args.name };
    },

    'monitoring.classify': async (args, ctx) => {
      const step = stepper(ctx, 2);
      const { m, r } = await ws.withConnection((c) => loadPanel(c, args), ctx);
      step('Classifying loans into five tiers');
      const snapshots = await ws.withConnection((c) => tierSummary(c, m, r), ctx);
      step('Defining the tiers view');
      const table = await defineTiersView(ws, m, r, ctx);
      const rows = snapshots.reduce((s, x) => s + x.loans, 0);
      return { panel: m.panel, ruleSet: r.name, table, rows, snapshots, notes: classificationNotes(r, m) };
    },

    'monitoring.migration': (args, ctx) =>
      withPanel(args, ctx, async ({ c, m, r }) => {
        stepper(ctx, 1)('Counting migrations');
        return checkedMigrationMatrix(c, m, r, isoDate(args.from, 'from'), isoDate(args.to, 'to'));
      }),

    'monitoring.cumulativeMigration': (args, ctx) =>
      withPanel(args, ctx, async ({ c, m, r }) => {
        const step = stepper(ctx, 2);
        step('Checking the snapshots');
        checkSnapshotPair(await snapshotsOf(c, panelRelation(m, [])), isoDate(args.from, 'from'), isoDate(args.to, 'to'));
        step('Chaining period matrices');
        return cumulativeMigration(c, m, r, args.from, args.to);
      }),

    'monitoring.migrationRates': (args, ctx) =>
      withPanel(args, ctx, async ({ c, m, r }) => {
        const periodSnapshots = args.periodSnapshots ?? 1;
        if (!Number.isInteger(periodSnapshots) || periodSnapshots < 1) {
          throw badInput('The period is a whole number of snapshots (1 = month to month).', { field: 'periodSnapshots' });
        }
        stepper(ctx, 1)('Computing migration rates');
        return migrationRateSeries(c, m, r, periodSnapshots);
      }),

    'monitoring.rollRates': (args, ctx) =>
      ws.withConnection(async (c) => {
        stepper(ctx, 1)('Following loans between delinquency buckets');
        return rollRates(c, await loadMapping(c, args.panel));
      }, ctx),

    'monitoring.vintages': (args, ctx) =>
      ws.withConnection(async (c) => {
        stepper(ctx, 1)('Building vintage curves');
        return vintageCurves(c, await loadMapping(c, args.panel), args.cohortBy ?? 'month');
      }, ctx),

    'monitoring.warningRules': (_args, ctx) => ws.withConnection(loadWarningRules, ctx),
    'monitoring.saveWarningRules': (args, ctx) => ws.transaction((c) => ('reset' in args ? resetWarningRules(c) : saveWarningRules(c, args.rules)), ctx),

    'monitoring.deskRules': (_args, ctx) => ws.withConnection(loadDeskRules, ctx),
    'monitoring.saveDeskRules': (args, ctx) => ws.transaction((c) => ('reset' in args ? resetDeskRules(c) : saveDeskRules(c, args.rules)), ctx),

    'monitoring.warnings': async (args, ctx) => {
      const step = stepper(ctx, 4);
      const { m, r, rules } = await ws.withConnection(async (c) => ({ ...(await loadPanel(c, args)), rules: await loadWarningRules(c) }), ctx);
      step('Evaluating loan-level signals');
      const watch = await ws.transaction((c) => writeWatchlist(c, m, rules.loan), ctx);
      return ws.withConnection(async (c) => {
        step('Classifying loans');
        const summary = await tierSummary(c, m, r);
        step('Computing portfolio indicators');
        const notes = [...watch.notes];
        const rates = await migrationRateSeries(c, m, r, 1);
        const portfolio = await portfolioIndicators(c, m, rules.portfolio, summary, rates, notes);
        step('Counting the watchlist by level');
        const byLevel = await watchlistByLevel(c, watch.table);
        return { panel: m.panel, watchlistTable: watch.table, watchlistRows: watch.rows, notes, byLevel, portfolio };
      }, ctx);
    },

    'monitoring.layers': (args, ctx) =>
      withPanel(args, ctx, async ({ c, m, r }) => {
        stepper(ctx, 1)('Computing layer indicators');
        const desk = await loadDeskRules(c);
        const withDesk = { ...args, rules: args.rules ?? desk.layerRules, lgd: args.lgd ?? desk.lgd, thresholds: args.thresholds ?? desk.thresholds };
        return layerReport(c, m, r, (await loadWarningRules(c)).loan, withDesk);
      }),

    'monitoring.collections': async (args, ctx) => {
      const step = stepper(ctx, 3);
      const result = await ws.transaction(
        (c) =>
          withConnectionPanel(c, args, async ({ m, r }) => {
            step('Finding the snapshot');
            const snapshots = await snapshotsOf(c, panelRelation(m, []));
            const snapshot = args.snapshot === undefined ? snapshots[snapshots.length - 1] : isoDate(args.snapshot, 'snapshot');
            if (!snapshots.includes(snapshot)) throw badInput(`The panel has no snapshot on ${snapshot}.`, { snapshot });
            step('Counting collection stages');
            const stages = await stageCounts(c, m);
            step('Allocating cases to teams');
            const desk = await loadDeskRules(c);
            const p = new SqlParams();
            const layered = layeredSql({ mapping: m, ruleSet: r, layerRules: args.layerRules ?? desk.layerRules, warningRules: (await loadWarningRules(c)).loan, params: p });
            const table = derivedTable.cases(m.panel);
            const teams = await writeCases(c, m, table, layered, p, snapshot, args.allocation ?? desk.allocation);
            return { stages, casesTable: table, snapshot, teams };
          }),
        ctx,
      );
      if (args.csvPath !== undefined) await ws.withConnection((c) => exportCases(c, result.casesTable, args.csvPath as string), ctx);
      return { ...result, csvPath: args.csvPath ?? null };
    },

    'monitoring.drill': (args, ctx) =>
      withPanel(args, ctx, ({ c, m, r }) => drill(c, m, () => defineTiersView(ws, m, r, ctx), args.cell, args.limit)),
  };
}

/** withPanel's loading step for ops that already hold a connection (inside a transaction). */
async function withConnectionPanel<T>(c: DuckDBConnection, args: PanelRuleArgs, fn: (pc: { m: PanelMapping; r: TierRuleSet }) => Promise<T>): Promise<T> {
  return fn(await loadPanel(c, args));
}
