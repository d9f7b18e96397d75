/**
 * A Markdown table with aligned columns: the first `textColumns` columns left-aligned, the
 * others (numbers) right-aligned.
 */
export function markdownTable(header: string[], rows: string[][], textColumns = 2): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const isText = (column: number) => column < textColumns;
  const line = (cells: string[]) =>
    `| ${widths.map((width, column) => (isText(column) ? (cells[column] ?? '').padEnd(width) : (cells[column] ?? '').padStart(width))).join(' | ')} |`;
  const rule = `| ${widths.map((width, column) => (isText(column) ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
