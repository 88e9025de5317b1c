/**
 * Every function has the platform's defaults, the environment shared/runtime/config.ts reads, and
 * no permission beyond its declaration; every function and dead-letter queue has an alarm.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { consumers, routes, schedules } from '../../shared/wiring';
import { planFunctions } from '../../infra/function-plan';
import { TABLE_WRITE_ACTIONS } from '../../infra/table-access';
import { actionsOf, logicalIdOf, resourcesOf, statementsOf, synthesize } from './test-app';
import { OPEN_DATA_ACTIONS } from '../../infra/open-data-access';

const alarmEmail = 'exploitation@example.fr';
const { app, service } = synthesize({ alarmEmail });
const plans = planFunctions({ routes, consumers, schedules });
const functionOf = (handler: string) => app.service.functions.get(handler)!;
const propertiesOf = (handler: string) =>
  (service.toJSON().Resources as Record<string, { Properties: Record<string, unknown> }>)[
    logicalIdOf(functionOf(handler))
  ]!.Properties;
const environmentOf = (handler: string) =>
  (propertiesOf(handler).Environment as { Variables: Record<string, unknown> }).Variables;

describe('every function', () => {
  it('runs Node.js 24 on arm64, an ESM bundle with source maps, traced', () => {
    // CDK's own function deploying the portal's static files (portal-front-end.ts) is CDK's choice.
    const functions = Object.entries(resourcesOf(service, 'AWS::Lambda::Function'))
      .filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'))
      .map(([, f]) => f.Properties);
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
      });
      expect((fn.Environment as { Variables: object }).Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'ville-ouverte',
        TABLE_NAME: expect.anything(),
        OIDC_ISSUERS: expect.any(String),
      });
    }
  });

  it.each(plans.map((plan) => [plan.handler, plan] as const))(
    '%s gets QUEUE_URLS exactly when it publishes events',
    (handler, plan) => {
      expect('QUEUE_URLS' in environmentOf(handler)).toBe(plan.publishesEvents);
    },
  );

  it('hands the issuers to the handlers as the JSON config.ts parses', () => {
    const issuers = JSON.parse(environmentOf(plans[0]!.handler).OIDC_ISSUERS as string);
    expect(issuers).toEqual(app.settings.oidcIssuers);
  });

  it('ships the API reference assets with the handler that serves them', () => {
    expect(environmentOf(platformRoutes.getApiReferenceAsset.handler).API_REFERENCE_ASSETS_DIR).toBe(
      '/var/task/api-reference',
    );
  });
});

describe('least privilege, from the declaration', () => {
  const dynamoActions = (handler: string) =>
    actionsOf(service, functionOf(handler)).filter((a) => a.startsWith('dynamodb:'));

  it.each(plans.filter((p) => p.table === 'read').map((p) => [p.handler] as const))(
    '%s (table: read) may read the table and write nothing',
    (handler) => {
      const actions = dynamoActions(handler);
      expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
      expect(actions.filter((a) => (TABLE_WRITE_ACTIONS as readonly string[]).includes(a))).toEqual([]);
    },
  );

  it.each(plans.filter((p) => p.table === 'none').map((p) => [p.handler] as const))(
    '%s (table: none) has no DynamoDB action',
    (handler) => {
      expect(dynamoActions(handler)).toEqual([]);
    },
  );

  it.each(plans.filter((p) => p.table === 'write').map((p) => [p.handler] as const))(
    '%s (table: write) may write the table',
    (handler) => {
      expect(dynamoActions(handler)).toEqual(expect.arrayContaining([...TABLE_WRITE_ACTIONS]));
    },
  );

  it('grants no Scan and names each index rather than index/*', () => {
    for (const plan of plans) {
      const statements = statementsOf(service, functionOf(plan.handler));
      expect(statements.flatMap((s) => [s.Action].flat())).not.toContain('dynamodb:Scan');
      expect(JSON.stringify(statements)).not.toContain('/index/*');
    }
  });

  it.each(plans.map((plan) => [plan.handler, plan] as const))(
    '%s may send to every consumer queue exactly when it publishes events',
    (handler, plan) => {
      // As JSON: sort() leaves objects in the order they come, and a policy may list several queues in one statement.
      const sendTargets = statementsOf(service, functionOf(handler))
        .filter((s) => [s.Action].flat().includes('sqs:SendMessage'))
        .flatMap((s) => [s.Resource].flat())
        .map((resource) => JSON.stringify(resource));
      const queues = [...app.service.queues.values()].map(({ queue }) =>
        JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(queue), 'Arn'] }),
      );
      expect(sendTargets.sort()).toEqual(plan.publishesEvents ? queues.sort() : []);
    },
  );
});

describe('the uploads bucket, from the declaration', () => {
  const s3Actions = (handler: string) =>
    actionsOf(service, functionOf(handler))
      .filter((a) => a.startsWith('s3:'))
      .sort();

  it.each(plans.map((plan) => [plan.handler, plan] as const))(
    '%s gets UPLOADS_BUCKET and object actions exactly as its routes declare objectStore',
    (handler, plan) => {
      expect('UPLOADS_BUCKET' in environmentOf(handler)).toBe(plan.objectStore !== 'none');
      // The open-data bucket's grant (openData: 'publish') is checked in opendata-infra.test.ts.
      const openData = plan.openData === 'publish' ? OPEN_DATA_ACTIONS : [];
      expect(s3Actions(handler)).toEqual(
        [
          ...{ none: [], read: ['s3:GetObject'], write: ['s3:GetObject', 's3:PutObject'] }[plan.objectStore],
          ...openData,
        ].sort(),
      );
    },
  );

  it('grants objects under uploads/ and photos/ only: no listing, no bucket-wide wildcard', () => {
    const resources = plans
      .filter((plan) => plan.objectStore !== 'none')
      .flatMap((plan) => statementsOf(service, functionOf(plan.handler)))
      .filter((s) => [s.Action].flat().some((a) => String(a).startsWith('s3:')))
      .flatMap((s) => [s.Resource].flat());
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) expect(JSON.stringify(resource)).toMatch(/"\/(uploads|photos)\/\*"\]\]\}$/);
  });
});

describe('alarms', () => {
  const alarms = () => Object.values(resourcesOf(service, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);

  it.each(plans.map((plan) => [plan.handler] as const))('%s has an alarm on its errors', (handler) => {
    const onErrors = alarms().filter(
      (a) =>
        a.MetricName === 'Errors' &&
        JSON.stringify(a.Dimensions) ===
          JSON.stringify([{ Name: 'FunctionName', Value: { Ref: logicalIdOf(functionOf(handler)) } }]),
    );
    expect(onErrors).toHaveLength(1);
  });

  it('has an alarm on each dead-letter queue as soon as it holds a message', () => {
    const deadLetterQueues = Object.keys(resourcesOf(service, 'AWS::SQS::Queue')).filter(
      (id) => !resourcesOf(service, 'AWS::SQS::Queue')[id]!.Properties.RedrivePolicy,
    );
    const watched = alarms()
      .filter((a) => a.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map((a) => {
        expect(a).toMatchObject({ Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' });
        return (a.Dimensions as { Value: { 'Fn::GetAtt': [string, string] } }[])[0]!.Value['Fn::GetAtt'][0];
      });
    expect(watched.sort()).toEqual(deadLetterQueues.sort());
  });

  it('has an alarm on the API answering 5xx (a 503 while the store is away is no function error)', () => {
    const onServerErrors = alarms().filter((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway');
    expect(onServerErrors).toHaveLength(1);
    expect(onServerErrors[0]).toMatchObject({ Threshold: 0, Statistic: 'Sum' });
  });

  it('has an alarm on DynamoDB throttling any operation the platform uses', () => {
    const onThrottling = alarms().filter((a) =>
      (a.Metrics as { MetricStat?: { Metric: { MetricName: string } } }[] | undefined)?.some(
        (m) => m.MetricStat?.Metric.MetricName === 'ThrottledRequests',
      ),
    );
    expect(onThrottling).toHaveLength(1);
  });

  it('sends every alarm to an encrypted topic, mailed to the address given in context', () => {
    const [topicId] = Object.keys(resourcesOf(service, 'AWS::SNS::Topic'));
    for (const alarm of alarms()) expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    service.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    service.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: alarmEmail,
      TopicArn: { Ref: topicId },
    });
  });
});
