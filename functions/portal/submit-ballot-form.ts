// POST /consultations/{consultationId}/vote
import * as z from 'zod';
import { Ulid } from '../../shared/kernel/schemas';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import { BALLOT_FIELDS, ballotFormLabels, ballotPage } from '../../shared/portal/pages/budget-ballot-page';
import {
  loadBallotView,
  loadConsultation,
  participation,
  refusalOf,
} from '../../shared/portal/participation-pages-app';
import { portalPaths } from '../../shared/portal/portal-paths';
import { participationPageRoutes } from '../../shared/portal/participation-pages-routes';
import { count } from '../../shared/runtime/metrics';

/** The boxes ticked (none ticked: none sent). */
const BallotForm = z.object({ [BALLOT_FIELDS.projects]: z.array(Ulid('a project id')).max(100).default([]) });

/** Where each refusal of the ballot is said: the budget next to the total, the number of projects next to them. */
const RULE_FIELDS = {
  'ballot-budget-cap': BALLOT_FIELDS.total,
  'ballot-min-selections': BALLOT_FIELDS.projects,
  'ballot-max-selections': BALLOT_FIELDS.projects,
  'ballot-unknown-project': BALLOT_FIELDS.projects,
  'ballot-duplicate-project': BALLOT_FIELDS.projects,
};

export const handler = pageHandler(
  participationPageRoutes.submitBallotForm,
  async ({ params, body }, page) => {
    const id = params.consultationId;
    const form = page.readForm(BallotForm, ballotFormLabels(page.t));
    const sent = body[BALLOT_FIELDS.projects];
    const again = async (errors: FormErrors, status: 400 | 422) => {
      const ticked = Array.isArray(sent) ? sent.filter((v): v is string => typeof v === 'string') : [];
      const view = await loadBallotView(id, page.principal, ticked);
      return page.render(ballotPage(page.t, { ...view, errors }), status);
    };
    if (!form.ok) return again(form.errors, 400);
    const loaded = await loadConsultation(page.t, id);
    try {
      const { replaced } = await participation.submitBallot(
        page.principal!,
        loaded.siren,
        id,
        form.value[BALLOT_FIELDS.projects],
      );
      // A voter's new ballot; a replacement changes a ballot already cast (as the API counts).
      if (!replaced) count('BallotsCast');
      return page.redirect(`${portalPaths.ballot(id)}?avis=${replaced ? 'remplace' : 'enregistre'}`);
    } catch (error) {
      const refused = refusalOf(page.t, error, loaded.ruleContext, RULE_FIELDS);
      if (refused) return again(refused, 422);
      throw error;
    }
  },
  { signedIn: 'citizen' },
);
