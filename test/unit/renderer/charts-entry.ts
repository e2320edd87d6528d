/** Bundled for Chromium by charts.test.ts: the chart functions exactly as the app uses them, and Plot. */
export * as charts from '../../../renderer/charts/index';
export { plot } from '@observablehq/plot';
