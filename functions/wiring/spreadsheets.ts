import { apiDeps } from './api';
import { attachmentsOf } from './attachments';
import { memo, type Needs } from './deps';

/** The spreadsheet function (imports, exports, reports, documents, closure attachments): the API's parts and the attachment store (S3). */
export const spreadsheetDeps: () => Needs<'verifier' | 'attachments'> = memo(() => ({ ...apiDeps(), attachments: attachmentsOf() }));
