// POST /agents/moderation
import {
  loadModeration,
  moderateContent,
  ModerationForm,
  participationRefusal,
} from '../../shared/portal/back-office-participation-app';
import { MODERATION_LISTS } from '../../shared/portal/back-office-participation-pages-routes';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import { ULID_PATTERN } from '../../shared/kernel/ids';
import { pageHandler } from '../../shared/portal/page-http';
import { moderationPage, moderationKey } from '../../shared/portal/pages/back-office-participation-moderation-page';
import { backOfficeParticipationPageRoutes } from '../../shared/portal/back-office-participation-pages-routes';

export const handler = pageHandler(
  backOfficeParticipationPageRoutes.submitBackOfficeModerationForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    const m = page.t.backOfficeParticipation.moderation;
    const liste = body.liste === 'masques' ? 'masques' : 'signales';
    const labels = { reason: m.reason };
    const form = page.readForm(ModerationForm, labels);
    const text = (name: string) => {
      const value = body[name];
      return typeof value === 'string' && ULID_PATTERN.test(value) ? value : undefined;
    };
    const again = async (refused: { message: string } | undefined, notice?: 'stale', status: 200 | 400 = 400) => {
      const consultationId = text('consultation');
      const view = await loadModeration(principal, {
        ...(consultationId ? { consultationId } : {}),
        status: MODERATION_LISTS[liste],
      });
      const proposalId = text('proposalId') ?? '';
      const commentId = text('commentId');
      const key = moderationKey({
        target: commentId ? { kind: 'comment', proposalId, commentId } : { kind: 'proposal', proposalId },
      });
      const reason = typeof body.reason === 'string' ? body.reason : undefined;
      return page.render(
        moderationPage(page.t, {
          view,
          ...(notice ? { notice } : {}),
          ...(refused
            ? {
                refused: { key, message: refused.message, ...(reason ? { reason } : {}) },
                errors: { fields: {}, general: [refused.message] },
              }
            : {}),
        }),
        status,
      );
    };
    if (!form.ok) {
      const message = form.errors.fields.reason ?? form.errors.general[0] ?? page.t.ruleFallback;
      return again({ message });
    }
    if (form.value.acte === 'masquer' && !form.value.reason) {
      return again({ message: page.t.fieldErrors.required(m.reason) });
    }
    try {
      const outcome = await moderateContent(principal, form.value);
      if (outcome === 'stale') return again(undefined, 'stale', 200);
    } catch (error) {
      const refused = participationRefusal(page.t, error, labels);
      if (refused) return again({ message: refused.fields.reason ?? refused.general[0] ?? page.t.ruleFallback });
      throw error;
    }
    return page.redirect(
      withQuery(backOfficePaths.moderation, {
        consultation: form.value.consultation,
        liste,
        avis: form.value.acte === 'masquer' ? 'masque' : 'retabli',
      }),
    );
  },
  { signedIn: 'agent' },
);
