/** Ranking groups used when a period has none configured (nationally: A from 90 %, B from 80 %). */
export const DEFAULT_GROUPS = [
  { code: 'A', label: 'Nhóm A (từ 90% trở lên)', minIndex: '90.00' },
  { code: 'B', label: 'Nhóm B (từ 80% đến dưới 90%)', minIndex: '80.00' },
  { code: 'C', label: 'Nhóm C (dưới 80%)', minIndex: '0.00' },
] as const;
