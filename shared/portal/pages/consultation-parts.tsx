/**
 * What the participation pages share: a consultation in short, its phase as a tag, its timeline
 * (an ordered list of steps, the current one marked), the breadcrumbs back to it, and free text
 * cut into paragraphs (each escaped by preact like any text).
 */
import type { Budget, Phase } from '../../participation/participation';
import { Breadcrumbs, type Crumb } from '../components/breadcrumbs';
import { TextField } from '../components/forms';
import { DateText, StatusTag } from '../components/ui';
import { usePage } from '../page-context';
import { portalPaths } from '../portal-paths';

export interface ConsultationSummary {
  readonly id: string;
  readonly title: string;
  readonly phase: Phase;
  /** The commune, or the territory, the consultation is about. */
  readonly scopeName: string;
  readonly scopeLevel: 'commune' | 'territory';
  readonly budget?: Budget;
}

export interface TimelineStep {
  readonly phase: Phase;
  /** When it started (past, current) or starts (future); null: not dated yet. */
  readonly at: string | null;
  readonly state: 'past' | 'current' | 'future';
}

export const PhaseTag = ({ phase }: { readonly phase: string }) => {
  const { t } = usePage();
  return <StatusTag status={`phase-${phase}`} label={t.phase[phase] ?? phase} />;
};

/** Accueil › Consultations › the consultation › …`more`. */
export const ConsultationCrumbs = ({
  consultation,
  more = [],
  current = more.length === 0,
}: {
  readonly consultation?: Pick<ConsultationSummary, 'id' | 'title'>;
  readonly more?: readonly Crumb[];
  /** The consultation itself is the current page. */
  readonly current?: boolean;
}) => {
  const { t } = usePage();
  const items: Crumb[] = [
    { label: t.nav.home, href: portalPaths.home },
    consultation ? { label: t.nav.consultations, href: portalPaths.consultations } : { label: t.nav.consultations },
    ...(consultation
      ? [
          current
            ? { label: consultation.title }
            : { label: consultation.title, href: portalPaths.consultation(consultation.id) },
        ]
      : []),
    ...more,
  ];
  return <Breadcrumbs items={items} />;
};

export const Timeline = ({ steps }: { readonly steps: readonly TimelineStep[] }) => {
  const { t } = usePage();
  const c = t.participation.consultation;
  return (
    <ol class="timeline" aria-label={c.timelineLabel}>
      {steps.map((step) => (
        <li
          key={step.phase}
          class={`timeline__step timeline__step--${step.state}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          <span class="timeline__phase">{c.steps[step.phase] ?? step.phase}</span>{' '}
          <span class="timeline__date">
            {step.at === null ? (
              c.dateUnknown
            ) : (
              <>
                {step.state === 'current' && step.phase !== 'closed' && step.phase !== 'results'
                  ? c.since
                  : step.state === 'future' && (step.phase === 'proposals' || step.phase === 'voting')
                    ? c.from
                    : c.on}{' '}
                <DateText iso={step.at} />
              </>
            )}
          </span>{' '}
          <span class="visually-hidden">({c.stepState[step.state]})</span>
        </li>
      ))}
    </ol>
  );
};

/** Free text as paragraphs, at its blank lines and line breaks. */
export const Paragraphs = ({ text }: { readonly text: string }) => (
  <>
    {text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line, i) => (
        <p key={i}>{line}</p>
      ))}
  </>
);

/** The name shown with a proposal or a comment (optional, kept in the profile once given). */
export const DisplayNameField = ({ value, error }: { readonly value?: string; readonly error?: string }) => {
  const { t } = usePage();
  const f = t.participation.proposalForm;
  return (
    <TextField
      name="displayName"
      label={f.displayNameLabel}
      hint={f.displayNameHint}
      value={value}
      error={error}
      maxLength={40}
      autocomplete="nickname"
      width="medium"
      optional
    />
  );
};
