/**
 * A data table in a box that scrolls sideways on a narrow screen. A scrolling box must be reachable
 * with the keyboard (WCAG 2.1.1): it is a focusable region named by the table's caption.
 */
import type { ComponentChildren } from 'preact';

export const DataTable = ({
  id,
  caption,
  captionHidden = false,
  children,
}: {
  /** The table's id (what a map or a chart links to as its equivalent). */
  readonly id: string;
  readonly caption: string;
  /** The caption is read by screen readers only (a heading above already says it). */
  readonly captionHidden?: boolean;
  /** The table's thead and tbody. */
  readonly children: ComponentChildren;
}) => (
  <div class="table-wrap" role="region" aria-labelledby={`${id}-titre`} tabindex={0}>
    <table class="table" id={id}>
      <caption id={`${id}-titre`} class={captionHidden ? 'visually-hidden' : undefined}>
        {caption}
      </caption>
      {children}
    </table>
  </div>
);

/** A table's thead: one row of column headers. */
export const ColumnHeads = ({ labels }: { readonly labels: readonly string[] }) => (
  <thead>
    <tr>
      {labels.map((label, i) => (
        <th key={i} scope="col">
          {label}
        </th>
      ))}
    </tr>
  </thead>
);
