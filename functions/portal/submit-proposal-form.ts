// POST /consultations/{consultationId}/propositions
import { SubmitProposalBody } from '../../shared/participation/participation-schemas';
import { pageHandler } from '../../shared/portal/page-http';
import { proposalFormLabels, proposalFormPage } from '../../shared/portal/pages/proposal-form-page';
import {
  keepProfileName,
  loadConsultation,
  DISPLAY_NAME_FIELD,
  formRefusalOf,
  participation,
} from '../../shared/portal/participation-pages-app';
import { portalPaths } from '../../shared/portal/portal-paths';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';

/** The API's own request schema, less what the form does not ask (a place, a photo). */
const ProposalForm = SubmitProposalBody.pick({ title: true, body: true, displayName: true });

const typed = (body: Readonly<Record<string, unknown>>) => ({
  ...(typeof body.title === 'string' ? { title: body.title } : {}),
  ...(typeof body.body === 'string' ? { body: body.body } : {}),
  ...(typeof body.displayName === 'string' ? { displayName: body.displayName } : {}),
});

export const handler = pageHandler(
  participationPageRoutes.submitProposalForm,
  async ({ params, body }, page) => {
    const id = params.consultationId;
    const labels = proposalFormLabels(page.t);
    const [form, loaded] = [page.readForm(ProposalForm, labels), await loadConsultation(page.t, id)];
    const again = (errors: Parameters<typeof proposalFormPage>[1]['errors'], status: 400 | 422) =>
      page.render(proposalFormPage(page.t, { consultation: loaded.summary, values: typed(body), errors }), status);
    if (!form.ok) return again(form.errors, 400);
    try {
      const proposal = await participation.submitProposal(page.principal!, loaded.siren, id, form.value);
      await keepProfileName(page.principal!, loaded.siren, form.value.displayName);
      return page.redirect(`${portalPaths.proposal(id, proposal.id)}?avis=publiee`);
    } catch (error) {
      const refused = formRefusalOf(page.t, error, loaded.ruleContext, labels, DISPLAY_NAME_FIELD);
      if (!refused) throw error;
      return again(refused.errors, refused.status);
    }
  },
  { signedIn: 'citizen' },
);
