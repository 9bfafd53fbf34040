const numbers = new Intl.NumberFormat('en-GB');
const dates = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function formatCount(value: number): string {
  return numbers.format(value);
}

/** A file size in the units people know: "12.3 MB" (decimal, as file managers show). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${numbers.format(bytes)} bytes`;
  const units = ['kB', 'MB', 'GB'] as const;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: value < 10 ? 1 : 0 })} ${units[unit]}`;
}

/** "2024-03-07" → "7 March 2024" (GOV.UK date style); anything unparseable is shown as given. */
export function formatIsoDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? value : dates.format(date);
}
