// The Redis path: BullMQ is the queue. The handler adds one job per notification, with the
// dedupe key as job id (BullMQ ignores a job id it already has), and acknowledges once Redis
// accepted them; BullMQ's workers process them with retries, backoff and a failed set.
// Generate first: npx wsdl-to-ts fixtures/wsdl/aldoforce-opportunity.wsdl --out generated/opportunity
import { Queue, Worker, type ConnectionOptions, type Job, type JobsOptions } from "bullmq";
import {
  createNodeHandler,
  reviveNotification,
  serializeNotification,
  type NodeHandler,
  type OpportunityNotification,
} from "opportunity-outbound-message";

/** A job's data: the notification as `serializeNotification` wrote it, and the delivery's context. */
export interface NotificationJob {
  readonly notification: string;
  readonly OrganizationId: string;
  readonly ActionId: string;
  readonly SessionId: string | null;
  readonly EnterpriseUrl: string;
  readonly PartnerUrl: string;
  readonly receivedAt: number;
}

/** Retries with exponential backoff; completed jobs stay a day as the dedupe record, failed ones until you look. */
export const JOB_OPTIONS: JobsOptions = {
  attempts: 10,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { age: 24 * 60 * 60 },
  removeOnFail: false,
};

/** The dedupe key as a job id: the org's 15-character prefix and the notification id (BullMQ ids may not contain ":"). */
export function jobId(organizationId: string, notificationId: string): string {
  return `${organizationId.slice(0, 15)}-${notificationId}`;
}

export function createQueue(name: string, connection: ConnectionOptions, prefix?: string): Queue<NotificationJob> {
  return new Queue<NotificationJob>(name, { connection, defaultJobOptions: JOB_OPTIONS, ...(prefix === undefined ? {} : { prefix }) });
}

/** The endpoint: the Ack follows once every notification of the message is a job (one MULTI). */
export function createReceiver(organizationId: string, queue: Queue<NotificationJob>, jobOptions: JobsOptions = JOB_OPTIONS): NodeHandler {
  return createNodeHandler({
    organizationId,
    dedupe: false, // the job ids are the dedupe record
    onNotifications: async (notifications, context) => {
      const receivedAt = Date.now();
      await queue.addBulk(
        notifications.map((notification) => ({
          name: "notification",
          data: {
            notification: serializeNotification(notification),
            OrganizationId: context.OrganizationId,
            ActionId: context.ActionId,
            SessionId: context.SessionId,
            EnterpriseUrl: context.EnterpriseUrl,
            PartnerUrl: context.PartnerUrl,
            receivedAt,
          },
          opts: { ...jobOptions, jobId: jobId(context.OrganizationId, notification.Id) },
        })),
      );
    },
  });
}

/** A BullMQ worker that hands each job's notification, typed and revived, to `onNotification`. */
export function startWorker(
  name: string,
  connection: ConnectionOptions,
  onNotification: (notification: OpportunityNotification, job: Job<NotificationJob>) => Promise<void>,
  options: { readonly concurrency?: number; readonly prefix?: string; readonly lockDuration?: number; readonly stalledInterval?: number } = {},
): Worker<NotificationJob> {
  return new Worker<NotificationJob>(name, (job) => onNotification(reviveNotification(job.data.notification), job), {
    connection,
    concurrency: options.concurrency ?? 1,
    ...(options.prefix === undefined ? {} : { prefix: options.prefix }),
    ...(options.lockDuration === undefined ? {} : { lockDuration: options.lockDuration }),
    ...(options.stalledInterval === undefined ? {} : { stalledInterval: options.stalledInterval }),
  });
}
