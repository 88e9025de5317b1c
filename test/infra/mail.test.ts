/**
 * E-mail from the declaration: a function declared with `sendsEmail` gets the sender (MAIL_FROM,
 * from the `mailFrom` context) and ses:SendEmail on that sender's identities; no other function
 * gets either.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { PLACEHOLDER_MAIL_FROM } from '../../infra/app';
import { planFunctions } from '../../infra/function-plan';
import { grantSendEmail } from '../../infra/mail-access';
import { platformRoutes } from '../../shared/platform/platform-routes';
import { consumers, routes, schedules } from '../../shared/wiring';
import { actionsOf, logicalIdOf, resourcesOf, synthesize, testApp } from './test-app';

const mailFrom = 'ne-pas-repondre@metropole.example.fr';
const { app, service } = synthesize({ mailFrom });
const plans = planFunctions({ routes, consumers, schedules });
const environmentOf = (handler: string) =>
  (
    resourcesOf(service, 'AWS::Lambda::Function')[logicalIdOf(app.service.functions.get(handler)!)]!.Properties
      .Environment as { Variables: Record<string, unknown> }
  ).Variables;

it.each(plans.map((plan) => [plan.handler, plan.sendsEmail] as const))(
  '%s gets MAIL_FROM and ses:SendEmail exactly when it sends e-mail',
  (handler, sendsEmail) => {
    expect(environmentOf(handler).MAIL_FROM).toBe(sendsEmail ? mailFrom : undefined);
    expect(actionsOf(service, app.service.functions.get(handler)!).includes('ses:SendEmail')).toBe(sendsEmail);
  },
);

it('plans a handler as sending e-mail when any one of its declarations does', () => {
  const health = platformRoutes.getHealth;
  const [plan] = planFunctions({
    routes: [health, { ...health, id: 'healthAgain', path: '/health/again', sendsEmail: true }],
    consumers: [],
    schedules: [],
  });

  expect(plan!.sendsEmail).toBe(true);
});

it('grants ses:SendEmail on the sender address and on its domain, and on nothing else', () => {
  const stack = new Stack(new App(), 'Mail', { env: { account: '123456789012', region: 'eu-west-3' } });
  const role = new Role(stack, 'Sender', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });

  grantSendEmail(role, mailFrom);

  const identityArn = (name: string) => ({
    'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ses:eu-west-3:123456789012:identity/${name}`]],
  });
  const [policy] = Object.values(resourcesOf(Template.fromStack(stack), 'AWS::IAM::Policy'));
  expect(policy!.Properties.PolicyDocument).toMatchObject({
    Statement: [
      {
        Effect: 'Allow',
        Action: 'ses:SendEmail',
        Resource: [identityArn(mailFrom), identityArn('metropole.example.fr')],
      },
    ],
  });
});

it('synthesizes with a placeholder sender when no mailFrom is given', () => {
  expect(testApp().settings.mailFrom).toBe(PLACEHOLDER_MAIL_FROM);
});

it('refuses a mailFrom that is not a plain address', () => {
  expect(() => testApp({ mailFrom: 'Métropole <ne-pas-repondre@metropole.example.fr>' })).toThrow(/mailFrom/);
});
