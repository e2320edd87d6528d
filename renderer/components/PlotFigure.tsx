/**
 * The one place a chart meets the DOM: Plot options in, an SVG figure out, replaced when the
 * options change. Options may be a function of the available width, so a chart fills its card.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export type PlotSpec = Plot.PlotOptions | ((width: number) => Plot.PlotOptions);

export function PlotFigure({ options, className, testId }: { options: PlotSpec; className?: string; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const responsive = typeof options === 'function';

  useLayoutEffect(() => {
    const host = ref.current;
    if (!host || !responsive) return;
    setWidth(Math.floor(host.clientWidth));
    // Whole pixels only: sub-pixel jitter would redraw the chart for nothing.
    const ro = new ResizeObserver(() => setWidth(Math.floor(host.clientWidth)));
    ro.observe(host);
    return () => ro.disconnect();
  }, [responsive]);

  useEffect(() => {
    const host = ref.current;
    if (!host || (responsive && width === 0)) return;
    const figure = Plot.plot(typeof options === 'function' ? options(width) : options);
    host.replaceChildren(figure);
    return () => figure.remove();
  }, [options, width, responsive]);

  return <div ref={ref} className={className ? `plot ${className}` : 'plot'} data-testid={testId} />;
}
