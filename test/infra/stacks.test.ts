/**
 * The service stack is a parent holding what the contexts share and one nested stack per context
 * (functions/<context>/): no stack nears CloudFormation's limits however many contexts and routes
 * the wiring declares.
 */
import { NestedStack, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { constructIdOf, planFunctions } from '../../infra/function-plan';
import { contextOf, planStacks } from '../../infra/stack-plan';
import { consumers, routes, schedules } from '../../shared/wiring';
import { logicalIdOf, resourcesOf, stackTemplates, testApp } from './test-app';

const app = testApp();
const templates = stackTemplates(app);
const plans = planFunctions({ routes, consumers, schedules });
const stackPlans = planStacks(plans);
const countOf = (template: Template, section: 'Resources' | 'Parameters' | 'Outputs') =>
  Object.keys((template.toJSON() as Record<string, object | undefined>)[section] ?? {}).length;
const templateOf = (stack: Stack) => templates.find((t) => t.stack === stack)!.template;

describe('stack sizes', () => {
  it('counts every stack of the app, nested ones included', () => {
    expect(templates.filter(({ stack }) => NestedStack.isNestedStack(stack))).toHaveLength(stackPlans.length);
  });

  it.each(templates.map(({ stack, template }) => [stack.node.path, template] as const))(
    '%s holds fewer than 450 resources',
    (_path, template) => {
      expect(countOf(template, 'Resources')).toBeLessThan(450);
    },
  );

  it.each(templates.map(({ stack, template }) => [stack.node.path, template] as const))(
    '%s has fewer than 100 parameters and 100 outputs (CloudFormation allows 200 of each)',
    (_path, template) => {
      expect(countOf(template, 'Parameters')).toBeLessThan(100);
      expect(countOf(template, 'Outputs')).toBeLessThan(100);
    },
  );

  it.each(stackPlans.map((plan) => [plan.id, plan] as const))(
    '%s holds no more resources than stack-plan.ts counts for it',
    (id, plan) => {
      const stack = app.service.contextStacks.find((s) => s.node.id === id)!;
      expect(countOf(templateOf(stack), 'Resources')).toBeLessThanOrEqual(plan.resourceCount);
    },
  );
});

describe('stack layout', () => {
  it('nests one stack per planned group of functions, named after its context', () => {
    expect(app.service.contextStacks.map((stack) => [stack.node.id, stack.nestedStackParent])).toEqual(
      stackPlans.map((plan) => [plan.id, app.service]),
    );
  });

  it('keeps what the contexts share in the parent: the API, its stage and authorizers, the queues, the alarm topic', () => {
    const parent = templateOf(app.service);
    for (const type of ['AWS::ApiGatewayV2::Api', 'AWS::ApiGatewayV2::Stage', 'AWS::SNS::Topic']) {
      expect([type, Object.keys(resourcesOf(parent, type))]).toEqual([type, [expect.any(String)]]);
    }
    expect(Object.keys(resourcesOf(parent, 'AWS::ApiGatewayV2::Authorizer')).length).toBeGreaterThan(0);
    const queues = Object.keys(resourcesOf(parent, 'AWS::SQS::Queue'));
    for (const { queue, deadLetterQueue } of app.service.queues.values()) {
      expect(queues).toEqual(expect.arrayContaining([logicalIdOf(queue), logicalIdOf(deadLetterQueue)]));
    }
    // Only CDK's own function deploying the portal's static files (portal-front-end.ts), no handler.
    expect(
      Object.keys(resourcesOf(parent, 'AWS::Lambda::Function')).filter(
        (id) => !id.startsWith('CustomCDKBucketDeployment'),
      ),
    ).toEqual([]);
    expect(resourcesOf(parent, 'AWS::ApiGatewayV2::Route')).toEqual({});
  });

  it.each(plans.map((plan) => [plan.handler, plan] as const))(
    '%s sits in the nested stack of its folder, with its routes, event sources, schedules and errors alarm',
    (handler, plan) => {
      const fn = app.service.functions.get(handler)!;
      const stack = Stack.of(fn);
      expect(stack.node.id).toMatch(new RegExp(`^${constructIdOf(contextOf(handler))}\\d*$`));
      const template = templateOf(stack);
      const propertiesOf = (type: string) => Object.values(resourcesOf(template, type)).map((r) => r.Properties);
      const routeKeys = propertiesOf('AWS::ApiGatewayV2::Route').map((r) => r.RouteKey);
      expect(routeKeys).toEqual(expect.arrayContaining(plan.routes.map((r) => `${r.method} ${r.path}`)));
      const byFunction = { Ref: logicalIdOf(fn) };
      expect(
        propertiesOf('AWS::Lambda::EventSourceMapping').filter(
          (m) => m.FunctionName && JSON.stringify(m.FunctionName) === JSON.stringify(byFunction),
        ),
      ).toHaveLength(plan.consumers.length);
      const invoking = propertiesOf('AWS::Scheduler::Schedule').filter(
        (s) =>
          JSON.stringify((s.Target as { Arn: unknown }).Arn) ===
          JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] }),
      );
      expect(invoking).toHaveLength(plan.schedules.length);
      const alarms = propertiesOf('AWS::CloudWatch::Alarm').filter(
        (a) => JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: byFunction }]),
      );
      expect(alarms).toHaveLength(1);
    },
  );
});
