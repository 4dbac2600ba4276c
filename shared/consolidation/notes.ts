/**
 * The sentences of a duplicate cluster (why these accounts belong together, why the keeper) as
 * codes with parameters, so the UI says them in its own language (issue 15: English mode showed
 * the Chinese). `noteZh` is the Chinese the cluster's `why` and `evidence` strings are made of, so
 * the two can never say different things. Pure.
 */
import { PLATFORM_NAMES_ZH, type Platform } from '../registry/schemas';

export type ClusterNote =
  // why the keeper
  | { code: 'keeper_unit_named' }
  | { code: 'keeper_highest_grade'; score: number; tied?: number }
  | { code: 'keeper_most_followers'; followers: number; tied?: number }
  | { code: 'keeper_earliest_opened'; openedAt: string; tied?: number }
  | { code: 'keeper_service_links'; links: number; tied?: number }
  | { code: 'keeper_by_id' }
  | { code: 'division_rename_or_successor' }
  | { code: 'division_rename_or_close' }
  // why together
  | { code: 'same_unit_accounts'; platform: Platform; count: number }
  | { code: 'similar_function'; platform: Platform; departments: number }
  | { code: 'same_name_key'; key: string; names: string[] }
  | { code: 'unit_has_several' }
  | { code: 'division_section'; name: string; term: string }
  | { code: 'division_project'; name: string; term: string };

export type ClusterNoteCode = ClusterNote['code'];

const tiedZh = (tied: number | undefined) => (tied ? `，${tied} 个并列` : '');

export function noteZh(n: ClusterNote): string {
  switch (n.code) {
    case 'keeper_unit_named':
      return '以单位名义开设（非内设机构或活动账号）';
    case 'keeper_highest_grade':
      return `评分最高（${n.score} 分${tiedZh(n.tied)}）`;
    case 'keeper_most_followers':
      return `粉丝最多（${n.followers}${tiedZh(n.tied)}）`;
    case 'keeper_earliest_opened':
      return `开设最早（${n.openedAt}${tiedZh(n.tied)}）`;
    case 'keeper_service_links':
      return `有服务链接（${n.links} 个${tiedZh(n.tied)}）`;
    case 'keeper_by_id':
      return '其余条件相同，按账号标识顺序选定';
    case 'division_rename_or_successor':
      return '本单位在该平台仅此一个账号：宜更名为单位账号，或注销并引导至建议的接续账号';
    case 'division_rename_or_close':
      return '本单位在该平台仅此一个账号，且无其他账号：宜更名为单位账号，或注销';
    case 'same_unit_accounts':
      return `同一主办单位在${PLATFORM_NAMES_ZH[n.platform]}开设 ${n.count} 个账号（一个单位在同一平台原则上只开设一个账号）`;
    case 'similar_function':
      return `同一地区、同一平台（${PLATFORM_NAMES_ZH[n.platform]}）上 ${n.departments} 个主办单位的账号职能相同`;
    case 'same_name_key':
      return `名称归一化后相同（“${n.key}”）：${n.names.map((x) => `“${x}”`).join('、')}`;
    case 'unit_has_several':
      return '其中有主办单位在该平台开设了多个账号';
    case 'division_section':
      return `“${n.name}”以内设机构命名（${n.term}）`;
    case 'division_project':
      return `“${n.name}”以活动、专项或一次性项目命名（${n.term}）`;
  }
}
