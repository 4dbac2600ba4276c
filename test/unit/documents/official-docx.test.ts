import { describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../../shared/documents/official';
import { attachmentDisposition, renderOfficialDocx } from '../../../functions/documents/official-docx';
import { readDocx } from '../../support/docx';

const doc: OfficialDocument = {
  issuer: '淳安县人民政府办公室',
  number: '淳政办〔2026〕12号',
  title: '关于2026年第四季度全县政府网站与政务新媒体检查情况的通报',
  addressee: '各有关单位',
  body: [
    { kind: 'paragraph', text: '现将有关情况通报如下：' },
    { kind: 'heading1', text: '一、总体情况' },
    { kind: 'heading2', text: '（一）单项否决问题' },
    { kind: 'table', headers: ['排名', '主办单位'], rows: [['1', '淳安县公安局'], ['2', '淳安县教育局 & <附属>']] },
  ],
  annexNote: ['附件：不合格账号清单'],
  signature: { issuer: '淳安县人民政府办公室', date: '2026-12-03' },
  annexes: [{ label: '附件', title: '不合格账号清单', blocks: [{ kind: 'table', headers: ['序号', '问题'], rows: [['1', '第一条\n第二条']] }] }],
  colophon: { issuer: '淳安县人民政府办公室', date: '2026-12-03' },
  fileName: 'x',
};

describe('renderOfficialDocx (GB/T 9704 layout)', () => {
  const parts = renderOfficialDocx(doc).then(readDocx);

  it('lays the page out as A4 with the standard margins (top 37, bottom 35, left 28, right 26 mm)', async () => {
    const { document } = await parts;
    const mm = (x: number) => String(Math.round((x * 1440) / 25.4));
    expect(document).toMatch(new RegExp(`<w:pgSz w:w="${mm(210)}" w:h="${mm(297)}"`));
    const margin = document.match(/<w:pgMar [^>]*>/)![0];
    expect(margin).toContain(`w:top="${mm(37)}"`);
    expect(margin).toContain(`w:bottom="${mm(35)}"`);
    expect(margin).toContain(`w:left="${mm(28)}"`);
    expect(margin).toContain(`w:right="${mm(26)}"`);
  });

  it('names the Chinese fonts of the standard: 方正小标宋简体 titles, 仿宋_GB2312 body, 黑体 and 楷体 headings, with fallbacks', async () => {
    const { styles } = await parts;
    expect(styles).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(styles).toMatch(/w:ascii="FangSong"/);
    expect(styles).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(styles).toMatch(/w:ascii="SimSun"/);
    expect(styles).toMatch(/w:eastAsia="黑体"/);
    expect(styles).toMatch(/w:eastAsia="楷体_GB2312"/);
  });

  it('sets the body in 3号 (16 pt) and the title in 2号 (22 pt)', async () => {
    const { styles } = await parts;
    const docDefaults = styles.match(/<w:docDefaults>[\s\S]*?<\/w:docDefaults>/)![0];
    expect(docDefaults).toContain('<w:sz w:val="32"/>');
    const title = styles.match(/<w:style [^>]*w:styleId="Title"[\s\S]*?<\/w:style>/)![0];
    expect(title).toContain('<w:sz w:val="44"/>');
  });

  it('writes the header lines, the title, the addressee, the body, the signature, the annex and the colophon in order', async () => {
    const { paragraphs } = await parts;
    const order = ['淳安县人民政府办公室', '淳政办〔2026〕12号', doc.title, '各有关单位：', '一、总体情况', '附件：不合格账号清单', '2026年12月3日', '附件', '不合格账号清单', '淳安县人民政府办公室\t2026年12月3日印发'];
    const at = order.map((p) => paragraphs.indexOf(p));
    expect(at.every((i) => i >= 0), JSON.stringify(at)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('draws tables with borders, escapes text, and keeps a cell\'s lines as paragraphs', async () => {
    const { document, rows } = await parts;
    expect(document).toMatch(/<w:tblBorders>[\s\S]*<w:insideH w:val="single"/);
    expect(rows).toContainEqual(['2', '淳安县教育局 & <附属>']);
    expect(rows).toContainEqual(['1', '第一条\n第二条']);
  });
});

describe('attachmentDisposition', () => {
  it('offers the Chinese name in RFC 5987 filename* beside an ASCII fallback', () => {
    expect(attachmentDisposition('整改通知（2026）.docx', 'notice.docx')).toBe(
      `attachment; filename="notice.docx"; filename*=UTF-8''${encodeURIComponent('整改通知（2026）.docx')}`,
    );
    expect(attachmentDisposition("a'b(c).docx", 'a.docx')).toBe(`attachment; filename="a.docx"; filename*=UTF-8''a%27b%28c%29.docx`);
  });
});
