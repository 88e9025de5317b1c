/**
 * The stateless part of the platform, built from the wiring declaration. This stack holds what
 * every context shares: the alarm topic, the consumers' queues, the schedules' dead-letter queue
 * and the HTTP API with its stage and authorizers. Each context's functions, with their routes,
 * event source mappings, schedules and alarms, go in a nested stack of their own (ContextStack,
 * grouped by stack-plan.ts), so that no stack nears CloudFormation's 500 resources.
 */
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { openApiDocument } from '../../shared/platform/openapi';
import { OPEN_API_FILE } from '../../shared/platform/openapi-app';
import { platformRoutes } from '../../shared/platform/platform-routes';
import type { OidcIssuerConfig } from '../../shared/runtime/config';
import { ETALAB_BUNDLED_FILES } from '../../shared/territory/etalab-catalogue';
import { territoryRoutes } from '../../shared/territory/territory-routes';
import { EventQueue } from '../constructs/event-queue';
import { OperationsAlarms } from '../constructs/operations-alarms';
import type { PlatformFunction } from '../constructs/platform-function';
import { PlatformHttpApi } from '../constructs/platform-http-api';
import { builtPortalAssets, PortalFrontEnd } from '../constructs/portal-front-end';
import { constructIdOf, planFunctions, type Wiring } from '../function-plan';
import { planStacks } from '../stack-plan';
import { ContextStack, type HandlerExtras } from './context-stack';

export interface ServiceStackProps extends StackProps {
  /** The routes, consumers and schedules to build (shared/wiring). */
  readonly wiring: Wiring;
  readonly table: ITableV2;
  /** Identity providers, given to the HTTP API authorizers and to every function (OIDC_ISSUERS). */
  readonly oidcIssuers: readonly OidcIssuerConfig[];
  /** Address that receives the alarms. @default - alarms go to the SNS topic only */
  readonly alarmEmail?: string;
  /** Sender of the platform's e-mail (MAIL_FROM): an address SES has verified, or one of a verified domain. */
  readonly mailFrom: string;
  /** Given to the NGSI-LD routes' functions (NGSI_LD_DEFAULT_TENANT). @default none */
  readonly ngsiLdDefaultTenant?: string;
  /** The uploads bucket, given to the functions whose routes declare `objectStore` (UPLOADS_BUCKET). */
  readonly uploadsBucket: IBucket;
  /**
   * The open-data bucket, served by the portal's distribution under /open-data/*, and given to the
   * functions declared `openData` (shared/opendata) with its public URL. @default the portal's URL
   */
  readonly openData?: { readonly bucket: IBucket; readonly url?: string };
  /** A CLOUDFRONT-scope WAF web ACL for the portal's distribution (the edge stack's). @default none */
  readonly webAclArn?: string;
}

/**
 * Handlers that need more than the common configuration, by handler path (taken from the route
 * declaration, so that moving the handler moves its extras too).
 */
const HANDLER_EXTRAS: Readonly<Record<string, HandlerExtras>> = {
  // The API reference serves Swagger UI's files itself (no CDN): they travel in the bundle of the
  // handler that reads them (shared/platform/api-reference.ts).
  [platformRoutes.getApiReferenceAsset.handler]: {
    bundledFiles: {
      fromDir: 'node_modules/swagger-ui-dist',
      files: ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-standalone-preset.js'],
      toDir: 'api-reference',
    },
    environment: { API_REFERENCE_ASSETS_DIR: '/var/task/api-reference' },
  },
  // The OpenAPI document, built here rather than at each cold start (shared/platform/openapi-app.ts).
  [platformRoutes.getOpenApiDocument.handler]: {
    writtenFiles: { [OPEN_API_FILE]: () => JSON.stringify(openApiDocument()) },
  },
  // etalab's lists of EPCIs and communes (~12 MB of JSON) travel beside the import's bundle, not in
  // it: read from disk on first use (shared/territory/etalab-catalogue.ts), never at cold start.
  [territoryRoutes.importCommunes.handler]: { bundledFiles: ETALAB_BUNDLED_FILES },
};

