/**
 * The form names are compared in: lower case, accents and punctuation dropped, one space between words,
 * so that "Côte d'Ivoire", "Cote d'Ivoire" and "COTE D IVOIRE" are one name.
 */
export function normalisedName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
