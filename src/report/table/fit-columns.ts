// Column widths for a terminal table: each column as wide as its longest cell until the row would overflow. Then
// columns give way in turns: those marked to give way first (free text) before identifiers, the widest of a turn
// first, one cell at a time, and never below their minimum.

export interface ColumnWant {
  natural: number;
  min: number;
  /** Shrinks before columns without it: for free text, whose tail matters less than an identifier's. */
  isFirstToGiveWay?: boolean;
}

function shrink(
  widths: number[],
  columns: readonly ColumnWant[],
  turn: readonly number[],
  excess: number,
): number {
  let left = excess;
  while (left > 0) {
    let widest = -1;
    for (const i of turn) {
      const w = widths[i] ?? 0;
      if (w > (columns[i]?.min ?? 0) && (widest === -1 || w > (widths[widest] ?? 0))) widest = i;
    }
    if (widest === -1) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
    left -= 1;
  }
  return left;
}

export function fitColumns(columns: readonly ColumnWant[], budget: number): number[] {
  // Nothing is wider than the whole budget, so the shrinking below is bounded by the column count times the budget.
  const widths = columns.map((c) => Math.min(Math.max(c.natural, 0), Math.max(budget, c.min)));
  const indexes = columns.map((_, i) => i);
  const turns = [
    indexes.filter((i) => columns[i]?.isFirstToGiveWay),
    indexes.filter((i) => !columns[i]?.isFirstToGiveWay),
  ];
  let excess = widths.reduce((sum, w) => sum + w, 0) - budget;
  for (const turn of turns) excess = shrink(widths, columns, turn, excess);
  return widths;
}
