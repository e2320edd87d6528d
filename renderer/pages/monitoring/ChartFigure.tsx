/**
 * A Plot figure whose marks of class `drill` can be clicked: the click is reported as the index of
 * the datum in that mark's data (Plot binds each drawn element to its index, as d3 does), so the
 * page maps it back to its own array. Like PlotFigure, options may be a function of the width.
 */
import * as Plot from '@observablehq/plot';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';

type Spec = (width: number) => Plot.PlotOptions;

/** The index Plot bound to a drawn element of a `drill` mark, or null for anything else. */
export function drilledIndex(target: EventTarget | null): number | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest('g.drill > *');
  const bound = (el as unknown as { __data__?: unknown } | null)?.__data__;
  return typeof bound === 'number' ? bound : null;
}

export function ChartFigure({ options, onPick, testId, className }: { options: Spec; onPick?(index: number): void; testId?: string; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useLayoutEffect(() => {
    const host = ref.current;
    if (!host) return;
    setWidth(Math.floor(host.clientWidth));
    const ro = new ResizeObserver(() => setWidth(Math.floor(host.clientWidth)));
    ro.observe(host);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const host = ref.current;
    // Hidden (another tab or area is showing): nothing to size the chart by yet.
    if (!host || width === 0) return;
    const figure = Plot.plot(options(width));
    host.replaceChildren(figure);
    return () => figure.remove();
  }, [options, width]);

  return (
    <div
      ref={ref}
      className={`plot${onPick ? ' plot-drill' : ''}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      onClick={
        onPick
          ? (e) => {
              const i = drilledIndex(e.target);
              if (i !== null) onPick(i);
            }
          : undefined
      }
    />
  );
}
