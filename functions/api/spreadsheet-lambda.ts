import { handle } from 'hono/aws-lambda';
import { createApp } from './app';
import { spreadsheetDeps } from '../wiring/spreadsheets';
import { spreadsheetRouteSet } from './route-sets';

/** The CSV/XLSX routes (imports, registry export, inspection reports): same app, own Lambda, so exceljs stays out of the main bundle. */
export const handler = handle(createApp(spreadsheetDeps(), spreadsheetRouteSet()));
