/** Reads a Word file back for tests: its parts' XML and the text of the body, of paragraphs and of table rows. */
import JSZip from 'jszip';

export interface DocxParts {
  document: string;
  styles: string;
  /** Every paragraph's text, in order (table cells included). */
  paragraphs: string[];
  /** Every table row as its cells' text (a cell's lines joined by a newline). */
  rows: string[][];
  /** The body as one string. */
  text: string;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
/** A run's text, a tab (<w:tab/>) read as \t. */
const textOf = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[1] === undefined ? '\t' : unescape(m[1]))).join('');

export async function readDocx(bytes: ArrayBuffer | Uint8Array): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const part = async (name: string) => {
    const file = zip.file(name);
    if (!file) throw new Error(`no ${name} in the docx`);
    return file.async('string');
  };
  const [document, styles] = await Promise.all([part('word/document.xml'), part('word/styles.xml')]);
  const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0]));
  const rows = [...document.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
    [...tr[0].matchAll(/<w:tc[ >][\s\S]*?<\/w:tc>/g)].map((tc) => [...tc[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => textOf(p[0])).join('\n')),
  );
  return { document, styles, paragraphs, rows, text: paragraphs.join('\n') };
}
