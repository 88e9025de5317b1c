/** The local scheduler's run-now endpoint, over HTTP through the gateway. */
import { createGateway, type Gateway } from '../../infra/local/gateway';
import { createHandlerLoader } from '../../infra/local/handler-loader';
import { createScheduler } from '../../infra/local/scheduler';

describe('fired now over HTTP', () => {
  let gateway: Gateway;
  let url: string;

  beforeAll(async () => {
    const scheduler = createScheduler({
      schedules: [
        { id: 'nightly', expression: 'cron(0 3 * * ? *)', handler: 'test/support/fixtures/scheduled-handler.ts' },
      ],
      loadHandler: createHandlerLoader(),
    });
    gateway = createGateway({ routes: [], loadHandler: createHandlerLoader(), localRoutes: [scheduler.route] });
    url = await gateway.listen(0);
  });

  afterAll(() => gateway.close());

  it('runs the handler and answers 200 with what it returned', async () => {
    const response = await fetch(`${url}/_local/schedules/nightly/run`, { method: 'POST' });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      received: { scheduleId: 'nightly', scheduledTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    });
  });

  it('answers 404 for a schedule that is not declared', async () => {
    const response = await fetch(`${url}/_local/schedules/weekly/run`, { method: 'POST' });

    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
