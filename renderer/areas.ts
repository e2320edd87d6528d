/** The workstation's areas, in the order of the analyst's work: data, then models, monitoring, stress, experiments, reports. */
import type { IconName } from './components/Icon';
import type { MessageKey } from './i18n/catalog';

export const AREAS = ['data', 'models', 'monitoring', 'stress', 'experiments', 'reports'] as const;
export type AreaId = (typeof AREAS)[number];

export const AREA_LABEL: Record<AreaId, MessageKey> = {
  data: 'nav.data',
  models: 'nav.models',
  monitoring: 'nav.monitoring',
  stress: 'nav.stress',
  experiments: 'nav.experiments',
  reports: 'nav.reports',
};

export const AREA_ICON: Record<AreaId, IconName> = {
  data: 'data',
  models: 'models',
  monitoring: 'monitoring',
  stress: 'stress',
  experiments: 'experiments',
  reports: 'reports',
};

/** What each later area will hold, said plainly on its placeholder page. */
export const AREA_PLAN: Record<Exclude<AreaId, 'data'>, { lead: MessageKey; items: MessageKey[] }> = {
  models: { lead: 'plan.models.lead', items: ['plan.models.1', 'plan.models.2', 'plan.models.3'] },
  monitoring: { lead: 'plan.monitoring.lead', items: ['plan.monitoring.1', 'plan.monitoring.2', 'plan.monitoring.3'] },
  stress: { lead: 'plan.stress.lead', items: ['plan.stress.1', 'plan.stress.2', 'plan.stress.3'] },
  experiments: { lead: 'plan.experiments.lead', items: ['plan.experiments.1', 'plan.experiments.2', 'plan.experiments.3'] },
  reports: { lead: 'plan.reports.lead', items: ['plan.reports.1', 'plan.reports.2', 'plan.reports.3'] },
};
