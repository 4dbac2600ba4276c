import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import { MetricsInput, PostBatch } from '../../shared/activity/schemas';
import { GradeQuery, InspectionRequest, WhatIfRequest } from '../../shared/assessment/schemas';
import { DevTokenRequest } from '../../shared/auth/principal-schema';
import { AttachmentQuery } from '../../shared/closure/attachments';
import { ClosureComplete, ClosureCreate, ClosureDecision, ClosureFiling, ClosureNotice, ClosureQuery } from '../../shared/closure/schemas';
import { ConsolidationPlan } from '../../shared/consolidation/service';
import { NoticeQuery, ReportQuery } from '../../shared/documents/schemas';
import { ChannelsInput } from '../../shared/notify/channels';
import { ItemClosureBody, ItemExtensionBody, ItemResponseBody, ItemReviewBody, NotificationQuery, RectificationCreate, RectificationQuery } from '../../shared/supervision/schemas';
import { AccountInput, AccountPatch, AccountQuery, DepartmentInput } from '../../shared/registry/schemas';
import { ScheduledPostConfirm, ScheduledPostCreate, ScheduledPostDecision, ScheduledPostEdit, ScheduledPostSubmit, VersionOnly } from '../../shared/scheduling/schemas';
import { HolidayYearInput } from '../../shared/time/holidays';
import { AnnualReportQuery } from '../../shared/reports/schemas';

type Schema = v.GenericSchema;
interface Operation {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  body?: Schema;
  query?: Schema;
  status?: number;
}

