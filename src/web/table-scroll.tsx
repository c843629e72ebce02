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
