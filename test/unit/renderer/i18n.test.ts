/**
 * The catalogs: English and Chinese give the same keys, no empty text, the same placeholders;
 * every key is used; and no user-visible text hides in the components instead of the catalogs
 * (found by parsing every .tsx file with the TypeScript compiler, not by pattern matching).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { OPS } from '../../../src/api/index';
import { opLabel } from '../../../renderer/components/opLabels';
import { interpolate, placeholderNames } from '../../../renderer/i18n/catalog';
import { en } from '../../../renderer/i18n/en';
import { zh } from '../../../renderer/i18n/zh';
import { REPO_ROOT } from '../../helpers/paths';

const RENDERER = join(REPO_ROOT, 'renderer');
// Every catalog file: a key is 'used' only if code outside the catalogs names it.
const CATALOG_FILES = new Set(['i18n/en.ts', 'i18n/zh.ts', 'i18n/en-monitoring.ts', 'i18n/zh-monitoring.ts']);
/** Attributes a user reads (or hears, through a screen reader). */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'alt', 'label']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}


describe('message catalogs', () => {
  it('Chinese has exactly the keys of English', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('no message is empty or only spaces', () => {
    for (const [lang, catalog] of Object.entries({ en, zh })) {
      for (const [key, text] of Object.entries(catalog)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
      }
    }
  });

  it('each Chinese message fills the same {placeholders} as its English original', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholderNames(zh[key]), key).toEqual(placeholderNames(en[key]));
    }
  });

  it('uses the standard Chinese names of the areas and risk terms', () => {
    expect([zh['nav.data'], zh['nav.models'], zh['nav.monitoring'], zh['nav.stress'], zh['nav.experiments'], zh['nav.reports']]).toEqual([
      '数据',
      '模型',
      '贷后监测',
      '压力测试',
      '实验',
      '报告',
    ]);
    expect(zh['plan.monitoring.1']).toContain('正常、关注、次级、可疑、损失');
  });

  it('interpolate fills named values and leaves unknown placeholders visible', () => {
    expect(interpolate(en['import.done'], { rows: '30,000', table: 'uci' })).toBe('Imported 30,000 rows into uci.');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
  });

  it('picks English singular or plural by the value, formatted or not', () => {
    expect(interpolate(en['table.meta.rows'], { n: '1' })).toBe('1 row');
    expect(interpolate(en['table.meta.rows'], { n: 1 })).toBe('1 row');
    expect(interpolate(en['table.meta.rows'], { n: '30,000' })).toBe('30,000 rows');
    expect(interpolate(en['table.meta.rows'], { n: '0' })).toBe('0 rows');
    expect(interpolate(en['import.doneWithRejects'], { rows: '29,999', table: 't', rejected: '1', rejectsTable: 't_rejects' })).toBe(
      'Imported 29,999 rows into t; 1 row was rejected and kept in t_rejects.',
    );
    expect(placeholderNames('{n} {n|row|rows} of {total}')).toEqual(['n', 'total']);
  });
});

describe('renderer source', () => {
  const files = sourceFiles(RENDERER).filter((f) => !CATALOG_FILES.has(relative(RENDERER, f)));

  it('has no bare text in JSX and no literal text in visible attributes', () => {
    const offences: string[] = [];
    for (const file of files.filter((f) => f.endsWith('.tsx'))) {
      const sf = parse(file);
      const where = (n: ts.Node) => `${relative(REPO_ROOT, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      walk(sf, (n) => {
        if (ts.isJsxText(n) && /\p{L}/u.test(n.text)) offences.push(`${where(n)} text "${n.text.trim()}"`);
        if (ts.isJsxAttribute(n) && VISIBLE_ATTRIBUTES.has(n.name.getText(sf)) && n.initializer && ts.isStringLiteral(n.initializer) && /\p{L}/u.test(n.initializer.text)) {
          offences.push(`${where(n)} ${n.name.getText(sf)}="${n.initializer.text}"`);
        }
      });
    }
    expect(offences).toEqual([]);
  });

  it('the scan does find bare text when there is some (the check itself works)', () => {
    const sf = ts.createSourceFile('x.tsx', 'const a = <p title="Hello">Load sample {n}</p>;', ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const found: string[] = [];
    walk(sf, (n) => {
      if (ts.isJsxText(n) && /\p{L}/u.test(n.text)) found.push(n.text.trim());
    });
    expect(found).toEqual(['Load sample']);
  });

  it('uses every catalog key somewhere (no stale messages)', () => {
    const literals = new Set<string>();
    for (const file of files) {
      walk(parse(file), (n) => {
        if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) literals.add(n.text);
      });
    }
    const unused = Object.keys(en).filter((k) => !literals.has(k));
    expect(unused).toEqual([]);
  });
});

describe('operation names in the job bar', () => {
  it('names every operation of the api, in both languages', () => {
    for (const op of OPS) {
      const key = opLabel(op);
      expect(key, op).not.toBeNull();
      if (key) expect(en[key].length > 0 && zh[key].length > 0, op).toBe(true);
    }
  });

  it('gives long work its own name and an unknown domain none', () => {
    expect(opLabel('workspace.import')).toBe('op.workspace.import');
    expect(opLabel('models.train')).toBe('op.models.train');
    expect(opLabel('models.list')).toBe('nav.models');
    expect(opLabel('nonsense.op')).toBeNull();
    expect(opLabel('constructor')).toBeNull();
    expect(opLabel('toString.x')).toBeNull();
  });
});
