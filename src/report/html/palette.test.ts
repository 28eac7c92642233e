import { describe, expect, it } from 'vitest';
import { SEVERITY_COLORS, STATUS_COLORS } from './palette.js';

/** WCAG 2.1 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) =>
    c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('palette', () => {
  it.each(Object.entries({ ...STATUS_COLORS, ...SEVERITY_COLORS }))(
    '%s keeps white badge text readable (WCAG AA, 4.5:1)',
    (_name, color) => {
      expect(contrast(color, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    },
  );
});
