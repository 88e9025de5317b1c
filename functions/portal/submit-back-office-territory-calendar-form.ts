// POST /agents/territoire/calendriers
import {
  bodyPaths,
  calendarFromForm,
  calendarLabels,
  CalendarTarget,
  loadBodies,
  sentValues,
  territory,
  territoryRefusal,
} from '../../shared/portal/back-office-territory-app';
import { InvalidInputError } from '../../shared/kernel/errors';
import { pageHandler } from '../../shared/portal/page-http';
import { calendarPage } from '../../shared/portal/pages/back-office-territory-bodies';
import { backOfficeTerritoryPageRoutes } from '../../shared/portal/back-office-territory-pages-routes';

export const handler = pageHandler(
  backOfficeTerritoryPageRoutes.submitBackOfficeTerritoryCalendarForm,
  async ({ body }, page) => {
    const principal = page.principal!;
    // Which body and version: hidden fields; a tampered one is a 400 page, not a field to correct.
    const parsed = CalendarTarget.safeParse(body);
    if (!parsed.success) throw new InvalidInputError('The calendar form names no body or version');
    const target = parsed.data;
    const view = await loadBodies(principal, target.organisme);
    const again = (fields: Record<string, string>, general: string[], status: 400 | 422) =>
      page.render(calendarPage(page.t, view, { values: sentValues(body), errors: { fields, general } }), status);
    const timeZone = view.body.sla?.calendar.timeZone ?? 'Europe/Paris';
    const form = calendarFromForm(page.t, body, timeZone);
    if (!form.ok) return again(form.errors, [], 400);
    try {
      await territory.saveBodySla(principal, view.siren, view.body.id, form.value, target.version);
      return page.redirect(bodyPaths.calendar({ organisme: view.body.id, avis: 'enregistre' }));
    } catch (error) {
      const refused = territoryRefusal(page.t, error);
      if (refused?.stale) {
        const current = await loadBodies(principal, view.body.id);
        return page.render(calendarPage(page.t, current, { errors: refused.errors }), 422);
      }
      if (refused) return again(refused.errors.fields, [...refused.errors.general], 422);
      const invalid = page.formErrors(error, calendarLabels(page.t));
      if (invalid) return again(invalid.fields, [...invalid.general], 400);
      throw error;
    }
  },
  { signedIn: 'agent' },
);
