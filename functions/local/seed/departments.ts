/**
 * The demo county's departments (主办单位): 淳安县 (330127), under 杭州市 330100, 浙江省 330000.
 * `kind` picks the post templates (topics.ts); `short` is how posts refer to the unit;
 * `place` is where its services are handled (used in 办事指南 posts).
 */

export type Kind =
  | 'gov' | 'propaganda' | 'police' | 'hrss' | 'medins' | 'market' | 'culture' | 'health' | 'edu'
  | 'transport' | 'emergency' | 'weather' | 'civil' | 'land' | 'env' | 'housing' | 'agri' | 'water'
  | 'tax' | 'justice' | 'veterans' | 'media' | 'fire' | 'enforce' | 'ndrc' | 'youth' | 'scenic' | 'town';

export interface DeptSpec {
  key: string;
  name: string;
  kind: Kind;
  short: string;
  place: string;
  /** Mostly news (towns, media): a lower default share of service posts. */
  newsHeavy?: boolean;
}

const HALL = '县行政服务中心（千岛湖镇新安东路）';

export const DEPARTMENTS: readonly DeptSpec[] = [
  { key: 'gov', name: '淳安县人民政府办公室', kind: 'gov', short: '县政府办', place: `${HALL}综合窗口` },
  { key: 'xcb', name: '中共淳安县委宣传部', kind: 'propaganda', short: '县委宣传部', place: '县委宣传部（县府大院3号楼）', newsHeavy: true },
  { key: 'gaj', name: '淳安县公安局', kind: 'police', short: '县公安局', place: `${HALL}公安综合窗口` },
  { key: 'rsj', name: '淳安县人力资源和社会保障局', kind: 'hrss', short: '县人社局', place: `${HALL}二楼人社窗口` },
  { key: 'ybj', name: '淳安县医疗保障局', kind: 'medins', short: '县医保局', place: `${HALL}二楼医保窗口` },
  { key: 'scj', name: '淳安县市场监督管理局', kind: 'market', short: '县市场监管局', place: `${HALL}一楼市场准入窗口` },
  { key: 'wgl', name: '淳安县文化和广电旅游体育局', kind: 'culture', short: '县文广旅体局', place: '县文化中心一楼服务台' },
  { key: 'wjj', name: '淳安县卫生健康局', kind: 'health', short: '县卫健局', place: '各乡镇卫生院及县第一人民医院' },
  { key: 'jyj', name: '淳安县教育局', kind: 'edu', short: '县教育局', place: '县教育局招生办（环湖北路）' },
  { key: 'jtj', name: '淳安县交通运输局', kind: 'transport', short: '县交通运输局', place: `${HALL}交通窗口` },
  { key: 'yjj', name: '淳安县应急管理局', kind: 'emergency', short: '县应急管理局', place: `${HALL}应急窗口` },
  { key: 'qxj', name: '淳安县气象局', kind: 'weather', short: '县气象局', place: '县气象局服务科' },
  { key: 'mzj', name: '淳安县民政局', kind: 'civil', short: '县民政局', place: `${HALL}民政窗口及各乡镇便民服务中心` },
  { key: 'zgj', name: '淳安县自然资源和规划局', kind: 'land', short: '县自然资源和规划局', place: `${HALL}不动产登记窗口` },
  { key: 'sthj', name: '杭州市生态环境局淳安分局', kind: 'env', short: '生态环境淳安分局', place: `${HALL}环保窗口` },
  { key: 'zjj', name: '淳安县住房和城乡建设局', kind: 'housing', short: '县住建局', place: `${HALL}住建窗口` },
  { key: 'nyj', name: '淳安县农业农村局', kind: 'agri', short: '县农业农村局', place: '各乡镇农业服务站' },
  { key: 'slj', name: '淳安县水利局', kind: 'water', short: '县水利局', place: `${HALL}水利窗口` },
  { key: 'swj', name: '国家税务总局淳安县税务局', kind: 'tax', short: '县税务局', place: '县税务局办税服务厅' },
  { key: 'sfj', name: '淳安县司法局', kind: 'justice', short: '县司法局', place: '县公共法律服务中心' },
  { key: 'tyjr', name: '淳安县退役军人事务局', kind: 'veterans', short: '县退役军人事务局', place: '县退役军人服务中心' },
  { key: 'rmt', name: '淳安县融媒体中心', kind: 'media', short: '县融媒体中心', place: '县融媒体中心', newsHeavy: true },
  { key: 'xf', name: '淳安县消防救援大队', kind: 'fire', short: '县消防救援大队', place: '县消防救援大队防火监督科' },
  { key: 'zfj', name: '淳安县综合行政执法局', kind: 'enforce', short: '县综合行政执法局', place: `${HALL}综合执法窗口` },
  { key: 'fgj', name: '淳安县发展和改革局', kind: 'ndrc', short: '县发改局', place: `${HALL}投资项目窗口` },
  { key: 'tw', name: '共青团淳安县委', kind: 'youth', short: '团县委', place: '团县委青少年服务中心', newsHeavy: true },
  { key: 'fjq', name: '千岛湖风景名胜区管理委员会', kind: 'scenic', short: '千岛湖风景区管委会', place: '千岛湖中心湖区游客服务中心' },
  { key: 'qdhz', name: '千岛湖镇人民政府', kind: 'town', short: '千岛湖镇', place: '千岛湖镇便民服务中心', newsHeavy: true },
  { key: 'wpz', name: '威坪镇人民政府', kind: 'town', short: '威坪镇', place: '威坪镇便民服务中心', newsHeavy: true },
  { key: 'fkz', name: '汾口镇人民政府', kind: 'town', short: '汾口镇', place: '汾口镇便民服务中心', newsHeavy: true },
  { key: 'lqz', name: '临岐镇人民政府', kind: 'town', short: '临岐镇', place: '临岐镇便民服务中心', newsHeavy: true },
  { key: 'jjz', name: '姜家镇人民政府', kind: 'town', short: '姜家镇', place: '姜家镇便民服务中心', newsHeavy: true },
  { key: 'wcz', name: '文昌镇人民政府', kind: 'town', short: '文昌镇', place: '文昌镇便民服务中心', newsHeavy: true },
];

/** Villages and towns that news posts mention (县领导赴…调研). */
export const TOWNS = ['千岛湖镇', '威坪镇', '汾口镇', '临岐镇', '姜家镇', '文昌镇', '石林镇', '里商乡', '大墅镇', '枫树岭镇', '梓桐镇', '浪川乡'];
