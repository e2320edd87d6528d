/** Things the analyst must read before trusting the figures below (fit warnings, dropped rows, a moved test set), as the engine wrote them. */
import { Icon } from '../../components/Icon';

export function ModelWarnings({ warnings, testId }: { warnings: readonly string[]; testId: string }) {
  if (warnings.length === 0) return null;
  return (
    <div className="model-warnings" role="alert" data-testid={testId}>
      <Icon name="alert" size={16} />
      <ul>
        {warnings.map((w, i) => (
          <li key={`${i}:${w}`}>{w}</li>
        ))}
      </ul>
    </div>
  );
}
