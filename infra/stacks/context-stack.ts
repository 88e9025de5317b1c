/**
 * The functions of one context (functions/<context>/, see stack-plan.ts), nested in the service stack:
 * each function with its role, log group and errors alarm, and the HTTP routes, event source
 * mappings and schedules that invoke it. What contexts share (the HTTP API and its authorizers,
 * the queues, the alarm topic) stays in the parent, which CDK passes in as parameters.
 */
import { Duration, NestedStack, Validations, type NestedStackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { OidcIssuerConfig } from '../../shared/runtime/config';
import type { EventQueue } from '../constructs/event-queue';
import type { OperationsAlarms } from '../constructs/operations-alarms';
import { PlatformFunction, type PlatformFunctionProps } from '../constructs/platform-function';
import type { PlatformHttpApi } from '../constructs/platform-http-api';
import { constructIdOf, type FunctionPlan } from '../function-plan';
import { grantSendEmail } from '../mail-access';
import { grantObjectStoreAccess } from '../object-store-access';
import { grantOpenDataPublishing } from '../open-data-access';
import { grantTableAccess } from '../table-access';

export type HandlerExtras = Pick<PlatformFunctionProps, 'bundledFiles' | 'writtenFiles' | 'environment'>;

/** What the parent stack shares with every context stack. */
export interface SharedServiceResources {
  readonly table: ITableV2;
  /** Given to every function (OIDC_ISSUERS). */
  readonly oidcIssuers: readonly OidcIssuerConfig[];
  /** Sender of the platform's e-mail (MAIL_FROM). */
  readonly mailFrom: string;
  /** The territory NGSI-LD requests without `NGSILD-Tenant` are about: NGSI_LD_DEFAULT_TENANT of the NGSI-LD routes. */
  readonly ngsiLdDefaultTenant?: string;
  /** Given to the functions whose routes declare `objectStore` (UPLOADS_BUCKET). */
  readonly uploadsBucket: IBucket;
  /**
   * The open-data bucket and the public URL of its files: OPEN_DATA_BASE_URL for the functions
   * declared `openData`, OPEN_DATA_BUCKET and write access for those declared `openData: 'publish'`.
   */
  readonly openData?: { readonly bucket: IBucket; readonly url: string };
  readonly httpApi: PlatformHttpApi;
  /** By logical queue name (the consumer declaration's `queue`). */
  readonly queues: ReadonlyMap<string, EventQueue>;
  readonly alarms: OperationsAlarms;
  /** Where the scheduler leaves the invocations it gave up on; present when there are schedules. */
  readonly scheduleDeadLetterQueue?: IQueue;
  /** Handlers that need more than the common configuration, by handler path. */
  readonly handlerExtras: Readonly<Record<string, HandlerExtras>>;
}

export interface ContextStackProps extends NestedStackProps {
  /** The functions to build, with the routes, consumers and schedules that name them. */
  readonly functions: readonly FunctionPlan[];
  readonly shared: SharedServiceResources;
}

export class ContextStack extends NestedStack {
  /** By handler path. */
  readonly functions: ReadonlyMap<string, PlatformFunction>;

  constructor(scope: Construct, id: string, props: ContextStackProps) {
    super(scope, id, props);
    const { shared } = props;
    // Queue URLs are the parent's: the JSON is joined here, from this stack's parameters.
    const queueUrls = this.toJsonString(
      Object.fromEntries([...shared.queues].map(([name, q]) => [name, q.queue.queueUrl])),
    );

    const openDataOf = (handler: string) => {
      if (!shared.openData) throw new Error(`${handler} declares openData, but no open-data bucket was given`);
      return shared.openData;
    };

    // One function per handler file, with only the permissions its declarations ask for.
    const functions = new Map<string, PlatformFunction>();
    for (const plan of props.functions) {
      const extras = shared.handlerExtras[plan.handler];
      const fn = new PlatformFunction(this, plan.constructId, {
        handler: plan.handler,
        timeout: Duration.seconds(plan.timeoutSeconds),
        bundledFiles: extras?.bundledFiles,
        writtenFiles: extras?.writtenFiles,
        environment: {
          // Read by shared/runtime/config.ts.
          TABLE_NAME: shared.table.tableName,
          OIDC_ISSUERS: JSON.stringify(shared.oidcIssuers),
          ...(plan.publishesEvents ? { QUEUE_URLS: queueUrls } : {}),
          ...(plan.sendsEmail ? { MAIL_FROM: shared.mailFrom } : {}),
          ...(plan.objectStore !== 'none' ? { UPLOADS_BUCKET: shared.uploadsBucket.bucketName } : {}),
          ...(plan.openData !== 'none' ? { OPEN_DATA_BASE_URL: openDataOf(plan.handler).url } : {}),
          ...(plan.openData === 'publish' ? { OPEN_DATA_BUCKET: openDataOf(plan.handler).bucket.bucketName } : {}),
          ...(shared.ngsiLdDefaultTenant && plan.routes.some((r) => r.path.startsWith('/ngsi-ld/'))
            ? { NGSI_LD_DEFAULT_TENANT: shared.ngsiLdDefaultTenant }
            : {}),
          ...extras?.environment,
        },
      });
      grantTableAccess(fn, shared.table, plan.table);
      // Events reach queues by their `subscribes` patterns, at run time: a publisher may send to any.
      if (plan.publishesEvents) for (const { queue } of shared.queues.values()) queue.grantSendMessages(fn);
      if (plan.sendsEmail) grantSendEmail(fn, shared.mailFrom);
      if (plan.objectStore !== 'none') grantObjectStoreAccess(fn, shared.uploadsBucket, plan.objectStore);
      if (plan.openData === 'publish') grantOpenDataPublishing(fn, openDataOf(plan.handler).bucket);
      shared.alarms.alarmOnErrors(`${plan.constructId}ErrorsAlarm`, fn, this);
      functions.set(plan.handler, fn);

      for (const route of plan.routes) shared.httpApi.addRoute(route, fn, this);
      for (const consumer of plan.consumers) {
        fn.addEventSource(
          new SqsEventSource(shared.queues.get(consumer.queue)!.queue, {
            batchSize: consumer.batchSize,
            // The consumer answers with the ids of the failed messages; the others are deleted.
            reportBatchItemFailures: true,
          }),
        );
      }
      for (const declared of plan.schedules) {
        const target = new LambdaInvoke(fn, {
          deadLetterQueue: shared.scheduleDeadLetterQueue,
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
          id: `AwsSolutions-IAM5[Resource::<${this.resolve((fn.node.defaultChild as CfnFunction).logicalId)}.Arn>:*]`,
          reason:
            'The scheduler target grants lambda:InvokeFunction on the function and its versions (ARN:*), as every Lambda target does.',
        });
      }
    }
    this.functions = functions;
  }
}
