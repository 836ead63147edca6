// The one CSV writer of the product: every CSV export goes through toCsv.

// OWASP's CSV injection rule: a cell a spreadsheet would read as a formula
// (=, +, -, @) or that starts with a tab or carriage return is prefixed with a
// single quote, so Excel and WPS show it as text instead of evaluating it.
// A plain signed number ("-0.53", a z-score formatted with toFixed) is left
// alone: a spreadsheet reads it as the number it is, and it can call nothing.
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

type Cell = string | number | null | undefined;

const cell = (v: Cell): string => {
  // Numbers are written as numbers: a negative score is data, not a formula.
  const s = v == null ? '' : typeof v === 'number' ? String(v) : neutraliseCell(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// RFC 4180 with CRLF line ends and a UTF-8 BOM, so Excel opens Chinese text correctly.
export function toCsv(headers: string[], rows: Cell[][]): string {
  return '\ufeff' + [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
