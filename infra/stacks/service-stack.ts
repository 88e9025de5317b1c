/**
 * The stateless part of the platform, built from the wiring declaration: one Lambda per handler
 * file, the HTTP API routes, the consumers' queues, the schedules and the alarms on all of them.
 * Reads top-down in that order.
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { platformRoutes } from '../../shared/platform/platform-routes';
import type { OidcIssuerConfig } from '../../shared/runtime/config';
import { EventQueue } from '../constructs/event-queue';
import { OperationsAlarms } from '../constructs/operations-alarms';
import { PlatformFunction, type PlatformFunctionProps } from '../constructs/platform-function';
import { PlatformHttpApi } from '../constructs/platform-http-api';
import { constructIdOf, planFunctions, type FunctionPlan, type Wiring } from '../function-plan';
import { grantTableAccess } from '../table-access';

export interface ServiceStackProps extends StackProps {
  /** The routes, consumers and schedules to build (shared/wiring). */
  readonly wiring: Wiring;
  readonly table: ITableV2;
  /** Identity providers, given to the HTTP API authorizers and to every function (OIDC_ISSUERS). */
  readonly oidcIssuers: readonly OidcIssuerConfig[];
  /** Address that receives the alarms. @default - alarms go to the SNS topic only */
  readonly alarmEmail?: string;
}

/**
 * Handlers that need more than the common configuration, by handler path (taken from the route
 * declaration, so that moving the handler moves its extras too).
 */
const HANDLER_EXTRAS: Readonly<Record<string, Pick<PlatformFunctionProps, 'bundledFiles' | 'environment'>>> = {
  // The API reference serves Swagger UI's files itself (no CDN): they travel in the bundle of the
  // handler that reads them (shared/platform/api-reference.ts).
  [platformRoutes.apiReferenceAsset.handler]: {
    bundledFiles: {
      fromDir: 'node_modules/swagger-ui-dist',
      files: ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'],
      toDir: 'api-reference',
    },
    environment: { API_REFERENCE_ASSETS_DIR: '/var/task/api-reference' },
  },
};

export class ServiceStack extends Stack {
  readonly httpApi: PlatformHttpApi;
  /** By handler path. */
  readonly functions: ReadonlyMap<string, PlatformFunction>;
  /** By logical queue name (the consumer declaration's `queue`). */
  readonly queues: ReadonlyMap<string, EventQueue>;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { wiring, table } = props;
    const plans = planFunctions(wiring);
    const alarms = new OperationsAlarms(this, 'Alarms', { email: props.alarmEmail });

    // Queues first: their URLs go into the environment of the functions that publish events.
    const queues = new Map<string, EventQueue>();
    for (const consumer of wiring.consumers) {
      if (queues.has(consumer.queue)) throw new Error(`Two consumers declare queue ${consumer.queue}`);
      const eventQueue = new EventQueue(this, `${constructIdOf(consumer.queue)}Queue`, {
        maxReceiveCount: consumer.maxReceiveCount,
        visibilityTimeout: Duration.seconds(consumer.visibilityTimeoutSeconds),
      });
      queues.set(consumer.queue, eventQueue);
      alarms.alarmOnDeadLetters(`${constructIdOf(consumer.queue)}DeadLettersAlarm`, eventQueue.deadLetterQueue);
    }
    this.queues = queues;
    const queueUrls = this.toJsonString(Object.fromEntries([...queues].map(([name, q]) => [name, q.queue.queueUrl])));

    // One function per handler file, with only the permissions its declarations ask for.
    for (const handler of Object.keys(HANDLER_EXTRAS)) {
      if (!plans.some((plan) => plan.handler === handler))
        throw new Error(`HANDLER_EXTRAS names ${handler}, which no declaration uses`);
    }
    const functions = new Map<string, PlatformFunction>();
    for (const plan of plans) {
      const extras = HANDLER_EXTRAS[plan.handler];
      const fn = new PlatformFunction(this, plan.constructId, {
        handler: plan.handler,
        timeout: Duration.seconds(plan.timeoutSeconds),
        bundledFiles: extras?.bundledFiles,
        environment: {
          // Read by shared/runtime/config.ts.
          TABLE_NAME: table.tableName,
          OIDC_ISSUERS: JSON.stringify(props.oidcIssuers),
          ...(plan.publishesEvents ? { QUEUE_URLS: queueUrls } : {}),
          ...extras?.environment,
        },
      });
      this.grantDeclaredAccess(fn, plan, table, [...queues.values()]);
      alarms.alarmOnErrors(`${plan.constructId}ErrorsAlarm`, fn);
      functions.set(plan.handler, fn);
    }
    this.functions = functions;
    const functionOf = (handler: string) => functions.get(handler)!;

    this.httpApi = new PlatformHttpApi(this, 'HttpApi', { oidcIssuers: props.oidcIssuers });
    for (const route of wiring.routes) this.httpApi.addRoute(route, functionOf(route.handler));

    for (const consumer of wiring.consumers) {
      functionOf(consumer.handler).addEventSource(
        new SqsEventSource(queues.get(consumer.queue)!.queue, {
          batchSize: consumer.batchSize,
          // The consumer answers with the ids of the failed messages; the others are deleted.
          reportBatchItemFailures: true,
        }),
      );
    }

    if (wiring.schedules.length > 0) {
      // Invocations the scheduler gave up on (after its retries) wait here.
      const failedInvocations = new Queue(this, 'ScheduleDeadLetterQueue', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(failedInvocations).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the schedules; it has no consumer to fail.',
      });
      alarms.alarmOnDeadLetters('ScheduleDeadLettersAlarm', failedInvocations);
      for (const declared of wiring.schedules) {
        const target = new LambdaInvoke(functionOf(declared.handler), {
          deadLetterQueue: failedInvocations,
          // Scheduled jobs are idempotent (the outbox relay is): a retry is safe, and a run older
          // than an hour is superseded by the next ones.
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
        });
        new Schedule(this, `${constructIdOf(declared.id)}Schedule`, {
          schedule: ScheduleExpression.expression(declared.expression),
          target,
          description: declared.description,
        });
        Validations.of(this).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${this.logicalIdOf(functionOf(declared.handler))}.Arn>:*]`,
          reason:
            'The scheduler target grants lambda:InvokeFunction on the function and its versions (ARN:*), as every Lambda target does.',
        });
      }
    }

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Base URL of the HTTP API' });
  }

  /** The function's CloudFormation logical id, as cdk-nag names it in a finding. */
  private logicalIdOf(fn: PlatformFunction): string {
    return this.resolve((fn.node.defaultChild as CfnFunction).logicalId) as string;
  }

  /** Table access and queue sends, exactly as declared: read, write or none; publishes or not. */
  private grantDeclaredAccess(
    fn: PlatformFunction,
    plan: FunctionPlan,
    table: ITableV2,
    queues: readonly EventQueue[],
  ) {
    grantTableAccess(fn, table, plan.table);
    // Events reach queues by their `subscribes` patterns, at run time: a publisher may send to any.
    if (plan.publishesEvents) for (const eventQueue of queues) eventQueue.queue.grantSendMessages(fn);
  }
}
