/**
 * The synthesized template holds exactly the declared routes, consumers and schedules: no entry
 * point exists in one world (AWS, one machine) and not in the other.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { OidcIssuerConfig } from '../../shared/runtime/config';
import { consumers, routes, schedules, THROTTLE_CLASSES, throttleClassOf } from '../../shared/wiring';
import { logicalIdOf, resourcesOf, synthesize, testApp } from './test-app';

const { app, data, service } = synthesize();

const routeResources = () => Object.values(resourcesOf(service, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
const routeKeyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

describe('HTTP API', () => {
  it('holds exactly the declared routes, method and path as declared, and nothing more', () => {
    const synthesized = routeResources().map((r) => r.RouteKey as string);
    expect(synthesized.sort()).toEqual(routes.map(routeKeyOf).sort());
  });

  it('has no route of the local runtime (/_local/...)', () => {
    const local = routeResources().filter((r) => String(r.RouteKey).split(' ')[1]!.startsWith('/_local'));
    expect(local).toEqual([]);
  });

  it.each(routes.map((route) => [routeKeyOf(route), route.access] as const))(
    '%s (%s) has a JWT authorizer exactly when it is not public',
    (routeKey, access) => {
      const route = routeResources().find((r) => r.RouteKey === routeKey)!;
      if (access === 'public') {
        expect(route.AuthorizationType).toBe('NONE');
        expect(route.AuthorizerId).toBeUndefined();
      } else {
        expect(route.AuthorizationType).toBe('JWT');
        expect(route.AuthorizerId).toEqual({ Ref: expect.any(String) });
      }
    },
  );

  it('answers CORS preflights like the local gateway: any origin, bearer tokens, idempotency keys', () => {
    const [api] = Object.values(resourcesOf(service, 'AWS::ApiGatewayV2::Api'));
    expect(api!.Properties.CorsConfiguration).toMatchObject({
      AllowOrigins: ['*'],
      AllowHeaders: expect.arrayContaining(['Authorization', 'Content-Type', 'Idempotency-Key']),
    });
  });

  it('logs every request and throttles on the default stage', () => {
    service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] }, Format: Match.anyValue() },
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
    });
  });

  it("throttles each declared route at its throttle class's rate and burst, as the local gateway does", () => {
    const [stage] = Object.values(resourcesOf(service, 'AWS::ApiGatewayV2::Stage'));
    const settings = stage!.Properties.RouteSettings as Record<string, unknown>;
    expect(Object.keys(settings).sort()).toEqual(routes.map(routeKeyOf).sort());
    for (const route of routes) {
      const limit = THROTTLE_CLASSES[throttleClassOf(route)];
      expect([routeKeyOf(route), settings[routeKeyOf(route)]]).toEqual([
        routeKeyOf(route),
        { ThrottlingRateLimit: limit.rate, ThrottlingBurstLimit: limit.burst },
      ]);
    }
    const fileReport = routes.find((route) => route.id === 'fileReport')!;
    expect(settings[routeKeyOf(fileReport)]).toEqual({ ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 });
    // Created after the nested stacks that hold the routes it names.
    const own = Template.fromStack(app.service).toJSON() as { Resources: Record<string, { DependsOn?: string[] }> };
    const nested = app.service.contextStacks.map((stack) => app.service.resolve(stack.nestedStackResource!.logicalId));
    expect(own.Resources[logicalIdOf(app.service.httpApi.stage)]!.DependsOn).toEqual(expect.arrayContaining(nested));
  });

  it('outputs the API URL and the table name', () => {
    expect(Object.keys(service.findOutputs('ApiUrl'))).toEqual(['ApiUrl']);
    expect(Object.keys(data.findOutputs('TableName'))).toEqual(['TableName']);
  });
});

describe('OIDC issuers and authorizers', () => {
  const citizens: OidcIssuerConfig = {
    issuer: 'https://citizens.example.fr',
    audience: 'citizen-app',
    roles: ['citizen'],
  };
  const staff: OidcIssuerConfig = {
    issuer: 'https://staff.example.fr',
    audience: 'staff-app',
    roles: ['agent', 'admin'],
  };
  const admins: OidcIssuerConfig = { issuer: 'https://admins.example.fr', audience: 'admin-app', roles: ['admin'] };

  it("gives each route the first issuer whose roles include the route's access level (context given as a JSON string, as -c passes it)", () => {
    const issuers = [citizens, staff, admins];
    const { service: template } = synthesize({ oidcIssuers: JSON.stringify(issuers) });
    const authorizers = resourcesOf(template, 'AWS::ApiGatewayV2::Authorizer');
    const issuerOfRoute = (routeKey: string) => {
      const route = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).find(
        (r) => r.Properties.RouteKey === routeKey,
      )!;
      const authorizerId = (route.Properties.AuthorizerId as { Ref: string }).Ref;
      return authorizers[authorizerId]!.Properties.JwtConfiguration as { Issuer: string; Audience: string[] };
    };
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const expected = issuers.find((issuer) =>
        issuer.roles.includes(route.access as OidcIssuerConfig['roles'][number]),
      )!;
      expect([routeKeyOf(route), issuerOfRoute(routeKeyOf(route))]).toEqual([
        routeKeyOf(route),
        { Issuer: expected.issuer, Audience: [expected.audience] },
      ]);
    }
  });

  it('refuses a configuration where no issuer grants the access level a route needs', () => {
    const guarded = routes.find((route) => route.access !== 'public')!;
    const others = (['citizen', 'agent', 'admin'] as const).filter((role) => role !== guarded.access);
    const issuers = [{ issuer: 'https://idp.example.fr', audience: 'app', roles: others }];
    expect(() => testApp({ oidcIssuers: issuers })).toThrow(/needs an OIDC issuer granting/);
  });

  it('refuses an issuer API Gateway could not reach over https', () => {
    expect(() => testApp({ oidcIssuers: [{ ...staff, issuer: 'http://localhost:4000' }] })).toThrow(/https URL/);
  });

  it('refuses a stage name unfit for a stack name', () => {
    expect(() => testApp({ stage: 'Prod_1' })).toThrow(/Context stage/);
  });
});

describe('queue consumers', () => {
  it('has one event source mapping per declared consumer, and no other', () => {
    expect(Object.keys(resourcesOf(service, 'AWS::Lambda::EventSourceMapping'))).toHaveLength(consumers.length);
  });

  it.each(consumers.map((consumer) => [consumer.id, consumer] as const))(
    '%s reads its queue in declared batches and reports partial failures',
    (_id, consumer) => {
      const { queue } = app.service.queues.get(consumer.queue)!;
      service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] },
        FunctionName: { Ref: logicalIdOf(app.service.functions.get(consumer.handler)!) },
        BatchSize: consumer.batchSize,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      });
    },
  );

  it.each(consumers.map((consumer) => [consumer.id, consumer] as const))(
    "%s's queue moves a message to its dead-letter queue after the declared receive count",
    (_id, consumer) => {
      const { queue, deadLetterQueue } = app.service.queues.get(consumer.queue)!;
      const resources = service.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>;
      expect(resources[logicalIdOf(queue)]!.Properties).toMatchObject({
        VisibilityTimeout: consumer.visibilityTimeoutSeconds,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: { 'Fn::GetAtt': [logicalIdOf(deadLetterQueue), 'Arn'] },
          maxReceiveCount: consumer.maxReceiveCount,
        },
      });
      expect(resources[logicalIdOf(deadLetterQueue)]!.Properties).toMatchObject({
        MessageRetentionPeriod: 14 * 24 * 3600,
        SqsManagedSseEnabled: true,
      });
    },
  );

  it('denies every queue access that is not over TLS', () => {
    const policies = Object.values(resourcesOf(service, 'AWS::SQS::QueuePolicy'));
    const queues = Object.keys(resourcesOf(service, 'AWS::SQS::Queue'));
    const denied = policies
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes('"aws:SecureTransport":"false"'))
      .flatMap((policy) => (policy.Properties.Queues as { Ref: string }[]).map((q) => q.Ref));
    expect(denied.sort()).toEqual(queues.sort());
  });
});

describe('schedules', () => {
  it('holds exactly the declared schedules, with their expressions', () => {
    const synthesized = Object.values(resourcesOf(service, 'AWS::Scheduler::Schedule')).map(
      (s) => s.Properties.ScheduleExpression as string,
    );
    expect(synthesized.sort()).toEqual(schedules.map((s) => s.expression).sort());
  });

  it.each(schedules.map((schedule) => [schedule.id, schedule] as const))(
    '%s invokes its function, with retries and a dead-letter queue',
    (_id, schedule) => {
      service.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: schedule.expression,
        Description: schedule.description,
        Target: {
          Arn: { 'Fn::GetAtt': [logicalIdOf(app.service.functions.get(schedule.handler)!), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: Match.anyValue(), MaximumEventAgeInSeconds: Match.anyValue() },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } },
        },
      });
    },
  );
});

describe('functions', () => {
  it('builds one function per distinct handler file, however many entry points share it', () => {
    const handlers = new Set([...routes, ...consumers, ...schedules].map((d) => d.handler));
    // CDK's own function deploying the portal's static files (portal-front-end.ts) serves no declaration.
    const declared = Object.keys(resourcesOf(service, 'AWS::Lambda::Function')).filter(
      (id) => !id.startsWith('CustomCDKBucketDeployment'),
    );
    expect(declared).toHaveLength(handlers.size);
    expect([...app.service.functions.keys()].sort()).toEqual([...handlers].sort());
  });
});
