import { createAttachmentStore } from '../attachments';
import { memo } from './deps';

/** Where this process keeps closure attachments (S3 deployed, a directory locally). */
export const attachmentsOf = memo(() => createAttachmentStore());
