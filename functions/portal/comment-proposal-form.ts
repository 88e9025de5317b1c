// POST /consultations/{consultationId}/propositions/{proposalId}/commentaires
import { AddCommentBody } from '../../shared/participation/participation-schemas';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import { commentFormLabels, proposalPage } from '../../shared/portal/pages/proposal-page';
import {
  keepProfileName,
  loadConsultation,
  loadProposalView,
  DISPLAY_NAME_FIELD,
  formRefusalOf,
  participation,
} from '../../shared/portal/participation-pages-app';
import { portalPaths } from '../../shared/portal/portal-paths';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

export const handler = pageHandler(
  participationPageRoutes.commentProposalForm,
  async ({ params, body }, page) => {
    const { consultationId: id, proposalId } = params;
    const labels = commentFormLabels(page.t);
    const form = page.readForm(AddCommentBody, labels);
    const loaded = await loadConsultation(page.t, id);
    const replyTo = typeof body.replyTo === 'string' ? body.replyTo : undefined;
    const again = async (errors: FormErrors, status: 400 | 422) => {
      const view = await loadProposalView(id, proposalId, page.principal, replyTo ? { reponse: replyTo } : {});
      const values = {
        ...(typeof body.body === 'string' ? { body: body.body } : {}),
        ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
      };
      return page.render(proposalPage(page.t, { ...view, refused: { form: 'comment', errors, values } }), status);
    };
    if (!form.ok) return again(form.errors, 400);
    try {
      await participation.addComment(page.principal!, loaded.siren, id, proposalId, form.value);
      await keepProfileName(page.principal!, loaded.siren, form.value.displayName);
      return page.redirect(`${portalPaths.proposal(id, proposalId)}?avis=commentee#commentaires`);
    } catch (error) {
      const refused = formRefusalOf(page.t, error, loaded.ruleContext, labels, DISPLAY_NAME_FIELD);
      if (!refused) throw error;
      return again(refused.errors, refused.status);
    }
  },
  { signedIn: 'citizen' },
);
