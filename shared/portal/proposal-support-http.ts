/**
 * The two "soutien" forms of a proposal — support it, withdraw the support — built alike: the use
 * case, then 303 back to the proposal with its notice; a rule that refuses it (eligibility, phase)
 * shows the proposal again with the rule in words next to the button (422).
 */
import type { Principal } from '../kernel/principal';
import type { RouteDeclaration } from '../wiring/types';
import { pageHandler } from './page-http';
import { proposalPage } from './pages/proposal-page';
import { loadConsultation, loadProposalView, participation, refusalOf } from './participation-pages-app';
import { portalPaths } from './portal-paths';

type Participation = typeof participation;

export interface SupportFormAction {
  /** The use case: support, or withdraw the support. */
  readonly act: (
    use: Participation,
    principal: Principal,
    siren: string,
    consultationId: string,
    proposalId: string,
  ) => Promise<unknown>;
  /** What the proposal's page then says (`?avis=`). */
  readonly notice: 'soutenue' | 'retiree';
  /** The form the refusal is shown next to. */
  readonly form: 'support' | 'withdraw';
}

/** `route`: a page route whose path names {consultationId} and {proposalId}. */
export const supportFormHandler = <const R extends RouteDeclaration>(route: R, action: SupportFormAction) =>
  pageHandler(
    route,
    async ({ params }, page) => {
      const { consultationId: id, proposalId } = params as { consultationId: string; proposalId: string };
      const loaded = await loadConsultation(page.t, id);
      try {
        await action.act(participation, page.principal!, loaded.siren, id, proposalId);
        return page.redirect(`${portalPaths.proposal(id, proposalId)}?avis=${action.notice}#soutenir`);
      } catch (error) {
        const refused = refusalOf(page.t, error, loaded.ruleContext);
        if (!refused) throw error;
        const view = await loadProposalView(id, proposalId, page.principal, {});
        return page.render(proposalPage(page.t, { ...view, refused: { form: action.form, errors: refused } }), 422);
      }
    },
    { signedIn: 'citizen' },
  );