/** Every route with the schema that validates it: the same valibot schemas the handlers and the web forms use. */
const OPERATIONS: Operation[] = [
  { method: 'post', path: '/dev/token', summary: '本地开发令牌（仅本地，部署环境不存在）', body: DevTokenRequest },
  { method: 'get', path: '/dev/clock', summary: '本地开发时钟（仅本地）' },
  { method: 'put', path: '/dev/clock', summary: '设置本地开发时钟：从该时刻起继续走（仅本地）' },
  { method: 'delete', path: '/dev/clock', summary: '恢复真实时间（仅本地）' },
  { method: 'post', path: '/dev/jobs/{name}', summary: '立即运行定时任务并等待完成（仅本地：sweep、dispatch、fetch、notify…）' },
  { method: 'post', path: '/departments', summary: '登记主办单位', body: DepartmentInput, status: 201 },
  { method: 'get', path: '/departments', summary: '主办单位列表' },
  { method: 'get', path: '/departments/{id}', summary: '主办单位详情' },
  { method: 'post', path: '/accounts', summary: '登记账号', body: AccountInput, status: 201 },
  { method: 'get', path: '/accounts', summary: '账号列表（筛选、分页）', query: AccountQuery },
  { method: 'get', path: '/accounts/{id}', summary: '账号详情（含标记）' },
  { method: 'patch', path: '/accounts/{id}', summary: '修改账号（需当前版本号）', body: AccountPatch },
  { method: 'post', path: '/accounts/{id}/filing', summary: '登记开设或变更的备案' },
  { method: 'post', path: '/accounts/{id}/fake-engagement', summary: '认定（或撤销）弄虚作假（审核人员）' },
  { method: 'post', path: '/accounts/{id}/duplicate-exception', summary: '申请保留同单位同平台的第二个账号（例外）', status: 201 },
  { method: 'get', path: '/approval-requests', summary: '开设审批与例外申请列表' },
  { method: 'get', path: '/approval-requests/{id}', summary: '开设审批或例外申请详情' },
  { method: 'post', path: '/approval-requests/{id}/decisions', summary: '审批开设或例外申请' },
  { method: 'get', path: '/regions/{code}/profile', summary: '本地区适用的规则配置（固定版本及其来源）' },
  { method: 'get', path: '/regions/{code}/profile/history', summary: '决定本地区规则配置的采用记录（本级及上级）' },
  { method: 'put', path: '/regions/{code}/profile', summary: '采用某一规则配置版本（本地区或上级管理员，记入审计）' },
  { method: 'post', path: '/accounts/{id}/posts', summary: '报送发布内容（按 externalId 幂等）', body: PostBatch },
  { method: 'get', path: '/accounts/{id}/posts', summary: '账号发布内容时间线' },
  { method: 'post', path: '/accounts/{id}/metrics', summary: '报送指标快照', body: MetricsInput, status: 201 },
  { method: 'get', path: '/accounts/{id}/metrics', summary: '指标快照' },
  { method: 'get', path: '/accounts/{id}/grade', summary: '账号评分（逐项说明依据）', query: GradeQuery },
  { method: 'get', path: '/accounts/{id}/closures', summary: '账号的关停申请' },
  { method: 'get', path: '/accounts/export', summary: '导出台账（CSV/XLSX）' },
  { method: 'post', path: '/imports', summary: '导入台账（CSV/XLSX，逐行报告，全部通过才写入）' },
  { method: 'get', path: '/imports/template', summary: '导入模板' },
  { method: 'get', path: '/profiles', summary: '规则配置列表' },
  { method: 'get', path: '/profiles/{name}', summary: '规则配置全部阈值' },
  { method: 'get', path: '/profiles/{name}/versions', summary: '规则配置的各版本' },
  { method: 'post', path: '/profiles', summary: '发布规则配置版本（所属地区管理员；national 仅国家级），不改变任何地区的采用', status: 201 },
  { method: 'post', path: '/inspections', summary: '组织检查（全面或按比例抽查）', body: InspectionRequest, status: 201 },
  { method: 'get', path: '/inspections', summary: '检查列表' },
  { method: 'get', path: '/inspections/{id}', summary: '检查结果' },
  { method: 'get', path: '/inspections/{id}/results', summary: '检查的逐账号结果（分页；可按结论、平台、主办单位筛选；检查完成后才有）' },
  { method: 'get', path: '/inspections/{id}/report', summary: '检查通报（CSV/XLSX，或 docx 正式公文）', query: ReportQuery },
  { method: 'get', path: '/notifications', summary: '我的通知（按角色地址分发，未读数）', query: NotificationQuery },
  { method: 'post', path: '/notifications/{id}/read', summary: '标为已读（按用户记录）' },
  { method: 'post', path: '/rectifications', summary: '从检查下发整改通知（每个不合格账号一项）', body: RectificationCreate, status: 201 },
  { method: 'get', path: '/rectifications', summary: '整改通知列表（部门用户只含本单位事项）', query: RectificationQuery },
  { method: 'get', path: '/rectifications/{id}', summary: '整改通知及事项（按状态计数）' },
  { method: 'post', path: '/rectifications/{id}/items/{itemId}/response', summary: '单位反馈整改措施和佐证', body: ItemResponseBody },
  { method: 'post', path: '/rectifications/{id}/items/{itemId}/review', summary: '复查（按检查规则重新评分；仍不合格不能通过）', body: ItemReviewBody },
  { method: 'post', path: '/rectifications/{id}/items/{itemId}/extension', summary: '单项延期（管理部门）', body: ItemExtensionBody },
  { method: 'post', path: '/rectifications/{id}/items/{itemId}/closure', summary: '改为申请关停该账号', body: ItemClosureBody, status: 201 },
  { method: 'get', path: '/closures/{id}/waiting', summary: '关停申请当前待谁审批' },
  { method: 'post', path: '/closures/{id}/remind', summary: '催办关停申请（每小时至多一次）' },
  { method: 'get', path: '/approval-requests/{id}/waiting', summary: '开设或例外申请当前待谁审批' },
  { method: 'post', path: '/approval-requests/{id}/remind', summary: '催办开设或例外申请' },
  { method: 'get', path: '/scheduled-posts/{id}/waiting', summary: '稿件当前待谁审核' },
  { method: 'post', path: '/scheduled-posts/{id}/remind', summary: '催办稿件审核' },
  { method: 'get', path: '/rectifications/{id}/notice', summary: '整改通知（docx 正式公文；部门用户只含本单位事项）', query: NoticeQuery },
  { method: 'post', path: '/inspections/what-if', summary: '两套规则对比（哪些账号结论会变）', body: WhatIfRequest },
  { method: 'get', path: '/inspections/what-if/{id}', summary: '规则对比的进度与结果（超过 1000 个账号时以作业运行）' },
  { method: 'post', path: '/content/check', summary: '内容检查（分类、错别字及位置）' },
  { method: 'get', path: '/consolidation/candidates', summary: '整合建议（重复、相似、内设机构账号）' },
  { method: 'post', path: '/consolidation/plans', summary: '按整合建议一次生成关停申请', body: ConsolidationPlan, status: 201 },
  { method: 'post', path: '/closures', summary: '申请关停', body: ClosureCreate, status: 201 },
  { method: 'get', path: '/closures', summary: '关停申请列表', query: ClosureQuery },
  { method: 'get', path: '/closures/{id}', summary: '关停申请详情' },
  { method: 'post', path: '/closures/{id}/decisions', summary: '审批关停申请', body: ClosureDecision },
  { method: 'post', path: '/closures/{id}/notice', summary: '登记停更公告', body: ClosureNotice },
  { method: 'post', path: '/closures/{id}/complete', summary: '确认平台注销（公告期满后）', body: ClosureComplete },
  { method: 'post', path: '/closures/{id}/filing', summary: '登记备案', body: ClosureFiling },
  { method: 'post', path: '/closures/{id}/attachments', summary: '上传停更公告或平台注销的截图/文件（请求体为文件本身：image/png、image/jpeg 或 application/pdf，至多 4 MB）', query: AttachmentQuery, status: 201 },
  { method: 'get', path: '/closures/{id}/attachments', summary: '关停申请的附件列表' },
  { method: 'get', path: '/closures/{id}/attachments/{attachmentId}', summary: '下载附件（原文件）' },
  { method: 'post', path: '/scheduled-posts', summary: '起草排期内容', body: ScheduledPostCreate, status: 201 },
  { method: 'get', path: '/scheduled-posts', summary: '排期内容列表' },
  { method: 'get', path: '/scheduled-posts/{id}', summary: '排期内容详情' },
  { method: 'patch', path: '/scheduled-posts/{id}', summary: '修改草稿', body: ScheduledPostEdit },
  { method: 'post', path: '/scheduled-posts/{id}/submit', summary: '提交审核', body: ScheduledPostSubmit },
  { method: 'post', path: '/scheduled-posts/{id}/decisions', summary: '审核（三审）', body: ScheduledPostDecision },
  { method: 'post', path: '/scheduled-posts/{id}/withdraw', summary: '撤回', body: VersionOnly },
  { method: 'post', path: '/scheduled-posts/{id}/confirm', summary: '确认已发布（人工发布）', body: ScheduledPostConfirm },
  { method: 'post', path: '/scheduled-posts/{id}/confirm-not-published', summary: '确认未发布', body: VersionOnly },
  { method: 'post', path: '/scheduled-posts/{id}/retry', summary: '重新发布', body: VersionOnly },
  { method: 'get', path: '/calendar', summary: '内容日历与预警' },
  { method: 'get', path: '/calendar/holidays/{year}', summary: '某年的法定节假日与调休（来源：随系统提供或管理员录入；未知年份 known: false）' },
  { method: 'put', path: '/calendar/holidays/{year}', summary: '录入系统数据未覆盖年份的节假日与调休（国家级平台管理员，留痕）', body: HolidayYearInput },
  { method: 'get', path: '/reports/annual', summary: '政府网站与政务新媒体工作年度报表的政务新媒体部分（JSON、XLSX 或 DOCX；导出即撤下 1 月提醒）', query: AnnualReportQuery },
  { method: 'put', path: '/accounts/{id}/credentials', summary: '配置平台凭据（本地区管理部门；只写不读，答复 204）', status: 204 },
  { method: 'get', path: '/accounts/{id}/credentials', summary: '平台凭据是否已配置（不返回凭据）' },
  { method: 'post', path: '/accounts/{id}/oauth/start', summary: '发起平台授权（抖音、快手）：返回运营者应打开的平台授权页' },
  { method: 'get', path: '/accounts/{id}/connector', summary: '平台数据接入状态：最近一次成功抓取、最近错误、下次尝试' },
  { method: 'get', path: '/accounts/{id}/links', summary: '服务链接与账号地址的最近检查结果（状态、错误、时间）' },
  { method: 'delete', path: '/accounts/{id}/credentials', summary: '撤销平台凭据（本地区管理部门；答复 204）', status: 204 },
  { method: 'put', path: '/departments/{id}/channels', summary: '配置主办单位的企业微信/钉钉群机器人（整体替换，未给出的即删除；本地区管理部门或本单位审核负责人；不返回地址和密钥）', body: ChannelsInput },
  { method: 'get', path: '/departments/{id}/channels', summary: '主办单位的群机器人配置情况（不含地址和密钥）' },
  { method: 'put', path: '/regions/{code}/channels', summary: '配置地区的企业微信/钉钉群机器人（整体替换；本地区管理部门）', body: ChannelsInput },
  { method: 'get', path: '/regions/{code}/channels', summary: '地区的群机器人配置情况（不含地址和密钥）' },
  { method: 'get', path: '/deliveries', summary: '群机器人投递记录：状态、重试次数、最近错误（本地区管理部门）' },
  { method: 'get', path: '/audit-log', summary: '操作日志' },
  { method: 'get', path: '/openapi.json', summary: '本接口文档（OpenAPI 3.0）' },
];

