import type { ReactNode } from "react";

export type Column<Row> = {
  header: string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
  cell: (row: Row) => ReactNode;
};

/**
 * The one admin table: a header row from the columns, a row per item, an optional footer row. On a
 * phone each row becomes a card, every cell labelled with its column (data-label), so nothing
 * scrolls sideways.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  footer,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string | number;
  footer?: { label: string; value: ReactNode };
}) {
  const num = (c: Column<Row>) => (c.numeric ? "num" : undefined);
  return (
    <table className="admin-table as-cards">
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} scope="col" className={num(c)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            {columns.map((c) => (
              <td key={c.header} className={num(c)} data-label={c.header}>
                {/* One box per cell: as a card, the cell's lines stay together beside their label. */}
                <div className="cell">{c.cell(row)}</div>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      {footer && (
        <tfoot>
          <tr>
            <td colSpan={columns.length - 1}>{footer.label}</td>
            <td className="num" data-label={footer.label}>
              {footer.value}
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
