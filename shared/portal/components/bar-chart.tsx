/**
 * A horizontal bar chart drawn on the server, without script: each bar is a row with its label and
 * its value as text, and an SVG bar whose length is an attribute (no inline style, which the
 * Content-Security-Policy forbids). The same figures are in a data table the chart links to; the
 * bars themselves are hidden from assistive technologies, the text is not.
 */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The value as said next to the bar ("12 voix"). */
  readonly valueText: string;
  /** Drawn in the accent colour (a retained project); the table says it in words. */
  readonly highlight?: boolean;
}

export const BarChart = ({
  id,
  title,
  description,
  bars,
  tableId,
  tableLink,
}: {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly bars: readonly Bar[];
  /** The data table with the same figures. */
  readonly tableId: string;
  readonly tableLink: string;
}) => {
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure class="bar-chart" aria-labelledby={`${id}-titre`} aria-describedby={`${id}-description`}>
      <figcaption class="bar-chart__title" id={`${id}-titre`}>
        {title}
      </figcaption>
      <p class="visually-hidden" id={`${id}-description`}>
        {description}
      </p>
      <ul class="bar-chart__rows">
        {bars.map((bar, i) => (
          <li class="bar-chart__row" key={i}>
            <span class="bar-chart__label">{bar.label}</span>
            <span class="bar-chart__track">
              <svg
                class={bar.highlight ? 'bar-chart__bar bar-chart__bar--highlight' : 'bar-chart__bar'}
                viewBox="0 0 100 10"
                preserveAspectRatio="none"
                aria-hidden="true"
                focusable="false"
              >
                <rect x="0" y="0" height="10" width={((bar.value / max) * 100).toFixed(2)} />
              </svg>
              <span class="bar-chart__value">{bar.valueText}</span>
            </span>
          </li>
        ))}
      </ul>
      <p class="bar-chart__equivalent">
        <a href={`#${tableId}`}>{tableLink}</a>
      </p>
    </figure>
  );
};
