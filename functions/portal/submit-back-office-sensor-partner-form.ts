// POST /agents/capteurs/partenaires: register a partner, issue, rotate or revoke an API key.
// A new key is shown in this answer only (200): not in a URL, not in the session.
import { NotFoundError } from '../../shared/kernel/errors';
import {
  agentSiren,
  IssueKeyForm,
  KeyActForm,
  loadPartners,
  partnerLabels,
  RegisterPartnerForm,
  sensors,
  sensorsRefusal,
} from '../../shared/portal/back-office-sensors-app';
import { backOfficePaths, withQuery } from '../../shared/portal/back-office-paths';
import type { FormErrors } from '../../shared/portal/form-errors';
import { pageHandler } from '../../shared/portal/page-http';
import { sensorPartnersPage } from '../../shared/portal/pages/back-office-sensors-pages';
import { backOfficeSensorsPageRoutes } from '../../shared/portal/back-office-sensors-pages-routes';

const sent = (body: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));

export const handler = pageHandler(
  backOfficeSensorsPageRoutes.submitBackOfficeSensorPartnerForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    const siren = agentSiren(principal);
    const p = page.t.backOfficeSensors.partners;
    const labels = partnerLabels(page.t);
    const again = async (errors: FormErrors, status: 400 | 422, errorsFor?: string) =>
      page.render(
        sensorPartnersPage(page.t, {
          partners: await loadPartners(principal),
          values: sent(body),
          errors,
          ...(errorsFor ? { errorsFor } : {}),
        }),
        status,
      );
    const showKey = async (partnerId: string, key: string, rotated: boolean) => {
      const partners = await loadPartners(principal);
      const partnerName = partners.find((item) => item.partner.id === partnerId)?.partner.name ?? partnerId;
      return page.render(sensorPartnersPage(page.t, { partners, values: {}, newKey: { partnerName, key, rotated } }));
    };

    if (body.acte === 'inscrire') {
      const form = page.readForm(RegisterPartnerForm, labels);
      if (!form.ok) return again(form.errors, 400);
      const { acte: _acte, ...input } = form.value;
      try {
        await sensors.registerPartner(principal, siren, input);
      } catch (error) {
        const refused = sensorsRefusal(page.t, error, labels, { 'partner-id-unique': 'id' });
        if (refused) return again(refused, 422);
        throw error;
      }
      return page.redirect(withQuery(backOfficePaths.sensorPartners, { avis: 'inscrit' }));
    }

    if (body.acte === 'cle') {
      const form = page.readForm(IssueKeyForm, labels);
      const partnerId = typeof body.partnerId === 'string' ? body.partnerId : undefined;
      if (!form.ok) return again(form.errors, 400, partnerId);
      const issued = await sensors.issueApiKey(principal, siren, form.value.partnerId, form.value.label);
      return showKey(form.value.partnerId, issued.key, false);
    }

    const form = page.readForm(KeyActForm, labels);
    if (!form.ok) return again(form.errors, 400);
    const { partnerId, keyId } = form.value;
    if (form.value.acte === 'revoquer') {
      await sensors.revokeApiKey(principal, siren, partnerId, keyId);
      return page.redirect(withQuery(backOfficePaths.sensorPartners, { avis: 'revoquee' }));
    }
    // Rotation: a new key under the same label; the old one stays valid until revoked (no downtime).
    const old = (await sensors.listApiKeys(principal, siren, partnerId)).find((key) => key.keyId === keyId);
    if (!old) throw new NotFoundError(`Partner ${partnerId} has no key ${keyId}`);
    const issued = await sensors.issueApiKey(principal, siren, partnerId, p.rotated(old.label).slice(0, 80));
    return showKey(partnerId, issued.key, true);
  },
  { signedIn: 'agent' },
);
