/**
 * The HTTP API: one route per declared route, a JWT authorizer on every route that is not
 * public, access logs and throttling on the default stage, and on each route its throttle class's
 * rate and burst (shared/wiring/throttle.ts) as the stage's route settings. The handler verifies the token again
 * with the same code that runs on one machine; the gateway check keeps anonymous traffic away
 * from the functions.
 */
import { Duration, Lazy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  type CfnStage,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { OidcIssuerConfig } from '../../shared/runtime/config';
import { corsPreflight } from '../../shared/wiring/cors';
import { THROTTLE_CLASSES, throttleClassOf } from '../../shared/wiring/throttle';
import type { RouteAccess, RouteDeclaration } from '../../shared/wiring/types';

export interface PlatformHttpApiProps {
  /** Identity providers whose tokens the gateway accepts (see authorizerFor). */
  readonly oidcIssuers: readonly OidcIssuerConfig[];
  /** Steady-state requests per second over the whole stage. @default 100 */
  readonly throttlingRateLimit?: number;
  /** Requests accepted in a burst above the rate. @default 200 */
  readonly throttlingBurstLimit?: number;
  /** Access logs hold IP addresses: kept six months, as the CNIL advises for logs. @default RetentionDays.SIX_MONTHS */
  readonly accessLogRetention?: RetentionDays;
}

/** HTTP API access-log fields ($context variables HTTP APIs support), one JSON object per request. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    ip: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    responseLatencyMs: '$context.responseLatency',
    integrationLatencyMs: '$context.integrationLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

export class PlatformHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The API's base URL, ending with a slash. */
  readonly url: string;
  private readonly oidcIssuers: readonly OidcIssuerConfig[];
  private readonly authorizers = new Map<number, HttpJwtAuthorizer>();
  /** Stage route settings by route key, filled as routes are added (a JSON property: CloudFormation's names). */
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: PlatformHttpApiProps) {
    super(scope, id);
    this.oidcIssuers = props.oidcIssuers;
    this.api = new HttpApi(this, 'Api', {
      description: 'Ville Ouverte public API',
      // The same preflight answer as the local gateway's.
      corsPreflight: {
        allowOrigins: [...corsPreflight.allowOrigins],
        allowMethods: corsPreflight.allowMethods.map((method) => CorsHttpMethod[method]),
        allowHeaders: [...corsPreflight.allowHeaders],
        exposeHeaders: [...corsPreflight.exposeHeaders],
        maxAge: Duration.seconds(corsPreflight.maxAgeSeconds),
      },
      // Created below, with access logs and throttling the default stage props do not offer.
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.SIX_MONTHS,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttlingRateLimit ?? 100,
        burstLimit: props.throttlingBurstLimit ?? 200,
      },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });
    // Each route's throttle, read when the template is written (routes are added after this).
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    cfnStage.routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeSettings).length > 0 ? this.routeSettings : undefined),
    });
    this.url = this.stage.url;
  }

  /**
   * Adds the declared route (method and path exactly as declared), served by `fn`. The route and
   * its integration go in `scope` (default: here), e.g. the nested stack of `fn`; the authorizers
   * stay with the API.
   */
  addRoute(route: RouteDeclaration, fn: IFunction, scope: Construct = this): HttpRoute {
    const limit = THROTTLE_CLASSES[throttleClassOf(route)];
    this.routeSettings[`${route.method} ${route.path}`] = {
      ThrottlingRateLimit: limit.rate,
      ThrottlingBurstLimit: limit.burst,
    };
    const httpRoute = new HttpRoute(scope, `${route.id}Route`, {
      httpApi: this.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
      authorizer: this.authorizerFor(route),
    });
    if (route.access === 'public') {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `The wiring declares ${route.method} ${route.path} public (${route.summary}).`,
      });
    }
    return httpRoute;
  }

  /**
   * API Gateway allows one authorizer per route, and an HTTP API JWT authorizer trusts one
   * issuer. So each configured issuer gets its own authorizer, and a route takes the FIRST issuer
   * whose `roles` include the route's access level ('citizen', 'agent' or 'admin'). List the
   * issuer that grants a level first; an admin token from another issuer than the agents' would
   * be refused on agent routes at the gateway even though the handler allows it. Public routes
   * have no authorizer.
   */
  private authorizerFor(route: RouteDeclaration): IHttpRouteAuthorizer | undefined {
    if (route.access === 'public') return undefined;
    const access: Exclude<RouteAccess, 'public'> = route.access;
    const index = this.oidcIssuers.findIndex((issuer) => issuer.roles.includes(access));
    if (index === -1) {
      throw new Error(
        `Route ${route.id} (${route.method} ${route.path}) needs an OIDC issuer granting '${access}', ` +
          'but none of the configured oidcIssuers lists that role',
      );
    }
    let authorizer = this.authorizers.get(index);
    if (!authorizer) {
      const issuer = this.oidcIssuers[index]!;
      authorizer = new HttpJwtAuthorizer(`OidcIssuer${index + 1}Authorizer`, issuer.issuer, {
        jwtAudience: [issuer.audience],
      });
      this.authorizers.set(index, authorizer);
    }
    return authorizer;
  }
}
