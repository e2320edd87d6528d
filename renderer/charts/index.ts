/** Every chart is a pure function from data to Plot options; `<PlotFigure>` renders them. */
export { histogramChart, type HistogramOptions } from './histogram';
export { topValuesChart, type TopValue, type TopValuesOptions } from './topValues';
export { compactNumber, groupThousands } from './numbers';
export * from './modelCharts';
