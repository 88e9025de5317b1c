/**
 * A report in a list (a commune's reports, a citizen's own, the nearby ones offered while
 * reporting): its category linking to its page, its status in words, the overdue flag, when it
 * was filed, its place and the start of its description. Public data only.
 */
import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';
import { DateText, StatusTag } from './ui';

export interface ReportCardData {
  readonly id: string;
  readonly categoryName: string;
  readonly status: string;
  readonly overdue: boolean;
  readonly createdAt: string;
  readonly description: string;
  readonly address?: string;
  readonly communeName?: string;
  readonly supportCount: number;
}

/** The start of a text, cut at a word. */
export const excerpt = (text: string, max = 160): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

export const ReportCard = ({
  report,
  headingLevel = 3,
  extra,
  children,
}: {
  readonly report: ReportCardData;
  readonly headingLevel?: 2 | 3;
  /** More tags for the meta line (distance, why the visitor follows it). */
  readonly extra?: ComponentChildren;
  /** Actions under the card ("moi aussi"). */
  readonly children?: ComponentChildren;
}) => {
  const { t } = usePage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const place = [report.address, report.communeName && t.reportPages.card.inCommune(report.communeName)]
    .filter(Boolean)
    .join(' ');
  return (
    <li class="card report-card">
      <Heading class="card__title" id={`signalement-${report.id}`}>
        <a href={portalPaths.report(report.id)}>{report.categoryName}</a>
      </Heading>
      <p class="card__meta">
        <StatusTag status={report.status} label={t.reportStatus[report.status] ?? report.status} />
        {report.overdue && <StatusTag status="overdue" label={t.reportPages.report.overdue} />}
        {extra}
        <span>
          {t.reportPages.card.filedOn} <DateText iso={report.createdAt} />
        </span>
        {report.supportCount > 0 && <span>{t.reportPages.report.supportsCount(report.supportCount)}</span>}
      </p>
      {place && <p class="card__address">{place}</p>}
      <p class="report-card__description">{excerpt(report.description)}</p>
      {children}
    </li>
  );
};
