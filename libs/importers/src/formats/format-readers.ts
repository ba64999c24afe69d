import { readEntente } from './entente/entente.reader';
import { readGdelt } from './gdelt/gdelt.reader';
import { readIcews } from './icews/icews.reader';
import type { FormatReader, ImportFormatName } from './import-format';
import { readPlover } from './plover/plover.reader';

export const FORMAT_READERS: Readonly<Record<ImportFormatName, FormatReader>> = {
  icews: readIcews,
  gdelt: readGdelt,
  plover: readPlover,
  entente: readEntente,
};
