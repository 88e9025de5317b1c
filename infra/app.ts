/**
 * The CDK entry (cdk.json runs this file). The only place that reads context:
 *
 *   -c stage=prod                 deployment name, part of the stack names      (default: dev)
 *   -c oidcIssuers='[{...}]'      JSON array of OidcIssuerConfig                (default: a placeholder)
 *   -c alarmEmail=ops@example.fr  receives the alarms                           (default: none)
 *   -c mailFrom=noreply@metro.fr  sender of e-mail, an address verified in SES  (default: a placeholder)
 *   -c waf=true|false             a WAF web ACL on the portal's distribution   (default: true for stage prod)
 *   -c webAclArn=arn:aws:wafv2:…  attach this CLOUDFRONT web ACL instead of making one (edge stack)
 *   -c ngsiLdDefaultTenant=<SIREN> the territory NGSI-LD requests without NGSILD-Tenant are about (default: none)
 *
 * The tests build the same app with `new VilleOuverteApp({ context: ... })`, bundling off.
 */
import { pathToFileURL } from 'node:url';
import { Annotations, App, Tags, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { OidcIssuerConfig } from '../shared/runtime/config';
import { ROLES as ROLES_LIST } from '../shared/kernel/principal';
import { consumers, routes, schedules } from '../shared/wiring';
import { DataStack } from './stacks/data-stack';
import { EdgeStack } from './stacks/edge-stack';
import { ServiceStack } from './stacks/service-stack';

export interface AppSettings {
  readonly stage: string;
  readonly oidcIssuers: readonly OidcIssuerConfig[];
  readonly alarmEmail?: string;
  readonly mailFrom: string;
  /** A WAF web ACL in front of CloudFront: made by the edge stack, unless `webAclArn` names one. */
  readonly waf: boolean;
  readonly webAclArn?: string;
  /** The territory (SIREN) NGSI-LD requests without `NGSILD-Tenant` are about. @default none: the header is required */
  readonly ngsiLdDefaultTenant?: string;
}

/**
 * Lets `cdk synth` work with no context. This Cognito user pool does not exist: the gateway
 * refuses every token until real issuers are given at deploy time (-c oidcIssuers=...).
 */
export const PLACEHOLDER_OIDC_ISSUERS: readonly OidcIssuerConfig[] = [
  {
    issuer: 'https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_PLACEHOLDER',
    audience: 'ville-ouverte-placeholder',
    roles: ['citizen', 'agent', 'admin'],
  },
];

/** Lets `cdk synth` work with no context; SES refuses to send from it until -c mailFrom=... names a verified sender. */
export const PLACEHOLDER_MAIL_FROM = 'ne-pas-repondre@ville-ouverte.example';

const ROLES = new Set<string>(ROLES_LIST);

/** Context given on the command line arrives as a string; in cdk.json it may already be JSON. */
const parseOidcIssuers = (raw: unknown): readonly OidcIssuerConfig[] => {
  const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  const problem = (what: string) => new Error(`Context oidcIssuers: ${what}`);
  if (!Array.isArray(value) || value.length === 0) throw problem('expected a non-empty JSON array');
  return value.map((entry: Partial<OidcIssuerConfig>, i): OidcIssuerConfig => {
    // API Gateway fetches the issuer's discovery document itself: it must be https.
    if (typeof entry.issuer !== 'string' || !entry.issuer.startsWith('https://'))
      throw problem(`[${i}].issuer must be an https URL`);
    if (typeof entry.audience !== 'string' || entry.audience === '')
      throw problem(`[${i}].audience must be a non-empty string`);
    if (entry.jwksUri !== undefined && typeof entry.jwksUri !== 'string')
      throw problem(`[${i}].jwksUri must be a string`);
    if (!Array.isArray(entry.roles) || entry.roles.length === 0 || !entry.roles.every((r) => ROLES.has(r))) {
      throw problem(`[${i}].roles must list some of citizen, agent, admin`);
    }
    return {
      issuer: entry.issuer,
      audience: entry.audience,
      roles: entry.roles,
      ...(entry.jwksUri ? { jwksUri: entry.jwksUri } : {}),
      ...(typeof entry.clientId === 'string' ? { clientId: entry.clientId } : {}),
      ...(typeof entry.label === 'string' ? { label: entry.label } : {}),
    };
  });
};

const readSettings = (app: App): AppSettings => {
  const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new Error(`Context stage must be lower-case letters, digits and dashes (got ${String(stage)})`);
  }
  const rawIssuers: unknown = app.node.tryGetContext('oidcIssuers');
  const alarmEmail: unknown = app.node.tryGetContext('alarmEmail');
  if (alarmEmail !== undefined && (typeof alarmEmail !== 'string' || !alarmEmail.includes('@'))) {
    throw new Error('Context alarmEmail must be an e-mail address');
  }
  const mailFrom: unknown = app.node.tryGetContext('mailFrom') ?? PLACEHOLDER_MAIL_FROM;
  if (typeof mailFrom !== 'string' || !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(mailFrom)) {
    throw new Error(`Context mailFrom must be a plain e-mail address (got ${String(mailFrom)})`);
  }
  const rawWaf: unknown = app.node.tryGetContext('waf');
  if (rawWaf !== undefined && ![true, false, 'true', 'false'].includes(rawWaf as string)) {
    throw new Error(`Context waf must be true or false (got ${String(rawWaf)})`);
  }
  const webAclArn: unknown = app.node.tryGetContext('webAclArn');
  if (
    webAclArn !== undefined &&
    (typeof webAclArn !== 'string' || !/^arn:aws[\w-]*:wafv2:us-east-1:\d{12}:global\/webacl\//.test(webAclArn))
  ) {
    throw new Error(
      'Context webAclArn must be the ARN of a CLOUDFRONT-scope web ACL (arn:aws:wafv2:us-east-1:…:global/webacl/…)',
    );
  }
  const ngsiLdDefaultTenant: unknown = app.node.tryGetContext('ngsiLdDefaultTenant');
  if (ngsiLdDefaultTenant !== undefined && !/^\d{9}$/.test(String(ngsiLdDefaultTenant))) {
    throw new Error(
      `Context ngsiLdDefaultTenant must be a territory's SIREN, 9 digits (got ${String(ngsiLdDefaultTenant)})`,
    );
  }
  return {
    stage,
    ...(ngsiLdDefaultTenant !== undefined ? { ngsiLdDefaultTenant: String(ngsiLdDefaultTenant) } : {}),
    oidcIssuers: rawIssuers === undefined ? PLACEHOLDER_OIDC_ISSUERS : parseOidcIssuers(rawIssuers),
    ...(alarmEmail ? { alarmEmail } : {}),
    mailFrom,
    // Production is behind a firewall unless told otherwise; other stages only when asked.
    waf: rawWaf === undefined ? stage === 'prod' : rawWaf === true || rawWaf === 'true',
    ...(typeof webAclArn === 'string' ? { webAclArn } : {}),
  };
};

export class VilleOuverteApp extends App {
  readonly settings: AppSettings;
  readonly data: DataStack;
  readonly service: ServiceStack;
  /** The us-east-1 stack of the WAF web ACL, when the app makes one. */
  readonly edge?: EdgeStack;

  constructor(props: AppProps = {}) {
    super(props);
    this.settings = readSettings(this);
    const { stage } = this.settings;
    // Account and region come from the CLI's profile when there is one; offline, the stacks are
    // environment-agnostic and synthesize all the same.
    const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };

    this.data = new DataStack(this, `VilleOuverte-${stage}-Data`, {
      env,
      description: `Ville Ouverte (${stage}): table and buckets, retained on deletion`,
    });
    // A CLOUDFRONT web ACL exists only in us-east-1: its own small stack there, read from the
    // service stack by a cross-region reference (both need a known account and region).
    let webAclArn = this.settings.webAclArn;
    if (this.settings.waf && !webAclArn) {
      if (!env.account || !env.region) {
        throw new Error(
          `Stage ${stage} has a WAF, made in us-east-1 and referred to across regions: synthesize with an AWS ` +
            'profile (account and region known), or give -c webAclArn=<an existing CLOUDFRONT web ACL>, or -c waf=false',
        );
      }
      this.edge = new EdgeStack(this, `VilleOuverte-${stage}-Edge`, {
        env: { account: env.account, region: 'us-east-1' },
        description: `Ville Ouverte (${stage}): the WAF web ACL of the CloudFront distribution (us-east-1)`,
      });
      webAclArn = this.edge.webAclArn;
    }
    this.service = new ServiceStack(this, `VilleOuverte-${stage}-Service`, {
      env,
      ...(this.edge ? { crossRegionReferences: true } : {}),
      ...(webAclArn ? { webAclArn } : {}),
      description: `Ville Ouverte (${stage}): HTTP API, queues and alarms; each context's functions in a nested stack`,
      wiring: { routes, consumers, schedules },
      table: this.data.table,
      oidcIssuers: this.settings.oidcIssuers,
      alarmEmail: this.settings.alarmEmail,
      mailFrom: this.settings.mailFrom,
      ...(this.settings.ngsiLdDefaultTenant ? { ngsiLdDefaultTenant: this.settings.ngsiLdDefaultTenant } : {}),
      uploadsBucket: this.data.uploadsBucket,
      openData: { bucket: this.data.openDataBucket },
    });

    if (this.settings.oidcIssuers === PLACEHOLDER_OIDC_ISSUERS) {
      Annotations.of(this.service).addInfo(
        'oidcIssuers not given: the placeholder issuer accepts no token (-c oidcIssuers=...)',
      );
    }
    if (this.settings.mailFrom === PLACEHOLDER_MAIL_FROM) {
      Annotations.of(this.service).addInfo(
        'mailFrom not given: SES will not send as the placeholder sender (-c mailFrom=...)',
      );
    }
    Tags.of(this).add('project', 'ville-ouverte');
    Tags.of(this).add('stage', stage);
    // Findings fail the synthesis; each acknowledgement sits next to its resource, with its reason.
    Validations.of(this).addPlugins(new AwsSolutionsChecks(this));
  }
}

// Run by the CDK CLI; the tests import VilleOuverteApp instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  new VilleOuverteApp().synth();
}
