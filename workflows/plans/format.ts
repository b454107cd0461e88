const percent = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

/**
 * An achievement ratio as a Vietnamese percentage with one decimal; "—" when there is no target.
 *
 * @example formatAchievement(1.5725) // "157,3%"
 */
export function formatAchievement(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? "—" : `${percent.format(ratio * 100)}%`;
}

/**
 * A quantity Vietnamese style: `.` between thousands, `,` before decimals.
 *
 * @example formatQuantity(12500.5) // "12.500,5"
 */
export function formatQuantity(value: number): string {
  return integer.format(value);
}
