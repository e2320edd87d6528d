/** Chart colours and type, shared so every figure looks like one product (kept in step with styles/base.css). */
export const CHART = {
  bar: '#3b6ea8',
  barMuted: '#9db5d3',
  axis: '#8a96a3',
  fontSize: '10px',
  fontFamily: 'Inter, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", system-ui, sans-serif',
} as const;

export const CHART_STYLE = {
  fontSize: CHART.fontSize,
  fontFamily: CHART.fontFamily,
  color: '#44505c',
  background: 'transparent',
  overflow: 'visible',
} as const;