export class ServiceStack extends Stack {
  readonly httpApi: PlatformHttpApi;
  /** CloudFront in front of the API and the portal's static files; the page functions' settings. */
  readonly portal: PortalFrontEnd;
  /** By handler path. */
  readonly functions: ReadonlyMap<string, PlatformFunction>;
  /** By logical queue name (the consumer declaration's `queue`). */
  readonly queues: ReadonlyMap<string, EventQueue>;
  /** The nested stacks, one per context (or part of a context), in stack-plan.ts order. */
  readonly contextStacks: readonly ContextStack[];

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { wiring } = props;
    const plans = planFunctions(wiring);
    const alarms = new OperationsAlarms(this, 'Alarms', { email: props.alarmEmail });

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

    let scheduleDeadLetterQueue: Queue | undefined;
    if (wiring.schedules.length > 0) {
      // Invocations the scheduler gave up on (after its retries) wait here.
      scheduleDeadLetterQueue = new Queue(this, 'ScheduleDeadLetterQueue', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(scheduleDeadLetterQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the schedules; it has no consumer to fail.',
      });
      alarms.alarmOnDeadLetters('ScheduleDeadLettersAlarm', scheduleDeadLetterQueue);
    }

    this.httpApi = new PlatformHttpApi(this, 'HttpApi', { oidcIssuers: props.oidcIssuers });
    alarms.alarmOnServerErrors('ApiServerErrorsAlarm', this.httpApi.api);
    alarms.alarmOnStoreThrottling('StoreThrottlingAlarm', props.table);
    // One distribution: pages, API, static files and open data (its files' URLs are the portal's).
    this.portal = new PortalFrontEnd(this, 'PortalFrontEnd', {
      httpApi: this.httpApi,
      assets: builtPortalAssets(),
      ...(props.openData ? { openDataBucket: props.openData.bucket } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      uploadsBucket: props.uploadsBucket,
    });
    const openData = props.openData && { bucket: props.openData.bucket, url: props.openData.url ?? this.portal.url };

    for (const handler of Object.keys(HANDLER_EXTRAS)) {
      if (!plans.some((plan) => plan.handler === handler))
        throw new Error(`HANDLER_EXTRAS names ${handler}, which no declaration uses`);
    }
    this.contextStacks = planStacks(plans).map(
      (stack) =>
        new ContextStack(this, stack.id, {
          description: `Ville Ouverte: the functions of functions/${stack.context}/, their routes, consumers, schedules and alarms`,
          functions: stack.functions,
          shared: {
            table: props.table,
            oidcIssuers: props.oidcIssuers,
            mailFrom: props.mailFrom,
            ...(props.ngsiLdDefaultTenant ? { ngsiLdDefaultTenant: props.ngsiLdDefaultTenant } : {}),
            uploadsBucket: props.uploadsBucket,
            openData,
            httpApi: this.httpApi,
            queues,
            alarms,
            scheduleDeadLetterQueue,
            handlerExtras: HANDLER_EXTRAS,
          },
        }),
    );
    this.functions = new Map(this.contextStacks.flatMap((stack) => [...stack.functions]));
    // The stage's route settings name the routes the nested stacks create: API Gateway refuses a
    // setting for a route that does not exist yet, so the stage is updated after them.
    for (const stack of this.contextStacks) this.httpApi.stage.node.addDependency(stack);

    for (const [handler, fn] of this.functions)
      if (handler.startsWith('functions/portal/')) this.portal.configurePage(fn);
    // Pagination cursors are sealed with a key of their own (shared/runtime/dynamo-cursor.ts): every
    // function may page, but only the portal's may read the session key.
    const cursorSecret = new Secret(this, 'CursorKey', {
      description: 'Ville Ouverte: the key sealing pagination cursors (256 bits)',
      generateSecretString: { passwordLength: 43, excludePunctuation: true, includeSpace: false },
    });
    Validations.of(cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the cursor key only invalidates cursors handed out before (clients start their list again); it is rotated by hand when needed.',
    });
    for (const fn of this.functions.values()) {
      cursorSecret.grantRead(fn);
      fn.addEnvironment('CURSOR_SECRET_ARN', cursorSecret.secretArn);
    }

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Base URL of the HTTP API' });
    if (openData) {
      new CfnOutput(this, 'OpenDataUrl', {
        value: openData.url,
        description: 'Base URL of the open-data files: /open-data/{siren}/{dataset}/latest.{ext}',
      });
    }
  }
}
