import { credentialRouters } from './credentials-routers';
import { coreRouters } from './routers';
import { spreadsheetRouters } from './spreadsheet-routers';

/** The whole API as the local server and the tests serve it. Spreadsheet routes first: /accounts/export before /accounts/:id. */
export const allRouters = [...spreadsheetRouters, ...credentialRouters, ...coreRouters];
