import { PLATFORM_NAMES_ZH, type Platform } from '../../shared/registry/schemas';
import type { Connector, ConnectorAccount, ConnectorPost, PublishInput, PublishResult } from './types';

/**
 * The manual connector: for platforms without an API connector, or accounts without
 * credentials. Publishing creates a task for a person (the post goes to
 * needs_confirmation); they publish by hand and confirm the URL
 * (POST /scheduled-posts/{id}/confirm). It never fails and never publishes anything itself.
 */

export interface ManualTask {
  /** Stable per post: the idempotency key, so a repeated dispatch makes the same task. */
  id: string;
  accountId: string;
  postId: string;
  title: string;
  body: string;
  imageUrl?: string;
  instructions: string;
}

/** Where tasks go (a notification, a to-do list); optional: the post's own status is the task list. */
export interface ManualTaskSink {
  create(task: ManualTask): Promise<void>;
}

export function manualInstructions(account: Pick<ConnectorAccount, 'platform' | 'name'>, post: Pick<ConnectorPost, 'title'>): string {
  const platform = PLATFORM_NAMES_ZH[account.platform as Platform] ?? '平台';
  return `请在${platform}“${account.name}”手动发布《${post.title}》，发布后在排期中填写内容链接确认`;
}

export class ManualConnector implements Connector {
  readonly name = 'manual' as const;

  constructor(private readonly options: { tasks?: ManualTaskSink } = {}) {}

  async publish(input: PublishInput): Promise<PublishResult> {
    const instructions = manualInstructions(input.account, input.post);
    await this.options.tasks?.create({
      id: input.idempotencyKey,
      accountId: input.account.id,
      postId: input.post.id,
      title: input.post.title,
      body: input.post.body,
      ...(input.post.imageUrl !== undefined ? { imageUrl: input.post.imageUrl } : {}),
      instructions,
    });
    return { status: 'pending_manual', taskId: input.idempotencyKey, instructions };
  }
}
