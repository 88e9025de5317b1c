/**
 * The alarms an operator must hear about, and the SNS topic they publish to (optionally mailed).
 * Each means "something was lost or failed": a message in a dead-letter queue, an error in a
 * function, a 5xx from the API (a 503 while the store is unavailable is no function error), a
 * request DynamoDB throttled.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Operation, type ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationsAlarmsProps {
  /** Address subscribed to the alarm topic (it must confirm the subscription). @default - none */
  readonly email?: string;
  /** Period over which each alarm looks at its metric. @default Duration.minutes(5) */
  readonly period?: Duration;
}

export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;
  private readonly period: Duration;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps = {}) {
    super(scope, id);
    this.period = props.period ?? Duration.minutes(5);
    // CloudWatch cannot publish to a topic encrypted with the AWS managed key (aws/sns): the
    // topic needs a key of its own whose policy lets CloudWatch use it.
    const key = new Key(this, 'TopicKey', {
      description: 'Encrypts the operations alarm topic',
      enableKeyRotation: true,
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', { masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  /**
   * Alarms as soon as a dead-letter queue holds a message. The alarm goes in `scope` (default: here),
   * so that it lives in the stack of what it watches.
   */
  alarmOnDeadLetters(id: string, deadLetterQueue: IQueue, scope: Construct = this): Alarm {
    return this.alarm(scope, id, {
      description: 'A message could not be processed and waits in a dead-letter queue',
      metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: this.period, statistic: 'Maximum' }),
    });
  }

  /** Alarms when a function reports an error (a thrown handler, a timeout, a crash); in `scope`, as above. */
  alarmOnErrors(id: string, fn: IFunction, scope: Construct = this): Alarm {
    return this.alarm(scope, id, {
      description: 'A Lambda function failed',
      metric: fn.metricErrors({ period: this.period, statistic: 'Sum' }),
    });
  }

  /** Alarms when the API answers a 5xx: a 500, or a 503 while the store is unavailable. */
  alarmOnServerErrors(id: string, api: IHttpApi): Alarm {
    return this.alarm(this, id, {
      description: 'The API answered 5xx (a failure, or the store unavailable: see docs/operations.md)',
      metric: api.metricServerError({ period: this.period, statistic: 'Sum' }),
    });
  }

  /** Alarms when DynamoDB throttles reads or writes of the table (on-demand limits reached). */
  alarmOnStoreThrottling(id: string, table: ITableV2): Alarm {
    return this.alarm(this, id, {
      description: 'DynamoDB throttled requests to the table',
      // The operations the platform uses (an alarm's expression holds 10 metrics at most; no Scan).
      metric: table.metricThrottledRequestsForOperations({
        operations: [
          Operation.GET_ITEM,
          Operation.BATCH_GET_ITEM,
          Operation.QUERY,
          Operation.PUT_ITEM,
          Operation.UPDATE_ITEM,
          Operation.DELETE_ITEM,
          Operation.BATCH_WRITE_ITEM,
          Operation.TRANSACT_WRITE_ITEMS,
        ],
        period: this.period,
        statistic: 'Sum',
      }),
    });
  }

  private alarm(
    scope: Construct,
    id: string,
    props: { readonly description: string; readonly metric: IMetric },
  ): Alarm {
    const alarm = new Alarm(scope, id, {
      alarmDescription: props.description,
      metric: props.metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      // No data means no message and no invocation: nothing wrong.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
