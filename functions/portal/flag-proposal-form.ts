// POST /consultations/{consultationId}/propositions/{proposalId}/signalements
import { Ulid } from '../../shared/kernel/schemas';
import { ReasonBody } from '../../shared/participation/participation-schemas';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import { flagFormLabels, flagPage } from '../../shared/portal/pages/proposal-flag-page';
import {
  loadConsultation,
  loadFlagTarget,
  participation,
  refusalOf,
} from '../../shared/portal/participation-pages-app';
import { portalPaths } from '../../shared/portal/portal-paths';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

/** The API's reason, and the comment flagged (none: the proposal). */
const FlagForm = ReasonBody.extend({ commentaire: Ulid('a comment id').optional() });

export const handler = pageHandler(
  participationPageRoutes.flagProposalForm,
  async ({ params, body }, page) => {
    const { consultationId: id, proposalId } = params;
    const labels = flagFormLabels(page.t);
    const form = page.readForm(FlagForm, labels);
    const commentId = typeof body.commentaire === 'string' ? body.commentaire : undefined;
    const again = async (errors: FormErrors, status: 400 | 422) =>
      page.render(
        flagPage(page.t, {
          ...(await loadFlagTarget(id, proposalId, commentId)),
          ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
          errors,
        }),
        status,
      );
    if (!form.ok) return again(form.errors, 400);
    const loaded = await loadConsultation(page.t, id);
    const target = form.value.commentaire
      ? { kind: 'comment' as const, proposalId, commentId: form.value.commentaire }
      : { kind: 'proposal' as const, proposalId };
    try {
      await participation.flag(page.principal!, loaded.siren, id, target, form.value.reason);
      return page.redirect(`${portalPaths.proposal(id, proposalId)}?avis=signalee`);
    } catch (error) {
      const refused = refusalOf(page.t, error, loaded.ruleContext);
      if (refused) return again(refused, 422);
      throw error;
    }
  },
  { signedIn: 'citizen' },
);
