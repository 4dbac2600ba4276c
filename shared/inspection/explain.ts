/**
 * Plain-Chinese explanations of a grade, one sentence per veto and deduction,
 * each naming the rule, the threshold and the evidence. Used by the report
 * (通报) and by the web UI.
 */
import type { Deduction, Grade, NamingProblem, PostRef, Veto } from '../grading/types';
import { PLATFORM_NAMES_ZH } from '../registry/schemas';

export const VETO_LABELS: Record<Veto['code'], string> = {
  no_update: '内容不更新',
  no_interaction: '互动回应差',
  security: '安全、泄密及严重表述错误',
  fake_engagement: '弄虚作假',
};

export const DEDUCTION_LABELS: Record<Deduction['code'], string> = {
  cadence: '更新频率',
  service_share: '服务内容占比',
  off_mission_share: '无关内容占比',
  wording: '表述错误',
  naming: '名称与认证',
  service_links: '服务链接',
};

export const VERDICT_LABELS: Record<Grade['verdict'], string> = { pass: '合格', fail: '不合格' };
export const BAND_LABELS: Record<Grade['band'], string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };

/** Platform names in reports: the product's one list. */
export const PLATFORM_LABELS = PLATFORM_NAMES_ZH;

/** Shows at most `max` items, then "等 N 条". */
function list(items: readonly string[], max = 5): string {
  if (items.length <= max) return items.join('、');
  return `${items.slice(0, max).join('、')} 等 ${items.length} 项`;
}

const postRef = (p: PostRef) => `${p.date}（编号 ${p.externalId}）`;
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

export function explainVeto(v: Veto): string {
  const label = `单项否决「${VETO_LABELS[v.code]}」`;
  switch (v.code) {
    case 'no_update': {
      const e = v.evidence;
      if (!e.latestPost && e.lastKnownPostDate && e.daysSinceLatestPost !== null)
        return `${label}：检查日 ${e.checkDate} 前 ${e.threshold.windowDays} 天内没有更新，最近一条发布于 ${e.lastKnownPostDate}，已 ${e.daysSinceLatestPost} 天未更新。`;
      // No post is known on or before the check date within what was graded: say only what is known (the window), never "no post ever".
      if (!e.latestPost) return `${label}：检查日 ${e.checkDate} 前 ${e.threshold.windowDays} 天内没有发布记录（要求检查日前 ${e.threshold.windowDays} 天内至少更新一次）。`;
      return `${label}：检查日 ${e.checkDate} 前 ${e.threshold.windowDays} 天内没有更新，最近一条发布于 ${postRef(e.latestPost)}，已 ${e.daysSinceLatestPost} 天未更新。`;
    }
    case 'no_interaction': {
      const e = v.evidence;
      const parts: string[] = [];
      if (e.reasons.includes('channel_disabled')) parts.push('账号未开通留言、评论等互动渠道');
      if (e.reasons.includes('unanswered_too_long'))
        parts.push(`有公众留言 ${e.oldestUnansweredDays} 天未回复（上限 ${e.threshold.maxUnansweredDays} 天${e.metricsAt ? `，数据采集于 ${e.metricsAt}` : ''}）`);
      return `${label}：${parts.join('；')}。`;
    }
    case 'security': {
      const e = v.evidence;
      const parts: string[] = [];
      if (e.severePosts.length)
        parts.push(
          `${e.from} 至 ${e.to} 期间 ${e.severePosts.length} 条稿件存在严重表述错误或泄露个人信息：${list(
            e.severePosts.map((p) => `${postRef(p)}「${p.errors.map((x) => `${x.error}（应为/处理：${x.suggestion}）`).join('；')}」`),
            3,
          )}`,
        );
      if (e.incident) parts.push(`记录有安全事件：${e.incident}`);
      return `${label}：${parts.join('；')}。`;
    }
    case 'fake_engagement': {
      const e = v.evidence;
      const who = [e.confirmedBy ? `由 ${e.confirmedBy}` : '', e.confirmedAt ? `于 ${e.confirmedAt}` : ''].filter(Boolean).join('');
      return `${label}：存在购买粉丝或强制点赞等刷量行为，已${who ? `${who}` : '经审核人员'}确认${e.note ? `（${e.note}）` : ''}。`;
    }
  }
}

