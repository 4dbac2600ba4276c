/**
 * Duplicate finder: 200,000 accounts under 3 s (ARCHITECTURE.md), and pair
 * precision / recall on the labelled set (test/fixtures/duplicate-names.json).
 *
 * The registry is generated deterministically: 250 county-level regions, about 800
 * accounts each, with realistic name variants (full bureau names, abbreviations,
 * platform suffixes), same-unit second accounts, cross-department accounts of the
 * same function, and division / event accounts. The baseline, measured in the same
 * run, is a plain Map grouping of the same accounts by (region, platform, exact name).
 */
import { mulberry32 } from '../../../shared/util/random';
import fixture from '../../fixtures/duplicate-names.json' with { type: 'json' };
import { findDuplicateClusters, type DuplicateCandidate } from '../../../shared/consolidation/duplicates';
import { pairPrecisionRecall, setPrecisionRecall } from '../../../shared/consolidation/evaluate';
import type { Platform } from '../../../shared/registry/schemas';

const TARGET = 200_000;
const BUDGET_MS = 3_000;

const rng = mulberry32;

/** [short function name, full bureau name] */
const FUNCTIONS: [string, string][] = [
  ['教育', '教育局'], ['人社', '人力资源和社会保障局'], ['文旅', '文化和旅游局'], ['卫健', '卫生健康局'], ['市场监管', '市场监督管理局'],
  ['住建', '住房和城乡建设局'], ['发改', '发展和改革局'], ['医保', '医疗保障局'], ['应急管理', '应急管理局'], ['自然资源', '自然资源和规划局'],
  ['民政', '民政局'], ['司法', '司法局'], ['财政', '财政局'], ['公安', '公安局'], ['交警', '公安局交通警察大队'], ['城管', '综合行政执法局'],
  ['农业农村', '农业农村局'], ['生态环境', '生态环境分局'], ['交通', '交通运输局'], ['水利', '水利局'], ['统计', '统计局'], ['审计', '审计局'],
  ['商务', '商务局'], ['经信', '经济和信息化局'], ['科技', '科学技术局'], ['退役军人', '退役军人事务局'], ['林业', '林业局'], ['税务', '税务局'],
  ['政务服务', '政务服务中心'], ['融媒', '融媒体中心'], ['疾控', '疾病预防控制中心'], ['档案', '档案馆'], ['信访', '信访局'], ['妇联', '妇女联合会'],
  ['残联', '残疾人联合会'], ['总工会', '总工会'], ['消防', '消防救援大队'], ['气象', '气象局'], ['供销', '供销合作社'], ['机关事务', '机关事务管理中心'],
];
const SECTIONS = ['办公室', '宣传科', '综合股', '执法中队', '专班', '治安大队', '监管所'];
const EVENTS = ['马拉松', '美食节', '专项行动', '运动会', '创建全国文明城市'];
const PLATFORMS: Platform[] = ['wechat', 'weibo', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'miniprogram', 'app'];
const PLATFORM_WORDS: Partial<Record<Platform, string[]>> = { wechat: ['', '发布', '微信'], weibo: ['', '发布', '微博'], douyin: ['', '抖音'], toutiao: ['', '头条号'] };
const NAME_CHARS = '安宁平和新兴东西南北江河山川湖海清泉丰泰长乐永嘉德华阳明云龙凤鹤桂松柏梅兰竹溪源林峰岭州城';

