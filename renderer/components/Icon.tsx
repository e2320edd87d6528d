/** The few line icons the shell uses (24-unit viewBox, drawn with the current text colour). */
const PATHS = {
  data: 'M4 6c0-1.7 3.6-3 8-3s8 1.3 8 3-3.6 3-8 3-8-1.3-8-3zm0 0v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3',
  models: 'M4 19l5-6 4 3 7-9M4 5v14h16',
  monitoring: 'M3 12h4l3-7 4 14 3-7h4',
  stress: 'M13 2L4 14h7l-1 8 9-12h-7l1-8z',
  experiments: 'M9 3h6M10 3v6l-5 9a2 2 0 0 0 1.7 3h10.6a2 2 0 0 0 1.7-3l-5-9V3M7.5 14h9',
  reports: 'M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h8',
  upload: 'M12 16V4m0 0l-5 5m5-5l5 5M4 20h16',
  sample: 'M4 4h16v16H4zM4 10h16M10 10v10',
  sql: 'M8 6l-5 6 5 6M16 6l5 6-5 6',
  close: 'M6 6l12 12M18 6L6 18',
  back: 'M15 5l-7 7 7 7',
  play: 'M7 4l13 8-13 8z',
  download: 'M12 4v12m0 0l-5-5m5 5l5-5M4 20h16',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  alert: 'M12 3l10 18H2L12 3zm0 7v5m0 3v.5',
  check: 'M5 12l5 5 9-10',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
