/**
 * A deployment names its default NGSI-LD tenant (`-c ngsiLdDefaultTenant=<SIREN>`): the functions of
 * the NGSI-LD routes get it as NGSI_LD_DEFAULT_TENANT, no other function does, and a value that is
 * not a SIREN stops the synthesis.
 */
import { planFunctions } from '../../infra/function-plan';
import { consumers, routes, schedules } from '../../shared/wiring';
import { logicalIdOf, resourcesOf, synthesize, testApp } from './test-app';

const SIREN = '243100518';
const { app, service } = synthesize({ ngsiLdDefaultTenant: SIREN });
const plans = planFunctions({ routes, consumers, schedules });
const environmentOf = (handler: string) =>
  (
    resourcesOf(service, 'AWS::Lambda::Function')[logicalIdOf(app.service.functions.get(handler)!)]!.Properties
      .Environment as { Variables: Record<string, unknown> }
  ).Variables;

it('gives NGSI_LD_DEFAULT_TENANT to the NGSI-LD routes’ functions only', () => {
  const ngsiLd = plans.filter((plan) => plan.routes.some((r) => r.path.startsWith('/ngsi-ld/')));
  expect(ngsiLd.map((p) => p.handler)).toEqual(
    expect.arrayContaining(['functions/sensors/ngsi-ld-list-types.ts', 'functions/sensors/ngsi-ld-query-entities.ts']),
  );
  for (const plan of plans)
    expect(environmentOf(plan.handler).NGSI_LD_DEFAULT_TENANT).toBe(ngsiLd.includes(plan) ? SIREN : undefined);
});

it('refuses a default tenant that is not a SIREN', () => {
  expect(() => testApp({ ngsiLdDefaultTenant: 'toulouse' })).toThrow(/ngsiLdDefaultTenant must be a territory's SIREN/);
});
