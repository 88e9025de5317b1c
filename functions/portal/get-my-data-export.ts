// GET /mes-donnees/export
import { pageHandler } from '../../shared/portal/page-http';
import { privacyPageRoutes } from '../../shared/portal/privacy-pages-routes';
import { privacy } from '../../shared/privacy/privacy-app';

export const handler = pageHandler(
  privacyPageRoutes.getMyDataExport,
  async (_request, page) => {
    const data = await privacy.exportPersonalData(page.principal!);
    return {
      kind: 'download',
      contentType: 'application/json',
      filename: `donnees-personnelles-${data.generatedAt.slice(0, 10)}.json`,
      text: JSON.stringify(data, null, 2),
    };
  },
  { signedIn: 'citizen' },
);
