import { h, type Child, type SafeHtml } from './jsx.js';

/**
 * Holds a table that may be wider than a phone screen: the table scrolls sideways inside this
 * region instead of squeezing its columns to a character each or widening the whole page. The
 * region is focusable so keyboard users can scroll it, and labelled so screen readers say what it
 * holds (axe `scrollable-region-focusable`, WCAG 2.1.1).
 */
export function TableScroll({ label, children }: { label: string; children?: Child }): SafeHtml {
  return (
    <div class="table-scroll" role="region" aria-label={label} tabindex="0">
      {children}
    </div>
  );
}

/** A data table in a scrollable region: column headings from `head` (empty ones are skipped), rows as children. */
export function DataTable({ label, head, children }: { label: string; head: (string | null)[]; children?: Child }): SafeHtml {
  return (
    <TableScroll label={label}>
      <table class="table">
        <thead>
          <tr>
            {head.filter((x): x is string => x !== null).map((x) => (
              <th scope="col">{x}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
