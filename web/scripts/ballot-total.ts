/**
 * The ballot's running total (shared/portal/pages/budget-ballot-page.tsx): as projects are ticked,
 * the total of the selection against the budget is written in the page's status line
 * (role="status", so screen readers announce it politely) — the same sentence the server wrote.
 * The server checks the ballot either way: this only tells the voter before they send it.
 */
interface BallotSettings {
  readonly budget: number;
  /** The total must fit in the budget (knapsack); otherwise it is only said. */
  readonly capped: boolean;
  readonly labels: {
    readonly total: string;
    readonly remaining: string;
    readonly over: string;
    readonly selectedOne: string;
    readonly selectedMany: string;
  };
}

const EUROS = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const euros = (amount: number) => `${EUROS.format(amount)} €`;

const fill = (template: string, values: Readonly<Record<string, string>>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** The sentence for this selection: "Total : 330 000 € sur 500 000 € — reste 170 000 € (2 projets choisis)". */
export const totalSentence = (settings: BallotSettings, total: number, count: number): string => {
  const { labels, budget, capped } = settings;
  const rest =
    total <= budget
      ? fill(labels.remaining, { amount: euros(budget - total) })
      : fill(labels.over, { amount: euros(total - budget) });
  const selected = fill(count > 1 ? labels.selectedMany : labels.selectedOne, { n: EUROS.format(count) });
  return `${fill(labels.total, { total: euros(total), budget: euros(budget) })}${capped ? ` — ${rest}` : ''} (${selected})`;
};

const enhance = (form: HTMLFormElement) => {
  const settings = JSON.parse(form.dataset.ballot ?? '{}') as BallotSettings;
  const status = form.querySelector<HTMLElement>('[data-ballot-total]');
  const boxes = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-cost]')];
  if (!status || boxes.length === 0) return;
  const update = () => {
    const ticked = boxes.filter((box) => box.checked);
    const total = ticked.reduce((sum, box) => sum + Number(box.dataset.cost ?? 0), 0);
    const sentence = totalSentence(settings, total, ticked.length);
    // Only a change is written: the status line is announced each time its text changes.
    if (status.textContent !== sentence) status.textContent = sentence;
    status.classList.toggle('ballot__status--over', settings.capped && total > settings.budget);
  };
  for (const box of boxes) box.addEventListener('change', update);
  update();
};

export const enhanceBallots = (): void => {
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-ballot]')) enhance(form);
};