export function generateRegistry(target: number, seed = 7): { accounts: DuplicateCandidate[]; regionNames: string[] } {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const accounts: DuplicateCandidate[] = [];
  const regionNames: string[] = [];
  let region = 0;
  while (accounts.length < target) {
    const code = String(330000 + 100 * Math.floor(region / 20) + (region % 20) + 1).padStart(6, '0');
    const short = pick([...NAME_CHARS]) + pick([...NAME_CHARS]);
    const full = `${short}${pick(['区', '县', '市'])}`;
    regionNames.push(full);
    region++;
    for (let d = 0; d < FUNCTIONS.length * 6 && accounts.length < target; d++) {
      const [fn, bureau] = FUNCTIONS[d % FUNCTIONS.length] as [string, string];
      const town = d >= FUNCTIONS.length ? `${pick([...NAME_CHARS])}${pick([...NAME_CHARS])}镇` : '';
      const departmentId = `${code}-d${d}`;
      const platforms = PLATFORMS.filter(() => r() < 0.45);
      for (const platform of platforms.length ? platforms : ['wechat' as Platform]) {
        if (accounts.length >= target) break;
        const roll = r();
        const word = pick(PLATFORM_WORDS[platform] ?? ['']);
        let name: string;
        if (town) name = `${short}${town}${roll < 0.5 ? '人民政府' : fn}${word}`;
        else if (roll < 0.4) name = `${short}${fn}${word}`;
        else if (roll < 0.7) name = `${full}${bureau}`;
        else if (roll < 0.8) name = `${full}${bureau}${pick(SECTIONS)}`;
        else if (roll < 0.83) name = `${2015 + Math.floor(r() * 10)}${short}${pick(EVENTS)}`;
        else name = `${pick(['平安', '健康', '清廉', '美丽', '魅力', '法治'])}${short}${fn}`;
        const n = accounts.length;
        accounts.push({
          id: `a${n}`,
          platform,
          name,
          handle: `h${n}`,
          departmentId: r() < 0.03 ? `${code}-x${Math.floor(r() * 40)}` : departmentId,
          regionCode: code,
          status: r() < 0.05 ? 'closed' : 'active',
          openedAt: `${2012 + Math.floor(r() * 12)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
          followers: Math.floor(r() * 500_000),
          ...(r() < 0.8 ? { gradeScore: 50 + Math.floor(r() * 50) } : {}),
          serviceLinks: Math.floor(r() * 4),
        });
      }
    }
  }
  return { accounts, regionNames };
}

/**
 * Median of `runs` timings, wall clock and CPU (user + system) of this process. On a
 * shared machine the wall clock also counts time spent waiting for a core; CPU time
 * does not, so both are printed.
 */
function time<T>(fn: () => T, runs = 3): { ms: number; cpuMs: number; value: T } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    value = fn();
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  return { ms: median(wall), cpuMs: median(cpu), value };
}

export default async function (log: (line: string) => void): Promise<void> {
  const { accounts, regionNames } = generateRegistry(TARGET);
  log(`generated ${accounts.length} accounts in ${new Set(accounts.map((a) => a.regionCode)).size} regions`);

  // Warm up both code paths on a slice so JIT compilation is not billed to either side.
  findDuplicateClusters(accounts.slice(0, 5_000), { regionNames });

  const baseline = time(() => {
    const groups = new Map<string, string[]>();
    for (const a of accounts) {
      if (a.status === 'closed') continue;
      const k = `${a.regionCode}\u0000${a.platform}\u0000${a.name}`;
      const g = groups.get(k);
      if (g) g.push(a.id);
      else groups.set(k, [a.id]);
    }
    return [...groups.values()].filter((g) => g.length > 1).length;
  });
  const finder = time(() => findDuplicateClusters(accounts, { regionNames }));
  const byReason = new Map<string, number>();
  for (const c of finder.value) byReason.set(c.reason, (byReason.get(c.reason) ?? 0) + 1);

  const verdict = (ms: number) => `${ms <= BUDGET_MS ? 'within' : 'OVER'} budget, ${((ms / BUDGET_MS) * 100).toFixed(0)}%`;
  log(
    `findDuplicateClusters, ${accounts.length} accounts, median of 3: wall ${finder.ms.toFixed(0)} ms (${verdict(finder.ms)}), ` +
      `CPU ${finder.cpuMs.toFixed(0)} ms (${verdict(finder.cpuMs)}); budget ${BUDGET_MS} ms`,
  );
  log(
    `baseline (Map grouping by exact name), median of 3: wall ${baseline.ms.toFixed(0)} ms, CPU ${baseline.cpuMs.toFixed(0)} ms; ` +
      `ratio finder/baseline = ${(finder.ms / baseline.ms).toFixed(1)}x wall, ${(finder.cpuMs / baseline.cpuMs).toFixed(1)}x CPU`,
  );
  log(`clusters: ${[...byReason.entries()].map(([k, v]) => `${k} ${v}`).join(', ')} (exact-name groups: ${baseline.value})`);

  const labelled = fixture.accounts as unknown as (DuplicateCandidate & { division: boolean })[];
  const predicted = findDuplicateClusters(labelled, { regionNames: fixture.allRegionNames });
  const pairs = pairPrecisionRecall(
    predicted.filter((c) => c.accountIds.length > 1).map((c) => c.accountIds),
    fixture.clusters.map((c) => c.accountIds),
  );
  const divisions = setPrecisionRecall(
    predicted.flatMap((c) => c.divisionAccountIds ?? []),
    labelled.filter((a) => a.division).map((a) => a.id),
  );
  log(
    `labelled set (${labelled.length} accounts, ${fixture.clusters.length} clusters): pair precision ${pairs.precision.toFixed(3)}, ` +
      `recall ${pairs.recall.toFixed(3)} (${pairs.truePositives}/${pairs.expectedPairs} pairs found, ${pairs.predictedPairs} predicted)`,
  );
  log(`internal-division naming: precision ${divisions.precision.toFixed(3)}, recall ${divisions.recall.toFixed(3)}`);
}
