import type { SNSClient } from '@aws-sdk/client-sns';
import type { NoticePublisher } from '../commons/interfaces.js';
import { describeAwsError } from './secret-credentials.js';

/** The notices topic could not take the message: the notice run fails, so its alarm fires. */
export class NoticePublishError extends Error {
  override name = 'NoticePublishError';
}

/**
 * Publishes notices to one SNS topic (the stack's notices topic, NOTICE_TOPIC_ARN). The SNS client
 * loads at the first notice, so the import runs' cold start does not pay for it.
 */
export class SnsNoticePublisher implements NoticePublisher {
  private client: SNSClient | undefined;

  constructor(private readonly topicArn: string) {}

  async publish(subject: string, message: string): Promise<string | undefined> {
    const sns = await import('@aws-sdk/client-sns');
    this.client ??= new sns.SNSClient({});
    try {
      const answer = await this.client.send(
        new sns.PublishCommand({ TopicArn: this.topicArn, Subject: subject, Message: message }),
      );
      return answer.MessageId;
    } catch (error) {
      throw new NoticePublishError(
        `Publishing the notice to ${this.topicArn} failed: ${describeAwsError(error)}`,
        { cause: error },
      );
    }
  }
}
