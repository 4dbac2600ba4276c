/**
 * Demo sign-ins for the local dev token endpoint. `departmentName` names a department of
 * departments.ts; the caller maps it to the department id created by the seed.
 * People are fictitious.
 */
import type { Role } from '../../../shared/auth/principal';

export const DEMO_REGION = '330127';

export interface DemoUser {
  sub: string;
  name: string;
  roles: Role[];
  region: string;
  departmentName?: string;
  label: string;
}

const HRSS = '淳安县人力资源和社会保障局';
const MARKET = '淳安县市场监督管理局';

export const DEMO_USERS: DemoUser[] = [
  { sub: 'demo-office', name: '李敏', roles: ['office'], region: DEMO_REGION, label: '县委宣传部网信办 · 管理人员（台账、检查、清理整合）' },
  { sub: 'demo-reviewer', name: '周建国', roles: ['reviewer'], region: DEMO_REGION, label: '县委宣传部网信办 · 审核负责人（开设、关停、合并审批）' },
  { sub: 'demo-admin', name: '平台管理员', roles: ['admin'], region: DEMO_REGION, label: '平台管理员（规则配置、地区、用户）' },
  { sub: 'demo-hrss-editor', name: '王晓燕', roles: ['editor'], region: DEMO_REGION, departmentName: HRSS, label: '县人社局 · 运维编辑（淳安人社）' },
  { sub: 'demo-hrss-approver-1', name: '陈志强', roles: ['approver'], region: DEMO_REGION, departmentName: HRSS, label: '县人社局 · 科室负责人（二审）' },
  { sub: 'demo-hrss-approver-2', name: '徐卫东', roles: ['approver'], region: DEMO_REGION, departmentName: HRSS, label: '县人社局 · 分管领导（三审）' },
  { sub: 'demo-market-editor', name: '方雪梅', roles: ['editor'], region: DEMO_REGION, departmentName: MARKET, label: '县市场监管局 · 运维编辑（淳安县市场监管）' },
  { sub: 'demo-market-approver', name: '汪俊杰', roles: ['approver'], region: DEMO_REGION, departmentName: MARKET, label: '县市场监管局 · 审核负责人' },
];
