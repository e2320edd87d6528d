/** A titled card holding one chart that fills the card's width (the chart function gets the width). */
import type { ReactNode } from 'react';
import { PlotFigure, type PlotSpec } from '../../components/PlotFigure';

export function ChartCard({ title, spec, testId, note, children }: { title: string; spec: PlotSpec; testId: string; note?: ReactNode; children?: ReactNode }) {
  return (
    <section className="chart-card" data-testid={testId}>
      <header className="chart-card-header">
        <h3>{title}</h3>
        {note && <span className="muted small">{note}</span>}
      </header>
      <PlotFigure options={spec} />
      {children}
    </section>
  );
}
