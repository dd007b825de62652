// The dashboard's tables: one scrollable frame, a header row of column titles
// (numeric columns right-aligned), and the page's own rows.
import type { ReactNode } from 'react';

/** A column title, or one with its numbers right-aligned. */
export type Column = ReactNode | { readonly title: ReactNode; readonly numeric: true };

function isNumeric(c: Column): c is { readonly title: ReactNode; readonly numeric: true } {
  return typeof c === 'object' && c !== null && 'numeric' in c;
}

/** `caption` names the table for screen readers (visually hidden); `busy` marks it as loading. */
export function DataTable({ columns, className, caption, busy, children }: { columns: readonly Column[]; className?: string; caption?: string; busy?: boolean; children: ReactNode }) {
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'} aria-busy={busy}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c, i) =>
              isNumeric(c) ? (
                <th key={i} scope="col" className="num">
                  {c.title}
                </th>
              ) : (
                <th key={i} scope="col">
                  {c}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
