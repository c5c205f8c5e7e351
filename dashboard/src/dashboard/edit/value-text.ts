/** A field's value as a line of text, whatever its shape: references by id, lists joined, a citation by its parts. */
export function displayValue(value: unknown): string {
  if (value == null) return '';
  if (Array.isArray(value)) return value.map(displayValue).join(' | ');
  if (typeof value === 'object') {
    if ('id' in value) return String(value.id);
    return Object.entries(value)
      .filter(([, part]) => part != null && part !== '')
      .map(([name, part]) => `${name}: ${displayValue(part)}`)
      .join('; ');
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}
