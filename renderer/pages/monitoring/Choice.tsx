/**
 * The drop-down of the rule editors: one of a fixed list of codes, each shown by its label, with an
 * optional "not used" first entry (the empty code) for conditions a rule may leave out.
 */
export function Choice<V extends string>({
  value,
  options,
  labelOf,
  label,
  onChange,
  testId,
  notUsed,
  invalid,
  className,
}: {
  value: V | '';
  options: readonly V[];
  labelOf(option: V): string;
  /** Accessible name (the column header). */
  label: string;
  onChange(value: V): void;
  testId: string;
  /** Text of the empty first entry; absent when a value is required. */
  notUsed?: string;
  invalid?: boolean;
  className?: string;
}) {
  return (
    <select
      className={className ? `input ${className}` : 'input'}
      value={value}
      aria-label={label}
      aria-invalid={invalid}
      onChange={(e) => onChange(e.target.value as V)}
      data-testid={testId}
    >
      {notUsed !== undefined && <option value="">{notUsed}</option>}
      {options.map((o) => (
        <option key={o} value={o}>
          {labelOf(o)}
        </option>
      ))}
    </select>
  );
}
