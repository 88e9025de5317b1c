/**
 * A consumer's queue and its dead-letter queue: encrypted, TLS only. A message that fails
 * `maxReceiveCount` times moves to the DLQ and stays there 14 days (SQS's longest), long enough
 * to be noticed (an alarm watches the DLQ) and redriven.
 */
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface EventQueueProps {
  /** Receives after which a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** How long a received message stays hidden from other consumers. */
  readonly visibilityTimeout: Duration;
  /** @default Duration.days(4) (the SQS default) */
  readonly retentionPeriod?: Duration;
}

export class EventQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EventQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: props.retentionPeriod ?? Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
    });
  }
}