const jsonSchema = (s: Schema) => toJsonSchema(s, { errorMode: 'ignore', target: 'openapi-3.0' });
const ERROR = { $ref: '#/components/schemas/Error' };

function queryParameters(schema: Schema) {
  const props = (jsonSchema(schema) as { properties?: Record<string, object> }).properties ?? {};
  return Object.entries(props).map(([name, s]) => ({ name, in: 'query', required: false, schema: s }));
}

let cached: object | undefined;

/** The OpenAPI 3.0 document, generated once from the route table above. */
export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const op of OPERATIONS) {
    const params = [...(op.path.match(/\{(\w+)\}/g) ?? []).map((p) => ({ name: p.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } })), ...(op.query ? queryParameters(op.query) : [])];
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } } : {}),
      responses: {
        [String(op.status ?? 200)]: { description: 'OK' },
        '400': { description: '输入不合法', content: { 'application/json': { schema: ERROR } } },
        '401': { description: '未登录或令牌无效', content: { 'application/json': { schema: ERROR } } },
        '403': { description: '无权执行', content: { 'application/json': { schema: ERROR } } },
        '404': { description: '不存在或不可见', content: { 'application/json': { schema: ERROR } } },
        '409': { description: '冲突（重复、版本过期、非法状态转换）', content: { 'application/json': { schema: ERROR } } },
        '422': { description: '违反业务规则', content: { 'application/json': { schema: ERROR } } },
        '503': {
          description: '数据存储暂时不可用，稍后重试 (code: unavailable)',
          headers: { 'Retry-After': { description: '建议重试前等待的秒数', schema: { type: 'integer' } } },
          content: { 'application/json': { schema: ERROR } },
        },
      },
    };
  }
  cached = {
    openapi: '3.0.3',
    info: { title: 'GovMedia API', version: '1.0.0', description: '政务新媒体管理平台 HTTP 接口。契约见 API.md；说明见 docs/api-notes.md。' },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', description: 'stable; registered with its params in shared/errors-codes.ts' },
                message: { type: 'string' },
                params: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
                issues: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      path: { type: 'string' },
                      code: { type: 'string' },
                      params: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] } },
                      message: { type: 'string' },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
  return cached;
}
