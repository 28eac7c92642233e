import { describe, expect, it } from 'vitest';
import { escapeHtml, html, Markup } from './markup.js';

describe('escapeHtml', () => {
  it.each`
    input                          | output
    ${`"'&<>`}                     | ${'&quot;&#39;&amp;&lt;&gt;'}
    ${'<script>alert(1)</script>'} | ${'&lt;script&gt;alert(1)&lt;/script&gt;'}
    ${'&amp;'}                     | ${'&amp;amp;'}
    ${'tab\tand\nline'}            | ${'tab\tand\nline'}
    ${'esc\u001b[31m bell\u0007'}  | ${'esc\ufffd[31m bell\ufffd'}
    ${'abc\u202eexe'}              | ${'abc\ufffdexe'}
    ${'ünïcødé'}                   | ${'ünïcødé'}
  `('$input', ({ input, output }: { input: string; output: string }) => {
    expect(escapeHtml(input)).toBe(output);
  });
});

describe('html', () => {
  it('escapes interpolated strings, in text and in attributes', () => {
    const name = '"><img src=x onerror=alert(1)>';
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it('keeps nested markup and arrays of it, and drops empty values', () => {
    const items = ['a<b', 'c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>${undefined}${null}${false}${true}${0}`.value).toBe(
      '<ul><li>a&lt;b</li><li>c</li></ul>0',
    );
  });

  it('does not treat markup-looking strings as markup', () => {
    const fake = { value: '<b>bold</b>' };
    expect(html`${String(fake.value)}`.value).toBe('&lt;b&gt;bold&lt;/b&gt;');
    expect(html`${new Markup('<b>bold</b>')}`.value).toBe('<b>bold</b>');
  });
});