function namingProblem(p: NamingProblem): string {
  switch (p.rule) {
    case 'name_missing_unit':
      return `账号名称「${p.accountName}」未体现主办单位「${p.departmentName}」`;
    case 'verified_subject_mismatch':
      return `认证主体「${p.verifiedSubject}」与主办单位「${p.departmentName}」不一致`;
    case 'inconsistent_names':
      return `同一单位在其他平台的账号名称不一致（本账号「${p.accountName}」，其他：${list(p.siblingNames.map((s) => `「${s}」`))}）`;
  }
}

export function explainDeduction(d: Deduction): string {
  const head = `「${DEDUCTION_LABELS[d.code]}」扣 ${fmt(d.points)} 分（上限 ${fmt(d.cap)} 分${d.evidence.uncappedPoints > d.points ? `，按规则应扣 ${fmt(d.evidence.uncappedPoints)} 分，已封顶` : ''}）`;
  switch (d.code) {
    case 'cadence': {
      const e = d.evidence;
      return `${head}：${e.from} 至 ${e.to}（检查日前 ${e.threshold.windowDays} 天）发布 ${e.posts} 条，要求至少 ${e.threshold.minPosts} 条，缺 ${e.missing} 条，每缺 1 条扣 ${fmt(e.threshold.pointsPerMissingPost)} 分。`;
    }
    case 'service_share': {
      const e = d.evidence;
      const share = e.sharePercent === null ? `期间无任何发布，按 0% 计` : `服务类和政策解读类 ${e.servicePosts} 条，占 ${e.totalPosts} 条的 ${fmt(e.sharePercent)}%`;
      return `${head}：${e.from} 至 ${e.to}（检查日前 ${e.threshold.windowDays} 天）${share}，低于 ${fmt(e.appliedTier.belowPercent)}% 扣 ${fmt(e.appliedTier.points)} 分。`;
    }
    case 'off_mission_share': {
      const e = d.evidence;
      const examples = e.posts.map((p) => `${postRef(p)}${p.reasons.length ? `「${p.reasons.slice(0, 3).join('、')}」` : ''}`);
      return `${head}：${e.from} 至 ${e.to}（检查日前 ${e.threshold.windowDays} 天）与政务无关的内容 ${e.offMissionPosts} 条，占 ${e.totalPosts} 条的 ${fmt(e.sharePercent)}%，达到 ${fmt(e.appliedTier.atLeastPercent)}% 扣 ${fmt(e.appliedTier.points)} 分。相关稿件：${list(examples, 3)}。`;
    }
    case 'wording': {
      const e = d.evidence;
      const examples = e.posts.map((p) => `${postRef(p)}「${p.errors.map((x) => `${x.error}→${x.suggestion}`).join('，')}」`);
      return `${head}：${e.from} 至 ${e.to} 有 ${e.posts.length} 条稿件存在错别字或一般表述错误，每条扣 ${fmt(e.threshold.pointsPerPost)} 分：${list(examples, 3)}。`;
    }
    case 'naming': {
      const e = d.evidence;
      return `${head}：${e.problems.map(namingProblem).join('；')}。`;
    }
    case 'service_links': {
      const e = d.evidence;
      return `${head}：${e.brokenLinks.length} 个服务链接无法访问，每个扣 ${fmt(e.threshold.pointsPerBrokenLink)} 分：${list(e.brokenLinks, 3)}。`;
    }
  }
}

/**
 * The whole grade in plain Chinese: a conclusion, then one sentence per veto
 * and per deduction. Under a veto the deductions are marked as for reference.
 */
export function explainGrade(grade: Grade): string[] {
  const out: string[] = [];
  if (grade.score === null) {
    out.push(`结论：${VERDICT_LABELS[grade.verdict]}（单项否决，不计分）。检查日 ${grade.checkDate}，规则「${grade.profile}」第 ${grade.profileVersion} 版。`);
  } else {
    out.push(
      `结论：${VERDICT_LABELS[grade.verdict]}，得分 ${fmt(grade.score)}（${BAND_LABELS[grade.band]}）。检查日 ${grade.checkDate}，规则「${grade.profile}」第 ${grade.profileVersion} 版。`,
    );
  }
  for (const v of grade.vetoes) out.push(explainVeto(v));
  const ref = grade.score === null && grade.deductions.length ? '（仅供整改参考）' : '';
  for (const d of grade.deductions) out.push(`${ref}${explainDeduction(d)}`);
  if (!grade.vetoes.length && !grade.deductions.length) out.push('各项指标均未扣分。');
  return out;
}

/** The reasons only (no conclusion line), joined for one spreadsheet cell. */
export function reasonsText(grade: Grade): string {
  return explainGrade(grade).slice(1).join('\n');
}
