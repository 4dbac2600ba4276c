import { decideScheduledPost, editScheduledPost, type ScheduledPost } from '../../../shared/scheduling';
import { head, NOW, editor } from './fixtures';

export {
  ScheduledPostDecision,
  ScheduledPostSubmit,
  createScheduledPost,
  decideScheduledPost,
  editScheduledPost,
  findingsFromContentCheck,
  submitScheduledPost,
} from '../../../shared/scheduling';

/** A post in review sent back by the section head and edited to `body`: a draft ready for the next round. */
export function rejectedOrEdited(p: ScheduledPost, body: string): ScheduledPost {
  const r = decideScheduledPost(p, { decision: 'reject', note: '请修改', version: p.version }, head, NOW);
  return editScheduledPost(r, { body, version: r.version }, editor, NOW, []);
}
