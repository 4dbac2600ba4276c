import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { spreadsheetDeps } from '../wiring/spreadsheets';
import { spreadsheetRouters } from './spreadsheet-routers';

/** The CSV/XLSX routes (imports, registry export, inspection reports): same app, own Lambda, so exceljs stays out of the main bundle. */
export const handler = handle(createApp(spreadsheetDeps(), spreadsheetRouters));
